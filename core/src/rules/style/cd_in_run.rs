use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::program;
use crate::syntax::shell::GroupKind;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `cd` in a `RUN`.
    ///
    /// ## Why is this bad?
    /// `cd` lasts until the end of the `RUN`: the next instruction starts in the
    /// `WORKDIR` again, which is easy to forget, and long `cd a && ... && cd ..` chains
    /// are hard to follow. `WORKDIR` sets the directory for every later instruction, and
    /// creates it when needed.
    ///
    /// A `cd` inside a subshell (`(cd src && make)`) or a command substitution
    /// (`$(cd "$dir" && pwd)`) is not reported: it does not change the directory of what
    /// follows.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25
    /// RUN cd /src && go build ./...
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.25
    /// WORKDIR /src
    /// RUN go build ./...
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3003](https://github.com/hadolint/hadolint/wiki/DL3003)
    /// - [Docker best practices: WORKDIR](https://docs.docker.com/build/building/best-practices/#workdir)
    pub(crate) static RULE = {
        code: "DL3003",
        name: "cd-in-run",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["cd"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, script) in checker.scripts_running_programs() {
        let inst = &checker.instructions()[index];
        if inst.kind != InstructionKind::Run {
            continue;
        }
        // The outermost subshells and substitutions, in order: groups nest or follow one
        // another, so a command is in one of them when it is in an outermost one (found
        // by search: a merged RUN of thousands of `(cd x && make)` has thousands). Worked
        // out only for a RUN with a `cd` to place.
        let outermost = std::cell::OnceCell::new();
        let isolated = |range: crate::syntax::TextRange| {
            let outermost: &Vec<crate::syntax::TextRange> = outermost.get_or_init(|| {
                let mut found: Vec<crate::syntax::TextRange> = Vec::new();
                for g in script.groups.iter().filter(|g| g.kind != GroupKind::Brace) {
                    match found.last() {
                        Some(last) if g.range.start < last.end => {}
                        _ => found.push(g.range),
                    }
                }
                found
            });
            let after = outermost.partition_point(|g| g.start <= range.start);
            after > 0 && outermost[after - 1].contains_range(range)
        };
        // One report per RUN: the first `cd` is where the habit shows.
        let first = script
            .commands
            .iter()
            .find(|c| program(c) == Some("cd") && !c.in_substitution && !isolated(c.range));
        if let Some(command) = first {
            checker.report(
                command.range,
                "`cd` in a `RUN`: use `WORKDIR` to switch to a directory",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{analyze, Context};
    use crate::{RuleSelector, Settings};

    fn dl3003_offsets(src: &str) -> Vec<u32> {
        let settings = Settings {
            select: vec![RuleSelector::Rule("DL3003")],
            ..Settings::default()
        };
        analyze(&crate::parse(src), &Context::default(), &settings)
            .iter()
            .map(|v| v.range.start)
            .collect()
    }

    #[test]
    fn a_cd_in_any_subshell_is_isolated_and_one_in_braces_is_not() {
        // Inside an outer subshell, after a nested one: still isolated.
        assert!(dl3003_offsets("FROM a\nRUN ( (make) ; cd /b && make )\n").is_empty());
        // Between two subshells, at the top: reported.
        let src = "FROM a\nRUN (cd /a && make) && cd /b && (cd /c && make)\n";
        let at = src.find("cd /b").expect("in the source") as u32;
        assert_eq!(dl3003_offsets(src), vec![at]);
        // Braces group without a new shell: reported.
        let src = "FROM a\nRUN { cd /d; make; }\n";
        let at = src.find("cd /d").expect("in the source") as u32;
        assert_eq!(dl3003_offsets(src), vec![at]);
    }
}
