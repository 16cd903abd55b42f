#!/usr/bin/env bash
# Index build benchmark on synthetic corpora (default model, CPU):
#   scripts/bench-index.sh [short_docs=100000] [long_docs=10000] [quantizations="none int8"]
# Prints each run's summary: documents/s, passages/s, time in encoding vs HNSW insertion vs commits
# and merges, peak heap.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
short=${1:-100000}
long=${2:-10000}
quantizations=${3:-"none int8"}
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-index.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/make-bench-corpus.py" short "$short" > "$work/short.jsonl"
python3 "$root/scripts/make-bench-corpus.py" long "$long" > "$work/long.jsonl"
for corpus in short long; do
  for q in $quantizations; do
    echo "== $corpus ($(wc -l < "$work/$corpus.jsonl") documents), quantization $q"
    "$root/semsearch" index --index "$work/index-$corpus-$q" --input "$work/$corpus.jsonl" --quantization "$q" 2>/dev/null
  done
done
