//! BuildKit's `parseMount` (`instructions/commands_runmount.go`): the errors a
//! `RUN --mount=...` value stops the build with. Fields whose value holds a variable are
//! known only at build time and are not judged.

use super::distance::closest_keyword;
use super::go_compat::{go_parse_bool, go_quote};

const MOUNT_TYPES: [&str; 5] = ["bind", "cache", "tmpfs", "secret", "ssh"];
const SHARING_MODES: [&str; 3] = ["shared", "private", "locked"];

/// What BuildKit rejects in the value of one `--mount` flag, as its error says.
pub(super) fn mount_error(value: &str) -> Option<String> {
    // Go's CSV reader takes quoted fields; they are rare enough to leave alone.
    if value.contains('"') {
        return None;
    }
    let mut mount = Mount {
        kind: "bind".to_string(),
        ..Mount::default()
    };
    for field in value.split(',') {
        let result = match field.split_once('=') {
            None => mount.bare(&field.to_ascii_lowercase(), field),
            Some((key, value)) if value.contains('$') => {
                if key.eq_ignore_ascii_case("type") {
                    return None; // every later check depends on the type
                }
                // Checked as the instruction is parsed, before anything is expanded.
                if key.eq_ignore_ascii_case("from") && value.find('$') != Some(value.len() - 1) {
                    return Some(
                        "'from' doesn't support variable expansion, define alias stage instead"
                            .to_string(),
                    );
                }
                mount.set_later(&key.to_ascii_lowercase());
                Ok(())
            }
            Some((key, value)) => mount.field(&key.to_ascii_lowercase(), value, field),
        };
        if let Err(message) = result {
            return Some(message);
        }
    }
    mount.finish().err()
}

#[derive(Default)]
struct Mount {
    kind: String,
    from: bool,
    source: bool,
    target: bool,
    id: bool,
    sharing: bool,
    /// The first of `mode`, `uid` and `gid` given.
    file_info: Option<&'static str>,
}

impl Mount {
    fn secret_or_ssh(&self) -> bool {
        matches!(self.kind.as_str(), "secret" | "ssh")
    }

    fn unexpected(&self, key: &str) -> String {
        format!("unexpected key '{key}' for mount type '{}'", self.kind)
    }

    /// A field without `=`.
    fn bare(&mut self, key: &str, field: &str) -> Result<(), String> {
        match key {
            "readonly" | "ro" | "readwrite" | "rw" => Ok(()),
            "required" if self.secret_or_ssh() => Ok(()),
            "required" => Err(self.unexpected(key)),
            _ => Err(format!("invalid field '{field}' must be a key=value pair")),
        }
    }

    /// A field whose value comes from a variable: only that it is set counts.
    fn set_later(&mut self, key: &str) {
        match key {
            "from" => self.from = true,
            "source" | "src" => self.source = true,
            "target" | "dst" | "destination" => self.target = true,
            "id" => self.id = true,
            "sharing" => self.sharing = true,
            "mode" => self.file_info = self.file_info.or(Some("mode")),
            "uid" => self.file_info = self.file_info.or(Some("uid")),
            "gid" => self.file_info = self.file_info.or(Some("gid")),
            _ => {}
        }
    }

    fn field(&mut self, key: &str, value: &str, field: &str) -> Result<(), String> {
        let invalid = || format!("invalid value for {key}: {value}");
        match key {
            "type" => {
                let kind = value.to_ascii_lowercase();
                if !MOUNT_TYPES.contains(&kind.as_str()) {
                    let hint = closest_keyword(&kind, MOUNT_TYPES)
                        .map(|t| format!(" (did you mean {t}?)"))
                        .unwrap_or_default();
                    return Err(format!("unsupported mount type {}{hint}", go_quote(value)));
                }
                self.kind = kind;
            }
            "readonly" | "ro" | "readwrite" | "rw" => {
                if go_parse_bool(value).is_none() {
                    return Err(invalid());
                }
            }
            "required" => {
                if !self.secret_or_ssh() {
                    return Err(self.unexpected(key));
                }
                if go_parse_bool(value).is_none() {
                    return Err(invalid());
                }
            }
            "size" => {
                if self.kind != "tmpfs" {
                    return Err(self.unexpected(key));
                }
                if !is_ram_size(value) {
                    return Err(invalid());
                }
            }
            "sharing" => {
                let mode = value.to_ascii_lowercase();
                if !SHARING_MODES.contains(&mode.as_str()) {
                    let hint = closest_keyword(&mode, SHARING_MODES)
                        .map(|m| format!(" (did you mean {m}?)"))
                        .unwrap_or_default();
                    return Err(format!(
                        "unsupported sharing value {}{hint}",
                        go_quote(value)
                    ));
                }
                self.sharing = true;
            }
            "mode" | "uid" | "gid" => {
                let radix = if key == "mode" { 8 } else { 10 };
                let digits = !value.is_empty() && value.chars().all(|c| c.is_digit(radix));
                if !digits || u32::from_str_radix(value, radix).is_err() {
                    return Err(format!("invalid value {value} for {key}"));
                }
                self.set_later(key);
            }
            "from" | "source" | "src" | "target" | "dst" | "destination" | "id" => {
                self.set_later(key);
            }
            "env" => {}
            _ => return Err(format!("unexpected key '{key}' in '{field}'")),
        }
        Ok(())
    }

