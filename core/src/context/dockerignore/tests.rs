use super::*;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn di(lines: &[&str]) -> DockerIgnore {
    let d = DockerIgnore::parse(&lines.join("\n"));
    assert!(d.errors().is_empty(), "unexpected errors: {:?}", d.errors());
    d
}

fn cleaned(d: &DockerIgnore) -> Vec<String> {
    d.patterns()
        .iter()
        .map(|p| {
            if p.exclusion {
                format!("!{}", p.cleaned)
            } else {
                p.cleaned.clone()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Reading the file (ignorefile.ReadAll + patternmatcher.New)
// ---------------------------------------------------------------------------

#[test]
fn reads_like_ignorefile() {
    let text =
        "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n";
    let d = DockerIgnore::parse(text);
    assert_eq!(
        cleaned(&d),
        [
            "test1",
            "test2",
            "a/file/here",
            "lastfile",
            "!inverted/abs/path"
        ]
    );
    let lines: Vec<u32> = d.patterns().iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 2, 3, 5, 7]);
    assert_eq!(d.patterns()[4].text, "! /inverted/abs/path");
    assert!(d.patterns()[4].exclusion);
    assert!(d.errors().is_empty());
}

#[test]
fn cleaning_rules() {
    let cases = [
        ("./a/../b", "b"),
        ("build/", "build"),
        ("/.git", ".git"),
        ("//a//b/", "a/b"),
        ("a/./b", "a/b"),
        ("../x", "../x"),
        ("/../x", "x"),
        ("**/", "**"),
        ("  spaced  ", "spaced"),
        ("\tnode_modules\t", "node_modules"),
        ("!  /a/b/", "!a/b"),
        ("!./x/", "!x"),
        ("!..", "!.."),
        (".", "."),
        ("./", "."),
        ("/", "/"),
    ];
    for (line, want) in cases {
        let d = DockerIgnore::parse(line);
        assert!(d.errors().is_empty(), "{line:?}: {:?}", d.errors());
        assert_eq!(cleaned(&d), [want], "{line:?}");
        assert_eq!(d.patterns()[0].text, line.trim());
    }
}

#[test]
fn dot_and_slash_patterns_match_nothing() {
    // "." and "/" survive cleaning but can never equal a context path.
    for line in [".", "./", "/", "//"] {
        let d = DockerIgnore::parse(line);
        for path in ["a", ".", "a/b", ".git"] {
            assert!(!d.is_ignored(path), "{line:?} vs {path:?}");
        }
    }
}

#[test]
fn comments_and_blank_lines() {
    let d = DockerIgnore::parse("# comment\n\n   \n\t\nfoo\n  # not a comment\n#!bar\n");
    assert_eq!(cleaned(&d), ["foo", "# not a comment"]);
    assert_eq!(d.patterns()[1].line, 6);
    assert!(d.is_ignored("# not a comment"));
    assert!(!d.is_ignored("bar"));
}

#[test]
fn crlf_and_bom() {
    let d = DockerIgnore::parse(
        "\u{FEFF}# first line comment\r\nnode_modules\r\n!node_modules/keep\r\n*.log\r\n",
    );
    assert_eq!(cleaned(&d), ["node_modules", "!node_modules/keep", "*.log"]);
    assert_eq!(d.patterns()[0].line, 2);
    assert!(d.is_ignored("node_modules/x"));
    assert!(!d.is_ignored("node_modules/keep"));
    assert!(d.is_ignored("debug.log"));
    // A BOM is only stripped on the first line.
    let d = DockerIgnore::parse("a\n\u{FEFF}b");
    assert_eq!(cleaned(&d), ["a", "\u{FEFF}b"]);
    // A lone CR is not a line break; only one trailing CR is dropped.
    let d = DockerIgnore::parse("a\rb\nc\r\r\n");
    assert_eq!(cleaned(&d), ["a\rb", "c"]);
}

#[test]
fn unicode_names() {
    let d = di(&["données/", "*.été", "日本/**", "?é"]);
    assert!(d.is_ignored("données"));
    assert!(d.is_ignored("données/x.txt"));
    assert!(d.is_ignored("a.été"));
    assert!(!d.is_ignored("dir/a.été"));
    assert!(!d.is_ignored("日本"));
    assert!(d.is_ignored("日本/語"));
    assert!(d.is_ignored("xé"));
    assert!(!d.is_ignored("xxé"));
    // Unicode whitespace is trimmed like Go's strings.TrimSpace.
    let d = di(&["\u{00A0}foo\u{3000}"]);
    assert_eq!(cleaned(&d), ["foo"]);
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[test]
fn malformed_patterns_are_reported_with_line_numbers() {
    let text = "good\n[\n# comment\nfoo\\\n!\n!/\n[z-a]\n*.md\n[Local-Only]/\n!ok[\nalso-good\n";
    let d = DockerIgnore::parse(text);
    let lines: Vec<u32> = d.errors().iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 4, 5, 6, 7, 9, 10]);
    assert_eq!(cleaned(&d), ["good", "*.md", "also-good"]);
    // The rest still applies.
    assert!(d.is_ignored("good"));
    assert!(d.is_ignored("README.md"));
    assert!(d.is_ignored("also-good"));
    assert!(!d.is_ignored("foo"));
    let msg = d.errors()[0].to_string();
    assert!(msg.contains("line 2"), "{msg}");
    assert!(msg.contains("syntax error"), "{msg}");
    assert!(d.errors()[2].message.contains("illegal exclusion"));
}

#[test]
fn overlong_line_is_an_error() {
    let long = "a".repeat(70_000);
    let d = DockerIgnore::parse(&format!("x\n{long}\ny"));
    assert_eq!(d.errors().len(), 1);
    assert_eq!(d.errors()[0].line, 2);
    assert_eq!(cleaned(&d), ["x", "y"]);
    let ok = "b".repeat(65_535);
    let d = DockerIgnore::parse(&ok);
    assert!(d.errors().is_empty());
}

// ---------------------------------------------------------------------------
// patternmatcher's TestMatches table (Linux cases), single pattern.
// Paths with a trailing slash are normalised; "/" is the root and is never
// ignored, so those rows are left out.
// ---------------------------------------------------------------------------

const SINGLE_PATTERN_TABLE: &[(&str, &str, bool)] = &[
    ("**", "file", true),
    ("**", "file/", true),
    ("**/", "file", true),
    ("**/", "file/", true),
    ("**", "dir/file", true),
    ("**/", "dir/file", true),
    ("**", "dir/file/", true),
    ("**/", "dir/file/", true),
    ("**/**", "dir/file", true),
    ("**/**", "dir/file/", true),
    ("dir/**", "dir/file", true),
    ("dir/**", "dir/file/", true),
    ("dir/**", "dir/dir2/file", true),
    ("dir/**", "dir/dir2/file/", true),
    ("**/dir", "dir", true),
    ("**/dir", "dir/file", true),
    ("**/dir2/*", "dir/dir2/file", true),
    ("**/dir2/*", "dir/dir2/file/", true),
    ("**/dir2/**", "dir/dir2/dir3/file", true),
    ("**/dir2/**", "dir/dir2/dir3/file/", true),
    ("**file", "file", true),
    ("**file", "dir/file", true),
    ("**/file", "dir/file", true),
    ("**file", "dir/dir/file", true),
    ("**/file", "dir/dir/file", true),
    ("**/file*", "dir/dir/file", true),
    ("**/file*", "dir/dir/file.txt", true),
    ("**/file*txt", "dir/dir/file.txt", true),
    ("**/file*.txt", "dir/dir/file.txt", true),
    ("**/file*.txt*", "dir/dir/file.txt", true),
    ("**/**/*.txt", "dir/dir/file.txt", true),
    ("**/**/*.txt2", "dir/dir/file.txt", false),
    ("**/*.txt", "file.txt", true),
    ("**/**/*.txt", "file.txt", true),
    ("a**/*.txt", "a/file.txt", true),
    ("a**/*.txt", "a/dir/file.txt", true),
    ("a**/*.txt", "a/dir/dir/file.txt", true),
    ("a/*.txt", "a/dir/file.txt", false),
    ("a/*.txt", "a/file.txt", true),
    ("a/*.txt**", "a/file.txt", true),
    ("a[b-d]e", "ae", false),
    ("a[b-d]e", "ace", true),
    ("a[b-d]e", "aae", false),
    ("a[^b-d]e", "aze", true),
    (".*", ".foo", true),
    (".*", "foo", false),
    ("abc.def", "abcdef", false),
    ("abc.def", "abc.def", true),
    ("abc.def", "abcZdef", false),
    ("abc?def", "abcZdef", true),
    ("abc?def", "abcdef", false),
    ("a\\\\", "a\\", true),
    ("**/foo/bar", "foo/bar", true),
    ("**/foo/bar", "dir/foo/bar", true),
    ("**/foo/bar", "dir/dir2/foo/bar", true),
    ("abc/**", "abc", false),
    ("abc/**", "abc/def", true),
    ("abc/**", "abc/def/ghi", true),
    ("**/.foo", ".foo", true),
    ("**/.foo", "bar.foo", false),
    ("a(b)c/def", "a(b)c/def", true),
    ("a(b)c/def", "a(b)c/xyz", false),
    ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
    (
        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
        true,
    ),
    (
        "dist/*.whl",
        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
        true,
    ),
    ("a\\*b", "a*b", true),
    // Wildcard / parent-directory basics from patternmatcher's other tests.
    ("*", "fileutils.go", true),
    ("*.go", "fileutils.go", true),
    ("docs", "docs/README.md", true),
    ("docs/", "docs/README.md", true),
    ("docs/*", "docs/README.md", true),
];

#[test]
fn patternmatcher_single_pattern_table() {
    for &(pattern, path, want) in SINGLE_PATTERN_TABLE {
        let d = di(&[pattern]);
        assert_eq!(d.is_ignored(path), want, "walk: {pattern:?} vs {path:?}");
        assert_eq!(
            d.matches_or_parent_matches(path),
            want,
            "MatchesOrParentMatches: {pattern:?} vs {path:?}"
        );
    }
}

const MULTI_PATTERN_TABLE: &[(&[&str], &str, bool)] = &[
    (&["**", "!util/docker/web"], "util/docker/web/foo", false),
    (
        &["**", "!util/docker/web", "util/docker/web/foo"],
        "util/docker/web/foo",
        true,
    ),
    (
        &[
            "**",
            "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
        ],
        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
        false,
    ),
    (
        &["**", "!dist/*.whl"],
        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
        false,
    ),
    (&["!fileutils.go", "*.go"], "fileutils.go", true),
    (&["*.go", "!fileutils.go"], "fileutils.go", false),
    (&["docs", "!docs/README.md"], "docs/README.md", false),
    (&["docs/", "!docs/README.md"], "docs/README.md", false),
    (&["docs/*", "!docs/README.md"], "docs/README.md", false),
    (&["*.go"], ".", false),
    (&[], "any/path/there", false),
];

#[test]
fn patternmatcher_multi_pattern_table() {
    for &(patterns, path, want) in MULTI_PATTERN_TABLE {
        let d = di(patterns);
        assert_eq!(d.is_ignored(path), want, "walk: {patterns:?} vs {path:?}");
        assert_eq!(
            d.matches_or_parent_matches(path),
            want,
            "MatchesOrParentMatches: {patterns:?} vs {path:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Everyday rules
// ---------------------------------------------------------------------------

#[test]
fn exceptions_readme() {
    let d = di(&["*.md", "!README.md"]);
    assert!(d.is_ignored("CHANGELOG.md"));
    assert!(!d.is_ignored("README.md"));
    // `*` does not cross directories.
    assert!(!d.is_ignored("docs/guide.md"));
    assert!(d.has_exclusions());
}

#[test]
fn later_patterns_win() {
    let d = di(&["!README.md", "*.md"]);
    assert!(d.is_ignored("README.md"));
    let d = di(&["*.md", "!README*.md", "README-secret.md"]);
    assert!(d.is_ignored("CHANGELOG.md"));
    assert!(!d.is_ignored("README.md"));
    assert!(d.is_ignored("README-secret.md"));
}

#[test]
fn double_star_log() {
    let d = di(&["**/*.log"]);
    for p in ["a.log", "x/a.log", "x/y/z/a.log", "logs/x.log/inner"] {
        assert!(d.is_ignored(p), "{p}");
    }
    for p in ["a.log.txt", "x/alog", "log"] {
        assert!(!d.is_ignored(p), "{p}");
    }
}

#[test]
fn build_with_trailing_slash() {
    let d = di(&["build/"]);
    assert_eq!(d.patterns()[0].cleaned, "build");
    assert!(d.is_ignored("build"));
    assert!(d.is_ignored("build/out/app.js"));
    // Only at the root, and a file named `build` is excluded too (Docker
    // does not distinguish files from directories).
    assert!(!d.is_ignored("src/build"));
    assert!(!d.is_ignored("builds"));
}

#[test]
fn rooted_git() {
    let d = di(&["/.git"]);
    assert_eq!(d.patterns()[0].cleaned, ".git");
    assert!(d.is_ignored(".git"));
    assert!(d.is_ignored(".git/HEAD"));
    assert!(d.is_ignored("./.git/objects/ab"));
    assert!(d.is_ignored("/.git"));
    assert!(!d.is_ignored("sub/.git"));
    assert!(!d.is_ignored(".github/workflows/ci.yml"));
    assert!(!d.is_ignored(".gitignore"));
}

#[test]
fn path_forms_accepted() {
    let d = di(&["node_modules"]);
    for p in [
        "node_modules",
        "node_modules/",
        "./node_modules/x/y.js",
        "/node_modules/x",
        "a/../node_modules/x",
        "node_modules//x",
        "../node_modules",
    ] {
        assert!(d.is_ignored(p), "{p}");
    }
    for p in ["", ".", "/", "./", "src/node_modules"] {
        assert!(!d.is_ignored(p), "{p}");
    }
}

#[test]
fn node_modules_and_friends() {
    let d = di(&["**/node_modules", ".env", ".git"]);
    assert!(d.is_ignored("node_modules/a/b.js"));
    assert!(d.is_ignored("packages/app/node_modules/x/index.js"));
    assert!(d.is_ignored(".env"));
    assert!(!d.is_ignored(".env.example"));
    assert!(d.is_ignored(".git/config"));
}

// ---------------------------------------------------------------------------
// Exceptions under excluded directories: BuildKit's walk (fsutil)
// ---------------------------------------------------------------------------

#[test]
fn fsutil_walker_exclude() {
    // fsutil TestWalkerExclude: sends `bar`, and `foo/bar2` (inside `foo`,
    // which is itself excluded but created to hold the re-included child).
    let d = di(&["foo*", "!foo/bar2"]);
    assert!(!d.is_ignored("bar"));
    assert!(d.is_ignored("foo"));
    assert!(!d.is_ignored("foo/bar2"));
    assert!(d.is_ignored("foo2"));
    assert!(d.is_ignored("foo/other"));
}

#[test]
fn fsutil_nested_exceptions() {
    // fsutil TestFilteredOpenInvert
    let d = di(&["foo", "!foo/bar", "foo/bar/baz", "!foo/bar/baz/x"]);
    assert!(!d.is_ignored("foo/bar/baz/x"));
    assert!(d.is_ignored("foo/bar/baz/y"));
    assert!(!d.is_ignored("foo/bar/other"));
    assert!(d.is_ignored("foo/other"));
    // fsutil TestFSWalkNested
    let d = di(&["foo", "!foo/bar"]);
    assert!(!d.is_ignored("foo/bar"));
    assert!(!d.is_ignored("foo/bar/deeper"));
}

#[test]
fn wildcard_exception_reaches_into_excluded_directories() {
    // A wildcard exception disables pruning: BuildKit walks into `vendor`.
    let d = di(&["vendor", "!**/LICENSE"]);
    assert!(d.is_ignored("vendor/lib/code.go"));
    assert!(!d.is_ignored("vendor/lib/LICENSE"));
    // A literal exception elsewhere lets the walker prune `vendor`.
    let d = di(&["vendor", "!docs/LICENSE"]);
    assert!(d.is_ignored("vendor/lib/LICENSE"));
}

#[test]
fn allow_list_style() {
    let d = di(&[
        "*",
        "!package.json",
        "!src",
        "src/**/*.test.ts",
        "!patches/*",
    ]);
    assert!(!d.is_ignored("package.json"));
    assert!(d.is_ignored("README.md"));
    assert!(d.is_ignored("node_modules/x"));
    assert!(!d.is_ignored("src/index.ts"));
    assert!(d.is_ignored("src/a/b.test.ts"));
    assert!(d.is_ignored("src/b.test.ts"));
    assert!(d.is_ignored("patches"));
    assert!(!d.is_ignored("patches/fix.patch"));
}

#[test]
fn walk_differs_from_matches_or_parent_matches() {
    // The walk only carries a pattern's parent match down when the pattern
    // was evaluated at the parent: `!a` is skipped at `a` (nothing was
    // excluded yet), so it is not re-applied to `a/x`.
    let d = di(&["a/*", "!a"]);
    assert!(d.is_ignored("a/x"));
    assert!(!d.matches_or_parent_matches("a/x"));
    assert!(!d.is_ignored("a"));
}

#[test]
fn excluded_parent_with_reincluded_child() {
    let d = di(&["docs", "!docs/README.md"]);
    assert!(d.is_ignored("docs"));
    assert!(d.is_ignored("docs/guide.md"));
    assert!(!d.is_ignored("docs/README.md"));
    // A pattern at a parent keeps applying below it, exceptions too.
    let d = di(&["docs", "!docs/api", "docs/api/internal"]);
    assert!(!d.is_ignored("docs/api/public/x.md"));
    assert!(d.is_ignored("docs/api/internal/x.md"));
}

#[test]
fn regexp_quirks_through_the_api() {
    // Someone hoping for "js or ts": Docker builds `^[^/]*\.js|[^/]*\.ts$`.
    let d = di(&["*.js|*.ts"]);
    assert!(d.is_ignored("app.jsx"));
    assert!(d.is_ignored("src/deep/file.ts"));
    assert!(!d.is_ignored("src/app.js"));
    // Without any wildcard it is a plain file name.
    let d = di(&["a|b", "{x}"]);
    assert!(d.is_ignored("a|b"));
    assert!(d.is_ignored("{x}"));
    assert!(!d.is_ignored("a"));
    // `**foo` is a suffix test, `^` anchors once the pattern is a regexp.
    let d = di(&["**.bak", "^tmp*"]);
    assert!(d.is_ignored("dir/file.bak"));
    assert!(d.is_ignored("dirbak/x.bak"));
    assert!(d.is_ignored("tmpfile"));
    assert!(!d.is_ignored("x/tmpfile"));
}

#[test]
fn unicode_property_classes_are_reported() {
    let d = DockerIgnore::parse("\\pL*\n[\\p{Greek}]\nok");
    assert_eq!(d.errors().len(), 2);
    assert!(d.errors()[0].message.contains("not implemented"));
    assert_eq!(cleaned(&d), ["ok"]);
}

// ---------------------------------------------------------------------------
// Serde and misc API
// ---------------------------------------------------------------------------

#[test]
fn data_round_trip_rebuilds_matchers() {
    let d = DockerIgnore::parse("node_modules\n[\n!node_modules/keep\n");
    let data: DockerIgnoreData = d.clone().into();
    let back: DockerIgnore = data.into();
    assert_eq!(back, d);
    assert!(back.is_ignored("node_modules/x"));
    assert!(!back.is_ignored("node_modules/keep"));
    assert_eq!(back.errors().len(), 1);
}

#[test]
fn empty_file() {
    let d = DockerIgnore::parse("");
    assert!(d.is_empty());
    assert!(!d.is_ignored("anything"));
    assert_eq!(d, DockerIgnore::default());
}

// ---------------------------------------------------------------------------
// Performance: no exponential blow-up
// ---------------------------------------------------------------------------

#[test]
fn pathological_patterns_are_fast() {
    let stars = "**/".repeat(40) + "x";
    let many = "*a".repeat(30) + "*b";
    let mixed = "a*".repeat(20) + "/" + &"**/a?".repeat(20) + "[bc]";
    let d = di(&[
        stars.as_str(),
        many.as_str(),
        mixed.as_str(),
        "!**/**/**/**/y",
    ]);
    let deep = vec!["a"; 3000].join("/");
    let flat = "a".repeat(20_000);
    #[allow(clippy::disallowed_methods)] // a test may read the clock
    let start = Instant::now();
    assert!(!d.is_ignored(&deep));
    assert!(!d.is_ignored(&flat));
    assert!(!d.matches_or_parent_matches(&deep));
    assert!(d.is_ignored(&(deep.clone() + "/x")));
    assert!(d.is_ignored(&(flat.clone() + "b")));
    let elapsed = start.elapsed();
    assert!(
        elapsed < Duration::from_secs(5),
        "took {elapsed:?}, expected well under a second"
    );
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics(text in "\\PC{0,200}") {
        let d = DockerIgnore::parse(&text);
        for p in d.patterns() {
            prop_assert!(p.line >= 1);
        }
    }

    #[test]
    fn glob_like_input_never_panics(
        lines in proptest::collection::vec("[!#/ *?\\[\\]\\^\\\\a-c.:\\-é]{0,12}", 0..8),
        path in "[/a-c.*é\\-]{0,24}",
    ) {
        let d = DockerIgnore::parse(&lines.join("\n"));
        let ignored = d.is_ignored(&path);
        let _ = d.matches_or_parent_matches(&path);
        // Excluded implies some pattern was written.
        prop_assert!(!ignored || !d.is_empty());
    }

    #[test]
    fn arbitrary_paths_never_panic(path in "\\PC{0,64}") {
        let d = di(&["**/*.log", "!keep/**", "[a-z]?/x", "node_modules", "a\\*b", "^x*"]);
        let _ = d.is_ignored(&path);
        let _ = d.matches_or_parent_matches(&path);
    }

    #[test]
    fn single_pattern_walk_agrees_with_parent_matches(
        pattern in "[*?a-b/]{1,8}",
        path in "[a-b]{1,3}(/[a-b]{1,3}){0,3}",
    ) {
        // Without exceptions both Docker rules coincide.
        let d = DockerIgnore::parse(&pattern);
        prop_assert_eq!(d.is_ignored(&path), d.matches_or_parent_matches(&path));
    }
}
