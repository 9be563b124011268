#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET (default: extract) with the bundled samples, the
# seeds and the real-news set beside the repository.
set -eu
cd "$(dirname "$0")"
target=${1:-extract}
mkdir -p "corpus/$target"
find ../samples/corpus ../samples/bad ../../shared/seeds ../../shared/realnews -type f \
  ! -name '*.gold.json' ! -name 'README.md' ! -name 'MANIFEST.tsv' ! -name 'SHA256SUMS' 2>/dev/null \
  | while read -r f; do cp "$f" "corpus/$target/$(basename "$f")"; done
ls "corpus/$target" | wc -l