    fn finish(&self) -> Result<(), String> {
        let kind = self.kind.as_str();
        if let Some(key) = self
            .file_info
            .filter(|_| !matches!(kind, "secret" | "ssh" | "cache"))
        {
            return Err(format!(
                "{key} not allowed for {} type mounts",
                go_quote(kind)
            ));
        }
        if kind == "secret" {
            if self.from {
                return Err("secret mount should not have a from".to_string());
            }
            if self.sharing {
                return Err("secret mount should not define sharing".to_string());
            }
            if !self.source && !self.target && !self.id {
                return Err("invalid secret mount. one of source, target required".to_string());
            }
            if self.source && self.id {
                return Err("both source and id can't be set".to_string());
            }
        }
        if self.sharing && kind != "cache" {
            return Err(format!("invalid cache sharing set for {kind} mount"));
        }
        Ok(())
    }
}

/// docker/go-units' `RAMInBytes`: `64m`, `1.5GiB`, `1024`, `512 kb`.
fn is_ram_size(value: &str) -> bool {
    let number_end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(number_end);
    let number_ok = number.split('.').all(|part| !part.is_empty())
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let unit = unit.strip_prefix(' ').unwrap_or(unit).to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    number_ok && (unit.is_empty() || (unit.len() == 1 && "kmgtp".contains(unit)))
}

#[cfg(test)]
mod tests {
    use super::mount_error;

    #[test]
    fn what_buildkit_accepts() {
        for ok in [
            "type=cache,target=/root/.cache",
            "type=cache,target=/var/cache/apt,sharing=locked,id=apt",
            "type=bind,source=go.sum,target=go.sum",
            "type=secret,id=npm_token,env=NPM_TOKEN",
            "type=secret,id=aws,target=/root/.aws/credentials,required",
            "type=ssh",
            "type=ssh,required=true",
            "type=tmpfs,target=/tmp,size=64m",
            "type=cache,target=/x,uid=1000,gid=1000,mode=0755",
            "target=/x,type=cache",
            "type=bind,from=builder,source=/out,target=/in,rw",
            "type=cache,target=$HOME/.cache,id=$ID",
            "type=$TYPE,whatever=1",
        ] {
            assert_eq!(mount_error(ok), None, "{ok}");
        }
        for (bad, says) in [
            ("type=foo", "unsupported mount type \"foo\""),
            (
                "type=cahce",
                "unsupported mount type \"cahce\" (did you mean cache?)",
            ),
            (
                "type=cache,foo=bar,target=/x",
                "unexpected key 'foo' in 'foo=bar'",
            ),
            (
                "type=tmpfs,target=/t,size=abc",
                "invalid value for size: abc",
            ),
            (
                "type=cache,target=/x,sharing=weird",
                "unsupported sharing value \"weird\"",
            ),
            (
                "type=cache,target=/x,mode=999",
                "invalid value 999 for mode",
            ),
            (
                "type=ssh,required=maybe",
                "invalid value for required: maybe",
            ),
            (
                "type=bind,target=/x,uid=1",
                "uid not allowed for \"bind\" type mounts",
            ),
            (
                "type=secret",
                "invalid secret mount. one of source, target required",
            ),
            (
                "required,type=secret,id=a",
                "unexpected key 'required' for mount type 'bind'",
            ),
            (
                "type=cache,size=1g,target=/x",
                "unexpected key 'size' for mount type 'cache'",
            ),
            (
                "type=bind,target=/x,sharing=locked",
                "invalid cache sharing set for bind mount",
            ),
            (
                "type=cache,target=/x,",
                "invalid field '' must be a key=value pair",
            ),
        ] {
            assert_eq!(mount_error(bad).as_deref(), Some(says), "{bad}");
        }
    }
}
