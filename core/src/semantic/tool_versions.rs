//! The versions of the tools a command runs, where flags depend on them: npm (by the Node
//! image, or an `npm install -g npm@x` before), pip (by the Python image, the distribution's
//! package, or an upgrade before), apk-tools (by the Alpine release), Poetry (by the version
//! a `RUN` or `ENV` pins). `None` / `Unknown` when the file does not show it: callers pick
//! the spelling every version accepts, or none.

use super::commands::{invocation, is_pip, is_python, pip_command, subcommand, PIP_VALUE_OPTIONS};
use super::sorted::{first_in, last_in};
use super::stages::{lineage_before, stage_chain_of};
use super::Semantic;
use crate::knowledge::base_images::{
    distro_pip_major, npm_major_for_node_tag, python_image_pip_major, BaseImage, OsFamily,
    LANGUAGE_ALPINE_AT_LEAST,
};
use crate::syntax::shell::{Command, Word};
use crate::syntax::{Args, InstructionKind};

/// The official image under the stage of instruction `index` (through `FROM <stage>`), when
/// the knowledge table describes it.
pub(crate) fn known_base<'a>(model: &'a Semantic, index: usize) -> Option<&'a BaseImage> {
    let stage = model.stage_of(index)?;
    model.stage_base(model.root_stage(stage.index))
}

/// The commands that run before the command at `before` (a source offset) in instruction
/// `index`'s image: every command of the earlier instructions of its stages, then the
/// earlier commands of its own `RUN`.
pub(crate) fn commands_before<'a>(
    model: &'a Semantic,
    index: usize,
    before: u32,
) -> impl Iterator<Item = &'a Command> + 'a {
    let earlier = lineage_before(model, index);
    let own = model
        .script(index)
        .into_iter()
        .flat_map(move |s| s.commands.iter().filter(move |c| c.range.start < before));
    earlier
        .into_iter()
        .filter_map(move |i| model.script(i))
        .flat_map(|s| s.commands.iter())
        .chain(own)
}

/// The npm major for a command: an `npm install -g npm@<major>` before it, else the Node
/// image's bundled npm. `None` when neither is known.
pub(crate) fn npm_major(model: &Semantic, index: usize, before: u32) -> Option<u32> {
    let upgraded = model.tool_events().last_npm_upgrade(model, index, before);
    if let Some(u) = upgraded {
        return u;
    }
    let base = known_base(model, index)?;
    if base.image != "node" {
        return None;
    }
    // `node:8` is the line's last release; `node:8.11.3` names one.
    let minor = base
        .version
        .as_deref()
        .filter(|v| v.contains('.'))
        .and(base.major_minor())
        .map(|(_, minor)| minor);
    npm_major_for_node_tag(base.major()?, minor)
}

/// pip's major version for a command: an upgrade of pip before it (`pip install -U pip`,
/// `pip==x`, `get-pip.py`), the `python` image's pip, or the distribution's `python-pip`
/// package on a release whose version is known.
pub(crate) fn pip_major(model: &Semantic, index: usize, before: u32) -> Option<u32> {
    let events = model.tool_events();
    if let Some(major) = events.first_pip_upgrade(model, index, before) {
        return major;
    }
    let distro_pip = events.distro_pip_before(model, index, before);
    let base = known_base(model, index)?;
    match base.image {
        "python" => python_image_pip_major(base.version.as_deref()?),
        // The distribution's pip, installed here or by a script the file runs: on the
        // releases whose `python-pip` predates pip 6, that is the pip to expect.
        "ubuntu" | "debian" => {
            let major = distro_pip_major(base.os, base.release.as_deref()?)?;
            (distro_pip || major < crate::knowledge::base_images::PIP_NO_CACHE_DIR_SINCE)
                .then_some(major)
        }
        _ => None,
    }
}

/// Whether the command's pip is the distribution's, installed before it on a language
/// image whose tag names no Debian release and that was last built on an archived one
/// ([`BaseImage::on_archived_debian`]): that release may be Debian 8, whose `python-pip`
/// (1.5.6) predates pip 6, so [`pip_major`] cannot say.
pub(crate) fn distro_pip_may_predate_6(model: &Semantic, index: usize, before: u32) -> bool {
    let events = model.tool_events();
    if events.first_pip_upgrade(model, index, before).is_some()
        || !events.distro_pip_before(model, index, before)
    {
        return false;
    }
    known_base(model, index).is_some_and(|base| {
        !matches!(base.image, "python" | "ubuntu" | "debian")
            && base.os == OsFamily::Debian
            && base.release.is_none()
            && base.on_archived_debian()
    })
}

