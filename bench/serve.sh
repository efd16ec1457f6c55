#!/bin/sh
# bench/serve.sh [REQUESTS] [CLIENTS]: pbdocs serve under load on loopback (not a timed test).
# curl (-Z, CLIENTS parallel keep-alive connections, default 16) posts the shipped 3-page
# reduction notice to /api/v1/render REQUESTS times (default 5000); prints renders/s, latency
# p50/p99, the server's CPU per render (what the two cores could do when idle) and its RSS
# before and after. Client and server share the machine's cores.
PB=${PBDOCS:-./pbdocs}
n=${1:-5000}; clients=${2:-16}
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$PB" serve --listen 127.0.0.1:0 --audit /dev/null 2>"$tmp/err" &
pid=$!; port=; i=0
while [ $i -lt 100 ] && [ -z "$port" ]; do
  port=$(sed -n 's/^pbdocs serve: listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/err")
  [ -n "$port" ] || sleep 0.1; i=$((i + 1))
done
[ -n "$port" ] || { cat "$tmp/err"; exit 2; }
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
i=0
while [ $i -lt "$n" ]; do
  printf 'url="http://127.0.0.1:%s/api/v1/render?doc=reduction"\nheader="Content-Type: application/xml"\n' "$port"
  printf 'data-binary="@fixtures/cases/bnes-reduction.xml"\noutput="/dev/null"\nwrite-out="%%{http_code} %%{time_total}\\n"\nnext\n'
  i=$((i + 1))
done | sed '$d' >"$tmp/cfg"
curl -s -o /dev/null -H 'Content-Type: application/xml' --data-binary @fixtures/cases/bnes-reduction.xml \
  "http://127.0.0.1:$port/api/v1/render?doc=reduction"  # warm up: font subsets
before=$(rss); c0=$(cpu); t0=$(date +%s.%N)
curl -s -Z --parallel-max "$clients" -K "$tmp/cfg" >"$tmp/out" 2>/dev/null
t1=$(date +%s.%N); c1=$(cpu); after=$(rss)
ok=$(grep -c '^200 ' "$tmp/out")
echo "$ok of $n renders answered 200 with $clients keep-alive clients"
sort -k2 -n "$tmp/out" | awk -v t0="$t0" -v t1="$t1" -v n="$n" -v c0="$c0" -v c1="$c1" -v hz="$(getconf CLK_TCK)" '
  { a[NR] = $2 * 1000 }
  END { printf "%.0f renders/s; latency ms p50 %.1f, p99 %.1f; server CPU %.2f ms a render\n",
        n / (t1 - t0), a[int(NR * .5)], a[int(NR * .99)], (c1 - c0) / hz * 1000 / n }'
echo "server RSS: $before KB before, $after KB after"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
