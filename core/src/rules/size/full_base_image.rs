use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::base_images::base_image;
use crate::knowledge::{pinned_tag, slimmer_variant, Variant};
use crate::rules::fixes::base_switch::{plan_switch, SwitchPlan};
use crate::rules::fixes::pin::image_arg_default_edit;
use crate::rules::messages::megabytes;
use crate::rules::{Checker, Savings};
use crate::semantic::commands::build_step;
use crate::semantic::images::plain_reference;
use crate::semantic::instructions::copy_parts;
use crate::semantic::instructions::reads_context;
use crate::semantic::stages::stage_chain;
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for a final image built on the full variant of an official image that has a
    /// slimmer variant with the same C library: `node:26` instead of `node:26-slim`,
    /// `python:3.14` instead of `python:3.14-slim`, `eclipse-temurin:25-jdk` instead of
    /// `eclipse-temurin:25-jre`, `buildpack-deps:trixie` instead of `buildpack-deps:trixie-curl`.
    ///
    /// ## Why is this bad?
    /// The full language images are built on `buildpack-deps`: compilers, headers, git,
    /// ImageMagick and hundreds of other packages the application seldom needs at run time.
    /// They are several times larger than the `-slim` variant (`node` is about 440 MB
    /// compressed, `node:slim` about 85 MB), which costs pull time, disk and attack surface.
    ///
    /// Only the stage built by default is checked (and the stages it is based on through
    /// `FROM <stage>`): builder stages may need the toolchain. With `prefer = "alpine"` in
    /// the configuration the rule suggests the Alpine variant, and says that Alpine's musl C
    /// library can break prebuilt native code. A JDK is not reported when the final image
    /// builds Java code itself. `debian` and `buildpack-deps` bases are reported only when
    /// the image copies an application from the context (other images are built on them on
    /// purpose). Images given by digest, from variables known only at build time, and
    /// unofficial images are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24
    /// WORKDIR /app
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR /app
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the smaller variant lacks programs the full one has (the full language images
    /// are built on `buildpack-deps`: curl, wget, git, compilers, `-dev` headers). The fix
    /// checks what the stages built on the image run (`RUN`, `CMD`, `ENTRYPOINT`,
    /// `HEALTHCHECK`) against what the new image has: programs it lacks are installed with
    /// its package manager (with the CA bundle when the old image had it; git also for a
    /// global install of an npm tool that runs it, such as Bower or Lerna); compilers the
    /// stage runs, `-dev` headers installed for native builds, gems with C extensions, Python
    /// packages PyPI has as source only or a local project pip builds from its source
    /// (`pip install -e /src`, `setup.py install`), Python packages a requirements or lock
    /// file lists (`pip install -r`, `pipenv install`, `poetry install`: `uwsgi`, `psycopg2`
    /// and `mysqlclient` are source only and common there) unless the stage installs a
    /// compiler itself, crates that link C libraries, Node native addons
    /// built from source (`node-gyp` run or installed, `npm rebuild`, `--build-from-source`: node-gyp needs
    /// python3, make and g++), a package manager the new image does not have, or programs
    /// to install on a Debian release that has left the mirrors (jessie, stretch, buster,
    /// and the tags of language lines last built on them, such as `node:10`, where `apt-get
    /// update` fails) make the switch advice naming what is missing. So do Java and PostgreSQL packages installed on
    /// a Debian `-slim` image (their post-install scripts link man pages into the
    /// `/usr/share/man` that slim removed; not after a `mkdir -p /usr/share/man/man1`),
    /// `ONBUILD RUN` steps (they run in the images built on this one, on files not seen
    /// here), an image with no `CMD` or `ENTRYPOINT` of its own (it is started with a
    /// command given elsewhere, or used as a build environment, which may need git or a
    /// compiler), and a script from the build context that the image runs (`ENTRYPOINT
    /// ["docker-entrypoint.sh"]`, `RUN sh setup.sh`), or a program from the context that a
    /// build step runs with an interpreter (`RUN node fetch.js`, `RUN python3 prepare.py`:
    /// such steps download and unpack with what the full image has): what it runs in turn
    /// is not seen.
    /// What a `package.json` the image installs holds is not seen: most native addons
    /// publish prebuilt binaries, but one without them would need node-gyp and the full
    /// image's compilers, and a dependency from a git URL needs git. `latest` or a missing tag is replaced with the pinned release
    /// line's slim tag (`node:latest` → `node:26-slim`). For `FROM $BASE`, the default of
    /// the global `ARG BASE=...` becomes the slim tag (a `--build-arg` still picks any
    /// image), unless another stage reads `BASE` too: then the final `FROM` gets the suffix.
    /// The saving is shown only when the size table has both tags' release line.
    ///
    /// ## References
    /// - [Docker Hub: node image variants](https://hub.docker.com/_/node#image-variants)
    /// - [Docker Hub: python image variants](https://hub.docker.com/_/python#image-variants)
    /// - [docker-library/repo-info](https://github.com/docker-library/repo-info) (image sizes)
    pub(crate) static RULE = {
        code: "SF101",
        name: "full-base-image",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(last) = checker.final_stage() else {
        return;
    };
    let chain = stage_chain(checker, last);
    let Some(&root) = chain.last() else {
        return;
    };
    let (Some(base), Some(image)) = (&root.base, &root.image) else {
        return;
    };
    if root.unresolved || base.digest.is_some() || base.is_scratch() {
        return;
    }
    let Some(name) = base.official_name() else {
        return;
    };
    // OS and toolchain bases are often chosen on purpose (an image others build on):
    // only an image that ships an application from the context is reported.
    if matches!(name, "debian" | "buildpack-deps") && !copies_application(checker) {
        return;
    }
    let tag = base.tag.as_deref();
    let prefer = checker.options.prefer;
    // `latest` or no tag: compare with the slim variant of the line a pin would choose.
    let pinned = match tag {
        None | Some("latest") => pinned_tag(name, tag).filter(|p| p.image == name),
        Some(_) => None,
    };
    let swap = match &pinned {
        Some(p) => slimmer_variant(name, Some(&p.tag), prefer),
        None => slimmer_variant(name, tag, prefer),
    };
    let Some(swap) = swap else {
        return;
    };
    if matches!(swap.to_variant, Variant::Jre | Variant::JreAlpine)
        && builds_in_final_image(checker)
    {
        return;
    }
    let resolved = root.resolved_image.as_deref().unwrap_or(&image.value);
    if !plain_reference(resolved) {
        return;
    }
    let target = format!("{}:{}", swap.image, swap.tag);
    let mut message = format!("Final image on the full `{resolved}`: `{target}` is smaller");
    if swap.libc_changes {
        message.push_str(" (Alpine uses musl, not glibc: prebuilt native code may break)");
    }
    // What the stages do, checked against what the smaller image has.
    let old = checker.stage_model(root.index).and_then(|m| m.known_base());
    let new = base_image(swap.image, Some(&swap.tag));
    let plan = match (old, &new) {
        (Some(old), Some(new)) => plan_switch(checker, &chain, old, new, &target),
        _ => SwitchPlan::Refused(format!("what `{target}` contains is not known")),
    };
    let (install, packages) = match plan {
        SwitchPlan::Ready { install, packages } => (install, packages),
        SwitchPlan::Refused(why) => {
            checker
                .report(image.range, message)
                .fix(Fix::display_only(format!("Use `{target}`: {why}")));
            return;
        }
    };
    let savings = swap.savings_bytes().map(|bytes| {
        // Name the rows measured.
        let from_row = swap
            .from_source
            .and_then(measured_tag)
            .unwrap_or_else(|| resolved.to_string());
        let to_row = measured_tag(swap.source).unwrap_or_else(|| target.clone());
        let installs = if packages.is_empty() {
            String::new()
        } else {
            format!(", before the {} package(s) the fix installs", packages.len())
        };
        Savings {
            bytes,
            basis: format!(
                "{from_row} {} → {to_row} {}, compressed linux/amd64 (docker-library/repo-info{}){installs}",
                megabytes(swap.from_bytes.unwrap_or(0)),
                megabytes(swap.to_bytes.unwrap_or(0)),
                swap.observed.map(|d| format!(", read {d}")).unwrap_or_default(),
            ),
        }
    });
    let title = if packages.is_empty() {
        format!("Use `{target}`")
    } else {
        let list: Vec<String> = packages.iter().map(|p| format!("`{p}`")).collect();
        format!("Use `{target}` and install {}", list.join(", "))
    };
    // The word as written (variables allowed where the fix only appends a suffix).
    let fix = root
        .image
        .as_ref()
        .filter(|w| checker.text(w.range) == w.value)
        .and_then(|word| {
            // `FROM $BASE`: the `ARG`'s default changes (`$BASE-slim` would break
            // `--build-arg BASE=node:20-alpine`), unless another stage reads it too.
            let edit = if let Some(edit) = image_arg_default_edit(checker, root, &target, true) {
                edit
            } else if swap.image != name {
                (!word.value.contains('$')).then(|| Edit::replace(word.range, target.clone()))?
            } else if let Some(suffix) = tag
                .filter(|_| pinned.is_none())
                .and_then(|t| swap.tag.strip_prefix(t))
                .filter(|s| !s.is_empty())
            {
                // `node:${NODE_VERSION}` → `node:${NODE_VERSION}-slim`.
                Edit::insert(word.range.end, suffix.to_string())
            } else if word.value.contains('$') {
                return None;
            } else {
                let colon = word
                    .value
                    .rfind(':')
                    .filter(|i| !word.value[*i..].contains('/'));
                match colon {
                    Some(i) => Edit::replace(
                        TextRange::new(word.range.start + i as u32 + 1, word.range.end),
                        swap.tag.clone(),
                    ),
                    None => Edit::insert(word.range.end, format!(":{}", swap.tag)),
                }
            };
            let mut edits = vec![edit];
            edits.extend(install.clone());
            Some(Fix::unsafe_(title.clone(), edits))
        });
    match fix {
        Some(fix) => {
            checker
                .report(image.range, message)
                .fix(fix)
                .savings(savings);
        }
        None => {
            checker.report(image.range, message);
        }
    }
}

/// Whether the final image compiles code itself (a JRE could not).
fn builds_in_final_image(checker: &Checker) -> bool {
    checker.final_image_instructions().iter().any(|&i| {
        checker
            .script(i)
            .is_some_and(|s| s.commands.iter().any(|c| build_step(c).is_some()))
    })
}

/// Whether the final image copies files from the build context other than scripts
/// (`docker-entrypoint.sh`).
fn copies_application(checker: &Checker) -> bool {
    checker.final_image_instructions().iter().any(|&i| {
        let inst = &checker.instructions()[i];
        reads_context(inst)
            && copy_parts(inst).is_some_and(|(sources, _)| {
                sources.iter().any(|s| {
                    let name = s.value.rsplit('/').next().unwrap_or(&s.value);
                    !name.ends_with(".sh") && !name.contains("entrypoint")
                })
            })
    })
}

/// `image:tag` of a size row from its source, `docker-library/repo-info
/// repos/node/remote/22-slim.md @...` → `node:22-slim`.
fn measured_tag(source: &str) -> Option<String> {
    let path = source.split(' ').find(|w| w.starts_with("repos/"))?;
    let (image, file) = path.strip_prefix("repos/")?.split_once("/remote/")?;
    Some(format!("{image}:{}", file.strip_suffix(".md")?))
}

#[cfg(test)]
mod tests {
    use crate::knowledge::Flavor;
    use crate::rules::{analyze, Context};
    use crate::{RuleSelector, Settings};

    fn sf101(src: &str, prefer: Flavor) -> Vec<crate::rules::Violation> {
        let config = Settings {
            select: vec![RuleSelector::Rule("SF101")],
            prefer,
            ..Settings::default()
        };
        analyze(&crate::parse(src), &Context::default(), &config)
    }

    #[test]
    fn prefer_alpine_suggests_alpine_and_warns_about_musl() {
        let found = sf101("FROM node:22\nCMD [\"node\"]\n", Flavor::Alpine);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert!(d.message.contains("`node:22-alpine`"), "{}", d.message);
        assert!(d.message.contains("musl"), "{}", d.message);
        assert_eq!(d.fix.as_ref().unwrap().title, "Use `node:22-alpine`");
        // With the default preference there is no libc warning.
        let found = sf101("FROM node:22\nCMD [\"node\"]\n", Flavor::Slim);
        assert!(!found[0].message.contains("musl"));
    }

    #[test]
    fn prefer_alpine_refuses_a_stage_that_runs_apt_get() {
        let src = "FROM node:22\nRUN apt-get update && apt-get install -y --no-install-recommends jq\nCMD [\"node\"]\n";
        let found = sf101(src, Flavor::Alpine);
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, crate::Applicability::DisplayOnly);
        assert!(fix.title.contains("has no `apt-get`"), "{}", fix.title);
        // On Alpine, `bash` is what the stage lacks: installed with apk.
        let found = sf101(
            "FROM node:22\nRUN bash -c 'echo hi'\nCMD [\"node\"]\n",
            Flavor::Alpine,
        );
        let fix = found[0].fix.as_ref().unwrap();
        assert!(fix.title.contains("install `bash`"), "{}", fix.title);
        assert!(fix
            .edits
            .iter()
            .any(|e| e.content.contains("apk add --no-cache bash")));
    }

    #[test]
    fn a_program_run_before_the_same_run_installs_it_is_installed_first() {
        // `curl` runs before the `apt-get install curl` of the same `RUN`: on the slim
        // image it is not there yet, so the switch installs it ahead of the stage's RUNs.
        let src = "FROM python:3.12\nRUN curl -fsSL https://example.org/key | apt-key add - && apt-get update && apt-get install -y curl\nCMD [\"python\"]\n";
        let found = sf101(src, Flavor::Slim);
        let fix = found[0].fix.as_ref().unwrap();
        assert!(fix.title.contains("install `curl`"), "{}", fix.title);
        // Installed first, then used: nothing to add.
        let src = "FROM python:3.12\nRUN apt-get update && apt-get install -y curl && curl -fsSL https://example.org/x\nCMD [\"python\"]\n";
        let found = sf101(src, Flavor::Slim);
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.title, "Use `python:3.12-slim`");
        // Run before its install and without a package to add: advice that names it.
        let src = "FROM python:3.12\nRUN make -C /src && apt-get update && apt-get install -y make\nCMD [\"python\"]\n";
        let found = sf101(src, Flavor::Slim);
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, crate::Applicability::DisplayOnly);
        assert!(fix.title.contains("`make`"), "{}", fix.title);
    }

    #[test]
    fn a_program_after_a_comment_substitution_is_seen() {
        // `` `# note` wget ...``: the substitution expands to nothing and `wget` runs.
        let src = "FROM node:22\nRUN apt-get update && \\\n  `# fetch the key` \\\n  wget -q -O- https://example.org/key | apt-key add -\nCMD [\"node\"]\n";
        let found = sf101(src, Flavor::Slim);
        let fix = found[0].fix.as_ref().unwrap();
        assert!(
            fix.title.contains("install") && fix.title.contains("`wget`"),
            "{}",
            fix.title
        );
    }

    #[test]
    fn rust_slim_has_no_wget() {
        // The rust slim images remove the `wget` they fetched `rustup-init` with.
        let src = "FROM rust:1.80\nRUN wget -q https://example.org/tool.tar.gz\nCMD [\"cargo\"]\n";
        let found = sf101(src, Flavor::Slim);
        let fix = found[0].fix.as_ref().unwrap();
        assert!(fix.title.contains("install `wget`"), "{}", fix.title);
        assert!(fix
            .edits
            .iter()
            .any(|e| e.content.contains("--no-install-recommends wget")));
    }

    #[test]
    fn prefer_alpine_reaches_images_without_slim() {
        let src = "FROM nginx:1.31\nCOPY site /usr/share/nginx/html\n";
        assert!(sf101(src, Flavor::Slim).is_empty());
        let found = sf101(src, Flavor::Alpine);
        assert!(
            found[0].message.contains("`nginx:1.31-alpine`"),
            "{found:?}"
        );
    }
}
