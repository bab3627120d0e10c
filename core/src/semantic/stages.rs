//! The stage graph: which stage an instruction is in, which stages a stage is built on
//! (`FROM <stage>`), and the instructions whose results an instruction starts from.

use super::sorted::{first_in, last_in};
use super::Semantic;
use crate::syntax::{Instruction, Stage};

/// The indices of `stage` and the stages it is built on through `FROM <stage>`, nearest
/// first. Stage names resolve to earlier stages only; the guard keeps a bad index finite.
pub(crate) fn chain(stages: &[Stage], stage: &Stage) -> Vec<u32> {
    lineage(stages, stage).map(|s| s.index).collect()
}

/// `stage` and the stages it is built on through `FROM <stage>`, nearest first, followed
/// link by link without collecting them.
pub(crate) fn lineage<'s>(
    stages: &'s [Stage],
    stage: &'s Stage,
) -> impl Iterator<Item = &'s Stage> {
    std::iter::successors(Some(stage), move |s| {
        s.base_stage
            .filter(|&b| b < s.index)
            .and_then(|b| stages.get(b as usize))
    })
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

/// [`lineage_before`] nearest first, followed without collecting it: the stage of `index`
/// back from it, then each stage it is built on from its end.
pub(crate) fn lineage_before_nearest_first<'m>(
    model: &'m Semantic,
    index: usize,
) -> impl Iterator<Item = usize> + 'm {
    model.stage_of(index).into_iter().flat_map(move |own| {
        lineage(model.stages(), own).flat_map(move |s| {
            let range = s.instruction_range();
            let end = if s.index == own.index {
                index.min(range.end)
            } else {
                range.end
            };
            (range.start..end).rev()
        })
    })
}

/// The last of `list` (instruction indices, increasing) in the lineage of `index`: its
/// stage before it, else the stages it is built on, nearest first. The lineage is in file
/// order, so this is also the latest.
pub(crate) fn last_in_lineage(model: &Semantic, index: usize, list: &[u32]) -> Option<u32> {
    last_in_lineage_by(model, index, list, |i| *i).copied()
}

/// [`last_in_lineage`] for a list ordered by `key`, an instruction index.
pub(crate) fn last_in_lineage_by<'l, T>(
    model: &Semantic,
    index: usize,
    list: &'l [T],
    key: impl Fn(&T) -> u32 + Copy,
) -> Option<&'l T> {
    if list.is_empty() {
        return None;
    }
    let stage = model.stage_of(index)?;
    // Not collected first: asked at every instruction of a deep chain, a list per
    // question was quadratic.
    lineage(model.stages(), stage).find_map(|s| {
        let end = if s.index == stage.index {
            (index as u32).min(s.end)
        } else {
            s.end
        };
        last_in(list, s.from..end, key)
    })
}

/// A value per stage, worked out from the stage and its parent's value (`FROM <stage>`)
/// in file order: a stage is built on earlier ones only, so each stage is looked at once,
/// however deep the chain.
pub(crate) fn along_chains<T: Copy>(
    stages: &[Stage],
    mut value: impl FnMut(&Stage, Option<T>) -> T,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(stages.len());
    for stage in stages {
        let parent = stage
            .base_stage
            .filter(|&b| b < stage.index)
            .and_then(|b| out.get(b as usize).copied());
        out.push(value(stage, parent));
    }
    out
}

/// Instructions marked for a question rules ask at many instructions: whether a marked
/// one comes before, in the image being built there. Whether a stage's bases hold one is
/// worked out once per stage, in file order (a stage is built on earlier ones only), so
/// each question costs a binary search, however deep the chain of stages.
#[derive(Debug, Default)]
pub(crate) struct Marked {
    sorted: Vec<usize>,
    /// Per stage: whether a mark is in the stages it is built on.
    in_bases: Vec<bool>,
}

impl Marked {
    /// The instructions of the file that `marks` accepts.
    pub(crate) fn matching(model: &Semantic, marks: impl Fn(&Instruction) -> bool) -> Marked {
        let sorted = (model.instructions().iter().enumerate())
            .filter(|(_, inst)| marks(inst))
            .map(|(i, _)| i)
            .collect();
        Marked::new(model, sorted)
    }

    /// `sorted`: instruction indices in increasing order.
    pub(crate) fn new(model: &Semantic, sorted: Vec<usize>) -> Marked {
        // Per stage: (a mark in its bases, a mark in it or its bases).
        let marks = along_chains(model.stages(), |s, parent: Option<(bool, bool)>| {
            let in_bases = parent.is_some_and(|(_, whole)| whole);
            let own = first_in(&sorted, s.instruction_range(), |&i| i).is_some();
            (in_bases, in_bases || own)
        });
        Marked {
            sorted,
            in_bases: marks.into_iter().map(|(in_bases, _)| in_bases).collect(),
        }
    }

    /// Whether a marked instruction is in [`lineage_before`] of `index`.
    pub(crate) fn before(&self, model: &Semantic, index: usize) -> bool {
        let Some(stage) = model.stage_of(index) else {
            return false;
        };
        let range = stage.instruction_range();
        self.in_bases
            .get(stage.index as usize)
            .copied()
            .unwrap_or(false)
            || first_in(&self.sorted, range.start..index.min(range.end), |&i| i).is_some()
    }
}
