//! Which programs a file runs, as a bit set over the programs the rules look for, so that
//! a rule about `apt-get` costs nothing on a file that never runs it.

use std::sync::OnceLock;

use super::checker::Checker;
use super::registry::RULES;
use crate::semantic::commands::basename;

const WORDS: usize = 4;

/// A set of programs, by their position in the table of programs rules declare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ProgramSet([u64; WORDS]);

impl ProgramSet {
    fn insert(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    pub(crate) fn intersects(&self, other: &ProgramSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

struct Table {
    /// Every program some rule declares, with its bit (at most `64 * WORDS` of them),
    /// grouped by length: a lookup compares a word with the few names of its length.
    by_length: Vec<Vec<(u64, &'static str, usize)>>,
    /// Per rule (indexed like `RULES`): the programs it needs, or `None` when it always runs.
    by_rule: Vec<Option<ProgramSet>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut names: Vec<&'static str> = RULES
            .iter()
            .flat_map(|r| r.programs)
            .map(|p| unversioned(p))
            .collect();
        names.sort_unstable();
        names.dedup();
        names.truncate(64 * WORDS);
        let by_rule = RULES
            .iter()
            .map(|rule| {
                let mut set = ProgramSet::default();
                for program in rule.programs {
                    // A program past the table's capacity: the rule simply always runs.
                    set.insert(names.binary_search(&unversioned(program)).ok()?);
                }
                (!rule.programs.is_empty()).then_some(set)
            })
            .collect();
        let longest = names.iter().map(|n| n.len()).max().unwrap_or(0);
        let mut by_length = vec![Vec::new(); longest + 1];
        for (bit, name) in names.iter().enumerate() {
            by_length[name.len()].push((prefix_key(name), *name, bit));
        }
        Table { by_length, by_rule }
    })
}

impl Table {
    fn bit(&self, program: &str) -> Option<usize> {
        let key = prefix_key(program);
        self.by_length
            .get(program.len())?
            .iter()
            .find(|(k, name, _)| *k == key && (program.len() <= 8 || *name == program))
            .map(|(_, _, bit)| *bit)
    }
}

/// The first eight bytes of a name (zero-padded) as one number: names of one length are
/// told apart by comparing numbers, without a call to compare bytes.
fn prefix_key(name: &str) -> u64 {
    let mut key = [0u8; 8];
    let n = name.len().min(8);
    key[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_le_bytes(key)
}

/// The programs the rule at `index` of `RULES` needs; `None` when it runs on every file.
pub(crate) fn needed_by(index: usize) -> Option<&'static ProgramSet> {
    table().by_rule.get(index)?.as_ref()
}

/// The declared programs a file runs, in all and per instruction.
#[derive(Debug, Default)]
pub(crate) struct ProgramsRun {
    pub file: ProgramSet,
    /// Indexed like the instructions.
    pub by_instruction: Vec<ProgramSet>,
}

/// Each command's program and the wrappers before it (`sudo`, `env`), by base name, in
/// every script the checker sees.
pub(crate) fn programs_run(checker: &Checker) -> ProgramsRun {
    let table = table();
    let mut run = ProgramsRun {
        file: ProgramSet::default(),
        by_instruction: vec![ProgramSet::default(); checker.instructions().len()],
    };
    for (index, set) in run.by_instruction.iter_mut().enumerate() {
        let Some(script) = checker.script(index) else {
            continue;
        };
        for command in &script.commands {
            let last = command.program_at.map_or(0, |(word, _)| word as usize);
            for word in command.words.iter().take(last + 1) {
                if let Some(bit) = table.bit(unversioned(basename(&word.value))) {
                    set.insert(bit);
                }
            }
        }
        for (all, word) in run.file.0.iter_mut().zip(set.0) {
            *all |= word;
        }
    }
    run
}

/// The name without a version suffix, so that `pip` covers `pip3`, `pip3.12` and `pip-3.4`,
/// and `python` covers `python3`.
fn unversioned(program: &str) -> &str {
    let trimmed = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let trimmed = match trimmed.strip_suffix('-') {
        Some(name) if trimmed.len() < program.len() => name,
        _ => trimmed,
    };
    if trimmed.is_empty() {
        program
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_program_fits_the_set() {
        let declared: std::collections::BTreeSet<_> =
            RULES.iter().flat_map(|r| r.programs).collect();
        assert!(declared.len() <= 64 * WORDS, "{} programs", declared.len());
        for (index, rule) in RULES.iter().enumerate() {
            assert_eq!(
                needed_by(index).is_some(),
                !rule.programs.is_empty(),
                "{}",
                rule.code
            );
        }
    }

    #[test]
    fn versioned_names_count_as_the_program() {
        assert_eq!(unversioned("pip3.12"), "pip");
        assert_eq!(unversioned("pip-3.4"), "pip");
        assert_eq!(unversioned("python3"), "python");
        assert_eq!(unversioned("apt-get"), "apt-get");
        assert_eq!(unversioned("7"), "7");
    }
}
