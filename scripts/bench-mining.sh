#!/usr/bin/env bash
# Paraphrase mining benchmark on synthetic clustered unit vectors (dimension 384): exact vs approximate
# (HNSW) mining time and the approximate recall. Args go to MiningBenchmark:
#   scripts/bench-mining.sh [sizes=10000,50000,100000] [threads=2] [engineTopKUpTo=10000] [numCandidates=200] [dimension=384]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
# build mining and what it needs in one reactor run (MVN_FLAGS=-o for offline); the classpath then
# points into the modules' target folders
mvn -B -q ${MVN_FLAGS:-} -pl mining -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
threads="${2:-2}"
# libtorch's OpenMP threads spin while they wait: exactly as many as the miner's threads, no more
export OMP_NUM_THREADS="$threads"
exec "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx6g \
  -cp "mining/target/test-classes:mining/target/classes:$(cat mining/target/bench.classpath)" \
  io.semsearch.mining.MiningBenchmark "$@"
