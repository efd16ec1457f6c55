#!/bin/sh
# test_help.sh: `pbdocs COMMAND --help` (and -h, and `pbdocs help COMMAND`) prints that command's
# usage on stdout and exits 0 for every command, whatever else is on the line; `pbdocs --help`
# lists every option of every command; man/pbdocs.1 documents every option too (issue 17).
cd "$(dirname "$0")/.." || exit 1
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }

"$PB" --help >"$tmp/all" 2>"$tmp/all.err"; rc=$?
check "--help: exit $rc, want 0" [ "$rc" -eq 0 ]
check "--help: nothing on stderr" [ ! -s "$tmp/all.err" ]
man=$(mandoc -T ascii -O width=200 man/pbdocs.1 2>/dev/null | col -b)
for cmd in validate render batch lint fields preview serve token new; do
  for form in "$cmd --help" "$cmd -h" "$cmd x.xml --help" "help $cmd"; do
    # shellcheck disable=SC2086
    "$PB" $form >"$tmp/out" 2>"$tmp/err"; rc=$?
    check "$form: exit $rc, want 0" [ "$rc" -eq 0 ]
    check "$form: usage on stdout" grep -q "^usage: pbdocs $cmd" "$tmp/out"
    check "$form: nothing on stderr" [ ! -s "$tmp/err" ]
    [ -s "$tmp/err" ] && head -n 3 "$tmp/err"
  done
  "$PB" "$cmd" --help >"$tmp/out"
  check "--help lists $cmd" grep -q "^  pbdocs $cmd" "$tmp/all"
  # Every option the command's usage names is in pbdocs --help and in the man page.
  for opt in $(grep -oE '(^|[ [|])--?[a-z][a-z-]*' "$tmp/out" | sed 's/^[ [|]//' | sort -u); do
    check "--help: $cmd's $opt" grep -q -- "$opt" "$tmp/all"
    check "pbdocs.1: $cmd's $opt" sh -c 'printf "%s\n" "$1" | grep -q -- "$2"' _ "$man" "$opt"
  done
  # Every option the command's code accepts is in its usage (the table in src/cli/help.c).
  [ -f "src/cli/cmd_$cmd.c" ] || continue
  for opt in $(grep -oE '"--?[a-z][a-z-]*"' "src/cli/cmd_$cmd.c" | tr -d '"' | grep -vxE -- '--help|-h' | sort -u); do
    check "$cmd --help: names $opt, which cmd_$cmd.c accepts" grep -qE -- "(^|[ [|,])$opt([] ,=]|$)" "$tmp/out"
  done
done
check "pbdocs.1 renders" [ -n "$man" ]
"$PB" nosuch --help >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown command --help: exit $rc, want 2" [ "$rc" -eq 2 ]
echo "test_help: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
