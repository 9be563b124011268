#!/usr/bin/env bash
# Fills fuzz/corpus/extract with the bundled samples and the seeds.
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/extract
find ../samples/corpus ../samples/bad ../../shared/seeds -type f ! -name '*.gold.json' ! -name 'README.md' 2>/dev/null \
  | while read -r f; do cp "$f" "corpus/extract/$(basename "$f")"; done
ls corpus/extract | wc -l
