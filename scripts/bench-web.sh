#!/usr/bin/env bash
# Load test of GET /api/search with wrk against the 300-document sample corpus:
#   scripts/bench-web.sh [connections=1,8,32,64] [seconds=30] [encoder_workers=2] [mode=dense]
# Queries cycle through samples/corpus/queries.tsv (36 distinct queries, k=10). One wrk thread.
# The server's query cache is off (every search embeds its query) unless QUERY_CACHE=N is set.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/scripts/jdk.sh"
find_jdk
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk: sudo apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-web.XXXXXX")
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
mvn -B -q -pl web -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/web/target/bench.classpath" >&2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
OMP_NUM_THREADS=1 "$JAVA_HOME/bin/java" "@$root/jvm.flags" -Xmx2g \
  -Dsemsearch.test.cache="$root/encoder/target/test-model-cache" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dsemsearch.bench.queryCache="${QUERY_CACHE:-0}" \
  -cp "web/target/test-classes:web/target/classes:$(cat web/target/bench.classpath)" \
  io.semsearch.web.bench.BenchmarkServer samples/corpus/docs.jsonl "$work/index" "$port" "${3:-2}" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q "ready on port" "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
mode="${4:-dense}"
python3 - "$mode" > "$work/search.lua" <<'PY'
import sys, urllib.parse
queries = [line.split("\t", 1)[1].strip() for line in open("samples/corpus/queries.tsv", encoding="utf-8").readlines()[1:] if "\t" in line]
print("local queries = {" + ",".join('"%s"' % urllib.parse.quote(q) for q in queries) + "}")
print('local mode = "%s"' % sys.argv[1])
print('''local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?k=10&mode=" .. mode .. "&q=" .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests/s %.1f | p50 %.1f ms | p99 %.1f ms | socket errors %d | non-2xx %d | requests %d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.requests))
end''')
PY
url="http://127.0.0.1:$port"
# warm-up: until the JIT has compiled the hot paths (C2 took ~10% of the CPU in a run after a 5 s warm-up)
wrk -t1 -c32 -d"${WARMUP_SECONDS:-60}s" -s "$work/search.lua" "$url" > /dev/null
seconds="${2:-30}"
IFS=, read -ra connections <<< "${1:-1,8,32,64}"
for c in "${connections[@]}"; do
  printf "connections %3s  " "$c"
  wrk -t1 -c"$c" -d"${seconds}s" --latency -s "$work/search.lua" "$url" | grep RESULT | sed 's/^RESULT //'
done
curl -s "$url/metrics" | grep -E '^semsearch_(encode|search)_seconds_(sum|count)' || true
