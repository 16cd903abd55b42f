#!/usr/bin/env bash
# Load test of GET /api/search with wrk:
#   scripts/bench-web.sh [connections=1,8,32,64] [seconds=30] [encoder_workers=2] [mode=dense]
# Queries: distinct real texts of realistic length, none repeated within a run unless the run asks
# for more requests than there are queries (each result line says how many repeated one). By
# default up to 30,000 distinct Debian package short descriptions (`apt-cache dumpavail`, shuffled
# with seed 42; needs apt's package lists); QUERIES=FILE takes one query a line instead. The
# warm-up walks its own part of the list; each wrk thread (WRK_THREADS, default 1) walks its own
# part of the rest. CORPUS=FILE.jsonl indexes another corpus (default: the 300 sample documents;
# scripts/make-package-corpus.py writes 50,000 Debian packages). PRECISION=int8 embeds the corpus and
# the queries with the int8 engine (default fp32). FORCE_MERGE=true merges the index to one segment
# after building it (as `index --force-merge` does).
# The server's query cache is off (every search embeds its query) unless QUERY_CACHE=N is set; each
# result line gives the share of searches the cache answered, read from the server's /metrics.
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
  -Dsemsearch.bench.queryCache="${QUERY_CACHE:-0}" -Dsemsearch.bench.precision="${PRECISION:-fp32}" \
  -Dsemsearch.bench.forceMerge="${FORCE_MERGE:-false}" \
  -cp "web/target/test-classes:web/target/classes:$(cat web/target/bench.classpath)" \
  io.semsearch.web.bench.BenchmarkServer "${CORPUS:-samples/corpus/docs.jsonl}" "$work/index" "$port" "${3:-2}" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 3600); do  # up to 30 minutes: a large CORPUS is embedded first
  grep -q "ready on port" "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
mode="${4:-dense}"
seconds="${2:-30}"
threads="${WRK_THREADS:-1}"
if [ -n "${QUERIES:-}" ]; then
  cp "$QUERIES" "$work/queries.txt"
else
  apt-cache dumpavail 2>/dev/null | python3 -c '
import random, sys
seen, out = set(), []
for line in sys.stdin:
    if line.startswith("Description: "):
        text = line[len("Description: "):].strip()
        key = text.lower()
        if len(text.split()) >= 3 and key not in seen:
            seen.add(key)
            out.append(text)
out.sort()
random.Random(42).shuffle(out)
print("\n".join(out[:30000]))' > "$work/queries.txt"
fi
distinct=$(sort -u "$work/queries.txt" | grep -c . || true)
if [ "$distinct" -lt 1000 ]; then
  echo "bench-web: only $distinct distinct queries (apt-get update, or QUERIES=FILE): figures would be flattered" >&2
  exit 1
fi
warmup_queries=$(( distinct / 5 ))
python3 - "$mode" "$work/queries.txt" "$warmup_queries" "$threads" > "$work/search.lua" <<'PY'
import sys, urllib.parse
mode, path, warmup, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
queries = [q.strip() for q in open(path, encoding="utf-8") if q.strip()]
def table(name, items):
    print("local %s = {%s}" % (name, ",".join('"%s"' % urllib.parse.quote(q) for q in items)))
table("warmup", queries[:warmup])
table("measured", queries[warmup:])
print('local mode = "%s"' % mode)
print('local threads = %d' % threads)
print('''local count = 0
setup = function(thread)
  thread:set("id", count)
  count = count + 1
end
init = function(args)
  list = (args[1] == "warmup") and warmup or measured
  size = math.floor(#list / threads)
  first = (id or 0) * size
  i = 0
end
request = function()
  local q = list[first + (i % size) + 1]
  i = i + 1
  return wrk.format("GET", "/api/search?k=10&mode=" .. mode .. "&q=" .. q)
end
done = function(summary, latency, requests)
  local e = summary.errors
  local walked = math.floor(#measured / threads) * threads
  local repeats = math.max(0, summary.requests - walked)
  io.write(string.format("RESULT requests/s %.1f | p50 %.1f ms | p99 %.1f ms | socket errors %d | non-2xx %d | requests %d (%d repeated a query)\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.requests, repeats))
end''')
PY
url="http://127.0.0.1:$port"
# the sum of a metric's samples over all its labels
metric() { curl -s "$url/metrics" | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { t += $2 } END { print t + 0 }'; }
# warm-up: until the JIT has compiled the hot paths (C2 took ~10% of the CPU in a run after a 5 s warm-up)
wrk -t"$threads" -c32 -d"${WARMUP_SECONDS:-60}s" -s "$work/search.lua" "$url" -- warmup > /dev/null
echo "queries: $distinct distinct ($warmup_queries for the warm-up, the rest measured); mode $mode; $threads wrk thread(s)"
IFS=, read -ra connections <<< "${1:-1,8,32,64}"
for c in "${connections[@]}"; do
  searches_before=$(metric semsearch_search_seconds_count)
  hits_before=$(metric semsearch_query_cache_hits_total)
  printf "connections %3s  " "$c"
  wrk -t"$threads" -c"$c" -d"${seconds}s" --latency -s "$work/search.lua" "$url" -- measured | grep RESULT | sed 's/^RESULT //' | tr -d '\n'
  searches_after=$(metric semsearch_search_seconds_count)
  hits_after=$(metric semsearch_query_cache_hits_total)
  python3 -c 'import sys; s = float(sys.argv[2]) - float(sys.argv[1]); h = float(sys.argv[4]) - float(sys.argv[3]); print(" | query cache hits %.1f%%" % (100 * h / s if s else 0))' \
    "${searches_before:-0}" "${searches_after:-0}" "${hits_before:-0}" "${hits_after:-0}"
done
curl -s "$url/metrics" | grep -E '^semsearch_(encode|search)_seconds_(sum|count)' || true
