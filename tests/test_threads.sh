#!/bin/sh
# test_threads.sh: the batch's threads under ThreadSanitizer (build/tsan, made by `make test`).
# A run's workers share one renderer (templates, council profiles, fonts and their subset cache),
# so a data race there would not show in any output until it corrupted one. Checked:
#   a stream, a folder of case files and invalid files with --jobs 3 and --print-stream, under
#     TSan: no report, exit 1 (some cases rejected), and the same manifest and PDFs as the
#     optimised build gives with --jobs 1
#   one compiled template rendered by three threads, partials named by data (test_mustache_errors)
# Runs once, in the optimised build's pass (it uses build/tsan whichever pass calls it).
# Ends with "test_threads: N passed, M failed"; exits non-zero when anything failed.
BUILD=${PBDOCS_BUILD:-build/release}
[ "$BUILD" = build/release ] || exit 0
TSAN=build/tsan
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
finish() {
  echo "test_threads: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
for tool in ./pbdocs "$BUILD/bench/gen_cases" "$TSAN/pbdocs" "$TSAN/tests/test_mustache_errors"; do
  if [ ! -x "$tool" ]; then
    echo "test_threads: $tool is not an executable (make test)"
    failed=1; finish
  fi
done
# TSAN_OPTIONS: report every race (do not stop at the first) and exit 66 when there was one.
export TSAN_OPTIONS="halt_on_error=0 exitcode=66"
tsan_clean() { # WHAT ERRFILE
  if grep -q 'WARNING: ThreadSanitizer' "$2"; then
    fail "$1: ThreadSanitizer reports $(grep -c 'WARNING: ThreadSanitizer' "$2") problem(s)"
    grep -E 'WARNING: ThreadSanitizer|^    #[0-3] ' "$2" | head -n 12
  else
    ok
  fi
}
pdf_sums() { (cd "$1" && find . -maxdepth 1 -name '*.pdf' | sort | sed 's|^\./||' | xargs -r sha256sum); }

# 1. A mixed run under TSan with three workers, against the optimised build with one.
"$BUILD/bench/gen_cases" 400 --seed 7 -o "$tmp/cases.xml" || { fail "gen_cases"; finish; }
set -- "$tmp/cases.xml" fixtures/cases fixtures/invalid/postcode-invalid.xml fixtures/invalid/xxe.xml
"$TSAN/pbdocs" batch "$@" -o "$tmp/tsan" --jobs 3 --print-stream "$tmp/tsan.pdf" 2>"$tmp/tsan.err"
rc=$?
tsan_clean "batch --jobs 3" "$tmp/tsan.err"
if [ "$rc" -eq 1 ]; then ok; else fail "batch --jobs 3 under TSan: exit $rc, wanted 1 (rejected cases)"; fi
./pbdocs batch "$@" -o "$tmp/one" --jobs 1 --print-stream "$tmp/one.pdf" 2>"$tmp/one.err"
if cmp -s "$tmp/tsan/manifest.csv" "$tmp/one/manifest.csv"; then ok; else
  fail "the manifests of --jobs 3 (TSan) and --jobs 1 differ"; diff "$tmp/tsan/manifest.csv" "$tmp/one/manifest.csv" | head -n 6
fi
pdf_sums "$tmp/tsan" >"$tmp/tsan.sums"
pdf_sums "$tmp/one" >"$tmp/one.sums"
n=$(wc -l <"$tmp/one.sums")
if [ "$n" -gt 300 ] && cmp -s "$tmp/tsan.sums" "$tmp/one.sums"; then ok; else
  fail "the PDFs of --jobs 3 (TSan) and --jobs 1 differ ($n PDFs)"
fi
if cmp -s "$tmp/tsan.pdf" "$tmp/one.pdf"; then ok; else fail "the print streams differ"; fi

# 2. The template engine's own threaded test, under TSan.
"$TSAN/tests/test_mustache_errors" >"$tmp/mu.out" 2>"$tmp/mu.err"
rc=$?
tsan_clean "test_mustache_errors" "$tmp/mu.err"
if [ "$rc" -eq 0 ] && grep -q ' 0 failed' "$tmp/mu.out"; then ok; else
  fail "test_mustache_errors under TSan: exit $rc: $(tail -n 1 "$tmp/mu.out")"
fi
finish
