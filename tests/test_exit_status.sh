#!/bin/sh
# Same input, same exit status, from every command (README, "Exit status"): a problem's class
# (case data, template, environment) decides it, through the one mapping in src/core/diag.c.
#   - a broken template: render and batch exit 2 with FILE:LINE:COL and produce nothing; lint
#     and preview, whose subject is the template, report it and exit 1;
#   - a broken council profile (a template's data): render, batch and validate exit 2; batch
#     checks every profile before any case, so one broken profile stops it having produced nothing;
#   - a rejected case: 1 from validate, render, batch and preview;
#   - a missing input: 2 from validate, render, batch and preview.
# The broken files live in a copy of the project's data (PBDOCS_ROOT), so validate, which has no
# --templates, reads the same councils as render and batch.
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
# run NAME ARGS...: pbdocs ARGS, its stderr in $tmp/NAME.err, its status in $rc
run() { name=$1; shift; "$PB" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; rc=$?; }
# want NAME CODE
want() { check "$1: exit $rc, want $2" [ "$rc" -eq "$2" ] || sed 's/^/      | /' "$tmp/$1.err" | head -n 5; }

# A project root whose templates are a copy we may break; the rest is the real one.
root() { # root NAME: $tmp/NAME with templates copied, build and src linked
  mkdir -p "$tmp/$1"; cp -R templates "$tmp/$1/templates"
  ln -s "$PWD/build" "$tmp/$1/build"; ln -s "$PWD/src" "$tmp/$1/src"
}
GOOD=fixtures/cases/bnes-all.xml  # council bnes, asks for all four documents

# ---- a broken template ------------------------------------------------------------------------
root tb
printf '{{#officer.name}}\n' >>"$tmp/tb/templates/refusal.mustache.md"
T="$tmp/tb/templates/refusal.mustache.md"
PBDOCS_ROOT="$tmp/tb" run tb-render render "$GOOD" -o "$tmp/tb-render"
want tb-render 2
check "broken template, render: FILE:LINE:COL" grep -q "^$T:[0-9]*:[0-9]*: unclosed section 'officer.name'" "$tmp/tb-render.err"
check "broken template, render: nothing produced" [ ! -e "$tmp/tb-render" ]
PBDOCS_ROOT="$tmp/tb" run tb-batch batch "$GOOD" -o "$tmp/tb-batch"
want tb-batch 2
check "broken template, batch: FILE:LINE:COL" grep -q "^$T:[0-9]*:[0-9]*: unclosed section 'officer.name'" "$tmp/tb-batch.err"
check "broken template, batch: the same message as render" sh -c "grep -v '^batch: ' '$tmp/tb-batch.err' | cmp -s - '$tmp/tb-render.err'"
check "broken template, batch: nothing produced" [ ! -e "$tmp/tb-batch" ]
# --templates DIR is the same broken folder by another road.
run tb-render2 render "$GOOD" --templates "$tmp/tb/templates" -o "$tmp/tb-render2"
want tb-render2 2
run tb-batch2 batch "$GOOD" --templates "$tmp/tb/templates" -o "$tmp/tb-batch2"
want tb-batch2 2
# validate reads no template: the case is still valid.
PBDOCS_ROOT="$tmp/tb" run tb-validate validate "$GOOD"
want tb-validate 0
# lint and preview examine templates: the problem is what they report (1).
run tb-lint lint --templates "$tmp/tb/templates"
want tb-lint 1
check "broken template, lint: FILE:LINE:COL" grep -q "^$T:[0-9]*:[0-9]*: " "$tmp/tb-lint.err"
run tb-preview preview "$T" --case "$GOOD" --templates "$tmp/tb/templates" -o "$tmp/tb-preview.md"
want tb-preview 1
check "broken template, preview: FILE:LINE:COL" grep -q "^$T:[0-9]*:[0-9]*: unclosed section 'officer.name'" "$tmp/tb-preview.err"

# ---- a broken council profile -----------------------------------------------------------------
root cb
sed 's/id="bnes"/id="bnes-old"/' templates/councils/bnes.xml >"$tmp/cb/templates/councils/bnes.xml"
P="$tmp/cb/templates/councils/bnes.xml"
for cmd in validate render batch; do
  case $cmd in validate) set -- "$GOOD" ;; *) set -- "$GOOD" -o "$tmp/cb-$cmd" ;; esac
  PBDOCS_ROOT="$tmp/cb" run "cb-$cmd" $cmd "$@"
  want "cb-$cmd" 2
  check "broken profile, $cmd: names the profile" grep -q "^$P:[0-9]*: @id: is not the file's name (bnes-old.xml)" "$tmp/cb-$cmd.err"
done
check "broken profile, render: nothing produced" sh -c "! ls '$tmp/cb-render' 2>/dev/null | grep -q pdf"
check "broken profile, batch: no PDF" sh -c "! ls '$tmp/cb-batch' 2>/dev/null | grep -q pdf"
# batch checks every profile before any case: one broken profile stops the run before it starts,
# so the other councils' cases are not produced either (no PDF, no manifest, no run.json).
root cu
sed '0,/unit="working"/s//unit="workng"/' templates/councils/bnes.xml >"$tmp/cu/templates/councils/bnes.xml"
U="$tmp/cu/templates/councils/bnes.xml"
run cu-batch batch fixtures/cases --templates "$tmp/cu/templates" -o "$tmp/cu-out"
want cu-batch 2
check "broken profile, batch of every council: the profile's problem" grep -q "^$U:[0-9]*: .*@unit: is \"workng\"" "$tmp/cu-batch.err"
check "broken profile, batch of every council: nothing in OUTDIR" sh -c "[ -z \"\$(ls -A '$tmp/cu-out' 2>/dev/null)\" ]"

# ---- a rejected case: 1 everywhere ------------------------------------------------------------
BAD=fixtures/invalid/postcode-invalid.xml  # asks for a refusal
run bad-validate validate "$BAD";                    want bad-validate 1
run bad-render render "$BAD" -o "$tmp/bad-render";   want bad-render 1
run bad-batch batch "$BAD" -o "$tmp/bad-batch";      want bad-batch 1
run bad-preview preview templates/refusal.mustache.md --case "$BAD" -o "$tmp/bad.md"
want bad-preview 1
for cmd in validate render batch preview; do
  check "rejected case, $cmd: FILE:LINE: case ID: field" grep -q "^$BAD:[0-9]*: case [A-Z0-9-]*: recipient/address/postcode: " "$tmp/bad-$cmd.err"
done

# ---- a missing input: 2 everywhere ------------------------------------------------------------
M="$tmp/missing.xml"
run miss-validate validate "$M";                     want miss-validate 2
run miss-render render "$M" -o "$tmp/miss-render";   want miss-render 2
run miss-batch batch "$M" -o "$tmp/miss-batch";      want miss-batch 2
run miss-preview preview templates/refusal.mustache.md --case "$M" -o "$tmp/miss.md"
want miss-preview 2
# A folder input holding an unreadable case file: the environment, not the case (2), the run
# goes on with the others. (root reads every file: skip there.)
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/dir"; cp "$GOOD" "$tmp/dir/a.xml"; cp "$GOOD" "$tmp/dir/b.xml"; chmod 000 "$tmp/dir/b.xml"
  run miss-dir batch "$tmp/dir" -o "$tmp/miss-dir"
  want miss-dir 2
  check "unreadable file in a folder: the other case produced" [ -s "$tmp/miss-dir/BNES-2026-0217-refusal.pdf" ]
fi

echo "test_exit_status: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
