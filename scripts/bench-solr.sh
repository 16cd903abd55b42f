#!/usr/bin/env bash
# The embedded index vs a two-node SolrCloud on this machine (2 shards x 2 replicas), same corpus:
# dense queries/s, p50/p99 and recall@10 against exact search, one query at a time.
#   scripts/bench-solr.sh [documents=5000] [queries=500]
# The corpus is make-bench-corpus.py's short documents (seeded).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-solr.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 scripts/make-bench-corpus.py short "${1:-5000}" > "$work/corpus.jsonl"
# in the reactor, so that the semsearch modules come from this checkout, not from ~/.m2
mvn -B -q -DskipTests -Dspotless.check.skip=true -pl solr -am test-compile package \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/solr/target/bench.classpath" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
"$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx3g \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" \
  -cp "solr/target/test-classes:solr/target/classes:$(cat solr/target/bench.classpath)" \
  io.semsearch.solr.bench.SolrBenchmark "$root" "$work/corpus.jsonl" "${2:-500}" "$work"
