//! Where each variable is set: every `ENV` key and `ARG` name of the file with the
//! instructions that set it, in file order, built once per file. Looking a variable up at
//! an instruction is then a binary search in each stage of its lineage, not a walk back
//! over every instruction before it, which made files of thousands of instructions
//! quadratic (`ENV PIP_CACHE_DIR` looked up for each of 4,000 `pip install`s: 0.8 s).
//! The `USER` instructions are listed the same way, for the user in force at one.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::stages::{last_in_lineage, last_in_lineage_by};
use super::Semantic;
use crate::syntax::{Args, InstructionKind};

/// The settings of one name, each list ordered by instruction index.
#[derive(Debug, Default)]
struct NameSettings {
    /// `ENV NAME=value` and `ARG NAME=default`: the instruction and the pair or word in it.
    valued: Vec<(u32, u32)>,
    /// `ARG NAME` without a default.
    bare: Vec<u32>,
    /// The `ENV`s that set it.
    env: Vec<u32>,
}

/// How a variable is set at the place it was looked up from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Setting<'a> {
    /// `ENV NAME=value` or `ARG NAME=default`: the value as written.
    Valued(&'a str),
    /// `ARG NAME` without a default.
    Bare,
}

/// Names are kept as owned strings so that the model stays covariant in its lifetime;
/// values are found again in the instructions.
#[derive(Debug, Default)]
pub(crate) struct Definitions {
    by_name: HashMap<String, NameSettings>,
    /// The `ENV`s and `ARG`s that set each name, by the name in lower case: built at the
    /// first look-up that ignores case.
    by_lower_name: OnceCell<HashMap<String, Vec<u32>>>,
    /// The `USER` instructions.
    users: Vec<u32>,
}

impl Definitions {
    pub(crate) fn read(model: &Semantic) -> Definitions {
        let mut by_name: HashMap<String, NameSettings> = HashMap::new();
        let mut users = Vec::new();
        for (i, inst) in model.instructions().iter().enumerate() {
            let i = i as u32;
            match (&inst.args, inst.kind) {
                (_, InstructionKind::User) => users.push(i),
                (Args::KeyValues(pairs), InstructionKind::Env) => {
                    for (n, kv) in pairs.iter().enumerate() {
                        let set = entry(&mut by_name, &kv.key.value);
                        push_valued(&mut set.valued, i, n as u32);
                        if set.env.last() != Some(&i) {
                            set.env.push(i);
                        }
                    }
                }
                (Args::Words(words), InstructionKind::Arg) => {
                    for (n, w) in words.iter().enumerate() {
                        match w.value.split_once('=') {
                            Some((name, _)) => {
                                push_valued(&mut entry(&mut by_name, name).valued, i, n as u32);
                            }
                            None => {
                                let set = entry(&mut by_name, &w.value);
                                if set.bare.last() != Some(&i) {
                                    set.bare.push(i);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Definitions {
            by_name,
            by_lower_name: OnceCell::new(),
            users,
        }
    }

    /// Whether an `ENV` in force at `index` (in its stage before it, or in the stages it is
    /// built on) sets `name`.
    pub(crate) fn env_sets(&self, model: &Semantic, index: usize, name: &str) -> bool {
        self.by_name
            .get(name)
            .is_some_and(|set| last_in_lineage(model, index, &set.env).is_some())
    }

    /// Whether an `ENV` in force at `index`, or an `ARG` of its lineage, sets one of
    /// `names`, in any case.
    pub(crate) fn sets_any_ignoring_case(
        &self,
        model: &Semantic,
        index: usize,
        names: &[&str],
    ) -> bool {
        let by_lower = self.by_lower_name.get_or_init(|| {
            let mut by_lower: HashMap<String, Vec<u32>> = HashMap::new();
            for (name, set) in &self.by_name {
                let list = by_lower.entry(name.to_ascii_lowercase()).or_default();
                list.extend(set.valued.iter().map(|v| v.0));
                list.extend(&set.bare);
            }
            for list in by_lower.values_mut() {
                list.sort_unstable();
                list.dedup();
            }
            by_lower
        });
        names.iter().any(|n| {
            by_lower
                .get(&n.to_ascii_lowercase())
                .is_some_and(|list| last_in_lineage(model, index, list).is_some())
        })
    }

    /// The last `USER` in force at `index`.
    pub(crate) fn user_at(&self, model: &Semantic, index: usize) -> Option<usize> {
        last_in_lineage(model, index, &self.users).map(|i| i as usize)
    }

    /// The value as written of the `n`th pair or word of instruction `index`.
    fn value_of<'a>(model: &Semantic<'a>, (index, n): (u32, u32)) -> &'a str {
        match &model.instructions()[index as usize].args {
            Args::KeyValues(pairs) => pairs[n as usize].value.value.as_str(),
            Args::Words(words) => words[n as usize]
                .value
                .split_once('=')
                .map_or("", |(_, default)| default),
            _ => "",
        }
    }

    /// The latest setting of `name` in force at instruction `index`: in its stage before
    /// it, or in the stages it is built on. With `valued_only`, `ARG NAME` without a
    /// default is passed over.
    fn latest<'a>(
        &self,
        model: &Semantic<'a>,
        index: usize,
        name: &str,
        valued_only: bool,
    ) -> Option<(u32, Setting<'a>)> {
        let set = self.by_name.get(name)?;
        let valued = last_in_lineage_by(model, index, &set.valued, |v| v.0)
            .map(|&v| (v.0, Setting::Valued(Self::value_of(model, v))));
        let bare = if valued_only {
            None
        } else {
            last_in_lineage(model, index, &set.bare).map(|b| (b, Setting::Bare))
        };
        match (valued, bare) {
            (Some(v), Some(b)) => Some(if b.0 > v.0 { b } else { v }),
            (v, b) => v.or(b),
        }
    }

    /// The latest `ENV`/`ARG` setting of any of `names` in force at `index`.
    pub(crate) fn latest_of<'a>(
        &self,
        model: &Semantic<'a>,
        index: usize,
        names: &[&str],
    ) -> Option<Setting<'a>> {
        names
            .iter()
            .filter_map(|n| self.latest(model, index, n, false))
            .max_by_key(|(at, _)| *at)
            .map(|(_, s)| s)
    }

    /// The value `name` has at `index`: the latest `ENV` or `ARG` default, else `Bare` when
    /// only `ARG NAME` declares it.
    pub(crate) fn value_at<'a>(
        &self,
        model: &Semantic<'a>,
        index: usize,
        name: &str,
    ) -> Option<Setting<'a>> {
        self.setting_at(model, index, name).map(|(_, s)| s)
    }

    /// [`Self::value_at`], with the index of the instruction that sets it.
    pub(crate) fn setting_at<'a>(
        &self,
        model: &Semantic<'a>,
        index: usize,
        name: &str,
    ) -> Option<(usize, Setting<'a>)> {
        self.latest(model, index, name, true)
            .or_else(|| self.latest(model, index, name, false))
            .map(|(at, s)| (at as usize, s))
    }
}

fn entry<'m>(map: &'m mut HashMap<String, NameSettings>, name: &str) -> &'m mut NameSettings {
    map.entry(name.to_owned()).or_default()
}

/// One instruction may set a name twice (`ENV A=1 A=2`): the last one is what it leaves.
fn push_valued(list: &mut Vec<(u32, u32)>, index: u32, n: u32) {
    match list.last_mut() {
        Some(last) if last.0 == index => last.1 = n,
        _ => list.push((index, n)),
    }
}
