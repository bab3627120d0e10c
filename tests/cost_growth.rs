#![allow(clippy::disallowed_methods)] // tests measure time
//! How cost grows: fixing is linear in passes × size, and what a build context costs is
//! paid once per context, not once per Dockerfile. Each test compares two timings taken
//! in the same run (a ratio, not a budget), the best of three to damp noise, and gives the
//! machine three rounds: a burst of load can stretch one measurement, while the growth
//! these tests guard against fails every round.

use std::time::{Duration, Instant};

use slimfile::{Context, FixOptions, Linter, Settings};

fn best_of_three(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Asserts that `ratio()` (large cost over small cost) is below `bound` in one of three rounds.
fn assert_ratio_below(bound: f64, mut ratio: impl FnMut() -> (f64, String)) {
    let mut rounds = Vec::new();
    for _ in 0..3 {
        let (r, described) = ratio();
        if r < bound {
            return;
        }
        rounds.push(described);
    }
    panic!("above ×{bound} in every round: {}", rounds.join("; "));
}

/// `FROM debian:12` and `n` times `line`.
fn many_runs(n: usize, line: &str) -> String {
    let mut src = String::from("FROM debian:12\n");
    for _ in 0..n {
        src.push_str(line);
    }
    src
}

/// Fixing `n` times `line`, safe fixes or every fix, must cost about sixteen times as much
/// at sixteen times the size; quadratic work would cost 256 times (a quadratic step in one
/// rule measured ×50 in a debug build, diluted by the linear rest). The bound, 32, leaves
/// room for a noisy machine (linear runs measure ×15 to ×17) and not for that.
fn assert_fixing_is_linear(line: &str, unsafe_fixes: bool) {
    let linter = Linter::new(Settings::default());
    let options = FixOptions {
        unsafe_fixes,
        ..FixOptions::default()
    };
    let time = |n: usize| {
        let src = many_runs(n, line);
        best_of_three(|| {
            let fixed = linter
                .fix(&src, &Context::default(), &options)
                .expect("fixed");
            assert!(fixed.converged);
        })
    };
    assert_ratio_below(32.0, || {
        let small = time(2_000);
        let large = time(32_000);
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        (
            ratio,
            format!("{line:?} ×2,000 {small:?}, ×32,000 {large:?}: ×{ratio:.1}"),
        )
    });
}

/// Every pass merges the `RUN`s into one of thousands of commands and re-checks it: the
/// rules and the fix's self-check must stay linear in the commands of one script too.
#[test]
fn fixing_one_command_runs_is_linear() {
    assert_fixing_is_linear("RUN apt-get install -y x\n", false);
    assert_fixing_is_linear("RUN apt-get install -y x\n", true);
}

/// Every pass cleans the apt lists and re-checks.
#[test]
fn fixing_is_linear_in_the_size_of_the_file() {
    assert_fixing_is_linear("RUN apt-get update && apt-get install -y x\n", true);
}

/// The merged `RUN` holds thousands of commands, and the check on the fixed file asks, for
/// each program a command runs, whether an earlier command of the same `RUN` provides it,
/// and, for each command in a group, whether an `||` follows at its depth: each answer
/// is worked out once per `RUN` and program, where looking again from each command was
/// quadratic (`wget` and `curl` pairs: 8.2 s at 16,000).
#[test]
fn fixing_runs_that_download_or_change_directory_is_linear() {
    assert_fixing_is_linear("RUN wget http://x/a && curl -o y http://y/a\n", true);
    assert_fixing_is_linear("RUN cd /d && make\n", true);
}

/// A context of 20,000 files shared by many Dockerfiles: after the first Dockerfile, each
/// further one costs about what it costs with an empty context.
#[test]
fn a_shared_context_is_worked_out_once() {
    let files: Vec<(String, u64)> = (0..20_000)
        .map(|i| match i % 4 {
            0 => (format!("node_modules/p{i}/index.js"), 100),
            1 => (format!("src/m{i}.js"), 100),
            2 => (format!(".git/objects/o{i}"), 100),
            _ => (format!("logs/l{i}.log"), 100),
        })
        .chain([
            ("package.json".to_string(), 10),
            ("package-lock.json".to_string(), 10),
        ])
        .collect();
    let shared = Context::default()
        .with_files(files)
        .with_dockerignore("node_modules\n");
    let dockerfile =
        "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"node\", \"app.js\"]\n";
    let linter = Linter::new(Settings::default());
    let check_many = |context: &Context, n: usize| {
        best_of_three(|| {
            for _ in 0..n {
                let found = linter.check(dockerfile, context).expect("checked");
                assert!(!found.is_empty());
            }
        })
    };
    // The first check of the shared context works its facts out; later ones reuse them.
    check_many(&shared, 1);
    let one_file = Context::default().with_files([("package.json", 10u64)]);
    // Before the facts were kept per context, a 23,804-file context cost ×47.
    assert_ratio_below(4.0, || {
        let with_context = check_many(&shared, 200);
        let empty = check_many(&one_file, 200);
        let ratio = with_context.as_secs_f64() / empty.as_secs_f64().max(1e-6);
        (
            ratio,
            format!(
                "200 checks {with_context:?} with 20,000 files, {empty:?} with one: ×{ratio:.1}"
            ),
        )
    });
}

/// `n` stages, each built on the one before or copying from it, with labels, `RUN`s and
/// `COPY --from`s: what rules that follow stages (and the label schema) walk. Every
/// `restart`th stage starts from an image again: `usize::MAX` makes one chain of `n`.
fn many_stages(n: usize, restart: usize) -> String {
    let mut src = String::from("FROM debian:12 AS s0\n");
    for i in 1..n {
        let prev = i - 1;
        if i % restart == 0 {
            src.push_str(&format!(
                "FROM debian:12 AS s{i}\nCOPY --from=s{prev} /out /out\n"
            ));
        } else {
            src.push_str(&format!("FROM s{prev} AS s{i}\n"));
        }
        src.push_str(&format!(
            "LABEL org.example.step=\"{i}\"\nRUN apt-get update && apt-get install -y curl && make -C /src{i}\n"
        ));
    }
    src
}

/// Checking 6,400 stages must cost about sixteen times checking 400: far from what a walk
/// over all stages for each stage costs. The bound, 64, leaves room for a noisy machine.
fn assert_stages_checked_linearly(linter: &Linter, restart: usize, what: &str) {
    assert_scales_linearly(linter, what, |n| many_stages(n, restart));
}

/// Checking `make(6_400)` must cost less than 64 times checking `make(400)` (sixteen times
/// the size: linear work measures about ×16, quadratic ×256).
fn assert_scales_linearly(linter: &Linter, what: &str, make: impl Fn(usize) -> String) {
    assert_scales_linearly_from(linter, what, make, 400, 64.0);
}

/// Checking `make(16 * small)` must cost less than `bound` times checking `make(small)`.
fn assert_scales_linearly_from(
    linter: &Linter,
    what: &str,
    make: impl Fn(usize) -> String,
    small: usize,
    bound: f64,
) {
    assert_work_scales_linearly(what, make, small, bound, |src| {
        linter.check(src, &Context::default()).expect("checked");
    });
}

/// `work` on `make(16 * small)` must cost less than `bound` times `work` on `make(small)`.
fn assert_work_scales_linearly(
    what: &str,
    make: impl Fn(usize) -> String,
    small: usize,
    bound: f64,
    work: impl Fn(&str),
) {
    let (n_small, n_large) = (small, 16 * small);
    let (small, large) = (make(n_small), make(n_large));
    let time = |src: &str| best_of_three(|| work(src));
    assert_ratio_below(bound, || {
        let (s, l) = (time(&small), time(&large));
        let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-6);
        (
            ratio,
            format!("{l:?} for {n_large} {what}, {s:?} for {n_small}: ×{ratio:.1}"),
        )
    });
}

