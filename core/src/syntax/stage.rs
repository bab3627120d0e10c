//! Build stages: each `FROM` and the instructions up to the next one, with the base image
//! resolved through the `ARG`s declared before the first `FROM`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::image_ref::ImageRef;
use super::instruction::{Args, InstructionKind, Str};
use super::tree::Dockerfile;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
/// A build stage: a `FROM` and the instructions up to the next one.
pub struct Stage {
    /// Its position among the stages, from 0.
    pub index: u32,
    /// `AS name`, as written (BuildKit compares stage names in lower case).
    pub name: Option<Str>,
    /// Index of the `FROM` in [`Dockerfile::instructions`]; the stage runs to the next `FROM`.
    pub from: u32,
    /// One past its last instruction's index.
    pub end: u32,
    /// The image as written after `FROM` (and its flags).
    pub image: Option<Str>,
    /// The image with known `ARG` defaults substituted.
    pub resolved_image: Option<String>,
    /// Whether the image still refers to a variable whose value is only known at build time.
    pub unresolved: bool,
    /// The resolved image split into its parts, when it is an image (not a stage or a variable).
    pub base: Option<ImageRef>,
    /// `FROM <earlier stage name>`: that stage's index.
    pub base_stage: Option<u32>,
    /// The `--platform` of the `FROM`, as written.
    pub platform: Option<String>,
}

impl Stage {
    /// The stage name in lower case, as BuildKit compares names.
    pub fn name_lower(&self) -> Option<String> {
        self.name
            .as_ref()
            .map(|n| n.value.to_ascii_lowercase().into())
    }

    /// The indices of its instructions in [`Dockerfile::instructions`].
    pub fn instruction_range(&self) -> std::ops::Range<usize> {
        self.from as usize..self.end as usize
    }
}

/// A name and its default, from an `ARG` before the first `FROM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GlobalArg {
    pub name: String,
    pub default: Option<String>,
}

/// Up to this many stages, a look-up by name scans them: no allocation, and as fast as a
/// hash map for the few stages real Dockerfiles have. Past it, a hash map keeps files of
/// thousands of stages linear.
pub(crate) const STAGE_NAME_SCAN_LIMIT: usize = 32;

/// Stage names in lower case (BuildKit compares them so) and the index of the stage of
/// each name: the first one, or with `latest` the last one.
pub(crate) fn stage_name_map(stages: &[Stage], latest: bool) -> HashMap<String, u32> {
    let mut names = HashMap::new();
    for stage in stages {
        if let Some(name) = stage.name_lower() {
            if latest {
                names.insert(name, stage.index);
            } else {
                names.entry(name).or_insert(stage.index);
            }
        }
    }
    names
}

