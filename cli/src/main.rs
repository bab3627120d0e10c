//! The `slimfile` binary.

use std::process::ExitCode;

// Analysis allocates many small strings (shell words, messages); mimalloc makes a whole
// `check` about a fifth faster than the system allocator (measured on the sample corpus).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(slimfile_cli::run(std::env::args_os()))
}
