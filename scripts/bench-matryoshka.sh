#!/usr/bin/env bash
# Retrieval and STS quality at Matryoshka widths (--truncate-dim), one line of JSON per model,
# width and evaluation:
#   scripts/bench-matryoshka.sh [models=default,bge-small] [widths=full,128,64]
# "default" means no --model, "full" no --truncate-dim. Each model and width indexes
# samples/corpus/docs.jsonl into target/matryoshka-MODEL-WIDTH, then `eval ir` (dense; the index
# reopens with its model and width) and `eval sts` at that width.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
IFS=, read -r -a models <<< "${1:-default,bge-small}"
IFS=, read -r -a widths <<< "${2:-full,128,64}"
echo "# commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for model in "${models[@]}"; do
  for width in "${widths[@]}"; do
    args=()
    [ "$model" = default ] || args+=(--model "$model")
    [ "$width" = full ] || args+=(--truncate-dim "$width")
    index="target/matryoshka-$model-$width"
    rm -rf "$index"
    ./semsearch index --index "$index" --input samples/corpus/docs.jsonl "${args[@]}" >/dev/null
    echo "{\"model\":\"$model\",\"width\":\"$width\",\"eval\":\"ir\",\"result\":$(./semsearch eval ir \
      --index "$index" --queries samples/corpus/queries.tsv --qrels samples/corpus/qrels.tsv --json)}"
    echo "{\"model\":\"$model\",\"width\":\"$width\",\"eval\":\"sts\",\"result\":$(./semsearch eval sts \
      --input samples/sts/sts-sample.tsv "${args[@]}" --json)}"
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
