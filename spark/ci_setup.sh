#!/usr/bin/env bash
# Installs what spark/run_tests.sh needs (Java 17+ must already be present).
set -euo pipefail
python3 -m pip install --quiet --disable-pip-version-check pyspark pytest
