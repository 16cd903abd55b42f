#!/usr/bin/env bash
# Cross-encoder cost: pairs/s in bulk and the time added per search at each rerank depth, beside the
# default model's query embedding, in one JVM. Args go to RerankBenchmark:
#   scripts/bench-rerank.sh [bulkPairs=512] [depths=20,50] [searches=40] [rounds=3]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
mvn -B -q -o -pl encoder test-compile -Dspotless.check.skip=true >&2
mvn -B -q -o -pl encoder dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/encoder/target/bench.classpath" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx4g \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" \
  -cp "encoder/target/test-classes:encoder/target/classes:$(cat encoder/target/bench.classpath)" \
  io.semsearch.encoder.bench.RerankBenchmark "$@"
