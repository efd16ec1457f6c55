#!/bin/sh
# test_case_format_doc.sh: docs/case-format.md and man/pbdocs-case.5 mention every element and
# attribute name of src/schema/case.rng (issue 17), as `name`, <name or name="…".
cd "$(dirname "$0")/.." || exit 1
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
names=$(grep -oE '<(element|attribute) name="[^"]+"' src/schema/case.rng | sed 's/.*name="//; s/"$//' | sort -u)
check "case.rng has names" [ -n "$names" ]
for doc in docs/case-format.md man/pbdocs-case.5; do
  missing=
  for n in $names; do
    grep -qF -e "\`$n\`" -e "<$n " -e "<$n>" -e "<$n/" -e " $n=\"" -e "\\fB$n\\fR" -e "\\fB$n\\fP" "$doc" || missing="$missing $n"
  done
  check "$doc mentions every case.rng name (missing:$missing)" [ -z "$missing" ]
done
echo "test_case_format_doc: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
