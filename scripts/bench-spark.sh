#!/usr/bin/env bash
# Spark local[2] encoding against the CLI on the same synthetic corpus (default model, CPU):
#   scripts/bench-spark.sh [docs=3000] [rounds=2]
# Per round, in this order: `./semsearch encode` on the documents' texts, the Spark encode job in
# local[2] (the shaded job jar on a classpath of Spark's jars, as spark-submit would run it) and
# `./semsearch index` on the JSON Lines. Each also runs on a 1-document corpus, so that the fixed
# cost (JVM, model load, Spark session) can be taken out: per-record time = (t(N) - t(1)) / (N - 1).
# Prints one line per run with the load average of the shared machine before it.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
docs=${1:-3000}
rounds=${2:-2}
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT
# the job jar and the provided classpath (Spark, Hadoop, Scala) it runs on; libtorch's native jar is
# added as spark-submit's --jars would add it
mvn -B -q ${MVN_FLAGS:-} -Pjob-jar -pl spark -am -DskipTests -Dspotless.check.skip=true package \
  dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$work/spark.classpath" >&2
native=$(find ~/.m2/repository/ai/djl/pytorch/pytorch-native-cpu -name '*linux-x86_64.jar' | sort | tail -n 1)
job_jar=$(ls spark/target/semsearch-spark-*-job.jar)
./semsearch --version >/dev/null 2>&1 || true # builds the launcher's jars when stale
export OMP_NUM_THREADS=1

python3 scripts/make-bench-corpus.py short "$docs" > "$work/corpus.jsonl"
head -n 1 "$work/corpus.jsonl" > "$work/one.jsonl"
for c in corpus one; do
  python3 -c 'import json,sys
for line in sys.stdin: print(json.loads(line)["text"])' < "$work/$c.jsonl" > "$work/$c.txt"
done

now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }
run() { # name corpus command...
  local name=$1 corpus=$2 l t0 t1
  shift 2
  l=$(load)
  t0=$(now)
  "$@" > "$work/out.log" 2>&1 || { cat "$work/out.log" >&2; exit 1; }
  t1=$(now)
  printf '%s %s %.2f load %s\n' "$name" "$corpus" "$(echo "$t1 - $t0" | bc)" "$l"
}
cli_encode() { ./semsearch encode < "$work/$1.txt" > /dev/null; }
cli_index() { rm -rf "$work/index"; ./semsearch index --index "$work/index" --input "$work/$1.jsonl"; }
spark_encode() {
  rm -rf "$work/vectors.parquet"
  "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx3g -Dspark.master='local[2]' -Dspark.ui.enabled=false \
    -cp "$job_jar:$native:$(cat "$work/spark.classpath")" io.semsearch.spark.SparkMain encode \
    --input "$work/$1.jsonl" --output "$work/vectors.parquet" --device cpu --partitions 2
}
echo "docs $docs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(getconf _NPROCESSORS_ONLN) cores, commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ)"
for r in $(seq "$rounds"); do
  for c in one corpus; do
    run cli-encode "$c" cli_encode "$c"
    run spark-local2 "$c" spark_encode "$c"
    run cli-index "$c" cli_index "$c"
  done
done
