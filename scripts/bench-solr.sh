#!/usr/bin/env bash
# The embedded index vs a two-node SolrCloud on this machine (2 shards x 2 replicas), same corpus:
# dense queries/s, p50/p99 and recall@10 against exact search, one query at a time.
#   scripts/bench-solr.sh [documents=5000] [queries=500] [model=default] [corpus=synthetic|real]
# corpus synthetic: make-bench-corpus.py's short documents (seeded), queries made from them;
# corpus real: make-real-corpus.py's distinct Debian package descriptions, man page paragraphs and
# Python docstrings, with man pages' NAME lines as queries. model: as --model takes it (tiny...).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-solr.XXXXXX")
trap 'rm -rf "$work"' EXIT
query_file=()
if [ "${4:-synthetic}" = real ]; then
  python3 scripts/make-real-corpus.py "${1:-5000}" "$work/corpus.jsonl" "$work/queries.txt" "${2:-500}"
  query_file=("$work/queries.txt")
else
  python3 scripts/make-bench-corpus.py short "${1:-5000}" > "$work/corpus.jsonl"
fi
echo "bench-solr: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (uncommitted changes)'), $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# in the reactor, so that the semsearch modules come from this checkout, not from ~/.m2
mvn -B -q -DskipTests -Dspotless.check.skip=true -pl solr -am test-compile package \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/solr/target/bench.classpath" >&2
# a copy of this checkout's classes and jars, so that builds during the (long) run don't change them
cp -r solr/target/classes "$work/classes" && cp -r solr/target/test-classes "$work/test-classes"
mkdir -p "$work/jars"
classpath=""
IFS=: read -r -a entries < solr/target/bench.classpath || true  # no newline at the end
for entry in "${entries[@]}"; do
  case "$entry" in
    "$root"/*) copy="$work/jars/$(echo "${entry#"$root"/}" | tr / _)"; cp -r "$entry" "$copy"; entry="$copy" ;;
  esac
  classpath="$classpath:$entry"
done
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
"$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx3g \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" \
  -cp "$work/test-classes:$work/classes$classpath" \
  io.semsearch.solr.bench.SolrBenchmark "$root" "$work/corpus.jsonl" "${2:-500}" "$work" "${3:-}" "${query_file[@]}"
echo "bench-solr: done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
