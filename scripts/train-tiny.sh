#!/usr/bin/env bash
# Rebuilds the built-in `tiny` model: the sentence files from installed packages, then a
# bert-tiny-dense student distilled from the default model (all-MiniLM-L6-v2). The result goes to
# OUT (default: target/tiny); copy it into encoder/src/main/resources/io/semsearch/encoder/builtin/tiny/
# with scripts/train-tiny.sh --install (README.md and DATA-SOURCES.md there are kept). Settings:
# TINY_INIT (bert-tiny-dense-pca: the default model's embeddings reduced to 128 by PCA),
# TINY_BATCH (128), TINY_LR (1e-3), TINY_MAX_STEPS (1000), TINY_DATA, TINY_OUT.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
data="${TINY_DATA:-$root/target/tiny-data}"
out="${TINY_OUT:-$root/target/tiny}"
resources="$root/encoder/src/main/resources/io/semsearch/encoder/builtin/tiny"
if [ "${1:-}" = "--install" ]; then
  [ -f "$out/modules.json" ] || { echo "train-tiny: no model in $out" >&2; exit 1; }
  mkdir -p "$resources"
  find "$resources" -mindepth 1 ! -name README.md ! -name DATA-SOURCES.md -delete
  (cd "$out" && find . -type f ! -name README.md ! -name DATA-SOURCES.md | sed 's|^\./||' | sort | while read -r f; do
     mkdir -p "$resources/$(dirname "$f")"; cp "$f" "$resources/$f"; done)
  (cd "$resources" && find . -type f ! -name files.txt | sed 's|^\./||' | sort | xargs sha256sum > files.txt)
  echo "installed $out into $resources (files.txt lists $(wc -l < "$resources/files.txt") files)"
  exit 0
fi
[ -d /usr/share/wordnet ] || { echo "train-tiny: apt-get install wordnet-base" >&2; exit 1; }
"$root/scripts/tiny-model-data.py" "$data"
rm -rf "$out"
"$root/semsearch" distill --init "${TINY_INIT:-bert-tiny-dense-pca}" --input "$data/train.txt" --output "$out" \
  --batch-size "${TINY_BATCH:-128}" --lr "${TINY_LR:-1e-3}" --max-steps "${TINY_MAX_STEPS:-1000}" \
  --seed 42 --json
