//! A bug met while analyzing one file must not take the other files down with it, nor
//! leave a multi-threaded run waiting for a result that never comes: each file's analysis
//! runs with its panic caught and turned into an error for that file.

use std::panic::{catch_unwind, AssertUnwindSafe};

use anyhow::{anyhow, Result};

/// Runs one file's analysis; a panic becomes an error that says it is a bug (the panic
/// message itself is already on standard error, from the panic hook).
pub fn isolated<T>(analysis: impl FnOnce() -> Result<T, slimfile::Error>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(analysis)) {
        Ok(result) => result.map_err(anyhow::Error::from),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            Err(anyhow!(
                "internal error, a bug in slimfile (please report it with the file): {what}"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_a_result_passes_through() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let failed = isolated::<()>(|| panic!("index out of range"));
        std::panic::set_hook(hook);
        let message = failed.expect_err("an error").to_string();
        assert!(message.contains("internal error"), "{message}");
        assert!(message.contains("index out of range"), "{message}");
        assert_eq!(isolated(|| Ok(7)).expect("the value"), 7);
    }
}
