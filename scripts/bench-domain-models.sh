#!/usr/bin/env bash
# Retrieval on the man-page domain's held-out set (scripts/man-domain-data.py: 410 pages here) for
# several models and Matryoshka widths, with `eval ir` (dense) on a fresh index each:
#
#   scripts/bench-domain-models.sh [models=default,tiny,bge-small] [widths=full]
#
# "default" means no --model, "full" no --truncate-dim. Work files go to $WORK (default
# target/domain-models). Prints one line of metrics per model and width.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
IFS=, read -r -a models <<< "${1:-default,tiny,bge-small}"
IFS=, read -r -a widths <<< "${2:-full}"
work="${WORK:-$root/target/domain-models}"
semsearch="$root/semsearch"
rm -rf "$work"
mkdir -p "$work"
echo "# commit $(git -C "$root" rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/scripts/man-domain-data.py" "$work/data" >&2
data="$work/data"
for model in "${models[@]}"; do
  for width in "${widths[@]}"; do
    args=()
    [ "$model" = default ] || args+=(--model "$model")
    [ "$width" = full ] || args+=(--truncate-dim "$width")
    index="$work/index-$model-$width"
    "$semsearch" index --index "$index" --input "$data/eval-docs.jsonl" "${args[@]}" >/dev/null
    "$semsearch" eval ir --index "$index" --queries "$data/eval-queries.tsv" \
      --qrels "$data/eval-qrels.tsv" --json \
      | python3 -c 'import json, sys
d = json.load(sys.stdin)
print("%-10s %-5s queries %d  mrr@10 %.4f  ndcg@10 %.4f  accuracy@1 %.4f  recall@10 %.4f" % (
    sys.argv[1], sys.argv[2], d["queries"], d["mrr@10"], d["ndcg@10"], d["accuracy@1"],
    d["recall@10"]))' "$model" "$width"
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