pub(crate) fn attach_stages(df: &mut Dockerfile) {
    let mut globals: Vec<GlobalArg> = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    // Past the scan limit, the names of the stages so far, each to its latest stage
    // (`FROM name` builds on the nearest earlier stage of that name).
    let mut names: Option<HashMap<String, u32>> = None;
    for (i, inst) in df.instructions.iter().enumerate() {
        match inst.kind {
            InstructionKind::Arg if stages.is_empty() => {
                if let Args::Words(words) = &inst.args {
                    globals.extend(words.iter().map(|w| declared_arg(&w.value)));
                }
            }
            InstructionKind::From => {
                if let Some(last) = stages.last_mut() {
                    last.end = i as u32;
                }
                let stage = new_stage(
                    stages.len() as u32,
                    i as u32,
                    &inst.args,
                    &inst.flags,
                    &globals,
                    &stages,
                    names.as_ref(),
                );
                stages.push(stage);
                match &mut names {
                    Some(map) => {
                        if let Some(name) = stages.last().and_then(Stage::name_lower) {
                            map.insert(name, stages.len() as u32 - 1);
                        }
                    }
                    None if stages.len() > STAGE_NAME_SCAN_LIMIT => {
                        names = Some(stage_name_map(&stages, true));
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
    if let Some(last) = stages.last_mut() {
        last.end = df.instructions.len() as u32;
    }
    df.stages = stages;
}

fn declared_arg(word: &str) -> GlobalArg {
    match word.split_once('=') {
        Some((name, value)) => GlobalArg {
            name: name.to_string(),
            default: Some(unquote(value)),
        },
        None => GlobalArg {
            name: word.to_string(),
            default: None,
        },
    }
}

/// Quote removal for an `ARG` default (the instruction layer runs it through the shell
/// lexer; defaults in practice are plain or simply quoted).
fn unquote(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut quote = None;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (q, '\\') if q != Some('\'') => out.extend(chars.next()),
            (_, c) => out.push(c),
        }
    }
    out
}

fn new_stage(
    index: u32,
    from: u32,
    args: &Args,
    flags: &[super::instruction::Flag],
    globals: &[GlobalArg],
    earlier: &[Stage],
    earlier_names: Option<&HashMap<String, u32>>,
) -> Stage {
    let words: &[Str] = match args {
        Args::List(w) => w,
        _ => &[],
    };
    let image = words.first().cloned();
    let name = match words {
        [_, as_kw, name] if as_kw.value.eq_ignore_ascii_case("as") => Some(name.clone()),
        _ => None,
    };
    let (resolved_image, unresolved) = match &image {
        Some(img) => {
            let (text, unresolved) = expand(&img.value, globals);
            (Some(text), unresolved)
        }
        None => (None, false),
    };
    let base_stage = resolved_image
        .as_deref()
        .and_then(|img| match earlier_names {
            Some(names) => names.get(&img.to_ascii_lowercase()).copied(),
            None => earlier
                .iter()
                .rev()
                .find(|s| {
                    s.name
                        .as_ref()
                        .is_some_and(|n| n.value.eq_ignore_ascii_case(img))
                })
                .map(|s| s.index),
        });
    let base = match (&resolved_image, base_stage) {
        (Some(img), None) if !unresolved => Some(ImageRef::parse(img)),
        _ => None,
    };
    let platform = flags
        .iter()
        .find(|f| f.name() == "platform")
        .and_then(|f| f.value())
        .map(|v| expand(v, globals).0);
    Stage {
        index,
        name,
        from,
        end: from + 1,
        image,
        resolved_image,
        unresolved,
        base,
        base_stage,
        platform,
    }
}

/// Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}` and
/// `${NAME+word}` with the known defaults. Returns the text and whether some variable's
/// value can only be known at build time (declared without a default, or not declared).
pub(crate) fn expand(text: &str, globals: &[GlobalArg]) -> (String, bool) {
    if !text.contains('$') {
        return (text.to_string(), false);
    }
    let lookup = |name: &str| -> Option<Option<&str>> {
        globals
            .iter()
            .rev()
            .find(|g| g.name == name)
            .map(|g| g.default.as_deref())
    };
    let mut out = String::with_capacity(text.len());
    let mut unresolved = false;
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(body) = rest.strip_prefix('{') {
            let Some(close) = body.find('}') else {
                out.push('$');
                continue;
            };
            let inner = &body[..close];
            rest = &body[close + 1..];
            let name_len = inner
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            let (name, modifier) = inner.split_at(name_len);
            let value = lookup(name);
            let (null_is_unset, op, word) = match modifier.strip_prefix(':') {
                Some(m) => (true, m.chars().next(), m.get(1..).unwrap_or("")),
                None => (
                    false,
                    modifier.chars().next(),
                    modifier.get(1..).unwrap_or(""),
                ),
            };
            let set = |v: Option<Option<&str>>| match v {
                Some(Some(v)) => Some(!(null_is_unset && v.is_empty())),
                Some(None) | None => None,
            };
            match (op, set(value)) {
                (None, _) => match value {
                    Some(Some(v)) => out.push_str(v),
                    _ => unresolved = true,
                },
                (Some('-'), Some(true)) => out.push_str(value.flatten().unwrap_or("")),
                (Some('-'), Some(false)) => out.push_str(word),
                (Some('+'), Some(true)) => out.push_str(word),
                (Some('+'), Some(false)) => {}
                _ => {
                    // Known only at build time: keep the default as the likely value.
                    if op == Some('-') {
                        out.push_str(word);
                    }
                    unresolved = true;
                }
            }
        } else {
            let name_len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if name_len == 0 {
                out.push('$');
                continue;
            }
            match lookup(&rest[..name_len]) {
                Some(Some(v)) => out.push_str(v),
                _ => unresolved = true,
            }
            rest = &rest[name_len..];
        }
    }
    out.push_str(rest);
    (out, unresolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globals() -> Vec<GlobalArg> {
        vec![
            declared_arg("NODE=20"),
            declared_arg("VARIANT=\"slim\""),
            declared_arg("TAG"),
        ]
    }

    #[test]
    fn expands_known_defaults() {
        assert_eq!(
            expand("node:${NODE}-$VARIANT", &globals()),
            ("node:20-slim".into(), false)
        );
        assert_eq!(
            expand("node:${MISSING:-18}", &globals()),
            ("node:18".into(), true)
        );
        assert_eq!(
            expand("node:${NODE:+lts}", &globals()),
            ("node:lts".into(), false)
        );
        assert_eq!(expand("node:$TAG", &globals()), ("node:".into(), true));
        assert_eq!(expand("plain", &globals()), ("plain".into(), false));
    }
}
