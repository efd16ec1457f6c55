#!/bin/sh
# Golden outputs: what pbdocs writes, pinned by sha256, so that a change in any letter's bytes, any
# manifest row or any message shows up as a reviewed diff (lowdown's regress/ idea).
#   tests/golden/fixtures.sha256   every document of every fixture case, normal and large print
#   tests/golden/batch-2000.sha256 a gen_cases batch of 2,000 (seed 42, 5% invalid), --jobs 2:
#                                  the manifest (rows sorted), every PDF, the print stream volumes
#   tests/golden/messages.txt      validate's words and exit status for every fixtures/invalid case,
#                                  and the batch's rejection lines
#   tests/golden/struct-text/      pdfinfo -struct-text of every fixture document, normal and large
#                                  print (<case>-<kind>[-large].txt): the tagged structure a screen
#                                  reader follows, reviewed as text
# When a change is meant to alter output, `make golden` rewrites these files; review the diff and
# commit it with the change that caused it.
PB=${PBDOCS:-./pbdocs}
B=${PBDOCS_BUILD:-build/release}
G=tests/golden
export PBDOCS_TODAY=2027-10-01  # as tests/run: no fixture's dates warn
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }

# Every fixture, every document it asks for, normal and large print.
for f in fixtures/cases/*.xml; do
  "$PB" render "$f" -o "$tmp/normal" >/dev/null 2>>"$tmp/render.err" || echo "render $f: exit $?" >>"$tmp/render.err"
  "$PB" render "$f" --large-print -o "$tmp/large" >/dev/null 2>>"$tmp/render.err" || echo "render --large-print $f: exit $?" >>"$tmp/render.err"
done
(cd "$tmp" && sha256sum normal/*.pdf large/*.pdf) >"$tmp/fixtures.sha256"
mkdir "$tmp/struct-text"
for pdf in "$tmp"/normal/*.pdf "$tmp"/large/*.pdf; do
  name=$(basename "$pdf" .pdf); case $pdf in "$tmp"/large/*) name=$name-large ;; esac
  pdfinfo -struct-text "$pdf" >"$tmp/struct-text/$name.txt" 2>&1
done

# A batch of 2,000 synthetic cases with the print stream (two volumes of at most 2,500 sheets;
# their covers' run date fixed by SOURCE_DATE_EPOCH).
export SOURCE_DATE_EPOCH=1796083200
"$B/bench/gen_cases" 2000 --seed 42 -o "$tmp/cases.xml"
"$PB" batch "$tmp/cases.xml" -o "$tmp/out" --jobs 2 --print-stream "$tmp/print.pdf" >/dev/null 2>"$tmp/batch.err"
echo "batch exit $?" >"$tmp/batch.rc"
{
  head -n 1 "$tmp/out/manifest.csv"; tail -n +2 "$tmp/out/manifest.csv" | sort
} | sed "s|$tmp/||g" >"$tmp/manifest.sorted"
{
  (cd "$tmp" && sha256sum manifest.sorted print*.pdf)
  (cd "$tmp/out" && sha256sum *.pdf)
} | sed "s|$tmp/||" >"$tmp/batch-2000.sha256"

# Messages: validate on every invalid fixture (exit status and words), the batch's rejections.
for f in fixtures/invalid/*.xml; do
  "$PB" validate "$f" >"$tmp/v.out" 2>&1; rc=$?
  echo "== $f: exit $rc"; cat "$tmp/v.out"
done >"$tmp/messages.txt"
{ cat "$tmp/batch.rc"; grep -v '^batch: ' "$tmp/batch.err" | sed "s|$tmp/||g"; } >>"$tmp/messages.txt"

if [ -n "${UPDATE_GOLDEN:-}" ]; then
  cp "$tmp/fixtures.sha256" "$tmp/batch-2000.sha256" "$tmp/messages.txt" "$G/"
  rm -rf "$G/struct-text"; cp -r "$tmp/struct-text" "$G/struct-text"
  echo "golden files rewritten in $G/: review with git diff"
fi
check "nothing failed to render" [ ! -s "$tmp/render.err" ]
[ -s "$tmp/render.err" ] && head -n 20 "$tmp/render.err"
check "fixtures rendered ($(wc -l <"$tmp/fixtures.sha256") PDFs)" [ "$(wc -l <"$tmp/fixtures.sha256")" -gt 40 ]
check "batch produced PDFs" [ "$(ls "$tmp/out" | grep -c '\.pdf$')" -gt 1500 ]
for g in fixtures.sha256 batch-2000.sha256 messages.txt; do
  if cmp -s "$G/$g" "$tmp/$g"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL: output differs from $G/$g (diff below; make golden if meant)"
    diff "$G/$g" "$tmp/$g" | head -n 30
  fi
done
if diff -r "$G/struct-text" "$tmp/struct-text" >"$tmp/struct.diff"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL: structure text differs from $G/struct-text/ (diff below; make golden if meant)"
  head -n 30 "$tmp/struct.diff"
fi
echo "test_golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
