#!/bin/sh
# test_lint.sh: `pbdocs lint` (contract section 1, issue 7).
#   - the shipped templates lint clean: exit 0, "templates: ok", nothing on stderr;
#   - every rule has a fixture, fixtures/templates-bad/RULE/: the files in it are laid over a copy
#     of templates/ (a file named `remove` lists shipped files to delete first) and lint must print
#     exactly the lines of RULE/expected on stderr (the copy is called t/), nothing on stdout,
#     and exit 1;
#   - an unreadable folder exits 2; every message is FILE:LINE:COL: message.
#   - the statutory checklist (statutory.md 2.1-2.4; authoring/statutory.c) and the must-not
#     phrases (authoring/mustnot.c) have a fixture each: statutory-*, mustnot-*.
# Run from the project root; $PBDOCS is the binary (default ./pbdocs).
PBDOCS=${PBDOCS:-./pbdocs}
case $PBDOCS in /*) ;; *) PBDOCS=$(pwd)/$PBDOCS ;; esac
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { what=$1; shift; if "$@"; then ok; else fail "$what"; fi; }
show() { sed 's/^/      | /' "$1"; }

if [ ! -x "$PBDOCS" ]; then
  echo "test_lint: $PBDOCS is not an executable (build it first)"
  echo "test_lint: 0 passed, 1 failed"
  exit 1
fi

# ---- the shipped templates -----------------------------------------------------------------
"$PBDOCS" lint >"$tmp/out" 2>"$tmp/err"; rc=$?
check "shipped templates: exit $rc, want 0" [ "$rc" -eq 0 ]
check "shipped templates: stdout is 'templates: ok'" [ "$(cat "$tmp/out")" = "templates: ok" ]
if [ -s "$tmp/err" ]; then fail "shipped templates: problems reported"; show "$tmp/err"; else ok; fi
"$PBDOCS" lint --templates templates >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--templates templates: exit $rc, want 0" [ "$rc" -eq 0 ]

# ---- one fixture per rule ------------------------------------------------------------------
n=0
for fx in fixtures/templates-bad/*/; do
  fx=${fx%/}; rule=$(basename "$fx"); n=$((n + 1))
  rm -rf "$tmp/t"; cp -R templates "$tmp/t"
  if [ -f "$fx/remove" ]; then
    while IFS= read -r f; do [ -n "$f" ] && rm -f "$tmp/t/$f"; done <"$fx/remove"
  fi
  (cd "$fx" && find . -type f ! -name expected ! -name remove) | while IFS= read -r f; do
    mkdir -p "$(dirname "$tmp/t/$f")"; cp "$fx/$f" "$tmp/t/$f"
  done
  (cd "$tmp" && "$PBDOCS" lint --templates t >out 2>err); rc=$?
  check "$rule: exit $rc, want 1" [ "$rc" -eq 1 ]
  check "$rule: something on stdout" [ ! -s "$tmp/out" ]
  if cmp -s "$fx/expected" "$tmp/err"; then ok; else
    fail "$rule: stderr is not $fx/expected"; diff "$fx/expected" "$tmp/err" | sed 's/^/      /'
  fi
  bad=$(grep -v -E '^t/[^:]+:[0-9]+:[0-9]+: ' "$tmp/err")
  check "$rule: a line not in the FILE:LINE:COL: form: $bad" [ -z "$bad" ]
done
echo "rule fixtures: $n"
check "at least 15 rule fixtures (got $n)" [ "$n" -ge 15 ]

# ---- several problems at once: all reported, in file and line order -------------------------
rm -rf "$tmp/t"; cp -R templates "$tmp/t"
cp fixtures/templates-bad/unknown-field/partials/references.mustache.md "$tmp/t/partials/"
cp fixtures/templates-bad/statutory-field/reduction.mustache.md "$tmp/t/"
cp fixtures/templates-bad/unused-partial/partials/old-footer.mustache.md "$tmp/t/partials/"
(cd "$tmp" && "$PBDOCS" lint --templates t >out 2>err); rc=$?
check "three broken files: exit $rc, want 1" [ "$rc" -eq 1 ]
check "three broken files: 4 problems (got $(wc -l <"$tmp/err"))" [ "$(wc -l <"$tmp/err")" -eq 4 ]
check "three broken files: sorted by file and line" sh -c "sort -t: -k1,1 -k2,2n -k3,3n -s '$tmp/err' | cmp -s - '$tmp/err'"

# ---- usage and unreadable input ----------------------------------------------------------------
"$PBDOCS" lint --templates "$tmp/no-such-folder" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing folder: exit $rc, want 2" [ "$rc" -eq 2 ]
check "missing folder: named" grep -q "^$tmp/no-such-folder: " "$tmp/err"
"$PBDOCS" lint --frobnicate >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown option: exit $rc, want 2" [ "$rc" -eq 2 ]
"$PBDOCS" lint --templates >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--templates without a folder: exit $rc, want 2" [ "$rc" -eq 2 ]

# A template folder outside the checkout, given as an absolute path: messages use that path.
rm -rf "$tmp/t"; cp -R templates "$tmp/t"
cp fixtures/templates-bad/syntax/partials/references.mustache.md "$tmp/t/partials/"
"$PBDOCS" lint --templates "$tmp/t" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "absolute folder: exit $rc, want 1" [ "$rc" -eq 1 ]
check "absolute folder: the path in the message" grep -q "^$tmp/t/partials/references.mustache.md:4:1: unclosed section" "$tmp/err"

# Hostile input: binary junk, a huge template, deep nesting, a partial that includes itself.
rm -rf "$tmp/t"; cp -R templates "$tmp/t"
head -c 20000 /dev/urandom >"$tmp/t/partials/junk.mustache.md"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{{officer.name}} "; print "" }' >"$tmp/t/partials/huge.mustache.md"
awk 'BEGIN { for (i = 0; i < 150; i++) printf "{{#budget.items}}"; for (i = 0; i < 150; i++) printf "{{/budget.items}}"; print "" }' >"$tmp/t/partials/deep.mustache.md"
printf '{{> self}}{{officer.name}}\n' >"$tmp/t/partials/self.mustache.md"
printf '{{> self}}\n' >>"$tmp/t/partials/formats.mustache.md"
(cd "$tmp" && timeout 20 "$PBDOCS" lint --templates t >out 2>err); rc=$?
check "hostile partials: exit $rc, want 1 (no crash, no hang)" [ "$rc" -eq 1 ]
check "hostile partials: no sanitizer report" sh -c "! grep -q -E 'Sanitizer|runtime error' '$tmp/err'"
check "hostile partials: self-inclusion is not a problem in itself" sh -c "! grep -q 'self.mustache.md' '$tmp/err'"
check "hostile partials: unused huge partial reported" grep -q "^t/partials/huge.mustache.md:1:1: partial 'huge' is not used" "$tmp/err"

echo "test_lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
