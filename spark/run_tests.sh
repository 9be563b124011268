#!/usr/bin/env bash
# Runs the Spark driver's tests (installs nothing; see ci_setup.sh).
# Without pyspark or Java the Spark tests are skipped, the pure ones still run.
# The shiju binary: $SHIJU_BIN, else $CARGO_TARGET_DIR/release/shiju, else
# target/release/shiju (built with `cargo build --release -p shiju` if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export SPARK_LOCAL_IP=127.0.0.1
export PYTHONDONTWRITEBYTECODE=1  # leave no __pycache__ / .pytest_cache in the tree
exec python3 -m pytest -q -p no:cacheprovider spark/tests "$@"
