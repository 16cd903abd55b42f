#!/usr/bin/env bash
# Texts per second of bert, roberta, xlm-roberta and mpnet at all-MiniLM-L6-v2's shape (random
# weights, the same token ids), fp32 on libtorch, in one JVM. Args go to ArchitectureBenchmark:
#   scripts/bench-architectures.sh [shortTexts=1000] [longTexts=50] [rounds=5] [batchSize=32]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
mvn -B -q -o -pl encoder -am -DskipTests test-compile >&2
mvn -B -q -o -pl encoder dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/encoder/target/bench.classpath" >&2
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx4g \
  -cp "encoder/target/test-classes:encoder/target/classes:$(cat encoder/target/bench.classpath)" \
  io.semsearch.encoder.bench.ArchitectureBenchmark "$@"
