use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::declare_rule;
use crate::rules::messages::suggest;
use crate::rules::shared::name_set::NameSet;
use crate::rules::Checker;
use crate::semantic::instructions::flag_value_range;
use crate::semantic::instructions::sub_ranges;
use crate::semantic::stages::along_chains;
use crate::semantic::variables::for_each_var;
use crate::semantic::variables::may_come_from_base_image;
use crate::semantic::variables::GlobalArgs;
use crate::semantic::variables::BASE_IMAGE_ENV;
use crate::syntax::{Args, Instruction, InstructionKind, Stage, Str, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for variables used in `ENV`, `ARG`, `LABEL`, `COPY`, `ADD`, `WORKDIR`,
    /// `USER`, `VOLUME`, `STOPSIGNAL` and `RUN --mount` that are not defined at that
    /// point of the stage. The shell form of `RUN`, `CMD` and `ENTRYPOINT` is not checked:
    /// the shell expands those.
    ///
    /// ## Why is this bad?
    /// An undefined variable expands to an empty string without any error: `COPY
    /// app-$VERSION.jar /app.jar` copies `app-.jar`. The usual causes are an `ARG`
    /// declared before `FROM` and not declared again in the stage (global `ARG`s are only
    /// in scope in `FROM`), a variable used before the `ARG` or `ENV` that defines it
    /// (including an earlier key of the same `ENV`, which is not set yet), and typos.
    ///
    /// The base image's own `ENV` is not known from the Dockerfile, so for stages built on
    /// an image (not `scratch`) only those three causes are reported, and never for names
    /// base images commonly set (`PATH`, `HOME`, `JAVA_HOME`, `NODE_VERSION`, ...).
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG VERSION=1.4.2
    /// FROM eclipse-temurin:21-jre
    /// COPY target/app-${VERSION}.jar /app.jar
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG VERSION=1.4.2
    /// FROM eclipse-temurin:21-jre
    /// ARG VERSION
    /// COPY target/app-${VERSION}.jar /app.jar
    /// ```
    ///
    /// ## References
    /// - [BuildKit check UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
    /// - [Dockerfile reference: ARG scope](https://docs.docker.com/reference/dockerfile/#scope)
    pub(crate) static RULE = {
        code: "SF514",
        name: "undefined-variable",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("UndefinedVar"),
        fix: None,
        check: check,
    }
}

/// Build arguments BuildKit never puts in the environment.
const NON_ENV_ARGS: [&str; 2] = ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// How many of the names defined before a misspelt one are compared with it.
const SUGGESTION_CANDIDATES: usize = 256;

/// A variable used: its name, where, and whether it has a default (`${X:-d}`).
type Ref<'a> = (&'a str, TextRange, bool);

/// A step of the walk over the stages.
enum Step {
    Enter(usize),
    /// Back from a stage and the stages built on it: keep the first names, as many as this.
    Leave(usize),
}

struct StageScope<'a> {
    /// The names defined so far in the stage and those of the stages it is built on.
    defined: NameSet<'a>,
    /// The base image's environment is known (the stage is built on `scratch`).
    env_known: bool,
    /// The stage at the root of the `FROM <stage>` chain.
    root: usize,
}

/// What a reference is checked against.
struct Scope<'c, 'a> {
    checker: &'c Checker<'a>,
    globals: &'c GlobalArgs,
    root: &'a Stage,
    /// The stage's instructions.
    instructions: &'a [Instruction],
    /// The offset of the last `ARG` or `ENV` of the stage that sets each name, worked out
    /// at the first undefined name.
    last_set: OnceCell<HashMap<&'a str, usize>>,
}

