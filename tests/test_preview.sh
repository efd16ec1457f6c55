#!/bin/sh
# test_preview.sh: `pbdocs preview` (issue 7).
#   - a template outside the templates folder renders with the real partials: -o FILE.md writes
#     the Markdown, -o FILE.pdf (and the default out/preview.pdf) a PDF whose text is the letter;
#   - the kind comes from the file name or --doc; a case that asks for no such document, an
#     unknown kind, a template error: the right exit status and a FILE:LINE:COL message;
#   - preview is the renderer with the template overridden: a template making more than 1 MiB
#     of Markdown is refused with render's message;
#   - --watch: started in the background on a temp template, which is then edited twice (a valid
#     edit, then an unclosed section): two renders and one reported error are seen, each within
#     a second, each render taking under 100 ms; the watcher keeps running after the error,
#     renders again when the template is mended and when a partial changes, and exits 0 on
#     SIGTERM and SIGINT; it also renders again when the case file or its council profile
#     changes, every line it prints starts with the local time (HH:MM:SS), and after a failed
#     render the PDF is a page listing the problems (never the stale letter).
PBDOCS=${PBDOCS:-./pbdocs}
case $PBDOCS in /*) ;; *) PBDOCS=$(pwd)/$PBDOCS ;; esac
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
wpid=
trap '[ -n "$wpid" ] && kill "$wpid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { what=$1; shift; if "$@"; then ok; else fail "$what"; fi; }
show() { sed 's/^/      | /' "$1"; }

if [ ! -x "$PBDOCS" ]; then
  echo "test_preview: $PBDOCS is not an executable (build it first)"
  echo "test_preview: 0 passed, 1 failed"
  exit 1
fi
CASE=fixtures/cases/bnes-reduction.xml

# ---- one render ------------------------------------------------------------------------------
cp templates/reduction.mustache.md "$tmp/reduction-new.mustache.md"
sed -i 's/## Why we are making this change/## The reasons for this change/' "$tmp/reduction-new.mustache.md"
"$PBDOCS" preview "$tmp/reduction-new.mustache.md" --case "$CASE" -o "$tmp/new.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "markdown preview: exit $rc, want 0" [ "$rc" -eq 0 ]
check "markdown preview: says what it wrote" grep -q -x "rendered $tmp/new.md in [0-9]* ms" "$tmp/out"
check "markdown preview: no problems" [ ! -s "$tmp/err" ] || show "$tmp/err"
check "markdown preview: the edited heading" grep -q -x '## The reasons for this change' "$tmp/new.md"
check "markdown preview: the real partials (advice)" grep -q -x '## Who can help' "$tmp/new.md"
check "markdown preview: the real parent layout (address block)" grep -q 'class="pb-address"' "$tmp/new.md"
check "markdown preview: case values, escaped" grep -q 'Our reference: BNES\\-2026\\-0142' "$tmp/new.md"

"$PBDOCS" preview "$tmp/reduction-new.mustache.md" --case "$CASE" -o "$tmp/new.pdf" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "pdf preview: exit $rc, want 0" [ "$rc" -eq 0 ]
check "pdf preview: says what it wrote" grep -q -x "rendered $tmp/new.pdf in [0-9]* ms ([0-9]* pages*)" "$tmp/out"
check "pdf preview: a PDF" sh -c "head -c 5 '$tmp/new.pdf' | grep -q '%PDF-'"
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$tmp/new.pdf" "$tmp/new.txt" 2>/dev/null
  check "pdf preview: the edited heading in the PDF's text" grep -q 'The reasons for this change' "$tmp/new.txt"
fi

# Default output out/preview.pdf, relative to where it runs (the folder is created).
mkdir "$tmp/run"
(cd "$tmp/run" && "$PBDOCS" preview "$tmp/reduction-new.mustache.md" --case "$OLDPWD/$CASE" >stdout 2>stderr); rc=$?
check "default output: exit $rc, want 0" [ "$rc" -eq 0 ]
check "default output: out/preview.pdf" [ -s "$tmp/run/out/preview.pdf" ]
check "default output: mode 0640" [ "$(stat -c %a "$tmp/run/out/preview.pdf")" = 640 ]

# A preview of a shipped template is byte for byte the PDF `pbdocs render` makes.
for k in refusal reduction repayment section-j; do
  "$PBDOCS" render fixtures/cases/bnes-all.xml --doc $k -o "$tmp/render-$k.pdf" >/dev/null 2>"$tmp/err"
  "$PBDOCS" preview templates/$k.mustache.md --case fixtures/cases/bnes-all.xml -o "$tmp/preview-$k.pdf" >/dev/null 2>>"$tmp/err"
  check "$k: preview = render, byte for byte" cmp -s "$tmp/render-$k.pdf" "$tmp/preview-$k.pdf"
done

# The kind from --doc when the name does not say.
cp templates/refusal.mustache.md "$tmp/draft.mustache.md"
"$PBDOCS" preview "$tmp/draft.mustache.md" --case fixtures/cases/bnes-all.xml -o "$tmp/d.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no kind in the name: exit $rc, want 2" [ "$rc" -eq 2 ]
check "no kind in the name: says so" grep -q "^$tmp/draft.mustache.md: cannot tell which kind" "$tmp/err"
"$PBDOCS" preview "$tmp/draft.mustache.md" --doc refusal --case fixtures/cases/bnes-all.xml -o "$tmp/d.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--doc refusal: exit $rc, want 0" [ "$rc" -eq 0 ]
check "--doc refusal: a refusal" grep -q 'ask us to review this decision' "$tmp/d.md"

# A case file with no such document; an unknown kind; no case.
"$PBDOCS" preview "$tmp/reduction-new.mustache.md" --case fixtures/cases/wakefield-section-j.xml -o "$tmp/x.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "case without a reduction: exit $rc, want 1" [ "$rc" -eq 1 ]
check "case without a reduction: says so" grep -q "^fixtures/cases/wakefield-section-j.xml: no case in this file asks for a reduction" "$tmp/err"
"$PBDOCS" preview "$tmp/reduction-new.mustache.md" --doc letter --case "$CASE" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--doc letter: exit $rc, want 2" [ "$rc" -eq 2 ]
"$PBDOCS" preview "$tmp/reduction-new.mustache.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no --case: exit $rc, want 2" [ "$rc" -eq 2 ]
"$PBDOCS" preview "$tmp/reduction-new.mustache.md" --case "$CASE" -o "$tmp/x.docx" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "-o x.docx: exit $rc, want 2" [ "$rc" -eq 2 ]

# A template error: exit 1, FILE:LINE:COL, and the last good output is left alone.
printf '{{< letter}}{{$body}}{{reduction.efective_date}}{{/body}}{{/letter}}\n' >"$tmp/reduction-bad.mustache.md"
cp "$tmp/new.md" "$tmp/keep.md"
"$PBDOCS" preview "$tmp/reduction-bad.mustache.md" --case "$CASE" -o "$tmp/new.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "template error: exit $rc, want 1" [ "$rc" -eq 1 ]
check "template error: FILE:LINE:COL" grep -q "^$tmp/reduction-bad.mustache.md:1:22: " "$tmp/err"
check "template error: nothing rendered" [ ! -s "$tmp/out" ]
check "template error: the last good output kept" cmp -s "$tmp/new.md" "$tmp/keep.md"

# Every render limit is the renderer's: a template making 2.1 MB of Markdown (seven uses of a
# 300 KB partial) is refused by preview as by render, in the same words, and nothing is written.
# (Preview used to have its own render path without the 1 MiB cap, and wrote all of it.)
mkdir "$tmp/big"; cp -R templates "$tmp/big/tpl"
awk 'BEGIN { print "{{#child.full_name}}"; for (i = 0; i < 3000; i++) printf "%099d\n", i; print "{{/child.full_name}}" }' \
  >"$tmp/big/tpl/partials/big.mustache.md"
printf '{{>big}}{{>big}}{{>big}}{{>big}}{{>big}}{{>big}}{{>big}}\n' >"$tmp/big/tpl/reduction.mustache.md"
"$PBDOCS" render "$CASE" --doc reduction --templates "$tmp/big/tpl" -o "$tmp/big/render.pdf" >"$tmp/out" 2>"$tmp/big/render.err"; rc=$?
check "2.1 MB of Markdown: render refuses it, exit $rc" [ "$rc" -eq 1 ]
check "2.1 MB of Markdown: render names the 1 MiB limit" grep -q 'longer than the limit of 1024 KiB' "$tmp/big/render.err"
for out in big.md big.pdf; do
  "$PBDOCS" preview "$tmp/big/tpl/reduction.mustache.md" --templates "$tmp/big/tpl" --case "$CASE" -o "$tmp/big/$out" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "2.1 MB of Markdown, -o $out: preview refuses it, exit $rc, want 1" [ "$rc" -eq 1 ]
  check "2.1 MB of Markdown, -o $out: render's message" cmp -s "$tmp/big/render.err" "$tmp/err" || show "$tmp/err"
  check "2.1 MB of Markdown, -o $out: nothing written" [ ! -e "$tmp/big/$out" -a ! -s "$tmp/out" ]
done

# Lint's remarks follow a good render (here: a reduction that never states its effective date).
cp fixtures/templates-bad/statutory-field/reduction.mustache.md "$tmp/reduction-short.mustache.md"
"$PBDOCS" preview "$tmp/reduction-short.mustache.md" --case "$CASE" -o "$tmp/s.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "lint remarks: still rendered, exit $rc" [ "$rc" -eq 0 ]
check "lint remarks: on stderr" grep -q -x "$tmp/reduction-short.mustache.md:1:1: reduction template never uses reduction.effective_date (N5: the effective date must be stated)" "$tmp/err"

# ---- --watch ---------------------------------------------------------------------------------
W="$tmp/w/reduction-watch.mustache.md"
mkdir -p "$tmp/w"
cp templates/reduction.mustache.md "$W"
cp -R templates "$tmp/tpl"
WCASE="$tmp/w/case.xml"; cp "$CASE" "$WCASE"
"$PBDOCS" preview "$W" --case "$WCASE" --templates "$tmp/tpl" -o "$tmp/w/out.pdf" --watch >"$tmp/wout" 2>"$tmp/werr" &
wpid=$!

# wait_for FILE PATTERN COUNT: until FILE has COUNT lines matching PATTERN (at most 5 s)
count() { n=$(grep -c -E "$2" "$1" 2>/dev/null); echo "${n:-0}"; }
wait_for() {
  i=0
  while [ "$(count "$1" "$2")" -lt "$3" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  [ "$(count "$1" "$2")" -ge "$3" ]
}
T='[0-2][0-9]:[0-5][0-9]:[0-5][0-9] '  # the local time that starts every line while watching
RENDERED="^${T}rendered $tmp/w/out.pdf in [0-9]+ ms"
check "watch: first render at start" wait_for "$tmp/wout" "$RENDERED" 1
check "watch: says what it watches" wait_for "$tmp/wout" "^${T}watching " 1
check "watch: every line starts with the time" sh -c "! grep -v -E '^$T' '$tmp/wout' '$tmp/werr'"

# Edit 1: a valid change, written in place.
sed -i 's/## What is changing/## What will change/' "$W"
check "watch: edit 1 rendered" wait_for "$tmp/wout" "$RENDERED" 2
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$tmp/w/out.pdf" "$tmp/w/out.txt" 2>/dev/null
  check "watch: edit 1 is in the PDF" grep -q 'What will change' "$tmp/w/out.txt"
fi
# Edit 2: an unclosed section, saved the way many editors do (new file renamed over the old).
{ cat "$W"; printf '{{#budget.items}}\n- {{provision}}\n'; } >"$tmp/w/.tmp-save"
mv "$tmp/w/.tmp-save" "$W"
check "watch: edit 2 reported as an error" wait_for "$tmp/werr" "^$T$W:[0-9]+:[0-9]+: " 1
check "watch: the error is the unclosed section" grep -q -E "^$T$W:[0-9]*:1: unclosed section 'budget.items'" "$tmp/werr"
check "watch: the PDF replaced by the problems page" wait_for "$tmp/wout" "^${T}$tmp/w/out.pdf now lists the problems" 1
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$tmp/w/out.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$tmp/w/out.txt"
  check "watch: the problems page says not rendered" grep -q 'Not rendered' "$tmp/w/out.txt"
  check "watch: the problems page lists the problem" grep -q "unclosed section 'budget.items'" "$tmp/w/out.txt"
  check "watch: the stale letter is gone" sh -c "! grep -q 'What will change' '$tmp/w/out.txt'"
fi
check "watch: edit 2 not rendered" [ "$(grep -c -E "$RENDERED" "$tmp/wout")" -eq 2 ]
check "watch: still running after the error" kill -0 "$wpid"
echo "  watch output so far:"; sed 's/^/    | /' "$tmp/wout" "$tmp/werr"
check "watch: exactly two renders and one error" \
  [ "$(grep -c -E "$RENDERED" "$tmp/wout")" -eq 2 -a "$(grep -c -E "^$T$W:" "$tmp/werr")" -eq 1 ]

# Mended, then a partial changes: two more renders.
cp templates/reduction.mustache.md "$W"
check "watch: mended template rendered" wait_for "$tmp/wout" "$RENDERED" 3
sed -i 's/## Who can help/## Who can help you/' "$tmp/tpl/partials/advice.mustache.md"
check "watch: a partial's change rendered" wait_for "$tmp/wout" "$RENDERED" 4
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$tmp/w/out.pdf" "$tmp/w/out.txt" 2>/dev/null
  check "watch: the partial's change is in the PDF" grep -q 'Who can help you' "$tmp/w/out.txt"
fi
# The case file changes: rendered again with the new data.
sed -i 's/role="SEND Casework Officer"/role="SEND Casework Lead"/' "$WCASE"
check "watch: a change to the case file rendered" wait_for "$tmp/wout" "$RENDERED" 5
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$tmp/w/out.pdf" "$tmp/w/out.txt" 2>/dev/null
  check "watch: the case's change is in the PDF" grep -q 'SEND Casework Lead' "$tmp/w/out.txt"
fi
# The council profile changes: rendered again.
sed -i 's/<name>Bath and North East Somerset Council</<name>Bath and North East Somerset Council </' "$tmp/tpl/councils/bnes.xml"
check "watch: a change to the council profile rendered" wait_for "$tmp/wout" "$RENDERED" 6
# A file that is neither the template nor a partial: no render.
echo x >"$tmp/w/notes.txt"; echo x >"$tmp/tpl/partials/notes.txt"
sleep 0.3
check "watch: other files ignored" [ "$(grep -c -E "$RENDERED" "$tmp/wout")" -eq 6 ]

# Every render under 100 ms (a sanitizer build is slower: 1 s there).
limit=100; case $PBDOCS in */san/*) limit=1000 ;; esac
slow=$(sed -n 's/^[0-9:]* rendered .* in \([0-9]*\) ms.*/\1/p' "$tmp/wout" | awk -v l=$limit '$1 >= l' | wc -l)
check "watch: every render under $limit ms ($slow not)" [ "$slow" -eq 0 ]

kill -TERM "$wpid"; wait "$wpid"; rc=$?; wpid=
check "watch: SIGTERM ends it with exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "watch: no sanitizer report" sh -c "! grep -q -E 'Sanitizer|runtime error' '$tmp/werr'"

# SIGINT too (as Ctrl-C sends it). A background job of sh ignores SIGINT unless it resets it;
# pbdocs takes SIGINT through its watcher whatever the inherited disposition.
"$PBDOCS" preview "$W" --case "$CASE" --templates "$tmp/tpl" -o "$tmp/w/out.md" --watch >"$tmp/wout2" 2>"$tmp/werr2" &
wpid=$!
check "watch (SIGINT): started" wait_for "$tmp/wout2" "^${T}watching " 1
kill -INT "$wpid"; i=0
while kill -0 "$wpid" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
if kill -0 "$wpid" 2>/dev/null; then fail "watch: SIGINT did not end it"; kill "$wpid"; wait "$wpid"; else
  wait "$wpid"; rc=$?; check "watch: SIGINT ends it with exit 0 (got $rc)" [ "$rc" -eq 0 ]
fi
wpid=

echo "test_preview: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
