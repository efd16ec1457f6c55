#!/bin/sh
# test_man.sh: the man pages (man/pbdocs.1, man/pbdocs-case.5) pass `mandoc -T lint` with no
# message at all, and `man --warnings` renders them without a warning (issue 17).
cd "$(dirname "$0")/.." || exit 1
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
for page in man/pbdocs.1 man/pbdocs-case.5; do
  if command -v mandoc >/dev/null; then
    out=$(mandoc -T lint "$page" 2>&1); rc=$?
    check "$page: mandoc -T lint exit $rc, no message" [ "$rc" -eq 0 -a -z "$out" ]
    [ -z "$out" ] || printf '%s\n' "$out" | head -n 10
  else
    check "mandoc is installed (make deps)" false
  fi
  if command -v man >/dev/null; then
    warn=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
    check "$page: man --warnings silent" [ -z "$warn" ]
    [ -z "$warn" ] || printf '%s\n' "$warn" | head -n 10
  fi
  check "$page: has NAME and SEE ALSO" grep -q '^\.SH SEE ALSO' "$page"
done
for s in SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  check "pbdocs.1: section $s" grep -q "^\.SH $s" man/pbdocs.1
done
echo "test_man: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