/// ×20 measured; ×76 to ×108 when three rules and the parser's stage links looked stages
/// up by walking the earlier ones.
#[test]
fn checking_is_linear_in_the_number_of_stages() {
    let mut settings = Settings::default();
    settings.select = vec![slimfile::RuleSelector::All];
    settings.label_schema = [
        ("maintainer", slimfile::LabelType::Email),
        ("org.example.step", slimfile::LabelType::Semver),
    ]
    .into_iter()
    .map(|(name, kind)| (name.to_string(), kind))
    .collect();
    settings.strict_labels = true;
    assert_stages_checked_linearly(&Linter::new(settings), 3, "stages");
}

/// One chain of stages, each built on the one before: what is worked out per stage (a
/// Windows base anywhere in the chain, the model of the parent) must be taken from the
/// parent, not walked up the chain again (that cost ×200 for sixteen times the stages).
#[test]
fn checking_a_chain_of_stages_is_not_quadratic() {
    assert_stages_checked_linearly(
        &Linter::new(Settings::default()),
        usize::MAX,
        "stages in one chain",
    );
}

/// A file of `n` lines of `line(i)` after `head`.
fn lines(head: &str, n: usize, line: impl Fn(usize) -> String) -> String {
    let mut src = String::from(head);
    for i in 1..n {
        src.push_str(&line(i));
    }
    src
}

