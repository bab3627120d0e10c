//! Pinning a base image to the tag the image table chooses.

use std::cell::OnceCell;

use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::fixes::base_switch::{context_script_run, fetched_script_run};
use crate::rules::fixes::verify::{defects, model_defects, new_defects};
use crate::rules::Checker;
use crate::semantic::images::editable_image;
use crate::semantic::stages::lineage;
use crate::semantic::variables::{for_each_var, lone_variable};
use crate::syntax::parse;
use crate::syntax::Stage;
use crate::syntax::Str;
use crate::syntax::{Args, InstructionKind, TextRange};

/// The most rewritten text the checks of a file's pins to another image (`openjdk` to
/// `eclipse-temurin`) read in all: each such pin is checked on the whole rewritten file, so
/// a large file with many would take time quadratic in its size. Past it, these pins are
/// advice. A real file (under 100 KB) has room for dozens.
const CHECKED_BYTES: usize = 8 << 20;

/// Whether the file's pins to another image are few and small enough to check each one
/// (see [`CHECKED_BYTES`]). Counted over every stage, untagged or `latest`, so that the
/// answer does not change as some are fixed.
fn replacements_checkable(checker: &Checker) -> bool {
    let replacing = |stage: &Stage| {
        let Some(base) = stage.base.as_ref().filter(|b| b.digest.is_none()) else {
            return false;
        };
        let tag = base.tag.as_deref();
        matches!(tag, None | Some("latest"))
            && base.official_name().is_some_and(|name| {
                crate::knowledge::pinned_tag(name, tag).is_some_and(|pin| pin.image != name)
            })
    };
    let count = checker.df.stages().iter().filter(|s| replacing(s)).count();
    count.saturating_mul(checker.source().len()) <= CHECKED_BYTES
}

/// The unsafe fix that pins the official base image `name` of a stage (written with `tag`,
/// or none) to the tag a pin chooses: `retag` edits the written image when the pin keeps its
/// name, otherwise the whole image is replaced, when the file's pins to another image can
/// be checked: `checkable` holds the answer for the rule's run over the file, worked out at
/// its first such pin (most files have none).
pub(crate) fn pin_fix(
    checker: &Checker,
    stage: &Stage,
    (name, tag): (&str, Option<&str>),
    checkable: &OnceCell<bool>,
    retag: impl FnOnce(&Str, &str) -> Option<Edit>,
) -> Option<Fix> {
    let pin = crate::knowledge::pinned_tag(name, tag)?;
    let title = format!("Pin `{}:{}`", pin.image, pin.tag);
    let Some(word) = editable_image(checker, stage) else {
        // `FROM $BASE`: the pin goes into the `ARG`'s default, when it keeps the image.
        let target = format!("{}:{}", pin.image, pin.tag);
        // A pin is the image `latest` is today: every stage built on the variable may take it.
        let edit =
            image_arg_default_edit(checker, stage, &target, false).filter(|_| pin.image == name)?;
        return Some(Fix::unsafe_(title, vec![edit]));
    };
    let edit = if pin.image == name {
        retag(word, &pin.tag)?
    } else {
        // Another image (`openjdk` to `eclipse-temurin`): the fix engine's self-check
        // would turn it down if the new image lacks what the stages run; say so here.
        if !*checkable.get_or_init(|| replacements_checkable(checker)) {
            return Some(Fix::display_only(format!(
                "{title}: not checked, the checks of this file's moves to another image would read over {} MiB",
                CHECKED_BYTES >> 20
            )));
        }
        let edit = Edit::replace(word.range, format!("{}:{}", pin.image, pin.tag));
        let added = replacement_defects(checker, &edit);
        if !added.is_empty() {
            return Some(Fix::display_only(format!(
                "{title}: the rewrite would add {}",
                added.join(", ")
            )));
        }
        // What a script from the build context or the network runs is not seen: the
        // other image may lack it.
        let stages = checker.df.stages();
        let built_on: Vec<&Stage> = (stages.iter())
            .filter(|s| lineage(stages, s).any(|l| l.index == stage.index))
            .collect();
        let script = context_script_run(checker, &built_on)
            .or_else(|| fetched_script_run(checker, &built_on));
        if let Some(script) = script {
            return Some(Fix::display_only(format!(
                "{title}: the image runs `{script}`, and what it needs of `{name}` is not known"
            )));
        }
        edit
    };
    Some(Fix::unsafe_(title, vec![edit]))
}

