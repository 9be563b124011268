#!/usr/bin/env bash
# The test command of README.md: every Rust test of the workspace, then the
# Spark driver's tests, then the dashboard's browser test. Ends with one line
# "tests: N passed, N failed".
#
# On a developer's machine a suite whose tools are missing (pyspark, Java,
# node, Chromium) is skipped with a message. Under CI (`CI` set, as
# .ci/run does) a skipped suite or a skipped test is a failure: CI must never
# pass on tests that did not run.
set -uo pipefail
cd "$(dirname "$0")/.."
strict=false
case "${CI:-}" in "" | false | 0) ;; *) strict=true ;; esac
# skipped NAME COUNT: report COUNT skipped tests of suite NAME; a failure
# under CI.
skipped() {
  echo "$1: $2 skipped"
  if [ "$strict" = true ] && [ "$2" -gt 0 ]; then
    echo "$1: skipping is a failure under CI"
    failed=$((failed + $2))
    [ "$status" -eq 0 ] && status=1
  fi
  return 0
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --workspace --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$log")
failed=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$log")
venv=${SHIJU_CI_VENV:-$PWD/target/ci-venv}
[ -x "$venv/bin/python3" ] && export PATH="$venv/bin:$PATH"
if ! python3 -c 'import pytest' 2>/dev/null; then
  echo "spark: needs pytest and pyspark (bash spark/ci_setup.sh makes a venv with both)"
  skipped spark 1
elif [ -f spark/run_tests.sh ]; then
  target=${CARGO_TARGET_DIR:-target}
  SHIJU_BIN=${SHIJU_BIN:-$PWD/$target/debug/shiju} bash spark/run_tests.sh 2>&1 | tee "$log"
  spark_status=${PIPESTATUS[0]}
  sp=$(grep -Eo '[0-9]+ passed' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  sf=$(grep -Eo '[0-9]+ failed' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  ss=$(grep -Eo '[0-9]+ skipped' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  # A run that died before its summary line counts as one failure.
  if [ "$spark_status" -ne 0 ] && [ "$sf" -eq 0 ]; then sf=1; fi
  passed=$((passed + sp))
  failed=$((failed + sf))
  [ "$spark_status" -ne 0 ] && [ "$status" -eq 0 ] && status=$spark_status
  skipped spark "$ss"
fi
if [ -f e2e/dashboard.mjs ]; then
  target=${CARGO_TARGET_DIR:-target}
  case "$target" in /*) ;; *) target=$PWD/$target ;; esac
  if command -v node >/dev/null && [ -d e2e/node_modules/playwright-core ] && [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    SHIJU_BIN=${SHIJU_BIN:-$target/debug/shiju} node e2e/dashboard.mjs 2>&1 | tee "$log"
    e2e_status=${PIPESTATUS[0]}
    ep=$(sed -nE 's/^e2e: ([0-9]+) passed.*/\1/p' "$log" | tail -1)
    ef=$(sed -nE 's/^e2e: [0-9]+ passed, ([0-9]+) failed.*/\1/p' "$log" | tail -1)
    ep=${ep:-0}
    ef=${ef:-0}
    # A run that died before its summary line counts as one failure.
    if [ "$e2e_status" -ne 0 ] && [ "$ef" -eq 0 ]; then ef=1; fi
    passed=$((passed + ep))
    failed=$((failed + ef))
    [ "$e2e_status" -ne 0 ] && [ "$status" -eq 0 ] && status=$e2e_status
  else
    echo "e2e: needs node, /usr/bin/chromium and 'npm ci' in e2e/ (.ci/run installs them)"
    skipped e2e 1
  fi
fi
# Knowledge lives in lexicon/: at most 150 Chinese literals in non-test
# Rust, each accounted for in docs/literals.md (issue #21).
if python3 scripts/count_literals.py crates --max 150 >/dev/null; then
  passed=$((passed + 1))
else
  echo "literals: more than 150 Chinese literals in non-test Rust (python3 scripts/count_literals.py --list crates)"
  failed=$((failed + 1))
  [ "$status" -eq 0 ] && status=1
fi
# Code a newcomer can hold in mind: no non-test function over 200 lines,
# no Rust file over 1,000 (issue #21).
if python3 scripts/code_limits.py crates --check >/dev/null; then
  passed=$((passed + 1))
else
  echo "size: a function over 200 lines or a file over 1,000 (python3 scripts/code_limits.py crates)"
  failed=$((failed + 1))
  [ "$status" -eq 0 ] && status=1
fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
