#!/usr/bin/env bash
# Fine-tunes a model on the man-page domain of scripts/man-domain-data.py and measures retrieval on
# its held-out queries before and after, with `eval ir` (dense, exact ranking of a fresh index).
#
#   scripts/bench-finetune-domain.sh [MODEL] [EPOCHS] [LR] [BATCH]
#
# MODEL: tiny (default), a folder, or "default" (all-MiniLM-L6-v2); EPOCHS 4, LR 3e-4, BATCH 64.
# Work files go to $WORK (default target/finetune-domain): data/, base-index/, tuned/, tuned-index/.
# Prints the training summary and one line of metrics per model.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
model="${1:-tiny}"
epochs="${2:-4}"
lr="${3:-3e-4}"
batch="${4:-64}"
work="${WORK:-$root/target/finetune-domain}"
semsearch="$root/semsearch"
model_args=()
[ "$model" = default ] || model_args=(--model "$model")

rm -rf "$work"
mkdir -p "$work"
"$root/scripts/man-domain-data.py" "$work/data"
data="$work/data"

metrics() { # NAME INDEX MODEL_ARGS...
  local name=$1 index=$2
  shift 2
  "$semsearch" index --index "$index" --input "$data/eval-docs.jsonl" "$@" >/dev/null
  "$semsearch" eval ir --index "$index" "$@" --queries "$data/eval-queries.tsv" \
    --qrels "$data/eval-qrels.tsv" --json \
    | python3 -c 'import json, sys
d = json.load(sys.stdin)
print("%-10s queries %d  mrr@10 %.4f  ndcg@10 %.4f  accuracy@1 %.4f  recall@10 %.4f" % (
    sys.argv[1], d["queries"], d["mrr@10"], d["ndcg@10"], d["accuracy@1"], d["recall@10"]))' "$name"
}

start=$(date +%s)
"$semsearch" train "${model_args[@]:---model=sentence-transformers/all-MiniLM-L6-v2}" --loss mnrl \
  --train "$data/train.tsv" --output "$work/tuned" --epochs "$epochs" --batch-size "$batch" \
  --lr "$lr" --seed 42 --json 2>"$work/train.log"
echo "training took $(($(date +%s) - start)) s (log: $work/train.log)"
metrics base "$work/base-index" "${model_args[@]}"
metrics fine-tuned "$work/tuned-index" --model "$work/tuned"
