//! BuildKit's own view of the file: the node values its parser produces, the AST dump its
//! golden tests use, and the per-instruction record that tools built on its parser see
//! (the shape of the PyPI package `dockerfile`). Used by `slimfile parse` and by the
//! conformance tests.

use serde::{Deserialize, Serialize};

use super::go_compat::go_quote;
use super::instruction::{Args, Flag, Instruction, InstructionKind};
use super::tree::Dockerfile;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
/// A heredoc as BuildKit's parser reports it.
pub struct BuildkitHeredoc {
    /// The delimiter word (`EOF`).
    pub name: String,
    /// The file descriptor it feeds (`0` unless written `3<<EOF`).
    pub file_descriptor: u32,
    /// The body, as BuildKit passes it on.
    pub content: String,
}

/// One instruction, field for field as BuildKit's parser reports it, plus our span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildkitInstruction {
    /// The keyword, upper case (`null` for the keyword-less line a lone `\` can make).
    pub cmd: Option<String>,
    /// For `ONBUILD`: the wrapped instruction's keyword, upper case.
    pub sub_cmd: Option<String>,
    /// Whether the arguments are in exec (JSON) form.
    pub json: bool,
    /// The instruction as BuildKit keeps it in `Node.Original`.
    pub original: String,
    /// The first line, from 1.
    pub start_line: u32,
    /// The last line, from 1.
    pub end_line: u32,
    /// The `--flags`, after quote processing.
    pub flags: Vec<String>,
    /// The values of the node chain after the keyword.
    pub value: Vec<String>,
    /// The heredocs, in order.
    pub heredocs: Vec<BuildkitHeredoc>,
    /// The instruction's byte span in the source (in the caller's encoding in a `ParseView`).
    pub span: [u32; 2],
}

/// The values of the node chain BuildKit hangs after the keyword.
fn node_values(args: &Args) -> Vec<String> {
    match args {
        Args::Empty | Args::Trigger => Vec::new(),
        Args::Exec { items, .. } => items.iter().map(|s| s.value.to_string()).collect(),
        Args::List(items) | Args::Words(items) => {
            items.iter().map(|s| s.value.to_string()).collect()
        }
        Args::Shell(s) | Args::Text(s) => vec![s.value.to_string()],
        Args::KeyValues(pairs) => pairs
            .iter()
            .flat_map(|kv| {
                let sep = if kv.legacy { "" } else { "=" };
                [
                    kv.key.value.to_string(),
                    kv.value.value.to_string(),
                    sep.to_string(),
                ]
            })
            .collect(),
        Args::Healthcheck { kind, command } => std::iter::once(kind.value.to_string())
            .chain(node_values(command))
            .collect(),
        Args::Ignored(_) => vec![String::new()],
    }
}

/// BuildKit builds flag words byte by byte, turning each byte into a rune: non-ASCII text
/// comes out as its Latin-1 reading. Reproduced so the views agree byte for byte.
fn buildkit_flag_text(flag: &Flag) -> String {
    if flag.text.is_ascii() {
        flag.text.to_string()
    } else {
        flag.text.bytes().map(char::from).collect()
    }
}

fn upper_keyword(inst: &Instruction) -> Option<String> {
    let word = &inst.keyword.value;
    (!word.is_empty()).then(|| word.to_ascii_uppercase().into())
}

/// One instruction as BuildKit's parser reports it.
pub fn buildkit_instruction(df: &Dockerfile, inst: &Instruction) -> BuildkitInstruction {
    let (sub_cmd, json, value) = match (&inst.kind, &inst.trigger) {
        (InstructionKind::Onbuild, Some(sub)) => {
            let value = match (&sub.kind, &sub.trigger) {
                (InstructionKind::Onbuild, Some(_)) => vec![String::new()],
                _ => node_values(&sub.args),
            };
            (upper_keyword(sub), sub.is_exec_form(), value)
        }
        _ => (None, inst.is_exec_form(), node_values(&inst.args)),
    };
    let mut original = inst.logical(df.source()).to_string();
    for doc in &inst.heredocs {
        original.push('\n');
        original.push_str(df.text(doc.body));
        original.push_str(&doc.name);
    }
    if !inst.heredocs.is_empty() {
        original.push('\n');
    }
    BuildkitInstruction {
        cmd: upper_keyword(inst),
        sub_cmd,
        json,
        original,
        start_line: inst.start_line,
        end_line: inst.end_line,
        flags: inst.flags.iter().map(buildkit_flag_text).collect(),
        value,
        heredocs: inst
            .heredocs
            .iter()
            .map(|d| BuildkitHeredoc {
                name: d.name.clone(),
                file_descriptor: d.file_descriptor,
                content: df.text(d.body).to_string(),
            })
            .collect(),
        span: [inst.range.start, inst.range.end],
    }
}

/// Every instruction as BuildKit's parser reports it.
pub fn buildkit_view(df: &Dockerfile) -> Vec<BuildkitInstruction> {
    df.instructions()
        .iter()
        .map(|i| buildkit_instruction(df, i))
        .collect()
}

/// `Node.Dump()` of the root, plus the newline BuildKit's golden files end with.
pub fn buildkit_dump(df: &Dockerfile) -> String {
    let mut out = String::new();
    for inst in df.instructions() {
        out.push('(');
        out.push_str(&dump_node(inst));
        out.push_str(")\n");
    }
    let mut trimmed = out.trim().to_string();
    trimmed.push('\n');
    trimmed
}

fn dump_node(inst: &Instruction) -> String {
    let mut s = inst.keyword.value.to_lowercase();
    if !inst.flags.is_empty() {
        let quoted: Vec<String> = inst
            .flags
            .iter()
            .map(|f| go_quote(&buildkit_flag_text(f)))
            .collect();
        s.push_str(&format!(" [{}]", quoted.join(" ")));
    }
    match &inst.trigger {
        Some(sub) => {
            s.push_str(" (");
            s.push_str(&dump_node(sub));
            s.push(')');
        }
        None => {
            for v in node_values(&inst.args) {
                s.push(' ');
                s.push_str(&go_quote(&v));
            }
        }
    }
    s.trim().to_string()
}
