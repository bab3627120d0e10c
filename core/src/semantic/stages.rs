//! The stage graph: which stage an instruction is in, which stages a stage is built on
//! (`FROM <stage>`), and the instructions whose results an instruction starts from.

use super::Semantic;
use crate::syntax::{Instruction, Stage};

/// The indices of `stage` and the stages it is built on through `FROM <stage>`, nearest
/// first. Stage names resolve to earlier stages only; the guard keeps a bad index finite.
pub(crate) fn chain(stages: &[Stage], stage: &Stage) -> Vec<u32> {
    let mut chain = vec![stage.index];
    let mut current = stage;
    while let Some(base) = current.base_stage {
        match stages.get(base as usize) {
            Some(s) if s.index < current.index => {
                chain.push(s.index);
                current = s;
            }
            _ => break,
        }
    }
    chain
}

/// The stages whose layers make up the image built from `stage`: the stage itself, then
/// the stages it is based on through `FROM <stage>`, nearest first.
pub(crate) fn stage_chain<'s>(model: &'s Semantic<'_>, stage: &Stage) -> Vec<&'s Stage> {
    let stages = model.stages();
    chain(stages, stage)
        .into_iter()
        .filter_map(|i| stages.get(i as usize))
        .collect()
}

/// The stage of instruction `index` and the stages it is built on, nearest first.
pub(crate) fn stage_chain_of<'s>(model: &'s Semantic<'_>, index: usize) -> Vec<&'s Stage> {
    model
        .stage_of(index)
        .map_or_else(Vec::new, |stage| stage_chain(model, stage))
}

/// The instructions whose results instruction `index` starts from, in build order: the
/// stages its stage is built on (whole), then its own stage up to (not including) `index`.
pub(crate) fn lineage_before(model: &Semantic, index: usize) -> Vec<usize> {
    let mut chain = stage_chain_of(model, index);
    chain.reverse();
    let own = chain.last().map(|s| s.index);
    chain
        .iter()
        .flat_map(|s| {
            let range = s.instruction_range();
            if Some(s.index) == own {
                range.start..index.min(range.end)
            } else {
                range
            }
        })
        .collect()
}

/// Whether one of `sorted` (instruction indices in increasing order) is in
/// [`lineage_before`] of `index`: a binary search a stage, for rules that ask it of
/// every instruction.
pub(crate) fn any_in_lineage_before(model: &Semantic, index: usize, sorted: &[usize]) -> bool {
    let chain = stage_chain_of(model, index);
    let own = chain.first().map(|s| s.index);
    chain.iter().any(|s| {
        let range = s.instruction_range();
        let end = if Some(s.index) == own {
            index.min(range.end)
        } else {
            range.end
        };
        let from = sorted.partition_point(|&i| i < range.start);
        sorted.get(from).is_some_and(|&i| i < end)
    })
}

/// [`lineage_before`] as instructions.
pub(crate) fn inherited<'a>(
    model: &Semantic<'a>,
    index: usize,
) -> impl Iterator<Item = &'a Instruction> + use<'a> {
    let insts = model.instructions();
    lineage_before(model, index)
        .into_iter()
        .map(move |i| &insts[i])
}