/// Checking 6,400 variables (or commands) must cost about sixteen times checking 400, with
/// every rule on: rules that kept the names defined so far in a list, or walked the stage
/// again for each command, measured ×100 to ×250.
fn assert_checked_linearly(what: &str, make: impl Fn(usize) -> String) {
    let mut settings = Settings::default();
    settings.select = vec![slimfile::RuleSelector::All];
    assert_scales_linearly(&Linter::new(settings), what, make);
}

#[test]
fn checking_is_linear_in_the_number_of_variables() {
    assert_checked_linearly("ENVs each reading the one before", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("ENV V{i}=${{V{}}}x\n", i - 1)
        })
    });
    assert_checked_linearly("pairs of one ENV", |n| {
        let pairs: Vec<String> = (1..n).map(|i| format!("V{i}=$V{}", i - 1)).collect();
        format!("FROM debian:12\nENV {}\n", pairs.join(" "))
    });
    assert_checked_linearly("undefined variables on scratch", |n| {
        lines("FROM scratch\n", n, |i| {
            format!("ENV V{i}=x\nWORKDIR /$W{i}\n")
        })
    });
    assert_checked_linearly("global ARGs each reading the one before", |n| {
        lines("", n, |i| format!("ARG G{i}=${{G{}}}x\n", i - 1)) + "FROM debian:12\n"
    });
}

#[test]
fn checking_is_linear_in_the_number_of_shell_form_commands() {
    assert_checked_linearly("shell-form CMDs", |n| {
        lines("FROM debian:12\nCOPY app /app\n", n, |i| {
            format!("CMD run{i} --flag\n")
        })
    });
    assert_checked_linearly("shell-form ENTRYPOINTs and CMDs", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("ENTRYPOINT echo {i}\nCMD x{i}\n")
        })
    });
}

/// Values that refer to each other twice double with each line: sixty lines would be an
/// exabyte. Expansion gives up past 64 KiB, so the check takes no more than any file.
#[test]
fn variables_that_double_each_line_stay_small() {
    let doubling = |keyword: &str| {
        lines(&format!("FROM debian:12\n{keyword} A0=xx\n"), 60, |i| {
            format!("{keyword} A{i}=${{A{p}}}${{A{p}}}\n", p = i - 1)
        }) + "WORKDIR /$A59\nUSER $A59\nRUN echo $A59\n"
    };
    let global = lines("ARG A0=xx\n", 60, |i| {
        format!("ARG A{i}=${{A{p}}}${{A{p}}}\n", p = i - 1)
    }) + "FROM alpine:$A59\nRUN echo hi\n";
    let mut settings = Settings::default();
    settings.select = vec![slimfile::RuleSelector::All];
    let linter = Linter::new(settings);
    for src in [doubling("ENV"), doubling("ARG"), global] {
        let started = Instant::now();
        linter.check(&src, &Context::default()).expect("checked");
        let fixed = linter
            .fix(&src, &Context::default(), &FixOptions::default())
            .expect("fixed");
        assert!(fixed.converged);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?} for {} bytes",
            started.elapsed(),
            src.len()
        );
    }
}

/// What each `RUN` asks of the stage (is the program a file the stage wrote, does a later
/// `RUN` read apk's index) is worked out once per stage: asked by walking the stage again
/// for each `RUN`, these measured ×250 and more.
#[test]
fn checking_is_linear_in_the_number_of_runs_asking_about_the_stage() {
    assert_checked_linearly("archives copied then extracted", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("COPY a{i}.tar.gz /opt/\nRUN tar xzf /opt/a{i}.tar.gz\n")
        }) + "CMD [\"x\"]\n"
    });
    assert_checked_linearly("pip installs after a copy", |n| {
        lines("FROM python:3.12\nWORKDIR /app\n", n, |i| {
            format!("COPY . .\nRUN pip install -r r{i}.txt\n")
        }) + "CMD [\"python\", \"x\"]\n"
    });
    assert_checked_linearly("apk adds", |n| {
        lines("FROM alpine:3.20\n", n, |i| format!("RUN apk add p{i}\n")) + "CMD [\"x\"]\n"
    });
    assert_checked_linearly("npm installs after a copy", |n| {
        lines("FROM node:20\nWORKDIR /app\n", n, |_| {
            "COPY . .\nRUN npm ci\n".to_string()
        }) + "CMD [\"node\", \"x\"]\n"
    });
    assert_checked_linearly("chown -R after each copy", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("COPY d{i} /d{i}\nRUN chown -R u /d{i}\n")
        }) + "CMD [\"x\"]\n"
    });
}