/// What one command says of the npm it leaves: `npm install -g npm@<major>` (also
/// `yarn global add` and `pnpm add -g`; the last such word), `Some(None)` for `npm@latest`
/// or `npm` (the newest when the image was built: which one that was, the file does not
/// say).
fn npm_upgrade(c: &Command) -> Option<Option<u32>> {
    let flagged = |args: &[Word]| {
        args.iter()
            .any(|w| matches!(w.value.as_str(), "-g" | "--global"))
    };
    let (program, args) = invocation(c)?;
    let global = match program {
        "npm" | "pnpm" => flagged(args),
        "yarn" => args.first().is_some_and(|w| w.value == "global"),
        _ => false,
    };
    if !global {
        return None;
    }
    let mut upgraded = None;
    for w in args {
        let v = w.value.as_str();
        if v == "npm" || v == "npm@latest" {
            upgraded = Some(None);
        } else if let Some(version) = v.strip_prefix("npm@") {
            upgraded = Some(version.split('.').next().and_then(|m| m.parse().ok()));
        }
    }
    upgraded
}

/// What one command says of pip's version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PipEvent {
    /// An upgrade (`pip install -U pip`, `get-pip.py`, conda's pip): to this major, when
    /// the command says which.
    Upgrade(Option<u32>),
    /// The distribution's `python-pip` package installed.
    Distro,
}

fn pip_event(c: &Command) -> Option<PipEvent> {
    if c.words.iter().any(|w| w.value.contains("get-pip")) {
        return Some(PipEvent::Upgrade(Some(9)));
    }
    if let Some((sub, args)) = pip_command(c) {
        if sub.value != "install" {
            return None;
        }
        return args.iter().find_map(|w| {
            if w.value == "pip" {
                return Some(PipEvent::Upgrade(Some(9)));
            }
            let v = w.value.strip_prefix("pip==")?;
            Some(PipEvent::Upgrade(
                v.split('.').next().and_then(|m| m.parse().ok()),
            ))
        });
    }
    let (program, args) = invocation(c)?;
    if matches!(program, "apt-get" | "apt" | "apk" | "yum")
        && args.iter().any(|w| {
            matches!(
                w.value.as_str(),
                "python-pip" | "python3-pip" | "py-pip" | "py3-pip" | "python2-pip"
            )
        })
    {
        return Some(PipEvent::Distro);
    }
    let conda_pip = matches!(program, "easy_install" | "conda" | "mamba" | "micromamba")
        && args
            .iter()
            .any(|w| w.value == "pip" || w.value.starts_with("pip="));
    conda_pip.then_some(PipEvent::Upgrade(Some(9)))
}

/// Where a command is: its instruction and its start in the source.
type At = (u32, u32);

/// The commands of the file that decide the npm and pip versions, in file order, found
/// once: a version asked for at each of thousands of commands is then a binary search a
/// stage, not a walk over every command before it.
#[derive(Debug, Default)]
pub(crate) struct ToolEvents {
    npm_upgrades: Vec<(At, Option<u32>)>,
    pip_upgrades: Vec<(At, Option<u32>)>,
    distro_pips: Vec<At>,
}

impl ToolEvents {
    pub(crate) fn read(model: &Semantic) -> ToolEvents {
        let mut events = ToolEvents::default();
        for index in 0..model.instructions().len() {
            let Some(script) = model.script(index) else {
                continue;
            };
            for c in &script.commands {
                let at = (index as u32, c.range.start);
                if let Some(v) = npm_upgrade(c) {
                    events.npm_upgrades.push((at, v));
                }
                match pip_event(c) {
                    Some(PipEvent::Upgrade(v)) => events.pip_upgrades.push((at, v)),
                    Some(PipEvent::Distro) => events.distro_pips.push(at),
                    None => {}
                }
            }
        }
        events
    }

