#!/bin/sh
# pbdocs render as an officer uses it: what it prints, where it writes, and its exit status.
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }

# Every document the case asks for, into a folder that does not exist yet, one path a line.
"$PB" render fixtures/cases/bnes-all.xml -o "$tmp/new/dir" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "all five: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "all five: five paths printed" [ "$(wc -l <"$tmp/out")" -eq 5 ]
for k in refusal reduction repayment section-j stop; do
  f="$tmp/new/dir/BNES-2026-0217-$k.pdf"
  check "$k: written and printed" sh -c "[ -s '$f' ] && grep -qx '$f' '$tmp/out'"
  check "$k: mode 0640" [ "$(stat -c %a "$f")" = 640 ]
done
check "all five: nothing on stderr" [ ! -s "$tmp/err" ]
check "no temporary file left" sh -c "! ls -A '$tmp/new/dir' | grep -q tmp"

# --doc picks kinds; -o FILE.pdf names the file when exactly one document results.
"$PB" render fixtures/cases/bnes-all.xml --doc repayment -o "$tmp/one.pdf" >"$tmp/out" 2>&1; rc=$?
check "--doc + -o FILE.pdf: exit 0" [ "$rc" -eq 0 ]
check "--doc + -o FILE.pdf: that file" sh -c "[ -s '$tmp/one.pdf' ] && grep -qx '$tmp/one.pdf' '$tmp/out'"
check "--doc repayment: it is the repayment demand" sh -c "pdftotext '$tmp/one.pdf' - | grep -q 'Request to repay'"
"$PB" render fixtures/cases/bnes-all.xml --doc stop -o "$tmp/stop.pdf" >/dev/null 2>&1; rc=$?
check "--doc stop: exit 0" [ "$rc" -eq 0 ]
check "--doc stop: it is the stop notice" sh -c "pdftotext '$tmp/stop.pdf' - | grep -q 'direct payments will stop'"
"$PB" render fixtures/cases/bnes-all.xml -o "$tmp/two.pdf" >/dev/null 2>"$tmp/err"; rc=$?
check "-o FILE.pdf with five documents: exit 2" [ "$rc" -eq 2 ]
check "-o FILE.pdf with five documents: nothing written" [ ! -e "$tmp/two.pdf" ]
check "-o FILE.pdf with five documents: says why" grep -q 'names one file but 5 documents' "$tmp/err"

# A stop notice says "Our policy gives you" only when the policy's notice covers stopping
# (covers="stop" or "both") and the letter decides an education item; B&NES covers reductions.
cp -R templates "$tmp/tpl"; sed -i 's/covers="reduction"/covers="both"/' "$tmp/tpl/councils/bnes.xml"
sed -e 's/ consent-withdrawn-on="2027-04-26"//' -e 's/<ground>consent-withdrawn</<ground>no-longer-eligible</' \
  fixtures/cases/bnes-stop-consent.xml >"$tmp/stop-notice.xml"
"$PB" render "$tmp/stop-notice.xml" --doc stop --templates "$tmp/tpl" -o "$tmp/stop-both.pdf" >/dev/null 2>&1
check "stop, policy covers both: 'Our policy gives you'" sh -c "pdftotext '$tmp/stop-both.pdf' - | tr '\n' ' ' | grep -q 'Our policy gives you 28 working days'"
"$PB" render "$tmp/stop-notice.xml" --doc stop -o "$tmp/stop-red.pdf" >/dev/null 2>&1
check "stop, policy covers reductions: 'We are giving you'" sh -c "pdftotext '$tmp/stop-red.pdf' - | tr '\n' ' ' | grep -q 'We are giving you 28 working days' && ! pdftotext '$tmp/stop-red.pdf' - | grep -q 'Our policy gives'"

# A kind the case does not ask for, a rejected case, a missing file, a bad option.
"$PB" render fixtures/cases/bnes-reduction.xml --doc refusal -o "$tmp/x" >/dev/null 2>"$tmp/err"; rc=$?
check "--doc a kind not asked for: exit 1" [ "$rc" -eq 1 ]
check "--doc a kind not asked for: says so" grep -q 'case BNES-2026-0142: does not ask for a refusal document' "$tmp/err"
"$PB" render fixtures/invalid/postcode-invalid.xml -o "$tmp/x" >/dev/null 2>"$tmp/err"; rc=$?
check "rejected case: exit 1" [ "$rc" -eq 1 ]
check "rejected case: FILE:LINE: case ID: field: message" grep -q '^fixtures/invalid/postcode-invalid.xml:17: case BCC-2026-10458: recipient/address/postcode: ' "$tmp/err"
check "rejected case: no PDF" sh -c "! ls '$tmp/x' 2>/dev/null | grep -q pdf"
"$PB" render "$tmp/missing.xml" >/dev/null 2>&1; rc=$?
check "missing file: exit 2" [ "$rc" -eq 2 ]
"$PB" render fixtures/cases/bnes-all.xml --doc letter >/dev/null 2>&1; rc=$?
check "unknown kind: exit 2" [ "$rc" -eq 2 ]

# --large-print: 16 pt, reflowed onto more pages.
"$PB" render fixtures/cases/bnes-all.xml --doc section-j -o "$tmp/n.pdf" >/dev/null 2>&1
"$PB" render fixtures/cases/bnes-all.xml --doc section-j --large-print -o "$tmp/l.pdf" >/dev/null 2>&1
n=$(pdfinfo "$tmp/n.pdf" | awk '/^Pages:/ {print $2}'); l=$(pdfinfo "$tmp/l.pdf" | awk '/^Pages:/ {print $2}')
check "--large-print: more pages ($n -> $l)" [ "$l" -gt "$n" ]

# Same input, same bytes.
"$PB" render fixtures/cases/bnes-all.xml --doc section-j -o "$tmp/n2.pdf" >/dev/null 2>&1
check "same input: byte-identical PDF" cmp -s "$tmp/n.pdf" "$tmp/n2.pdf"

echo "test_render_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
