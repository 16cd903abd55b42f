#!/usr/bin/env bash
# Encoder throughput vs ONNX Runtime, same sentences, same JVM. Args go to EncoderBenchmark:
#   scripts/bench-encoder.sh [sentences=2000] [batchSizes=1,8,32,128] [splits=2x1,1x2] [rounds=3] [models=minilm,bert-tiny,tiny,bge-small] [engines=torch,int8,int8-mmi,ort-fp32]
# Prints ONNX Runtime fp32 and int8 (langchain4j) as peers, and each engine's cosine to torch fp32.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
mvn -B -q -DskipTests install >&2
mvn -B -q -pl encoder dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/encoder/target/bench.classpath" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx4g \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" \
  -cp "encoder/target/test-classes:encoder/target/classes:$(cat encoder/target/bench.classpath)" \
  io.semsearch.encoder.bench.EncoderBenchmark "$@"
