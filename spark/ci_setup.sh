#!/usr/bin/env bash
# Creates the virtual environment the Spark driver's tests run in (pinned
# pyspark and pytest; Java 17+ must be present): $SHIJU_CI_VENV, by default
# target/ci-venv. Fails if anything cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${SHIJU_CI_VENV:-$PWD/target/ci-venv}
[ -x "$venv/bin/python3" ] || python3 -m venv "$venv"
"$venv/bin/python3" -m pip install --quiet --disable-pip-version-check \
  pyspark==4.3.0 pytest==9.2.0
