#!/bin/sh
# test_case_format_doc.sh: docs/case-format.md and man/pbdocs-case.5 mention every element and
# attribute name of src/schema/case.rng (issue 17), as `name`, <name or name="…".
cd "$(dirname "$0")/.." || exit 1
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
names=$(grep -oE '<(element|attribute) name="[^"]+"' src/schema/case.rng | sed 's/.*name="//; s/"$//' | sort -u)
check "case.rng has names" [ -n "$names" ]
missing=
for n in $names; do
  grep -qF -e "\`$n\`" -e "<$n " -e "<$n>" -e "<$n/" -e " $n=\"" docs/case-format.md || missing="$missing $n"
done
check "docs/case-format.md mentions every case.rng name (missing:$missing)" [ -z "$missing" ]
# The man page as a reader sees it (mandoc's text output, no overstrike).
mandoc -T ascii -O width=200 man/pbdocs-case.5 | col -b >"${TMPDIR:-/tmp}/pbdocs-case.$$.txt"
missing=
for n in $names; do
  grep -qw -- "$n" "${TMPDIR:-/tmp}/pbdocs-case.$$.txt" || missing="$missing $n"
done
rm -f "${TMPDIR:-/tmp}/pbdocs-case.$$.txt"
check "man/pbdocs-case.5 mentions every case.rng name (missing:$missing)" [ -z "$missing" ]
echo "test_case_format_doc: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