/// Each stage of a chain sees the variables of the stages it is built on: copied into
/// every stage, they cost ×250 for sixteen times the stages, and gigabytes.
#[test]
fn checking_a_chain_of_stages_that_each_set_a_variable_is_linear() {
    assert_checked_linearly("stages in one chain, each with an ENV", |n| {
        lines("FROM debian:12 AS s0\n", n, |i| {
            format!("FROM s{} AS s{i}\nENV V{i}=x\nRUN echo $V{i}\n", i - 1)
        })
    });
}

/// `# hadolint ignore=` above each of thousands of instructions: a finding is matched with
/// the comments of its instruction by binary search, not against every comment.
#[test]
fn checking_is_linear_in_the_number_of_ignore_comments() {
    assert_checked_linearly("ignore comments", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("# hadolint ignore=DL3008\nRUN apt-get install -y p{i}\n")
        })
    });
}

/// A value of thousands of variable references: each reference's place in the source is
/// worked out without comparing the whole value again.
#[test]
fn checking_is_linear_in_the_variables_of_one_value() {
    assert_checked_linearly("references in one ENV value", |n| {
        format!("FROM debian:12\nENV X={}\n", "${A".repeat(n))
    });
}

/// Rules that look back for the `RUN` a later one depends on (the one that left the cache
/// a cleanup removes, the install of GNU Wget) find it in lists built once per file:
/// walking back from each `RUN` measured ×13 and ×16 for four times the `RUN`s.
#[test]
fn checking_is_linear_in_the_number_of_runs_looking_back() {
    assert_checked_linearly("cleanups in their own RUN", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("RUN apt-get install -y p{i}\nRUN rm -rf /var/lib/apt/lists/*\n")
        }) + "CMD [\"x\"]\n"
    });
    assert_checked_linearly("wget downloads", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("RUN wget http://x/{i} && curl -o y http://y/{i}\n")
        }) + "CMD [\"x\"]\n"
    });
}

/// What a fix plans over the whole stage (the split into a build and a runtime stage, the
/// move of an `apt-get update` into the `RUN` that installs) finds each instruction's line
/// by search, not by a walk from the top. The walks were a small part of the cost below a
/// few thousand lines, so these are measured from 1,000 to 16,000 `RUN`s: the Go builds
/// measured ×94 to ×113 with the walk (1.2 s at 16,000).
#[test]
fn checking_is_linear_in_the_number_of_runs_a_fix_plans_around() {
    let mut settings = Settings::default();
    settings.select = vec![slimfile::RuleSelector::All];
    let linter = Linter::new(settings);
    assert_scales_linearly_from(
        &linter,
        "go builds after a copy",
        |n| {
            lines("FROM golang:1.22\nWORKDIR /src\n", n, |i| {
                format!("COPY . .\nRUN go build -o /bin/a{i} ./cmd/a{i}\n")
            }) + "CMD [\"a1\"]\n"
        },
        1_000,
        30.0,
    );
    assert_scales_linearly_from(
        &linter,
        "apt-get updates in their own RUN",
        |n| {
            lines("FROM debian:12\n", n, |i| {
                format!("RUN apt-get update\nRUN apt-get install -y p{i}\n")
            }) + "CMD [\"x\"]\n"
        },
        1_000,
        30.0,
    );
}

/// A report masks the credentials of its file in every message, title and edit it prints:
/// with one search per credential and text, a file with a token on every line cost
/// credentials × findings (×150 to ×250 measured for sixteen times the lines).
#[test]
fn masking_a_report_is_linear_in_the_number_of_credentials() {
    let mut settings = Settings::default();
    settings.select = vec![slimfile::RuleSelector::All];
    let linter = Linter::new(settings);
    let make = |n: usize| {
        lines("FROM debian:12\n", n, |i| {
            format!("ENV API_TOKEN_{i}=ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1{i:05}\n")
        })
    };
    let mask_all = |src: &str| {
        let (found, redactions) = linter
            .check_redacting(src, &Context::default())
            .expect("checked");
        assert_eq!(redactions.ranges().len(), src.lines().count() - 1);
        for d in &found {
            std::hint::black_box(redactions.mask_message(&d.message, src));
            if let Some(fix) = &d.fix {
                std::hint::black_box(redactions.mask_message(&fix.title, src));
                for edit in &fix.edits {
                    std::hint::black_box(redactions.mask(&edit.content));
                }
            }
        }
    };
    assert_work_scales_linearly("tokens", make, 400, 64.0, mask_all);
}