/// For a stage `FROM $BASE`, the edit that sets the default of the global `ARG BASE=<image>`
/// to `target`: a `--build-arg` still picks any image, where an edit of the `FROM` would
/// glue a tag onto whatever it is given. Only when the default is written plainly and is
/// the image the stage resolves to; with `exclusive`, only when nothing else in the file
/// reads the variable (another stage built `FROM $BASE` would change with it).
pub(crate) fn image_arg_default_edit(
    checker: &Checker,
    stage: &Stage,
    target: &str,
    exclusive: bool,
) -> Option<Edit> {
    let name = lone_variable(&stage.image.as_ref()?.value)?;
    if exclusive && variable_read_elsewhere(checker, stage, name) {
        return None;
    }
    let image = stage.resolved_image.as_deref()?;
    // The last declaration sets the default; written plainly, its value ends the word.
    let &(_, word) = checker
        .global_args()
        .declared
        .iter()
        .rev()
        .find(|(n, _)| n == name)?;
    (checker.text(word) == format!("{name}={image}")).then(|| {
        let start = word.end - image.len() as u32;
        Edit::replace(TextRange::new(start, word.end), target.to_string())
    })
}

/// Whether an instruction after the global `ARG`s, other than the stage's `FROM`, reads
/// the variable: another `FROM`, or a stage's `ARG` that brings it into its `RUN`s.
fn variable_read_elsewhere(checker: &Checker, stage: &Stage, name: &str) -> bool {
    let from = stage.from as usize;
    let first_from = checker.stages().first().map_or(0, |s| s.from as usize);
    let escape = checker.df.escape();
    checker.instructions()[first_from..]
        .iter()
        .enumerate()
        .filter(|&(i, _)| first_from + i != from)
        .any(|(_, inst)| {
            let declares = inst.kind == InstructionKind::Arg
                && matches!(&inst.args, Args::Words(words) if words
                    .iter()
                    .any(|w| w.value.split_once('=').map_or(w.value.as_str(), |(n, _)| n) == name));
            let text = inst.logical(checker.source());
            let mut reads = false;
            for_each_var(text, escape, |v| reads |= v.name(text) == name);
            declares || reads
        })
}

/// What the self-check of a rewrite finds wrong with the file once `edit` is made, and not
/// before (`program `unzip` missing on `eclipse-temurin``).
fn replacement_defects(checker: &Checker, edit: &Edit) -> Vec<String> {
    let source = checker.source();
    let range = edit.range;
    let rewritten = [
        &source[..range.start as usize],
        edit.content.as_ref(),
        &source[range.end as usize..],
    ]
    .concat();
    // The file as it is: the analysis' own model, not a second one.
    new_defects(&model_defects(checker), &defects(&parse(&rewritten)))
}

#[cfg(test)]
mod tests {
    use crate::{Applicability, Context, Linter, Settings};

    /// The DL3006 fixes of `src`: (applicability, title).
    fn pins(src: &str) -> Vec<(Applicability, String)> {
        let found = Linter::new(Settings::default())
            .check(src, &Context::default())
            .expect("checked");
        found
            .into_iter()
            .filter(|d| d.code == "DL3006")
            .filter_map(|d| d.fix)
            .map(|f| (f.applicability, f.title.to_string()))
            .collect()
    }

    #[test]
    fn pins_to_another_image_are_checked_while_the_checks_stay_small() {
        let stages = "FROM openjdk\nRUN java -version\n".repeat(2);
        let few = pins(&stages);
        assert_eq!(few.len(), 2);
        assert!(few
            .iter()
            .all(|(a, t)| *a == Applicability::Unsafe && t.starts_with("Pin `eclipse-temurin:")));
        // Nine such stages in a file of 1 MB: nine checks would read 9 MB.
        let padding = "# a comment line to make the file large\n".repeat(1 << 20 >> 5);
        let large = pins(&format!(
            "{padding}{}",
            "FROM openjdk\nRUN java -version\n".repeat(9)
        ));
        assert_eq!(large.len(), 9);
        assert!(
            large
                .iter()
                .all(|(a, t)| *a == Applicability::DisplayOnly
                    && t.ends_with("would read over 8 MiB")),
            "{large:?}"
        );
        // What a script from the build context runs is not seen, run by path or through a
        // shell's `-c`: the move to another image is advice.
        for run in ["CMD [\"/run.sh\"]", "RUN bash -c scripts/build.sh"] {
            let src = format!("FROM openjdk\nWORKDIR /app\nCOPY . .\nCOPY run.sh /run.sh\n{run}\n");
            let advice = pins(&src);
            assert_eq!(advice.len(), 1);
            let (applicability, title) = &advice[0];
            assert_eq!(*applicability, Applicability::DisplayOnly, "{src}");
            assert!(
                title.contains("what it needs of `openjdk` is not known"),
                "{title}"
            );
        }
        // A pin that keeps the image needs no check, whatever the size.
        let kept = pins(&format!("{padding}{}", "FROM node\n".repeat(9)));
        assert!(
            kept.iter().all(|(a, _)| *a == Applicability::Unsafe),
            "{kept:?}"
        );
    }
}
