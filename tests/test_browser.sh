#!/bin/sh
# The officers' page in a real browser: Debian's chromium driven by puppeteer-core
# (tests/browser/officer.mjs, node_modules from `make deps`). Screenshots in build/. Skipped
# (counted as failed) when chromium or node_modules is missing. Loopback only, bounded.
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
case ${PBDOCS_BUILD:-} in *san*) echo "test_browser: 0 passed, 0 failed (the release build only)"; exit 0 ;; esac
if [ ! -x /usr/bin/chromium ] || [ ! -d node_modules/puppeteer-core ]; then
  echo "FAIL: needs /usr/bin/chromium and node_modules (make deps)"; echo "test_browser: 0 passed, 1 failed"; exit 1
fi
tok=$("$PB" token add officer --tokens "$tmp/tokens" 2>/dev/null)
"$PB" serve --listen 127.0.0.1:0 --tokens "$tmp/tokens" --audit "$tmp/audit" 2>"$tmp/err" &
pid=$!; port=; i=0
while [ $i -lt 100 ] && [ -z "$port" ]; do
  port=$(sed -n 's/^pbdocs serve: listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/err")
  [ -n "$port" ] || sleep 0.1; i=$((i + 1))
done
mkdir -p build
PUPPETEER_SKIP_DOWNLOAD=1 timeout 150 node tests/browser/officer.mjs "http://127.0.0.1:$port" "$tok" build >"$tmp/out" 2>&1
rc=$?
grep -v '^ok: ' "$tmp/out" | grep -v 'unexpected operator\|dbus' | head -20
check "browser checks ($(grep -c '^ok: ' "$tmp/out") passed)" [ "$rc" -eq 0 ]
check "screenshots in build/" [ -s build/serve-form.png ] && [ -s build/serve-errors.png ] && [ -s build/serve-preview.png ]
pdftotext build/officer.pdf "$tmp/officer.txt" 2>/dev/null
check "the downloaded PDF is the reduction notice" grep -q 'one session a fortnight' "$tmp/officer.txt"
check "... to the fixed postcode" grep -q 'BA2 4JT' "$tmp/officer.txt"
"$PB" validate build/officer.xml >/dev/null 2>&1; rc=$?
check "the case XML the page offers validates with pbdocs validate" [ "$rc" -eq 0 ]
echo "test_browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