/// A pin to another image (`openjdk` to `eclipse-temurin`) is checked on the whole
/// rewritten file: one check per such stage cost stages × file (×200 and more measured).
#[test]
fn checking_pins_to_another_image_is_not_quadratic() {
    assert_scales_linearly(
        &Linter::new(Settings::default()),
        "stages on openjdk",
        |n| {
            lines("FROM openjdk\nRUN java -version\n", n, |_| {
                "FROM openjdk\nRUN java -version\n".to_string()
            })
        },
    );
}

/// A cleanup in its own `RUN` is traced to the `RUN` that made what it removes: walking the
/// whole lineage again for each cleanup cost cleanups × instructions (×16 measured for four
/// times the lines, 4.3 s for 32,000 `RUN`s of apt's lists; 15 s for 32,000 removals of
/// paths nothing wrote).
#[test]
fn checking_cleanups_in_their_own_run_is_linear() {
    assert_checked_linearly("apt-get updates, installs and cleanups", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("RUN apt-get update\nRUN apt-get install -y p{i}\nRUN rm -rf /var/lib/apt/lists/*\n")
        })
    });
    assert_checked_linearly("removals of paths nothing wrote", |n| {
        lines("FROM debian:12\n", n, |i| format!("RUN rm -rf /tmp/x{i}\n"))
    });
}

/// Whether yarn is Yarn 2+, or dnf is configured to answer yes, depends on what the stage
/// did before: asked for each command by walking the stage back, ×12 for four times the
/// lines (3.4 s for 16,000 `RUN`s of yarn, 1.5 s for 8,000 of dnf).
#[test]
fn checking_what_earlier_runs_configured_is_linear() {
    assert_checked_linearly("yarn installs and cache cleanups", |n| {
        lines("FROM node:20\n", n, |_| {
            "RUN yarn install --frozen-lockfile\nRUN yarn cache clean\n".to_string()
        })
    });
    assert_checked_linearly("dnf installs without -y", |n| {
        lines("FROM fedora:40\n", n, |i| format!("RUN dnf install p{i}\n"))
    });
}

/// Checking `make(32_000)` with only rule `code` on must cost about sixteen times checking
/// `make(2_000)`: with every rule on, a square that one rule pays shows only at sizes a
/// test takes too long to check.
fn assert_rule_checked_linearly(code: &'static str, what: &str, make: impl Fn(usize) -> String) {
    let mut settings = Settings::default();
    settings.select = vec![slimfile::RuleSelector::Rule(code)];
    assert_scales_linearly_from(&Linter::new(settings), what, make, 2000, 64.0);
}

/// Whether a later `RUN` reads the package index an update or an install left depends on
/// the rest of the stage: asked for each `RUN` by walking the rest of it, ×50 for four
/// times the lines (39 s for 64,000 `RUN apk update`).
#[test]
fn checking_what_later_runs_read_of_the_index_is_linear() {
    assert_rule_checked_linearly("DL3019", "apk installs without --no-cache", |n| {
        lines("FROM alpine:3.20\n", n, |i| format!("RUN apk add p{i}\n"))
    });
    assert_checked_linearly("refreshes that nothing installs from", |n| {
        lines("FROM alpine:3.20\n", n, |_| "RUN apk update\n".to_string())
    });
    assert_checked_linearly("refreshes before one install", |n| {
        let mut src = lines("FROM debian:12\n", n, |_| {
            "RUN apt-get update\n".to_string()
        });
        src.push_str("RUN apt-get install -y curl\n");
        src
    });
}

/// What an install needs later in its stage, whether the image configured Bundler before
/// it, which stages are built on a stage, which credential lies in a value: each was
/// looked for by walking the rest of the file again, ×12 to ×17 for four times the lines
/// (18 s for 16,000 installs of pip and `pip3 install`s).
#[test]
fn checking_what_each_instruction_looks_up_in_the_file_is_linear() {
    assert_checked_linearly("pip installs after apt installs of pip", |n| {
        lines("FROM ubuntu:18.04\n", n, |i| {
            format!("RUN apt-get install -y python3-pip\nRUN pip3 install p{i}\n")
        })
    });
    assert_checked_linearly("bundle installs", |n| {
        lines("FROM ruby:3.3\n", n, |_| "RUN bundle install\n".to_string())
    });
    assert_rule_checked_linearly("DL3009", "stages each built on the one before", |n| {
        lines("FROM debian:12 AS s0\n", n, |i| {
            format!(
                "FROM s{} AS s{i}\nRUN apt-get update && apt-get install -y p\n",
                i - 1
            )
        })
    });
    assert_rule_checked_linearly("SF405", "tokens in ENV values", |n| {
        lines("FROM debian:12\n", n, |i| {
            format!("ENV TOKEN{i}=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n")
        })
    });
}
