//! The parser on small files that show one fact of BuildKit's grammar each.

use slimfile::syntax::{Args, InstructionKind, ItemKind, SyntaxErrorKind};
use slimfile::{parse, Parsed};

fn ok(src: &str) -> Parsed {
    let parsed = parse(src);
    assert!(parsed.errors.is_empty(), "errors: {:?}", parsed.errors);
    assert_eq!(parsed.dockerfile.print(), src);
    parsed
}

fn kinds(p: &Parsed) -> Vec<ItemKind> {
    p.dockerfile.items().iter().map(|i| i.kind).collect()
}

fn values(p: &Parsed, i: usize) -> Vec<String> {
    let df = &p.dockerfile;
    slimfile::syntax::buildkit::buildkit_instruction(df, &df.instructions()[i]).value
}

// Files hadolint's parser rejects although BuildKit builds them.

#[test]
fn comment_right_after_a_heredoc_terminator() {
    let p = ok("FROM alpine\nRUN <<EOF\necho hi\nEOF\n# done\nCMD [\"sh\"]\n");
    assert_eq!(p.dockerfile.instructions().len(), 3);
    let run = &p.dockerfile.instructions()[1];
    assert_eq!(p.dockerfile.text(run.heredocs[0].body), "echo hi\n");
    assert_eq!(kinds(&p)[2], ItemKind::Comment);
}

#[test]
fn copy_with_chmod_flag_and_quoted_heredoc() {
    let p = ok(
        "FROM alpine\nCOPY --chmod=755 <<\"EOF\" /usr/local/bin/run\n#!/bin/sh\necho $HOME\nEOF\n",
    );
    let copy = &p.dockerfile.instructions()[1];
    assert_eq!(copy.flags[0].name(), "chmod");
    assert_eq!(copy.flags[0].value(), Some("755"));
    let doc = &copy.heredocs[0];
    assert_eq!((doc.name.as_str(), doc.expand), ("EOF", false));
    assert_eq!(p.dockerfile.text(doc.body), "#!/bin/sh\necho $HOME\n");
}

#[test]
fn comment_and_blank_lines_inside_a_continuation() {
    let src =
        "FROM debian\nRUN apt-get update \\\n  # refresh first\n\n  && apt-get install -y curl\n";
    let p = ok(src);
    let run = &p.dockerfile.instructions()[1];
    assert_eq!(
        run.logical(p.dockerfile.source()),
        "RUN apt-get update   && apt-get install -y curl"
    );
    assert_eq!((run.start_line, run.end_line), (2, 5));
    assert_eq!(p.warnings[0].kind, SyntaxErrorKind::EmptyContinuationLine);
    assert_eq!(kinds(&p), [ItemKind::Instruction, ItemKind::Instruction]);
}

#[test]
fn expose_with_a_default_expansion() {
    let p = ok("FROM nginx\nARG PORT\nEXPOSE ${PORT:-8080}\n");
    assert_eq!(values(&p, 2), ["${PORT:-8080}"]);
}

#[test]
fn comment_after_an_exec_form_cmd_is_shell_form() {
    // Current BuildKit decodes with json.Unmarshal: text after the array makes it shell form.
    let p = ok("FROM alpine\nCMD [\"sh\", \"-c\", \"echo\"] # run it\n");
    let cmd = &p.dockerfile.instructions()[1];
    assert!(!cmd.is_exec_form());
    assert!(
        matches!(&cmd.args, Args::Shell(s) if s.value == "[\"sh\", \"-c\", \"echo\"] # run it")
    );
}

#[test]
fn healthcheck_with_millisecond_interval() {
    let p =
        ok("FROM alpine\nHEALTHCHECK --interval=500ms --timeout=3s CMD wget -q -O- localhost\n");
    let hc = &p.dockerfile.instructions()[1];
    assert_eq!(hc.flag("interval").and_then(|f| f.value()), Some("500ms"));
    assert_eq!(values(&p, 1), ["CMD", "wget -q -O- localhost"]);
    assert!(p.warnings.is_empty());
}

// Directives.

#[test]
fn escape_directive_switches_the_continuation_character() {
    let p = ok("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n  c:\\\n");
    assert_eq!(p.dockerfile.escape(), '`');
    assert_eq!(
        p.dockerfile.instructions()[1].logical(p.dockerfile.source()),
        "RUN dir   c:\\"
    );
    assert_eq!(kinds(&p)[0], ItemKind::Directive);
}

