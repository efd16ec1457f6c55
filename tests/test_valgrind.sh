#!/bin/sh
# test_valgrind.sh: the render path under valgrind (memcheck): a letter of every kind, a rejected
# case, a document that fails in its template, and a small batch with two workers. Clean means
# no invalid read or write, no use of uninitialised memory and no leak that is definitely or
# indirectly lost (libraries' one-off caches, "still reachable", are not leaks).
# Skipped for the sanitizer build (the two cannot run together) and where valgrind is missing.
# Ends with "test_valgrind: N passed, M failed".
PBDOCS=${PBDOCS:-./pbdocs}
case "$PBDOCS" in *san*) echo "sanitizer build: valgrind skipped"; echo "test_valgrind: 0 passed, 0 failed"; exit 0 ;; esac
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed: skipped"; echo "test_valgrind: 0 passed, 0 failed"; exit 0
fi
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# vg NAME WANT-EXIT ARGS...
vg() {
  name=$1; want=$2; shift 2
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --track-origins=yes --log-file="$tmp/vg" \
    "$PBDOCS" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ "$rc" -eq "$want" ] && [ ! -s "$tmp/vg" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name: exit $rc (want $want)"
    head -n 30 "$tmp/vg" | sed 's/^/      | /'
  fi
}
cp -R templates "$tmp/tself" && cp -R fixtures/hostile/templates-self-include/. "$tmp/tself/"
vg "render: every kind" 0 render fixtures/cases/example-all.xml -o "$tmp/o1"
vg "render: large print" 0 render fixtures/cases/bnes-all.xml --large-print -o "$tmp/o2"
vg "render: a rejected case" 1 render fixtures/invalid/several-problems.xml -o "$tmp/o3"
vg "render: a template that fails" 2 render fixtures/cases/example-all.xml --templates "$tmp/tself" -o "$tmp/o4"
vg "batch: a stream, two workers" 1 batch fixtures/streams/mixed.xml fixtures/hostile/stream-mixed.xml -o "$tmp/o5" --jobs 2
vg "validate: hostile files" 1 validate fixtures/hostile/xxe-url.xml fixtures/hostile/nul-byte.xml fixtures/invalid/deep-nesting.xml
echo "test_valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
