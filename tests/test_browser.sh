#!/bin/sh
# The officers' page and the template authors' page in a real browser: Debian's chromium driven
# by puppeteer-core (tests/browser/officer.mjs and authoring.mjs, node_modules from `make deps`).
# Screenshots in build/. Skipped (counted as failed) when chromium or node_modules is missing.
# Loopback only, bounded.
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d); pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
case ${PBDOCS_BUILD:-} in *san*) echo "test_browser: 0 passed, 0 failed (the release build only)"; exit 0 ;; esac
if [ ! -x /usr/bin/chromium ] || [ ! -d node_modules/puppeteer-core ]; then
  echo "FAIL: needs /usr/bin/chromium and node_modules (make deps)"; echo "test_browser: 0 passed, 1 failed"; exit 1
fi
# start NAME ARGS...: a server on a free loopback port; sets $port.
start() {
  name=$1; shift
  : >"$tmp/$name.err"  # there before the loop below reads it
  "$PB" serve --listen 127.0.0.1:0 "$@" 2>"$tmp/$name.err" &
  pids="$pids $!"; port=; i=0
  while [ $i -lt 100 ] && [ -z "$port" ]; do
    port=$(sed -n 's/^pbdocs serve: listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/$name.err")
    [ -n "$port" ] || sleep 0.1; i=$((i + 1))
  done
}
tok=$("$PB" token add officer --tokens "$tmp/tokens" 2>/dev/null)
start officer --tokens "$tmp/tokens" --audit "$tmp/audit"
mkdir -p build
PUPPETEER_SKIP_DOWNLOAD=1 timeout 150 node tests/browser/officer.mjs "http://127.0.0.1:$port" "$tok" build >"$tmp/out" 2>&1
rc=$?
grep -v '^ok: ' "$tmp/out" | grep -v 'unexpected operator\|dbus' | head -20
check "officers' page in the browser ($(grep -c '^ok: ' "$tmp/out") checks passed)" [ "$rc" -eq 0 ]
check "screenshots in build/" [ -s build/serve-form.png ] && [ -s build/serve-errors.png ] && [ -s build/serve-preview.png ] && [ -s build/serve-dates.png ]
pdftotext build/officer.pdf "$tmp/officer.txt" 2>/dev/null
check "the downloaded PDF is the reduction notice" grep -q 'one session a fortnight' "$tmp/officer.txt"
check "... to the fixed postcode" grep -q 'BA2 4JT' "$tmp/officer.txt"
check "... taking effect on the date the page showed ($(cat build/officer-dates.txt 2>/dev/null))" \
  grep -qF "$(cat build/officer-dates.txt 2>/dev/null)" "$tmp/officer.txt"
"$PB" validate build/officer.xml >/dev/null 2>&1; rc=$?
check "the case XML the page offers validates with pbdocs validate" [ "$rc" -eq 0 ]

# Authoring: a copy of the templates to edit, no tokens (loopback).
cp -r templates "$tmp/templates"
start authoring --authoring --templates "$tmp/templates" --audit /dev/null
PUPPETEER_SKIP_DOWNLOAD=1 timeout 90 node tests/browser/authoring.mjs "http://127.0.0.1:$port" "$tmp/templates" build >"$tmp/out" 2>&1
rc=$?
grep -v '^ok: ' "$tmp/out" | grep -v 'unexpected operator\|dbus' | head -20
check "authors' page in the browser ($(grep -c '^ok: ' "$tmp/out") checks passed)" [ "$rc" -eq 0 ]
for f in before template partial; do pdftotext "build/authoring-$f.pdf" "$tmp/$f.txt" 2>/dev/null; done
check "the preview before the edits has neither" sh -c "! grep -q 'edit 471' '$tmp/before.txt'"
check "after saving the template the preview has its text" grep -q 'Authoring edit 4711' "$tmp/template.txt"
check "after saving a partial the preview has its text too" grep -q 'Partial edit 4712' "$tmp/partial.txt"
check "authoring screenshot in build/" [ -s build/serve-authoring.png ]
for f in "$tmp"/*.err; do
  check "$(basename "$f" .err) server: no sanitizer report" sh -c "! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' '$f'"
done
echo "test_browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