#[test]
fn directives_only_count_at_the_top() {
    let p = ok("# syntax=docker/dockerfile:1\n\n# escape=`\nFROM a\nRUN b \\\n c\n");
    assert_eq!(p.dockerfile.directives().len(), 1);
    assert_eq!(p.dockerfile.escape(), '\\');
    assert_eq!(
        p.dockerfile.instructions()[1].logical(p.dockerfile.source()),
        "RUN b  c"
    );
}

#[test]
fn duplicate_and_invalid_directives_are_errors() {
    let p = parse("# escape=\\\n# ESCAPE=`\nFROM a\n");
    assert_eq!(p.errors[0].kind, SyntaxErrorKind::DuplicateDirective);
    assert_eq!(p.dockerfile.print(), "# escape=\\\n# ESCAPE=`\nFROM a\n");
    let p = parse("# escape=x\nFROM a\n");
    assert_eq!(p.errors[0].kind, SyntaxErrorKind::InvalidEscapeToken);
    assert_eq!(
        p.dockerfile.instructions().len(),
        1,
        "the rest is still read"
    );
}

#[test]
fn check_directive_is_a_directive() {
    let p = ok("# check=skip=JSONArgsRecommended\n# escape=`\nFROM a\n");
    assert_eq!(
        p.dockerfile.directive("check").map(|d| d.value.as_str()),
        Some("skip=JSONArgsRecommended")
    );
    assert_eq!(p.dockerfile.escape(), '`');
}

// Line endings, BOM, empty files.

#[test]
fn crlf_and_bom_are_kept_and_ignored() {
    let src = "\u{feff}# syntax=docker/dockerfile:1\r\nFROM a\r\nRUN b \\\r\n  c\r\n";
    let p = ok(src);
    assert!(p.dockerfile.has_bom());
    assert_eq!(p.dockerfile.directives().len(), 1);
    assert_eq!(
        p.dockerfile.instructions()[1].logical(p.dockerfile.source()),
        "RUN b   c"
    );
    assert_eq!(p.dockerfile.items()[0].range.start, 0);
}

#[test]
fn empty_and_comment_only_files_have_no_instructions() {
    for src in ["", "\n\n", "# just a comment\n", "\u{feff}"] {
        let p = parse(src);
        assert_eq!(p.dockerfile.print(), src);
        assert_eq!(p.errors.len(), 1, "{src:?}");
        assert_eq!(p.errors[0].kind, SyntaxErrorKind::NoInstructions);
    }
}

// Forms of arguments.

#[test]
fn exec_form_json_and_its_failures() {
    let p = ok("FROM a\nCMD [\"a\", \"b\\u00e9\"]\nRUN ['single', 'quotes']\n");
    assert!(
        matches!(&p.dockerfile.instructions()[1].args, Args::Exec { items, .. } if items[1].value == "bé")
    );
    assert!(matches!(
        &p.dockerfile.instructions()[2].args,
        Args::Shell(_)
    ));
    let p = parse("FROM a\nCMD [\"echo\", 1]\nRUN ok\n");
    assert_eq!(p.errors[0].kind, SyntaxErrorKind::JsonNotStrings);
    assert_eq!(p.dockerfile.instructions().len(), 2);
    assert_eq!(p.dockerfile.items()[1].kind, ItemKind::Error);
}

#[test]
fn env_forms_and_errors() {
    let p = ok("FROM a\nENV A=1 B=\"two words\"\nENV LEGACY some value\n");
    let Args::KeyValues(kv) = &p.dockerfile.instructions()[1].args else {
        panic!()
    };
    assert_eq!(
        (kv[1].key.value.as_str(), kv[1].value.value.as_str()),
        ("B", "\"two words\"")
    );
    assert_eq!(p.dockerfile.text(kv[1].range), "B=\"two words\"");
    assert_eq!(values(&p, 2), ["LEGACY", "some value", ""]);
    assert_eq!(
        parse("FROM a\nENV A=1 B\n").errors[0].kind,
        SyntaxErrorKind::MissingEquals
    );
    assert_eq!(
        parse("FROM a\nLABEL only\n").errors[0].kind,
        SyntaxErrorKind::MissingValue
    );
}

