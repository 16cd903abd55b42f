#!/usr/bin/env bash
# Query embeddings per second and latency percentiles with concurrent callers, in process (no HTTP):
#   scripts/bench-encoder-concurrent.sh [callers=1,8,32] [seconds=20] [batchSizes=8] [workers=2] [warmupSeconds=10]
# Callers cycle through the queries of samples/corpus/queries.tsv, one query per call.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
mvn -B -q -pl encoder -am -DskipTests install >&2
mvn -B -q -pl encoder dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/encoder/target/bench.classpath" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx2g \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "encoder/target/test-classes:encoder/target/classes:$(cat encoder/target/bench.classpath)" \
  io.semsearch.encoder.bench.ConcurrentQueryBenchmark samples/corpus/queries.tsv "$@"