    /// The ranges of commands before the command at `before` in instruction `index`'s
    /// image, in build order: the stages it is built on (whole), then its own stage up to
    /// that command.
    fn lineage(model: &Semantic, index: usize, before: u32) -> Vec<(At, At)> {
        let chain = stage_chain_of(model, index);
        if chain.is_empty() {
            // Before the first `FROM`: the command's own `RUN` only.
            return vec![((index as u32, 0), (index as u32, before))];
        }
        let own = chain.first().map(|s| s.index);
        chain
            .iter()
            .rev()
            .map(|s| {
                let end = if Some(s.index) == own {
                    (index as u32, before)
                } else {
                    (s.end, 0)
                };
                ((s.from, 0), end)
            })
            .collect()
    }

    fn first_pip_upgrade(
        &self,
        model: &Semantic,
        index: usize,
        before: u32,
    ) -> Option<Option<u32>> {
        Self::lineage(model, index, before)
            .into_iter()
            .find_map(|(start, end)| first_in(&self.pip_upgrades, start..end, |e| e.0).map(|e| e.1))
    }

    fn distro_pip_before(&self, model: &Semantic, index: usize, before: u32) -> bool {
        Self::lineage(model, index, before)
            .into_iter()
            .any(|(start, end)| first_in(&self.distro_pips, start..end, |e| *e).is_some())
    }

    fn last_npm_upgrade(&self, model: &Semantic, index: usize, before: u32) -> Option<Option<u32>> {
        Self::lineage(model, index, before)
            .into_iter()
            .rev()
            .find_map(|(start, end)| last_in(&self.npm_upgrades, start..end, |e| e.0).map(|e| e.1))
    }
}

/// The Alpine release of the image the instruction runs in: the tag's (`alpine:3.2`,
/// `node:20-alpine3.19`), or at least 3.3 for the language images' `-alpine` tags.
pub(crate) fn alpine_release(model: &Semantic, index: usize) -> Option<(u32, u32)> {
    let base = known_base(model, index)?;
    if base.os != OsFamily::Alpine {
        return None;
    }
    base.alpine_release().or(if base.image == "alpine" {
        None
    } else {
        Some(LANGUAGE_ALPINE_AT_LEAST)
    })
}

/// The Poetry version a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PoetryVersion {
    /// Pinned by the file: `pip install poetry==1.1.13`, `POETRY_VERSION=1.8.3`.
    Pinned(u32, u32),
    /// Installed without a version (pip, the official installer): the newest at build time.
    Latest,
    /// Installed by the old `get-poetry.py`, which installs 1.1 at most.
    Legacy,
    Unknown,
}

