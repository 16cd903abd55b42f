#!/usr/bin/env bash
# HNSW recall@10 vs queries/s through semsearch's search path, against exact search:
#   scripts/bench-search.sh [documents=100000|real] [queries=1000] [configs=none:16:100,none:32:200,int8:16:100]
#                           [num_candidates=10,20,40,80,160] [threads=1,2] [real_texts=51000]
# Configs are quantization:M:beam. Vectors are MiniLM embeddings of sentences found on this machine
# and mixtures of them (see SearchBenchmark). With documents "real": no mixtures; embeddings of
# real_texts distinct package descriptions (apt-cache), the last `queries` of them as queries.
# One-thread rows also time a plain Lucene KnnFloatVectorQuery on the same index.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-search.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = real ]; then
  python3 scripts/make-bench-sentences.py "${6:-51000}" packages > "$work/sentences.txt"
  vectors="$root/searcher/target/bench-packages.vectors"
else
  python3 scripts/make-bench-sentences.py 3000 > "$work/sentences.txt"
  vectors="$root/searcher/target/bench-sentences.vectors"
fi
# one reactor build: the sibling modules come from this checkout's target folders, not from ~/.m2
# (which other checkouts on the machine may install into)
mvn -B -q -DskipTests -pl searcher -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/searcher/target/bench.classpath" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
"$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx6g ${BENCH_JAVA_OPTS:-} \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" \
  -cp "searcher/target/test-classes:searcher/target/classes:$(cat searcher/target/bench.classpath)" \
  io.semsearch.searcher.bench.SearchBenchmark "$work/sentences.txt" "${1:-100000}" "${2:-1000}" \
  "${3:-none:16:100,none:32:200,int8:16:100}" "${4:-10,20,40,80,160}" "${5:-1,2}" "$work" "$vectors"
