//! Example-style tests: each parses a realistic snippet and checks the model.

use super::*;
use crate::syntax::TextRange;

fn words(c: &Command) -> Vec<&str> {
    c.words.iter().map(|w| w.value.as_str()).collect()
}

fn programs(s: &Script) -> Vec<&str> {
    s.commands
        .iter()
        .map(|c| c.program().unwrap_or(""))
        .collect()
}

fn connectors(s: &Script) -> Vec<Connector> {
    s.commands.iter().map(|c| c.connector).collect()
}

fn ok(text: &str) -> Script {
    let s = parse_script(text);
    assert!(
        s.errors.is_empty(),
        "unexpected errors for {text:?}: {:?}",
        s.errors
    );
    s
}

fn errs(text: &str) -> Script {
    let s = parse_script(text);
    assert!(!s.errors.is_empty(), "expected errors for {text:?}");
    s
}

fn r(start: u32, end: u32) -> TextRange {
    TextRange::new(start, end)
}

use Connector::{And, Background, First, Or, Pipe, Seq};

// ----- simple commands and connectors ------------------------------------------------

#[test]
fn apt_get_chain() {
    let text = "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*";
    let s = ok(text);
    assert_eq!(s.commands.len(), 3);
    assert_eq!(connectors(&s), [First, And, And]);
    let install = &s.commands[1];
    assert_eq!(
        words(install),
        [
            "apt-get",
            "install",
            "-y",
            "--no-install-recommends",
            "curl"
        ]
    );
    assert_eq!(install.range, r(18, 65));
    assert_eq!(
        install.range.slice(text),
        "apt-get install -y --no-install-recommends curl"
    );
    assert_eq!(install.words[2].range, r(34, 36));
    assert_eq!(install.program(), Some("apt-get"));
    assert_eq!(install.args().len(), 4);
    assert_eq!(install.args()[3].value, "curl");
    let rm = &s.commands[2];
    assert_eq!(words(rm), ["rm", "-rf", "/var/lib/apt/lists/*"]);
    assert_eq!(rm.range.end as usize, text.len());
    assert!(s.groups.is_empty());
    assert_eq!(
        s.commands
            .iter()
            .filter(|c| c.program() == Some("apt-get"))
            .count(),
        2
    );
}

#[test]
fn all_connectors() {
    let s = ok("a; b && c || d | e |& f & g\nh");
    assert_eq!(programs(&s), ["a", "b", "c", "d", "e", "f", "g", "h"]);
    assert_eq!(
        connectors(&s),
        [First, Seq, And, Or, Pipe, Pipe, Background, Seq]
    );
}

#[test]
fn operators_without_spaces() {
    let s = ok("a&&b||c;d|e");
    assert_eq!(programs(&s), ["a", "b", "c", "d", "e"]);
    assert_eq!(connectors(&s), [First, And, Or, Seq, Pipe]);
    assert_eq!(s.commands[1].range, r(3, 4));
}

#[test]
fn newline_after_operator_keeps_it() {
    let s = ok("a &&\n  b ||\n\n c |\n d\n\ne");
    assert_eq!(connectors(&s), [First, And, Or, Pipe, Seq]);
}

#[test]
fn set_eux_then_continued_line() {
    // Continuation lines are already joined by the Dockerfile parser; a leftover
    // backslash-newline is just whitespace.
    let s = ok("set -eux; \\\n    apt-get update; \\\n    apt-get install -y git");
    assert_eq!(programs(&s), ["set", "apt-get", "apt-get"]);
    assert_eq!(words(&s.commands[0]), ["set", "-eux"]);
    assert_eq!(connectors(&s), [First, Seq, Seq]);
}

#[test]
fn curl_pipe_sh() {
    let s = ok("curl -fsSL https://example.com/install.sh | sh -s -- --yes");
    assert_eq!(programs(&s), ["curl", "sh"]);
    assert_eq!(s.commands[1].connector, Pipe);
    assert_eq!(words(&s.commands[1]), ["sh", "-s", "--", "--yes"]);
}

#[test]
fn empty_and_blank_scripts() {
    assert!(ok("").commands.is_empty());
    assert!(ok("   \n\t \n").commands.is_empty());
    assert!(ok("# only a comment").commands.is_empty());
    assert!(ok("\\\n").commands.is_empty());
}

#[test]
fn leading_and_trailing_separators() {
    let s = ok("\n\na;\n");
    assert_eq!(connectors(&s), [First]);
    let s = ok("a &");
    assert_eq!(programs(&s), ["a"]);
}

// ----- quoting -----------------------------------------------------------------------

