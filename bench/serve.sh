#!/bin/sh
# bench/serve.sh [SECONDS] [CLIENTS] [REQUESTS]: pbdocs serve under load on loopback (not a timed
# test). wrk (one thread, CLIENTS keep-alive connections, default 16) posts the shipped 3-page
# reduction notice to /api/v1/render for SECONDS (default 10) and prints renders/s and latency
# p50/p99; then keeps posting until REQUESTS (default 100,000) have been answered and prints the
# server's RSS before, after and at its peak. Client and server share the machine's cores.
PB=${PBDOCS:-./pbdocs}
secs=${1:-10}; clients=${2:-16}; total=${3:-100000}
command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk (make deps-test installs it)"; exit 2; }
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$PB" serve --listen 127.0.0.1:0 --audit /dev/null 2>"$tmp/err" &
pid=$!; port=; i=0
while [ $i -lt 100 ] && [ -z "$port" ]; do
  port=$(sed -n 's/^pbdocs serve: listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/err")
  [ -n "$port" ] || sleep 0.1; i=$((i + 1))
done
[ -n "$port" ] || { cat "$tmp/err"; exit 2; }
url="http://127.0.0.1:$port/api/v1/render?doc=reduction"
cat >"$tmp/post.lua" <<LUA
local f = assert(io.open("fixtures/cases/bnes-reduction.xml", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/xml"
LUA
rss() { awk "/^$1:/ {print \$2}" "/proc/$pid/status"; }
answered() { awk '/requests in/ {print $1}' "$tmp/w"; }
curl -s -o /dev/null -H 'Content-Type: application/xml' --data-binary @fixtures/cases/bnes-reduction.xml "$url"
before=$(rss VmRSS)
wrk -t1 -c"$clients" -d"${secs}s" --latency -s "$tmp/post.lua" "$url" >"$tmp/w" 2>&1
bad=$(awk '/Non-2xx/ {print $NF}' "$tmp/w")
awk -v c="$clients" '/requests in/ {n = $1} /Requests\/sec/ {r = $2}
  /^ +50%/ {p50 = $2} /^ +99%/ {p99 = $2}
  END {printf "%d renders in the timed run, %.0f renders/s with %d keep-alive clients; latency p50 %s, p99 %s\n", n, r, c, p50, p99}' "$tmp/w"
echo "answers other than 200: ${bad:-0}"
done_n=$(answered)
while [ "$done_n" -lt "$total" ]; do
  wrk -t1 -c"$clients" -d10s -s "$tmp/post.lua" "$url" >"$tmp/w" 2>&1
  bad=$(awk '/Non-2xx/ {print $NF}' "$tmp/w")
  [ -z "$bad" ] || { echo "answers other than 200: $bad"; exit 1; }
  done_n=$((done_n + $(answered)))
done
echo "server RSS: $before KB before, $(rss VmRSS) KB after $done_n renders (peak $(rss VmHWM) KB)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
