#!/usr/bin/env bash
# Memory of `./semsearch serve` (through the launcher, with its defaults) on the sample corpus:
# the process's resident set (VmRSS) and its peak (VmHWM) from /proc, read
#   1. idle, after the server has started and warmed up;
#   2. after a search load of distinct queries (wrk, query cache off);
#   3. after rounds of the heaviest requests the default limits allow (embed, /v1/embeddings,
#      similarity and paraphrases at max_request_chars, highlighted searches of 100 hits).
#   scripts/bench-memory.sh [load_seconds=30] [connections=32] [heavy_rounds=4]
# SEMSEARCH_JAVA_OPTS / MALLOC_ARENA_MAX are passed on, to compare settings.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk: sudo apt-get install -y wrk" >&2; exit 1; }
seconds="${1:-30}"
connections="${2:-32}"
rounds="${3:-4}"
work=$(mktemp -d "${TMPDIR:-/tmp}/semsearch-bench-memory.XXXXXX")
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

./semsearch index --index "$work/index" --input samples/corpus/docs.jsonl > /dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# the launcher execs java, so this is the JVM's pid
./semsearch serve --index "$work/index" --port "$port" --query-cache 0 > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q "semsearch server on" "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
url="http://127.0.0.1:$port"
rss() {
  awk '/^VmRSS|^VmHWM/ { printf "%s %5.0f MB   ", $1, $2 / 1024 }' "/proc/$server_pid/status"
}
echo "settings: SEMSEARCH_JAVA_OPTS='${SEMSEARCH_JAVA_OPTS:-}' MALLOC_ARENA_MAX='${MALLOC_ARENA_MAX:-}'"
echo "idle                  $(rss)"

# distinct queries: every sample query with a running number, so none repeats
python3 - > "$work/search.lua" <<'PY'
import urllib.parse
queries = [line.split("\t", 1)[1].strip() for line in open("samples/corpus/queries.tsv", encoding="utf-8").readlines()[1:] if "\t" in line]
print("local queries = {" + ",".join('"%s"' % urllib.parse.quote(q) for q in queries) + "}")
print('''local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?k=10&q=" .. queries[(i % #queries) + 1] .. "%20" .. i)
end''')
PY
wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/search.lua" "$url" > /dev/null
echo "after search load     $(rss)"

python3 - "$url" "$rounds" <<'PY'
import json, sys, urllib.request, random
url, rounds = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
words = open("samples/corpus/docs.jsonl", encoding="utf-8").read().split()
def texts(n, chars):
    out = []
    for _ in range(n):
        t = " ".join(rng.choice(words) for _ in range(chars // 6))
        out.append(t[:chars])
    return out
def post(path, body):
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
    except urllib.error.HTTPError as e:
        print(f"  {path}: {e.code} {e.read()[:120]!r}", file=sys.stderr)
for _ in range(rounds):
    big = texts(100, 490)          # 49,000 characters: just under max_request_chars
    post("/api/embed", {"texts": big})
    post("/v1/embeddings", {"model": "default", "input": big})
    post("/api/similarity", {"sentences1": big[:50], "sentences2": big[50:]})
    post("/api/paraphrases", {"sentences": big})
    urllib.request.urlopen(url + "/api/search?q=password%20" + str(rng.random()) + "&k=100&facets=100&highlight=true", timeout=120).read()
PY
echo "after heavy requests  $(rss)"