#[test]
fn quotes_are_removed_from_values() {
    let text = r#"echo "a b" 'c d' e"f"'g' "" ''"#;
    let s = ok(text);
    let c = &s.commands[0];
    assert_eq!(words(c), ["echo", "a b", "c d", "efg", "", ""]);
    assert!(c.words[1].quoted && !c.words[0].quoted);
    assert_eq!(c.words[1].range.slice(text), "\"a b\"");
    assert_eq!(c.words[3].range.slice(text), "e\"f\"'g'");
    assert!(!c.words[1].dynamic);
}

#[test]
fn backslash_escapes() {
    let s = ok(r"echo a\ b \$HOME \\ \' x\#y");
    let c = &s.commands[0];
    assert_eq!(words(c), ["echo", "a b", "$HOME", "\\", "'", "x#y"]);
    assert!(c.words[1].quoted);
    assert!(!c.words[2].dynamic, "an escaped $ is literal");
}

#[test]
fn escapes_inside_double_quotes() {
    let s = ok(r#"echo "a\"b \$x \\ \n \`""#);
    assert_eq!(s.commands[0].words[1].value, r#"a"b $x \ \n `"#);
    assert!(!s.commands[0].words[1].dynamic);
}

#[test]
fn single_quotes_keep_everything() {
    let s = ok(r#"echo '$HOME "x" \n # && ;'"#);
    assert_eq!(s.commands.len(), 1);
    assert_eq!(s.commands[0].words[1].value, r#"$HOME "x" \n # && ;"#);
    assert!(!s.commands[0].words[1].dynamic);
}

#[test]
fn ansi_c_quoting() {
    let s = ok(r"printf $'a\tb\n\x41\101\'\\' $'\u00e9'");
    assert_eq!(s.commands[0].words[1].value, "a\tb\nAA'\\");
    assert_eq!(s.commands[0].words[2].value, "é");
    assert!(s.commands[0].words[1].quoted);
}

#[test]
fn line_continuation_inside_word() {
    let s = ok("ech\\\no \"a\\\nb\"");
    assert_eq!(words(&s.commands[0]), ["echo", "ab"]);
}

#[test]
fn non_ascii_words() {
    let text = "echo héllo 'wörld' \\é";
    let s = ok(text);
    assert_eq!(words(&s.commands[0]), ["echo", "héllo", "wörld", "é"]);
    assert_eq!(s.commands[0].words[1].range.slice(text), "héllo");
}

// ----- expansions --------------------------------------------------------------------

#[test]
fn parameter_expansions_are_dynamic_and_verbatim() {
    let text = r#"echo $HOME ${VAR:-x y} "$1" $@ pre${A}post $$ $ "$" ${a:-"}"}"#;
    let s = ok(text);
    let c = &s.commands[0];
    assert_eq!(
        words(c),
        [
            "echo",
            "$HOME",
            "${VAR:-x y}",
            "$1",
            "$@",
            "pre${A}post",
            "$$",
            "$",
            "$",
            r#"${a:-"}"}"#
        ]
    );
    let dynamic: Vec<bool> = c.words.iter().map(|w| w.dynamic).collect();
    assert_eq!(
        dynamic,
        [false, true, true, true, true, true, true, false, false, true]
    );
}

#[test]
fn arithmetic_expansion() {
    let s = ok("echo $((1 + (2 * 3))) x");
    assert_eq!(words(&s.commands[0]), ["echo", "$((1 + (2 * 3)))", "x"]);
    assert!(s.commands[0].words[1].dynamic);
    assert!(s.groups.is_empty());
}

#[test]
fn command_substitution_lists_inner_commands() {
    let text = "ARCH=$(dpkg --print-architecture) && curl -o x \"https://e.com/$(uname -m)/x\"";
    let s = ok(text);
    assert_eq!(programs(&s), ["", "dpkg", "curl", "uname"]);
    let outer = &s.commands[0];
    assert_eq!(outer.assignments[0].name, "ARCH");
    assert_eq!(
        outer.assignments[0].value.value,
        "$(dpkg --print-architecture)"
    );
    assert!(outer.assignments[0].value.dynamic);
    assert_eq!(outer.depth, 0);
    let dpkg = &s.commands[1];
    assert_eq!(words(dpkg), ["dpkg", "--print-architecture"]);
    assert_eq!(
        (dpkg.depth, dpkg.in_substitution, dpkg.connector),
        (1, true, First)
    );
    let curl = &s.commands[2];
    assert_eq!(curl.connector, And);
    assert_eq!(curl.words[3].value, "https://e.com/$(uname -m)/x");
    assert!(curl.words[3].quoted && curl.words[3].dynamic);
    assert_eq!(s.commands[3].range.slice(text), "uname -m");
    assert_eq!(s.groups.len(), 2);
    assert_eq!(s.groups[0].kind, GroupKind::CommandSubstitution);
    assert_eq!(
        s.groups[0].range.slice(text),
        "$(dpkg --print-architecture)"
    );
    assert_eq!(s.groups[1].range.slice(text), "$(uname -m)");
}

#[test]
fn nested_substitutions() {
    let text = "echo $(a $(b \"$(c)\") | d) e";
    let s = ok(text);
    assert_eq!(programs(&s), ["echo", "a", "b", "c", "d"]);
    let depths: Vec<u32> = s.commands.iter().map(|c| c.depth).collect();
    assert_eq!(depths, [0, 1, 2, 3, 1]);
    assert_eq!(s.commands[4].connector, Pipe);
    assert_eq!(
        words(&s.commands[0]),
        ["echo", "$(a $(b \"$(c)\") | d)", "e"]
    );
    assert_eq!(s.groups.len(), 3);
    assert_eq!(s.groups[2].range.slice(text), "$(c)");
    assert_eq!(s.groups[2].depth, 2);
}

#[test]
fn backticks() {
    let text = "cd `dirname $0` && echo \"v=`cat VERSION`\"";
    let s = ok(text);
    assert_eq!(programs(&s), ["cd", "dirname", "echo", "cat"]);
    assert_eq!(s.commands[0].words[1].value, "`dirname $0`");
    assert!(s.commands[1].in_substitution);
    assert_eq!(s.commands[3].depth, 1);
    assert_eq!(s.groups[0].kind, GroupKind::Backtick);
    assert_eq!(s.groups[1].range.slice(text), "`cat VERSION`");
}

#[test]
fn substitution_in_program_position_keeps_order() {
    let s = ok("$(which python3) -m pip install x");
    assert_eq!(programs(&s), ["$(which python3)", "which"]);
    assert_eq!(s.commands[0].args().len(), 4);
}

#[test]
fn case_inside_substitution() {
    let s = ok("x=$(case $a in a) echo 1;; *) echo 2;; esac) && y");
    assert_eq!(programs(&s), ["", "echo", "echo", "y"]);
    assert_eq!(s.commands[3].connector, And);
}

// ----- assignments -------------------------------------------------------------------

#[test]
fn assignment_prefixes() {
    let text = "DEBIAN_FRONTEND=noninteractive A= B+=x apt-get install -y tzdata X=1";
    let s = ok(text);
    let c = &s.commands[0];
    assert_eq!(c.assignments.len(), 3);
    assert_eq!(c.assignments[0].name, "DEBIAN_FRONTEND");
    assert_eq!(c.assignments[0].value.value, "noninteractive");
    assert_eq!(c.assignments[0].value.range.slice(text), "noninteractive");
    assert_eq!(c.assignments[1].value.value, "");
    assert_eq!(c.assignments[1].value.range, r(33, 33));
    assert_eq!(c.assignments[2].name, "B");
    assert_eq!(words(c), ["apt-get", "install", "-y", "tzdata", "X=1"]);
    assert_eq!(c.range.start, 0);
}

#[test]
fn assignment_only_commands() {
    let s = ok("A=1 B=\"x y\"; export A");
    assert_eq!(s.commands.len(), 2);
    assert!(s.commands[0].words.is_empty());
    assert_eq!(s.commands[0].program(), None);
    assert_eq!(s.commands[0].assignments[1].value.value, "x y");
    assert!(s.commands[0].assignments[1].value.quoted);
    assert_eq!(s.commands[1].program(), Some("export"));
}

#[test]
fn not_assignments() {
    let s = ok("\"A\"=1 1A=2 a-b=3");
    let c = &s.commands[0];
    assert!(c.assignments.is_empty());
    assert_eq!(words(c), ["A=1", "1A=2", "a-b=3"]);
}

#[test]
fn bash_array_assignment() {
    let s = ok("pkgs=(curl \"git lfs\") && echo ok");
    assert_eq!(
        s.commands[0].assignments[0].value.value,
        "(curl \"git lfs\")"
    );
    assert!(s.groups.is_empty());
    assert_eq!(programs(&s), ["", "echo"]);
}

// ----- redirections ------------------------------------------------------------------

#[test]
fn redirections_are_not_words() {
    let text = "make >/dev/null 2>&1 && cmd &> log; x >> f < in 3<>rw 2>|y";
    let s = ok(text);
    let make = &s.commands[0];
    assert_eq!(words(make), ["make"]);
    assert_eq!(make.redirects.len(), 2);
    assert_eq!(make.redirects[0].op, RedirectOp::Write);
    assert_eq!(make.redirects[0].fd, None);
    assert_eq!(
        make.redirects[0].target.as_ref().map(|w| w.value.as_str()),
        Some("/dev/null")
    );
    assert_eq!(make.redirects[0].range.slice(text), ">/dev/null");
    assert_eq!(make.redirects[1].fd, Some(2));
    assert_eq!(make.redirects[1].op, RedirectOp::DupOut);
    assert_eq!(make.redirects[1].range.slice(text), "2>&1");
    assert_eq!(make.range.slice(text), "make >/dev/null 2>&1");
    assert_eq!(s.commands[1].redirects[0].op, RedirectOp::WriteAll);
    let ops: Vec<RedirectOp> = s.commands[2].redirects.iter().map(|r| r.op).collect();
    assert_eq!(
        ops,
        [
            RedirectOp::Append,
            RedirectOp::Read,
            RedirectOp::ReadWrite,
            RedirectOp::Clobber
        ]
    );
    assert_eq!(s.commands[2].redirects[2].fd, Some(3));
}

#[test]
fn redirect_first_and_digits_in_words() {
    let s = ok(">out echo a2>x 2 >y");
    let c = &s.commands[0];
    assert_eq!(words(c), ["echo", "a2", "2"]);
    assert_eq!(c.redirects.len(), 3);
    assert_eq!(c.range.start, 0);
    assert!(c.redirects.iter().all(|r| r.fd.is_none()));
}

#[test]
fn redirect_only_command() {
    let s = ok("> /etc/apt/sources.list");
    assert_eq!(s.commands.len(), 1);
    assert!(s.commands[0].words.is_empty());
    assert_eq!(s.commands[0].redirects[0].range, r(0, 23));
}

#[test]
fn here_string() {
    let s = ok("grep -q x <<< \"$VAR\"");
    let rd = &s.commands[0].redirects[0];
    assert_eq!(rd.op, RedirectOp::HereString);
    assert_eq!(rd.target.as_ref().map(|w| w.value.as_str()), Some("$VAR"));
    assert_eq!(words(&s.commands[0]), ["grep", "-q", "x"]);
}

// ----- heredocs ----------------------------------------------------------------------

#[test]
fn heredoc_on_one_line_has_no_body() {
    let s = ok("cat <<EOF > /etc/conf && echo done");
    let c = &s.commands[0];
    assert_eq!(c.redirects[0].op, RedirectOp::HereDoc);
    assert_eq!(
        c.redirects[0].target.as_ref().map(|w| w.value.as_str()),
        Some("EOF")
    );
    assert_eq!(c.redirects[0].heredoc_body, None);
    assert_eq!(c.redirects[1].op, RedirectOp::Write);
    assert_eq!(programs(&s), ["cat", "echo"]);
}

#[test]
fn heredoc_body_is_not_parsed() {
    let text = "cat <<'EOF' > /app/run.sh\nrm -rf /\n$(reboot)\nEOF\necho after";
    let s = ok(text);
    assert_eq!(programs(&s), ["cat", "echo"]);
    let rd = &s.commands[0].redirects[0];
    assert!(rd
        .target
        .as_ref()
        .is_some_and(|w| w.quoted && w.value == "EOF"));
    assert_eq!(
        rd.heredoc_body.map(|b| b.slice(text)),
        Some("rm -rf /\n$(reboot)\n")
    );
    assert_eq!(s.commands[1].connector, Seq);
}

#[test]
fn heredoc_strip_tabs_and_two_bodies() {
    let text = "a <<-X && b <<Y\n\tone\n\tX\ntwo\nY\nc";
    let s = ok(text);
    assert_eq!(programs(&s), ["a", "b", "c"]);
    let a = &s.commands[0].redirects[0];
    assert_eq!(a.op, RedirectOp::HereDocStrip);
    assert_eq!(a.heredoc_body.map(|b| b.slice(text)), Some("\tone\n"));
    let b = &s.commands[1].redirects[0];
    assert_eq!(b.heredoc_body.map(|b| b.slice(text)), Some("two\n"));
}

#[test]
fn heredoc_in_pipeline_and_at_end() {
    let text = "cat <<EOF | sh\necho hi\nEOF";
    let s = ok(text);
    assert_eq!(programs(&s), ["cat", "sh"]);
    assert_eq!(
        s.commands[0].redirects[0]
            .heredoc_body
            .map(|b| b.slice(text)),
        Some("echo hi\n")
    );
}

#[test]
fn unterminated_heredoc() {
    let text = "cat <<EOF\nline\n";
    let s = errs(text);
    assert_eq!(s.errors[0].range.slice(text), "line\n");
    assert_eq!(
        s.commands[0].redirects[0]
            .heredoc_body
            .map(|b| b.slice(text)),
        Some("line\n")
    );
}

// ----- comments ----------------------------------------------------------------------

#[test]
fn comment_swallows_rest_of_line() {
    let s = ok("a && b # note && c\nd");
    assert_eq!(programs(&s), ["a", "b", "d"]);
    assert_eq!(connectors(&s), [First, And, Seq]);
}

#[test]
fn hash_inside_word_or_quotes_is_not_a_comment() {
    let s = ok("echo a#b '#x' \"#y\" && c;#z");
    assert_eq!(words(&s.commands[0]), ["echo", "a#b", "#x", "#y"]);
    assert_eq!(programs(&s), ["echo", "c"]);
}

// ----- groups ------------------------------------------------------------------------

#[test]
fn subshell_and_brace_group() {
    let text = "(cd /src && make) || { echo failed; exit 1; }";
    let s = ok(text);
    assert_eq!(programs(&s), ["cd", "make", "echo", "exit"]);
    assert_eq!(connectors(&s), [First, And, First, Seq]);
    assert!(s
        .commands
        .iter()
        .all(|c| c.depth == 1 && !c.in_substitution));
    assert_eq!(s.groups.len(), 2);
    assert_eq!(s.groups[0].kind, GroupKind::Subshell);
    assert_eq!(s.groups[0].range.slice(text), "(cd /src && make)");
    assert_eq!(s.groups[1].kind, GroupKind::Brace);
    assert_eq!(s.groups[1].range.slice(text), "{ echo failed; exit 1; }");
    assert_eq!(s.groups[1].connector, Or);
    assert_eq!(s.groups[1].depth, 0);
}

#[test]
fn braces_are_words_outside_command_position() {
    let s = ok("echo { } {a,b}");
    assert_eq!(words(&s.commands[0]), ["echo", "{", "}", "{a,b}"]);
    assert!(s.groups.is_empty());
}

#[test]
fn group_followed_by_operator_and_redirect() {
    let s = ok("{ a; b; } > log 2>&1 && c");
    assert_eq!(programs(&s), ["a", "b", "c"]);
    assert_eq!(s.commands[2].connector, And);
}

#[test]
fn nested_groups_depth() {
    let s = ok("( { a; ( b ) ; } )");
    let depths: Vec<u32> = s.commands.iter().map(|c| c.depth).collect();
    assert_eq!(depths, [2, 3]);
    assert_eq!(s.groups.len(), 3);
}

#[test]
fn function_definition() {
    let s = ok("f() { apt-get update; }; f && function g { h; }");
    assert_eq!(programs(&s), ["apt-get", "f", "h"]);
    assert_eq!(s.commands[0].depth, 1);
    assert_eq!(s.groups[0].kind, GroupKind::Brace);
}

// ----- control structures ------------------------------------------------------------

#[test]
fn if_then_elif_else() {
    let text =
        "if [ -f /a ]; then echo a; elif test -d /b; then echo b; else echo c; fi && done_cmd";
    let s = ok(text);
    assert_eq!(
        programs(&s),
        ["[", "echo", "test", "echo", "echo", "done_cmd"]
    );
    assert_eq!(words(&s.commands[0]), ["[", "-f", "/a", "]"]);
    assert_eq!(s.commands[5].connector, And);
    assert!(s.commands.iter().all(|c| c.depth == 0));
}

#[test]
fn if_on_several_lines() {
    let s = ok("if true\nthen\n  a\nelse\n  b\nfi\nc");
    assert_eq!(programs(&s), ["true", "a", "b", "c"]);
}

#[test]
fn double_brackets_keep_operators() {
    let text = "[[ -f a && ( -n $b || $c < d ) ]] && e";
    let s = ok(text);
    assert_eq!(programs(&s), ["[[", "e"]);
    assert_eq!(
        words(&s.commands[0]),
        ["[[", "-f", "a", "&&", "(", "-n", "$b", "||", "$c", "<", "d", ")", "]]"]
    );
    assert!(s.commands[0].redirects.is_empty());
    assert_eq!(s.commands[1].connector, And);
}

#[test]
fn for_loop() {
    let text = "for p in curl git \"$(cat list)\"; do apt-get install -y $p; done; echo end";
    let s = ok(text);
    assert_eq!(programs(&s), ["cat", "apt-get", "echo"]);
    assert_eq!(s.commands[1].words[3].value, "$p");
    assert_eq!(s.commands[2].connector, Seq);
}

#[test]
fn for_loop_variants() {
    let s = ok("for x do a; done; for y\ndo b\ndone; for ((i=0; i<3; i++)); do c; done; select s in a; do d; done");
    assert_eq!(programs(&s), ["a", "b", "c", "d"]);
}

#[test]
fn while_and_until() {
    let s = ok("while read -r line; do echo \"$line\"; done < file && until false; do :; done");
    assert_eq!(programs(&s), ["read", "echo", "false", ":"]);
    assert_eq!(s.commands[2].connector, And);
}

#[test]
fn case_statement() {
    let text = "case \"$(uname -m)\" in\n  x86_64|amd64) A=amd64 ;;\n  (aarch64) A=arm64; echo arm ;;\n  *) exit 1\nesac; echo $A";
    let s = ok(text);
    assert_eq!(programs(&s), ["uname", "", "", "echo", "exit", "echo"]);
    assert_eq!(s.commands[1].assignments[0].value.value, "amd64");
    assert_eq!(s.commands[5].connector, Seq);
}

#[test]
fn reserved_words_only_in_command_position() {
    let s = ok("echo if then fi done esac; X=1 if");
    assert_eq!(
        words(&s.commands[0]),
        ["echo", "if", "then", "fi", "done", "esac"]
    );
    assert_eq!(words(&s.commands[1]), ["if"]);
}

#[test]
fn negation_and_quoted_reserved_words() {
    let s = ok("! grep -q x f && \"if\" a");
    assert_eq!(programs(&s), ["grep", "if"]);
}

#[test]
fn arithmetic_command() {
    let s = ok("((i++)) && ((a) ) ");
    assert_eq!(programs(&s), ["((i++))", "a"]);
    assert_eq!(s.groups.len(), 2);
    let s = ok("(( count += 2 )) && (( x > 0 && y < $max ))");
    assert_eq!(
        programs(&s),
        ["(( count += 2 ))", "(( x > 0 && y < $max ))"]
    );
    // What sh (dash, ash) reads as two subshells: commands, not an expression.
    let s = ok("(( find /usr/share/doc -type f ! -name copyright | xargs rm || true ))");
    assert_eq!(programs(&s), ["find", "xargs", "true"]);
    assert_eq!(s.groups.len(), 2);
}

// ----- serde -------------------------------------------------------------------------

#[test]
fn serde_round_trip() {
    let s = parse_script("A=1 cat <<EOF | (sh -c \"$(x)\") >/dev/null 2>&1\nbody\nEOF\n");
    let json = serde_json::to_string(&s).expect("serialize");
    let back: Script = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(s, back);
}

// ----- errors ------------------------------------------------------------------------

#[test]
fn unterminated_quotes() {
    let text = "echo \"abc && rm x";
    let s = errs(text);
    assert_eq!(s.errors[0].range, r(5, 17));
    assert_eq!(words(&s.commands[0]), ["echo", "abc && rm x"]);
    let s = errs("echo 'abc; x");
    assert_eq!(s.errors[0].range, r(5, 12));
    assert_eq!(s.commands.len(), 1);
    errs("echo $'abc");
    errs("echo ${abc");
}

#[test]
fn unterminated_groups() {
    let text = "a && (b; { c; $(d";
    let s = errs(text);
    // `$(d` is in command position: it is the program of a command.
    assert_eq!(programs(&s), ["a", "b", "c", "$(d", "d"]);
    let messages: Vec<&str> = s.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["unterminated `(`", "unterminated `{`", "unterminated `$(`"]
    );
    assert_eq!(s.errors[0].range, r(5, 17));
    assert_eq!(s.groups[2].range.slice(text), "$(d");
    assert_eq!(s.commands[3].words[0].value, "$(d");
    let s = errs("echo `date");
    assert_eq!(s.errors[0].message, "unterminated backtick");
    assert_eq!(programs(&s), ["echo", "date"]);
}

#[test]
fn unmatched_closers() {
    let s = errs("a ) b");
    assert_eq!(s.errors[0].range, r(2, 3));
    let s = errs("a; } ; fi; done; esac; then b");
    assert_eq!(s.errors.len(), 5);
    assert_eq!(programs(&s), ["a", "b"]);
}

#[test]
fn unterminated_control_structures() {
    for text in [
        "if a; then b",
        "while a; do b",
        "for x in a b",
        "case x in a) b",
        "if a; then b; done",
    ] {
        let s = errs(text);
        assert!(
            s.errors
                .iter()
                .any(|e| e.message.starts_with("unterminated")),
            "{text}"
        );
    }
}

#[test]
fn closer_pops_open_structures() {
    let s = errs("x=$(if a; then b) && c");
    assert_eq!(s.errors[0].message, "unterminated `if`");
    assert_eq!(programs(&s), ["", "a", "b", "c"]);
    assert_eq!(s.commands[3].connector, And);
}

#[test]
fn missing_redirect_target() {
    let s = errs("echo > && b");
    assert_eq!(s.errors[0].range, r(5, 6));
    assert_eq!(s.commands[0].redirects[0].target, None);
    assert_eq!(programs(&s), ["echo", "b"]);
    errs("echo 2>");
}

#[test]
fn stray_operators() {
    for text in [
        "&& a",
        "a && && b",
        "a ;; b",
        "; a",
        "a | | b",
        "a & ; b",
        "a; && b",
        "a && ; b",
        "a & && b",
    ] {
        let s = errs(text);
        assert!(
            s.errors[0].message.starts_with("unexpected"),
            "{text}: {:?}",
            s.errors
        );
    }
}

#[test]
fn bad_headers() {
    errs("for 1x in a; do b; done");
    errs("for x y; do b; done");
    errs("case x foo a) b;; esac");
    errs("( a ) b");
    errs("echo (a)");
}

// ----- scale -------------------------------------------------------------------------

#[test]
fn large_generated_script() {
    let text = "a && b; ".repeat(200_000);
    let s = parse_script(&text);
    assert!(s.errors.is_empty());
    assert_eq!(s.commands.len(), 400_000);
    assert_eq!(s.commands[399_999].connector, And);
}

#[test]
fn deep_nesting_does_not_overflow() {
    for open in [
        "(",
        "$(",
        "{ ",
        "\"$(",
        "if ",
        "`(",
        "${",
        "$((",
        "case x in ",
    ] {
        let text = open.repeat(100_000);
        let s = parse_script(&text);
        assert!(!s.errors.is_empty(), "{open}");
    }
    assert_eq!(parse_script(&"[[ ".repeat(100_000)).commands.len(), 1);
    let text = format!("{}a{}", "( ".repeat(1000), ")".repeat(1000));
    let s = ok(&text);
    assert_eq!(s.commands[0].depth, 1000);
    assert_eq!(s.groups.len(), 1000);
    // Past 1000 levels the parse stops, with one error for the level that went too deep.
    let text = format!("{}a{}", "( ".repeat(100_000), ")".repeat(100_000));
    let s = errs(&text);
    assert_eq!(s.groups.len(), 1000);
    let too_deep: Vec<_> = s
        .errors
        .iter()
        .filter(|e| e.message.contains("nested more than 1000 levels"))
        .collect();
    assert_eq!(too_deep.len(), 1);
    assert_eq!(too_deep[0].range.start, 2000);
    // Substitutions nested past 16 levels are kept verbatim, with one error.
    let text = format!("{}a{}", "$(".repeat(100_000), ")".repeat(100_000));
    let s = errs(&text);
    assert_eq!(s.errors.len(), 1);
    assert!(s.errors[0].message.contains("nested too deeply"));
    assert_eq!(s.commands.len(), 17);
    assert_eq!(s.commands[0].words[0].value, text);
    assert_eq!(s.commands[16].depth, 16);
}

#[test]
fn many_unmatched_closers_stay_linear() {
    let text = format!("{}{}", "if ".repeat(900), ")".repeat(50_000));
    let s = parse_script(&text);
    // The first 64 errors are kept, in order: the first `if`s, none of them closed.
    assert_eq!(s.errors.len(), 64);
    assert_eq!(s.errors[0].range.start, 0);
    assert_eq!(s.errors[63].range.start, 189);
    assert_eq!(s.errors[63].message, "unterminated `if`");
    assert!(s
        .errors
        .windows(2)
        .all(|p| p[0].range.start < p[1].range.start));
    let text = format!("( `{}{}", "if ".repeat(50_000), ")".repeat(50_000));
    parse_script(&text);
}

#[test]
fn process_substitution() {
    let text = "while read -r l; do echo $l; done < <(find . -name x) && diff <(a) >(b)";
    let s = ok(text);
    assert_eq!(programs(&s), ["read", "echo", "find", "diff", "a", "b"]);
    assert!(s.commands[2].in_substitution);
    assert_eq!(words(&s.commands[3]), ["diff", "<(a)", ">(b)"]);
    assert_eq!(s.groups[0].range.slice(text), "<(find . -name x)");
    assert_eq!(s.groups[0].kind, GroupKind::CommandSubstitution);
}

#[test]
fn heredoc_inside_substitution() {
    let text = "x=$(cat <<EOF\nnot $(a) command\nEOF\n) && y";
    let s = ok(text);
    assert_eq!(programs(&s), ["", "cat", "y"]);
    assert_eq!(
        s.commands[1].redirects[0]
            .heredoc_body
            .map(|b| b.slice(text)),
        Some("not $(a) command\n")
    );
}

#[test]
fn quotes_and_parens_inside_substitution() {
    let s = ok(r#"echo "$(echo ")" 'a)b')" x"#);
    assert_eq!(programs(&s), ["echo", "echo"]);
    assert_eq!(words(&s.commands[1]), ["echo", ")", "a)b"]);
    assert_eq!(s.commands[0].words[1].value, r#"$(echo ")" 'a)b')"#);
}

#[test]
fn escaped_backtick_inside_backticks() {
    let s = ok(r"echo `echo \`date\``");
    assert_eq!(programs(&s), ["echo", "echo"]);
    assert_eq!(words(&s.commands[1]), ["echo", "`date`"]);
}

#[test]
fn background_then_newline() {
    let s = ok("server &\nclient");
    assert_eq!(connectors(&s), [First, Background]);
}

#[test]
fn dangling_operators() {
    for (text, op) in [
        ("a &&", "&&"),
        ("a |\n", "|"),
        ("(a ||)", "||"),
        ("{ a && }", "&&"),
        ("x=$(a |)", "|"),
        ("if a &&\nthen b; fi", "&&"),
        ("case x in y) a && ;; esac", "&&"),
    ] {
        let s = errs(text);
        assert_eq!(
            s.errors[0].message,
            format!("missing command after `{op}`"),
            "{text}"
        );
        assert_eq!(s.errors[0].range.slice(text), op);
    }
    ok("a && case x in esac");
    ok("a || for x in y; do b; done");
}

#[test]
fn more_header_errors() {
    let s = errs("for x in a; b; done");
    assert_eq!(s.errors[0].message, "expected `do`");
    assert_eq!(programs(&s), ["b"]);
    let s = errs("function ;");
    assert_eq!(s.errors.len(), 1);
    let s = errs("case\nx in esac");
    assert_eq!(s.errors.len(), 1);
    let s = errs("for ; do a; done");
    assert_eq!(s.errors[0].message, "missing loop variable after `for`");
    let s = errs("pkgs=(a b");
    assert_eq!(s.errors[0].message, "unterminated array value");
    let s = errs("diff <(a");
    assert_eq!(s.errors[0].message, "unterminated `<(`");
    let s = errs("do x; then; esac; }");
    assert_eq!(s.errors.len(), 4);
    assert_eq!(programs(&s), ["x"]);
}

#[test]
fn an_empty_case_item_after_an_and_is_no_dangling_operator() {
    ok("cd test && case $arch in (i686|x86_64) ;; (*) continue ;; esac");
    ok("a && case $a in i) ;; j) ;; esac");
    errs("a && case $a in i) b &&;; esac");
    errs("a && case $a in i) b;; j) c || ;; esac");
}

#[test]
fn a_brace_group_may_end_a_branch_before_the_next_keyword() {
    ok("if [ -n \"$a\" ]; then { b; } else { c; } fi");
    ok("if { a; } then { b; } elif c; then d; fi");
    ok("while { a; } do { b; } done");
    errs("{ a; } { b; }");
}

#[test]
fn declaring_builtins_take_array_values() {
    let s = ok("declare -A PROC=([\"/proc/sys/kernel/shmmax\"]=4294967295 [k]=v) && local a=(1 2)");
    assert_eq!(
        words(&s.commands[0])[2],
        "PROC=([\"/proc/sys/kernel/shmmax\"]=4294967295 [k]=v)"
    );
    errs("echo a=(1 2)");
}

#[test]
fn backquotes_undouble_backslashes_before_reading_the_command() {
    // The shell reads `grep -o "/v.*\""` inside the backquotes: an escaped quote.
    let s = ok(r#"V=`curl x | grep -o "/v.*\\"" | sed 's:^..\\(.*\\).$:\\1:'`"#);
    assert_eq!(programs(&s), ["", "curl", "grep", "sed"]);
    assert_eq!(s.commands[2].words[2].value, "/v.*\"");
    ok(r#"echo `echo "\\\\"`"#);
    ok(r#"echo `printf \\'`"#);
}
