#!/bin/sh
# test_new.sh: `pbdocs new KIND --council ID` prints a skeleton case that is valid as printed
# (its placeholder values are real-looking fakes marked CHANGE-ME in comments), for every kind
# and every council; it renders; every field has a comment; usage errors exit 2 (issue 17).
cd "$(dirname "$0")/.." || exit 1
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }

for kind in refusal reduction repayment section-j stop; do
  for path in templates/councils/*.xml; do
    council=$(basename "$path" .xml)
    f="$tmp/$kind-$council.xml"
    "$PB" new "$kind" --council "$council" >"$f" 2>"$tmp/err"; rc=$?
    check "new $kind --council $council: exit $rc" [ "$rc" -eq 0 -a ! -s "$tmp/err" ]
    "$PB" validate "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
    check "$kind/$council: validate exit $rc, no warning" [ "$rc" -eq 0 -a ! -s "$tmp/err" ]
    [ -s "$tmp/err" ] && head -n 3 "$tmp/err"
    check "$kind/$council: asks for the $kind" grep -q "^  <$kind " "$f"
    check "$kind/$council: CHANGE-ME marks" grep -q 'CHANGE-ME' "$f"
  done
  # Filled in: an officer's values replace the placeholders, and the case is still valid.
  sed -e 's/CHANGE-ME-0001/WMDC-2026-0042/' -e 's/>Alex</>Jordan</' -e 's/Sam Example/Pat Jones/' \
      -e 's/CHANGE-ME: [^<]*</The reason, in words the family understands.</' \
      "$tmp/$kind-example.xml" >"$tmp/filled.xml"
  "$PB" validate "$tmp/filled.xml" >/dev/null 2>"$tmp/err"; rc=$?
  check "$kind filled in: validate exit $rc" [ "$rc" -eq 0 ]
  "$PB" render "$tmp/$kind-example.xml" -o "$tmp/pdf" >/dev/null 2>"$tmp/err"; rc=$?
  check "$kind: renders (exit $rc)" [ "$rc" -eq 0 -a -s "$tmp/pdf/CHANGE-ME-0001-$kind.pdf" ]
done
# Every element that holds a value has a comment on its line or the line before.
f="$tmp/refusal-example.xml"
uncommented=$(awk '/<(given-names|family-name|date-of-birth|name|postcode|provision|annual-amount|ground)>/ &&
  !/<!--/ && prev !~ /<!--/ {print NR} {prev=$0}' "$f" | tr '\n' ' ')
check "every field commented (uncommented lines: $uncommented)" [ -z "$uncommented" ]

"$PB" new refusal >/dev/null 2>&1; rc=$?
check "no --council: exit $rc, want 2" [ "$rc" -eq 2 ]
"$PB" new letter --council example >/dev/null 2>"$tmp/err"; rc=$?
check "unknown kind: exit $rc, want 2" [ "$rc" -eq 2 ]
check "unknown kind: lists the kinds" grep -q 'section-j' "$tmp/err"
"$PB" new refusal --council nowhere >/dev/null 2>"$tmp/err"; rc=$?
check "unknown council: exit $rc, want 2" [ "$rc" -eq 2 -a -s "$tmp/err" ]
echo "test_new: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