/// What the file says about the Poetry that runs the command at `before` in `index`.
pub(crate) fn poetry_version(model: &Semantic, index: usize, before: u32) -> PoetryVersion {
    let mut found = PoetryVersion::Unknown;
    let pinned = |v: &str| -> Option<PoetryVersion> {
        let v = v.trim_matches(['"', '\'']);
        let mut it = v.split('.');
        let major = it.next()?.parse().ok()?;
        let minor = it.next().and_then(|m| m.parse().ok()).unwrap_or(0);
        Some(PoetryVersion::Pinned(major, minor))
    };
    // `POETRY_VERSION` set by ENV/ARG in the stages before.
    for i in lineage_before(model, index) {
        let inst = &model.instructions()[i];
        match (&inst.kind, &inst.args) {
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs.iter().filter(|kv| kv.key.value == "POETRY_VERSION") {
                    if let Some(p) = pinned(&kv.value.value) {
                        found = p;
                    }
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                for w in words {
                    if let Some(v) = w.value.strip_prefix("POETRY_VERSION=") {
                        if let Some(p) = pinned(v) {
                            found = p;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for c in commands_before(model, index, before) {
        for a in &c.assignments {
            if a.name == "POETRY_VERSION" {
                if let Some(p) = pinned(&a.value.value) {
                    found = p;
                }
            }
        }
        let words: Vec<&str> = c.words.iter().map(|w| w.value.as_str()).collect();
        if words.iter().any(|w| w.contains("get-poetry.py"))
            && !matches!(found, PoetryVersion::Pinned(..))
        {
            found = PoetryVersion::Legacy;
        }
        if words
            .iter()
            .any(|w| w.contains("install.python-poetry.org"))
            && found == PoetryVersion::Unknown
        {
            found = PoetryVersion::Latest;
        }
        let installs = match invocation(c) {
            Some((p, args)) if is_pip(p) => {
                subcommand(args, &PIP_VALUE_OPTIONS).is_some_and(|(_, s)| s.value == "install")
            }
            Some((p, args)) if is_python(p) => args.iter().any(|w| w.value == "install"),
            Some(("pipx", args)) => args.first().is_some_and(|w| w.value == "install"),
            _ => false,
        };
        if installs {
            for w in &words {
                if let Some(v) = w.strip_prefix("poetry==") {
                    if let Some(p) = pinned(v) {
                        found = p;
                    }
                } else if *w == "poetry" && found == PoetryVersion::Unknown {
                    found = PoetryVersion::Latest;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn at_last_run<T>(src: &str, f: impl Fn(&Semantic, usize, u32) -> T) -> T {
        let p = parse(src);
        let model = Semantic::new(&p);
        let index = p.dockerfile.instructions().len() - 1;
        let before = model
            .script(index)
            .and_then(|s| s.commands.last())
            .map_or(u32::MAX, |c| c.range.start);
        f(&model, index, before)
    }

    #[test]
    fn npm_by_image_and_upgrade() {
        assert_eq!(
            at_last_run("FROM node:14\nRUN npm ci\n", npm_major),
            Some(6)
        );
        assert_eq!(
            at_last_run("FROM node:14\nRUN npm i -g npm@8\nRUN npm ci\n", npm_major),
            Some(8)
        );
        assert_eq!(
            at_last_run("FROM node:22-alpine\nRUN npm ci\n", npm_major),
            Some(10)
        );
        assert_eq!(
            at_last_run("FROM ubuntu:22.04\nRUN npm ci\n", npm_major),
            None
        );
        assert_eq!(at_last_run("FROM node\nRUN npm ci\n", npm_major), Some(11));
    }

    #[test]
    fn pip_by_image_distro_and_upgrade() {
        assert_eq!(
            at_last_run(
                "FROM ubuntu:14.04\nRUN apt-get install -y python-pip\nRUN pip install x\n",
                pip_major
            ),
            Some(1)
        );
        assert_eq!(at_last_run("FROM ubuntu:14.04\nRUN apt-get install -y python-pip && pip install -U pip && pip install x\n", pip_major), Some(9));
        assert_eq!(
            at_last_run("FROM python:3.4.1\nRUN pip install x\n", pip_major),
            Some(1)
        );
        assert_eq!(
            at_last_run("FROM python:3.11-slim\nRUN pip install x\n", pip_major),
            Some(6)
        );
        assert_eq!(
            at_last_run(
                "FROM ubuntu:22.04\nRUN apt-get install -y python3-pip\nRUN pip install x\n",
                pip_major
            ),
            Some(8)
        );
        assert_eq!(
            at_last_run("FROM centos:7\nRUN pip install x\n", pip_major),
            None
        );
    }

    #[test]
    fn alpine_releases() {
        assert_eq!(
            at_last_run(
                "FROM alpine:3.2\nRUN apk add x\n",
                |m, i, _| alpine_release(m, i)
            ),
            Some((3, 2))
        );
        assert_eq!(
            at_last_run("FROM node:8-alpine\nRUN apk add x\n", |m, i, _| {
                alpine_release(m, i)
            }),
            Some((3, 3))
        );
        assert_eq!(
            at_last_run("FROM alpine\nRUN apk add x\n", |m, i, _| alpine_release(
                m, i
            )),
            Some((3, 24))
        );
        assert_eq!(
            at_last_run("FROM debian\nRUN apk add x\n", |m, i, _| alpine_release(
                m, i
            )),
            None
        );
    }

    #[test]
    fn poetry_pins() {
        assert_eq!(
            at_last_run(
                "FROM python:3.9\nRUN pip install poetry==1.1.13\nRUN poetry install\n",
                poetry_version
            ),
            PoetryVersion::Pinned(1, 1)
        );
        assert_eq!(at_last_run("FROM python:3.9\nENV POETRY_VERSION=1.8.3\nRUN curl -sSL https://install.python-poetry.org | python3 -\nRUN poetry install\n", poetry_version), PoetryVersion::Pinned(1, 8));
        assert_eq!(
            at_last_run(
                "FROM python:3.9\nRUN pip install poetry && poetry install\n",
                poetry_version
            ),
            PoetryVersion::Latest
        );
        assert_eq!(
            at_last_run("FROM python:3.9\nRUN poetry install\n", poetry_version),
            PoetryVersion::Unknown
        );
    }
}
