#!/usr/bin/env bash
# Retrieval and STS quality of models on the samples, one line of JSON per model and evaluation:
#   scripts/bench-model-quality.sh [models=default,tiny,bge-small]
# "default" means no --model. Each model indexes samples/corpus/docs.jsonl into
# target/quality-MODEL, then `eval ir` (dense; the index reopens with its model) and `eval sts`.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
IFS=, read -r -a models <<< "${1:-default,tiny,bge-small}"
echo "# commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for model in "${models[@]}"; do
  args=()
  [ "$model" = default ] || args=(--model "$model")
  index="target/quality-$model"
  rm -rf "$index"
  ./semsearch index --index "$index" --input samples/corpus/docs.jsonl "${args[@]}" >/dev/null
  echo "{\"model\":\"$model\",\"eval\":\"ir\",\"result\":$(./semsearch eval ir --index "$index" \
    --queries samples/corpus/queries.tsv --qrels samples/corpus/qrels.tsv --json)}"
  echo "{\"model\":\"$model\",\"eval\":\"sts\",\"result\":$(./semsearch eval sts \
    --input samples/sts/sts-sample.tsv "${args[@]}" --json)}"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
