#!/usr/bin/env bash
# Compares what two builds of `slimfile` print over a corpus: `check` as JSON, text and
# SARIF (each file checked with its own directory as build context), `fix --diff`, safe
# and with `--unsafe-fixes`, and `parse --format json`. Used to show that a refactor changed no
# output: build the old commit, build the new one, run this with both binaries.
#
#   tests/output_identity.sh OLD_SLIMFILE NEW_SLIMFILE [CORPUS_DIR] [MAX_FIX_FILES]
#
# Exit status 0 when every output is byte-identical, 1 otherwise (the first differing
# lines are printed).
set -euo pipefail

old=$(realpath "${1:?usage: output_identity.sh OLD NEW [CORPUS] [MAX_FIX_FILES]}")
new=$(realpath "${2:?usage: output_identity.sh OLD NEW [CORPUS] [MAX_FIX_FILES]}")
corpus=${3:-"$(dirname "$0")/../../shared/corpus/sample"}
max_fix=${4:-1500}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy, so that `fix` can never touch the shared corpus and both runs see the same tree.
cp -r "$corpus" "$work/corpus"
(cd "$work/corpus" && find . -type f ! -name '.dockerignore' | LC_ALL=C sort) > "$work/files"
head -n "$max_fix" "$work/files" > "$work/fix-files"

status=0
compare() {
    local name=$1
    shift
    (cd "$work/corpus" && "$old" "$@" > "$work/$name.old" 2> "$work/$name.old.err" || true)
    (cd "$work/corpus" && "$new" "$@" > "$work/$name.new" 2> "$work/$name.new.err" || true)
    for stream in "" .err; do
        if cmp -s "$work/$name.old$stream" "$work/$name.new$stream"; then
            echo "identical: $name${stream:+ (stderr)} ($(wc -l < "$work/$name.new$stream") lines)"
        else
            echo "DIFFERENT: $name${stream:+ (stderr)}"
            diff "$work/$name.old$stream" "$work/$name.new$stream" | head -n 8 | cut -c1-400 || true
            status=1
        fi
    done
}

mapfile -t files < "$work/files"
mapfile -t fix_files < "$work/fix-files"
compare check-json check --no-config --select ALL --format json "${files[@]}"
compare check-json-default check --no-config --format json "${files[@]}"
compare check-text check --no-config --select ALL "${files[@]}"
compare check-sarif check --no-config --select ALL --format sarif "${fix_files[@]}"
compare fix-diff fix --no-config --diff "${fix_files[@]}"
compare fix-diff-unsafe fix --no-config --diff --unsafe-fixes "${fix_files[@]}"
parse_all() {
    local f
    for f in "${fix_files[@]:0:300}"; do "$1" parse --format json "$f" || true; done
}
(cd "$work/corpus" && parse_all "$old" > "$work/parse.old" 2>&1)
(cd "$work/corpus" && parse_all "$new" > "$work/parse.new" 2>&1)
if cmp -s "$work/parse.old" "$work/parse.new"; then
    echo "identical: parse-json ($(wc -l < "$work/parse.new") lines)"
else
    echo "DIFFERENT: parse-json"
    diff "$work/parse.old" "$work/parse.new" | head -n 8 | cut -c1-400 || true
    status=1
fi
exit $status
