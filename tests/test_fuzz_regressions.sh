#!/bin/sh
# test_fuzz_regressions.sh: every input a fuzzer ever crashed (tests/fuzz/regressions/<target>/)
# and the seed corpus (tests/fuzz/corpus/<target>/), run through the fuzz targets linked without
# libFuzzer ($PBDOCS_BUILD/fuzz-replay/<target>, built by `make test-bins`). Under the sanitizer
# build a report fails the test. Each input must also finish in bounded time (10 s, generous for
# a sanitizer build: the worst known input takes about 1 s).
# Ends with "test_fuzz_regressions: N passed, M failed".
BUILD=${PBDOCS_BUILD:-build/release}
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
for dir in tests/fuzz/regressions/* tests/fuzz/corpus/*; do
  [ -d "$dir" ] || continue
  target=$(basename "$dir")
  bin=$BUILD/fuzz-replay/$target
  if [ ! -x "$bin" ]; then
    echo "FAIL: $bin is missing (make test-bins)"; failed=$((failed + 1)); continue
  fi
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    timeout 10 "$bin" "$f" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && ! grep -q -E 'ERROR: [A-Za-z]+Sanitizer|runtime error: ' "$tmp/out"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      [ "$rc" -eq 124 ] && echo "FAIL: $target $f: more than 10 s" || echo "FAIL: $target $f: exit $rc"
      grep -E 'ERROR: |SUMMARY: |runtime error|^ *#[0-6] ' "$tmp/out" | head -n 10 | sed 's/^/      | /'
    fi
  done
done
echo "test_fuzz_regressions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