#[test]
fn onbuild_wraps_an_instruction() {
    let p = ok("FROM a\nONBUILD COPY --from=b <<EOF /x\nhi\nEOF\n");
    let onbuild = &p.dockerfile.instructions()[1];
    let trigger = onbuild.trigger.as_deref().expect("trigger");
    assert_eq!(trigger.kind, InstructionKind::Copy);
    assert_eq!(trigger.flags[0].text, "--from=b");
    assert_eq!(onbuild.heredocs[0].name, "EOF");
}

#[test]
fn unknown_instructions_and_flags_are_warnings() {
    let p = ok("FROM a\nRUNN make\nCOPY --chmod=644 --frm=x a b\n");
    let messages: Vec<_> = p.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown instruction: RUNN (did you mean RUN?)",
            "unknown flag: frm for COPY"
        ]
    );
}

#[test]
fn several_heredocs_with_chomp_and_descriptors() {
    let src = "FROM a\nRUN <<-A 3<<'B' cat\n\tone\n\tA\ntwo $x\nB\nRUN next\n";
    let p = ok(src);
    let run = &p.dockerfile.instructions()[1];
    let docs: Vec<_> = run
        .heredocs
        .iter()
        .map(|d| (d.name.as_str(), d.chomp, d.file_descriptor))
        .collect();
    assert_eq!(docs, [("A", true, 0), ("B", false, 3)]);
    assert_eq!(p.dockerfile.text(run.heredocs[1].body), "two $x\n");
    assert_eq!((run.start_line, run.end_line), (2, 6));
    assert_eq!(p.dockerfile.instructions()[2].start_line, 7);
}

#[test]
fn heredocs_only_on_run_copy_add_and_not_in_exec_form() {
    let p = ok("FROM a\nCMD cat <<EOF\nRUN [\"cat\", \"<<EOF\"]\n");
    assert!(p
        .dockerfile
        .instructions()
        .iter()
        .all(|i| i.heredocs.is_empty()));
    assert_eq!(p.dockerfile.instructions().len(), 3);
}

#[test]
fn unterminated_heredoc_is_an_error_and_parsing_resumes() {
    let p = parse("FROM a\nRUN <<EOF\necho hi\nRUN next\n");
    assert_eq!(p.errors[0].kind, SyntaxErrorKind::UnterminatedHeredoc);
    assert_eq!(
        p.dockerfile.print(),
        "FROM a\nRUN <<EOF\necho hi\nRUN next\n"
    );
    let kinds: Vec<_> = p.dockerfile.instructions().iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            InstructionKind::From,
            InstructionKind::Unknown,
            InstructionKind::Run
        ]
    );
}

#[test]
fn spans_cross_continuation_lines() {
    let src = "FROM a\nCOPY --chown=app:app \\\n    src/ /app/\n";
    let p = ok(src);
    let copy = &p.dockerfile.instructions()[1];
    let Args::List(words) = &copy.args else {
        panic!()
    };
    assert_eq!(p.dockerfile.text(words[0].range), "src/");
    assert_eq!(
        p.dockerfile.text(copy.range),
        "COPY --chown=app:app \\\n    src/ /app/"
    );
}

#[test]
fn stages_resolve_global_args_and_stage_references() {
    let src = "ARG NODE=20\nFROM node:${NODE}-slim AS build\nRUN make\nFROM build AS test\nFROM gcr.io/distroless/nodejs22:nonroot\n";
    let p = ok(src);
    let stages = p.dockerfile.stages();
    assert_eq!(stages.len(), 3);
    assert_eq!(stages[0].resolved_image.as_deref(), Some("node:20-slim"));
    assert_eq!(
        stages[0].base.as_ref().and_then(|b| b.official_name()),
        Some("node")
    );
    assert_eq!(stages[0].instruction_range(), 1..3);
    assert_eq!(stages[1].base_stage, Some(0));
    assert_eq!(
        stages[2].base.as_ref().and_then(|b| b.registry.as_deref()),
        Some("gcr.io")
    );
}

#[test]
fn a_lone_escape_line_joins_with_the_next() {
    let p = ok("FROM a\n\\\nRUN x\n");
    assert_eq!(
        p.dockerfile.instructions()[1].logical(p.dockerfile.source()),
        "RUN x"
    );
    assert_eq!(p.dockerfile.instructions()[1].start_line, 2);
}
