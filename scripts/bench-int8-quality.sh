#!/usr/bin/env bash
# Quality of --precision int8 against fp32 with the project's own evaluation sets, per model:
# STS spearman_cosine (eval sts on samples/sts), IR MRR@10 and nDCG@10 (eval ir on the sample
# corpus, index and queries in the same precision, and an fp32 index searched with int8 queries).
#   scripts/bench-int8-quality.sh [models=default,tiny]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
models="${1:-default,tiny}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
corpus=samples/corpus
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print('%.4f' % d$1)"; }
echo "| model | index | queries | STS spearman_cosine | MRR@10 | nDCG@10 |"
echo "|---|---|---|---|---|---|"
for model in ${models//,/ }; do
  args=()
  [ "$model" = default ] || args=(--model "$model")
  for p in fp32 int8; do
    ./semsearch index "${args[@]}" --precision "$p" --index "$work/$model-$p" \
      --input "$corpus/docs.jsonl" >/dev/null 2>&1
  done
  for pair in fp32:fp32 int8:int8 fp32:int8; do
    index="${pair%%:*}"
    queries="${pair##*:}"
    sts="-"
    if [ "$index" = "$queries" ]; then
      sts=$(./semsearch eval sts "${args[@]}" --precision "$queries" \
        --input samples/sts/sts-sample.tsv --json 2>/dev/null | field "['spearman_cosine']")
    fi
    ir=$(./semsearch eval ir "${args[@]}" --precision "$queries" --index "$work/$model-$index" \
      --queries "$corpus/queries.tsv" --qrels "$corpus/qrels.tsv" --json 2>/dev/null)
    mrr=$(echo "$ir" | field "['mrr@10']" 2>/dev/null || echo "?")
    ndcg=$(echo "$ir" | field "['ndcg@10']" 2>/dev/null || echo "?")
    echo "| $model | $index | $queries | $sts | $mrr | $ndcg |"
  done
done