fn check(checker: &Checker) {
    let stages = checker.df.stages();
    if stages.is_empty() {
        return;
    }
    let globals = checker.global_args();
    let roots = along_chains(stages, |stage, parent: Option<usize>| {
        parent.unwrap_or(stage.index as usize)
    });
    // A stage sees the names of the stages it is built on. One set follows a depth-first
    // walk of the stages as a tree, taking a stage's names back once the stages built on
    // it are checked: copying them into each stage costs the square of a deep chain.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); stages.len()];
    let mut walk: Vec<Step> = Vec::new();
    for stage in stages.iter().rev() {
        match stage.base_stage.filter(|&b| b < stage.index) {
            Some(parent) => children[parent as usize].push(stage.index as usize),
            None => walk.push(Step::Enter(stage.index as usize)),
        }
    }
    let mut scope = StageScope {
        defined: NameSet::default(),
        env_known: false,
        root: 0,
    };
    while let Some(step) = walk.pop() {
        let si = match step {
            Step::Enter(si) => si,
            Step::Leave(mark) => {
                scope.defined.truncate(mark);
                continue;
            }
        };
        let Some(stage) = stages.get(si) else {
            continue;
        };
        scope.root = roots.get(si).copied().unwrap_or(si);
        scope.env_known = stages[scope.root]
            .base
            .as_ref()
            .is_some_and(|b| b.is_scratch());
        walk.push(Step::Leave(scope.defined.len()));
        // Pushed last first, so that siblings are checked in file order.
        walk.extend(children[si].iter().rev().map(|&c| Step::Enter(c)));
        let instructions = &checker.instructions()[stage.instruction_range()];
        let ctx = Scope {
            checker,
            globals,
            root: &stages[scope.root],
            instructions,
            last_set: OnceCell::new(),
        };
        check_stage(&ctx, &mut scope);
    }
}

fn check_stage<'a>(ctx: &Scope<'_, 'a>, scope: &mut StageScope<'a>) {
    let checker = ctx.checker;
    for (offset, inst) in ctx.instructions.iter().enumerate().skip(1) {
        let mut refs: Vec<Ref<'a>> = Vec::new();
        match (&inst.kind, &inst.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                // Each name is defined for the defaults after it.
                for word in words {
                    let (name, eq) = match word.value.split_once('=') {
                        Some((n, _)) => (n, n.len() + 1),
                        None => (word.value.as_str(), word.value.len()),
                    };
                    collect(checker, word, eq, &mut refs);
                    report_own_separately(ctx, scope, offset, &|_| false, name, &mut refs);
                    scope.defined.insert(name);
                }
                continue;
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                // Every value is expanded before any key is set.
                // As a set at the first look-up: an `ENV` of thousands of pairs.
                let keys: OnceCell<HashSet<&str>> = OnceCell::new();
                for kv in pairs {
                    collect(checker, &kv.key, 0, &mut refs);
                    collect(checker, &kv.value, 0, &mut refs);
                    let key = kv.key.value.as_str();
                    let set_by_another = |name: &str| {
                        name != key
                            && keys
                                .get_or_init(|| {
                                    pairs.iter().map(|kv| kv.key.value.as_str()).collect()
                                })
                                .contains(name)
                    };
                    report_own_separately(ctx, scope, offset, &set_by_another, key, &mut refs);
                }
                for kv in pairs {
                    scope.defined.insert(kv.key.value.as_str());
                }
                continue;
            }
            (InstructionKind::Label, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    collect(checker, &kv.key, 0, &mut refs);
                    collect(checker, &kv.value, 0, &mut refs);
                }
            }
            (InstructionKind::Copy | InstructionKind::Add, args) => {
                let words: &[Str] = match args {
                    Args::List(w) => w,
                    Args::Exec { items, .. } => items,
                    _ => &[],
                };
                for word in words.iter().filter(|w| !w.value.starts_with("<<")) {
                    collect(checker, word, 0, &mut refs);
                }
                collect_flags(checker, inst, &["chown", "chmod", "checksum"], &mut refs);
            }
            (InstructionKind::Run, _) => collect_flags(checker, inst, &["mount"], &mut refs),
            (
                InstructionKind::Workdir | InstructionKind::User | InstructionKind::Stopsignal,
                Args::Text(text),
            ) => collect(checker, text, 0, &mut refs),
            (InstructionKind::Volume, Args::List(words) | Args::Exec { items: words, .. }) => {
                for word in words {
                    collect(checker, word, 0, &mut refs);
                }
            }
            _ => {}
        }
        report(ctx, scope, offset, &|_| false, &refs);
    }
}

/// The offset in `instructions` of the last `ARG` or `ENV` that sets each name.
fn last_set(instructions: &[Instruction]) -> HashMap<&str, usize> {
    let mut last = HashMap::new();
    for (offset, inst) in instructions.iter().enumerate() {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                for w in words {
                    last.insert(w.value.split('=').next().unwrap_or(""), offset);
                }
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    last.insert(kv.key.value.as_str(), offset);
                }
            }
            _ => {}
        }
    }
    last
}

fn collect<'a>(checker: &Checker<'a>, s: &'a Str, from: usize, out: &mut Vec<Ref<'a>>) {
    let text = s.value.get(from..).unwrap_or("");
    let at = sub_ranges(s, checker.source());
    for_each_var(text, checker.df.escape(), |r| {
        let range = at(from + r.dollar, from + r.end);
        out.push((r.name(text), range, r.has_default));
    });
}

fn collect_flags<'a>(
    checker: &Checker<'a>,
    inst: &'a Instruction,
    names: &[&str],
    out: &mut Vec<Ref<'a>>,
) {
    for flag in inst.flags.iter().filter(|f| names.contains(&f.name())) {
        let value = flag.value().unwrap_or("");
        for_each_var(value, checker.df.escape(), |r| {
            let range = flag_value_range(flag, checker.source(), r.dollar, r.end);
            out.push((r.name(value), range, r.has_default));
        });
    }
}

/// Reports `refs` (then empties it), where those to `own`, the name the `ARG` or `ENV`
/// sets, are left alone unless a global `ARG` of that name shows a mistake:
/// `ENV P=/x:$P` and `ARG X=$X` extend or take what the base image set.
fn report_own_separately(
    ctx: &Scope,
    scope: &StageScope,
    offset: usize,
    same_instruction: &dyn Fn(&str) -> bool,
    own: &str,
    refs: &mut Vec<Ref>,
) {
    if refs.is_empty() {
        return;
    }
    let (mine, rest): (Vec<Ref>, Vec<Ref>) = refs.drain(..).partition(|(n, _, _)| *n == own);
    report(ctx, scope, offset, same_instruction, &rest);
    if scope.env_known || ctx.globals.declares(own) {
        report(ctx, scope, offset, &|_| false, &mine);
    }
}

/// Reports the references of instruction `offset` of the stage that are not defined.
/// `same_instruction`: other names the same `ENV` sets (not set yet when it expands).
fn report(
    ctx: &Scope,
    scope: &StageScope,
    offset: usize,
    same_instruction: &dyn Fn(&str) -> bool,
    refs: &[Ref],
) {
    let mut reported: Vec<&str> = Vec::new();
    for &(name, range, has_default) in refs {
        if name == "PATH"
            || NON_ENV_ARGS.contains(&name)
            || scope.defined.contains(name)
            || reported.contains(&name)
        {
            continue;
        }
        let Some(message) = message(ctx, scope, offset, same_instruction, name, has_default) else {
            continue;
        };
        reported.push(name);
        ctx.checker.report(range, message);
    }
}

fn message(
    ctx: &Scope,
    scope: &StageScope,
    offset: usize,
    same_instruction: &dyn Fn(&str) -> bool,
    name: &str,
    has_default: bool,
) -> Option<String> {
    if !scope.env_known && may_come_from_base_image(name, Some(ctx.root)) {
        return None;
    }
    if ctx.globals.declares(name) {
        return Some(format!(
            "`${name}` is a global `ARG`, not in scope here: declare `ARG {name}` in the stage"
        ));
    }
    if has_default && !scope.env_known {
        // `${X:-default}`: the author expects it may be unset (or set by the base image).
        return None;
    }
    if same_instruction(name) {
        return Some(format!(
            "`${name}` is set by the same `ENV`, so it is not defined yet here"
        ));
    }
    let last_set = ctx.last_set.get_or_init(|| last_set(ctx.instructions));
    if last_set.get(name).is_some_and(|&last| last > offset) {
        return Some(format!(
            "`${name}` is used before the instruction that defines it"
        ));
    }
    // On an image, only names this file defines (and `PATH`, which BuildKit always sets)
    // are trusted as what was meant: a name close to a common image variable may well be
    // another variable of the image.
    let common = if scope.env_known {
        BASE_IMAGE_ENV
    } else {
        &["PATH"]
    };
    // The names defined last: a suggestion compares each name, and a file of thousands of
    // variables, each reported, must not cost their square.
    let defined = scope.defined.in_order();
    let recent = &defined[defined.len().saturating_sub(SUGGESTION_CANDIDATES)..];
    let options = recent.iter().copied().chain(common.iter().copied());
    if let Some(s) = suggest(name, options) {
        return Some(format!(
            "Undefined variable `${name}` (did you mean `${s}`?)"
        ));
    }
    scope
        .env_known
        .then(|| format!("Undefined variable `${name}`"))
}
