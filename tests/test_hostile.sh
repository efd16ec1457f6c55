#!/bin/sh
# test_hostile.sh: inputs that are wrong or malicious (issue 8). Each gets a clear error, nothing
# escapes, and the run goes on: a batch over a mix of hostile and good cases still produces every
# good one. The hostile fixtures are in fixtures/hostile/ (see its README); the big ones (1 GiB,
# a 70 MB case in a stream, a 10 MB reason, nesting 100,000 deep, overlong lines, pathological
# Markdown) are generated here into a temporary folder. Complements tests/test_validate.sh, which
# checks the exact messages of fixtures/invalid/ (XXE, billion laughs, deep nesting, invalid
# UTF-8, a path as case id) for `validate`.
# Run from the project root; $PBDOCS is the binary. Ends with "test_hostile: N passed, M failed".
PBDOCS=${PBDOCS:-./pbdocs}
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
H=fixtures/hostile

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { what=$1; shift; if "$@"; then ok; else fail "$what"; fi }
show() { head -n 6 "$1" | cut -c1-300 | sed 's/^/      | /'; }

if [ ! -x "$PBDOCS" ]; then
  echo "test_hostile: $PBDOCS is not an executable (build it first)"
  echo "test_hostile: 0 passed, 1 failed"
  exit 1
fi

# A sanitizer build is slower and cannot run under ulimit -v: time limits are scaled for it.
slow=1
case "$PBDOCS" in *san*) slow=6 ;; esac
secs() { echo $(($1 * slow)); }

# Everything any command prints on stderr is kept, to look for personal data at the end.
: >"$tmp/all-err"
# run NAME SECONDS ARGS...: runs pbdocs with a time limit; leaves $rc, $tmp/out, $tmp/err.
run() {
  name=$1; limit=$(secs "$2"); shift 2
  timeout "$limit" "$PBDOCS" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  cat "$tmp/err" >>"$tmp/all-err"
  if [ "$rc" -eq 124 ]; then fail "$name: more than $limit s"; fi
  if grep -q -E 'ERROR: [A-Za-z]+Sanitizer|runtime error: ' "$tmp/err"; then
    fail "$name: sanitizer report"; grep -E 'ERROR: |SUMMARY: |runtime error' "$tmp/err" | head -n 4 | sed 's/^/      | /'
  fi
}
# want NAME CODE: the last run exited with CODE
want() { if [ "$rc" -eq "$2" ]; then ok; else fail "$1: exit $rc, want $2"; show "$tmp/err"; fi }
# says NAME PATTERN: stderr of the last run matches the extended regular expression
says() { if grep -q -E -- "$2" "$tmp/err"; then ok; else fail "$1: stderr does not say /$2/"; show "$tmp/err"; fi }
# every stderr line in the contract's form: FILE:LINE: or FILE: (never a bare message)
formed() {
  bad=$(grep -v -E '^[^ :]+(:[0-9]+)?(:[0-9]+)?: ' "$tmp/err" | grep -v -E '^batch: [0-9]+ produced' | head -n 3)
  if [ -z "$bad" ]; then ok; else fail "$1: a message not in the FILE:LINE: form"; printf '%s\n' "$bad" | sed 's/^/      | /'; fi
}
# strace, when it works here: the files a run opened and the sockets it made
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then have_strace=yes; else
  have_strace=no; echo "strace not usable here: the 'never opened' checks are skipped"; fi
traced() { # traced NAME ARGS...: runs pbdocs under strace into $tmp/trace
  name=$1; shift
  strace -f -e trace=open,openat,openat2,socket,connect -o "$tmp/trace" "$PBDOCS" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  cat "$tmp/err" >>"$tmp/all-err"
}
never_opened() { # NAME PATTERN: no open/openat of a path matching PATTERN in the last trace
  if grep -E '(open|openat|openat2)\(' "$tmp/trace" | grep -q -E -- "$2"; then
    fail "$1: opened $2"; grep -E -- "$2" "$tmp/trace" | head -n 2 | sed 's/^/      | /'
  else ok; fi
}
no_network() {
  if grep -q -E '^[0-9]+ +(socket|connect)\((AF_INET|AF_INET6|\{sa_family=AF_INET)' "$tmp/trace"; then
    fail "$1: used the network"; grep -E 'socket|connect' "$tmp/trace" | head -n 2 | sed 's/^/      | /'
  else ok; fi
}

# A case made from the good fixture with a different id.
good_as() { sed "s/id=\"GOOD-1\"/id=\"$1\"/" $H/good.xml; }
# with_text ID TAG FILE: that case with FILE's text put right after the first TAG (any size: the
# text never goes through a command line).
with_text() {
  awk -v tag="$2" -v f="$3" 'BEGIN { while ((getline l < f) > 0) t = t (n++ ? "\n" : "") l }
    !done && (i = index($0, tag)) { $0 = substr($0, 1, i + length(tag) - 1) t substr($0, i + length(tag)); done = 1 }
    { print }' $H/good.xml | sed "s/id=\"GOOD-1\"/id=\"$1\"/"
}
# with_reasons ID N FILE: that case with its reason replaced by N reasons holding FILE's text
# (escaped for XML).
with_reasons() {
  awk -v n="$2" -v f="$3" '
    /<reason>/ { for (k = 0; k < n; k++) {
                   print "    <reason>"
                   while ((getline l < f) > 0) { gsub(/&/, "\\&amp;", l); gsub(/</, "\\&lt;", l); print l }
                   close(f); print "</reason>" }
                 skip = 1; next }
    skip && /<\/reason>/ { skip = 0; next } !skip' $H/good.xml | sed "s/id=\"GOOD-1\"/id=\"$1\"/"
}
# The <case> element of a case file, without the XML declaration and comments.
case_body() { sed -e '/^<?xml/d' -e '/^<!--.*-->$/d' "$1"; }

# ---- 1. XXE: a local file and a URL -------------------------------------------------------
grep -v '^$' /etc/passwd >"$tmp/passwd"
for f in fixtures/invalid/xxe.xml $H/xxe-url.xml; do
  for cmd in validate render; do
    if [ $cmd = validate ]; then run "$cmd $f" 5 validate "$f"; else run "$cmd $f" 5 render "$f" -o "$tmp/xxe-out"; fi
    want "$cmd $f" 1
    says "$cmd $f" 'a DOCTYPE is not allowed in case data'
    check "$cmd $f: a line of /etc/passwd in the output" sh -c "! grep -q -F -f '$tmp/passwd' '$tmp/out' '$tmp/err'"
  done
  check "render $f: wrote something" [ ! -e "$tmp/xxe-out" ]
  if [ $have_strace = yes ]; then
    traced "xxe $f" render "$f" -o "$tmp/xxe-out"
    check "xxe $f: the trace saw the case file (it works)" grep -q -F "$f" "$tmp/trace"
    never_opened "xxe $f" '/etc/passwd'
    no_network "xxe $f"
  fi
done

# ---- 2. entity expansion: billion laughs and quadratic blowup --------------------------------
for f in fixtures/invalid/billion-laughs.xml $H/quadratic-blowup.xml; do
  run "$f" 2 validate "$f"
  want "$f" 1
  says "$f" 'DOCTYPE is not allowed'
  check "$f: expanded text in the output" sh -c "! grep -q -E 'lollol|CanarinaCanarina' '$tmp/out' '$tmp/err'"
done
# The quadratic blowup inside a <cases> stream, after good cases: they are still produced.
{ echo '<?xml version="1.0"?>'; sed -n '/^<!DOCTYPE/,/^]>/p' $H/quadratic-blowup.xml | sed 's/DOCTYPE case/DOCTYPE cases/'
  echo '<cases>'; good_as QB-GOOD-1 | case_body /dev/stdin
  sed -n '/^<case /,/^<\/case>/p' $H/quadratic-blowup.xml; echo '</cases>'; } >"$tmp/qb-stream.xml"
run "quadratic blowup in a stream" 3 batch "$tmp/qb-stream.xml" -o "$tmp/qb-out"
check "quadratic blowup in a stream: exit $rc, want 1" [ "$rc" -eq 1 ]
says "quadratic blowup in a stream" 'DOCTYPE is not allowed'

# ---- 3. size: a 1 GiB case file, a 70 MB case inside a stream -------------------------------
# 1 GiB (sparse: no disk used): refused by its size before a byte is parsed.
head -n 4 $H/good.xml >"$tmp/huge.xml"
truncate -s 1G "$tmp/huge.xml"
run "1 GiB case file" 2 validate "$tmp/huge.xml"
want "1 GiB case file" 1
says "1 GiB case file" "^$tmp/huge.xml:1: larger than the limit of 64 MiB for one case file"
if [ $have_strace = yes ]; then
  strace -e trace=read -o "$tmp/trace" "$PBDOCS" validate "$tmp/huge.xml" >/dev/null 2>&1
  read_bytes=$(awk -F'= ' '/^read\(/ { s += $NF } END { print s + 0 }' "$tmp/trace")
  check "1 GiB case file: read $read_bytes bytes in all, want < 1 MiB" [ "$read_bytes" -lt 1048576 ]
fi
# 1 GiB as a batch input next to a good case: refused, the good case produced.
mkdir -p "$tmp/gig"; mv "$tmp/huge.xml" "$tmp/gig/a-huge.xml"; good_as GIG-GOOD-1 >"$tmp/gig/b-good.xml"
run "1 GiB in a batch" 5 batch "$tmp/gig" -o "$tmp/gig-out"
want "1 GiB in a batch" 1
check "1 GiB in a batch: the good case produced" [ -s "$tmp/gig-out/GIG-GOOD-1-refusal.pdf" ]
rm -rf "$tmp/gig"
# A stream whose second case is 70 MB: refused at 64 MiB while read (memory stays far below
# the case's size), and the cases before and after it are produced.
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo '<cases>'
  good_as BIG-GOOD-1 | case_body /dev/stdin
  good_as BIG-HUGE-2 | case_body /dev/stdin | sed '/<\/item>/,$d'
  awk 'BEGIN { s = "<outcome>"; for (i = 0; i < 1000; i++) s = s "x"; s = s "</outcome>";
               for (i = 0; i < 71680; i++) print s }'
  good_as BIG-HUGE-2 | case_body /dev/stdin | sed -n '/<\/item>/,$p'
  good_as BIG-GOOD-3 | case_body /dev/stdin | tr -d '\n'; echo
  echo '</cases>'; } >"$tmp/big-stream.xml"
run "70 MB case in a stream" 20 batch "$tmp/big-stream.xml" -o "$tmp/big-out" --jobs 1
want "70 MB case in a stream" 1
says "70 MB case in a stream" "^$tmp/big-stream.xml:[0-9]+: case BIG-HUGE-2: this case is larger than the limit of 64 MiB for one case"
check "70 MB case in a stream: the case before it produced" [ -s "$tmp/big-out/BIG-GOOD-1-refusal.pdf" ]
check "70 MB case in a stream: the case after it produced" [ -s "$tmp/big-out/BIG-GOOD-3-refusal.pdf" ]
rss=$(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$tmp/err" | cut -d. -f1)
[ "$slow" -eq 1 ] && check "70 MB case in a stream: peak RSS ${rss:-?} MB, want < 400" [ "${rss:-999}" -lt 400 ]
rm -f "$tmp/big-stream.xml"

# ---- 4. nesting 100,000 deep ----------------------------------------------------------------
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<case id=\"DEEP-1\" council=\"example\"><child>";
             for (i = 0; i < 100000; i++) printf "<x>"; for (i = 0; i < 100000; i++) printf "</x>";
             print "</child></case>" }' >"$tmp/deep.xml"
run "nesting 100000 deep" 2 render "$tmp/deep.xml" -o "$tmp/deep-out"
want "nesting 100000 deep" 1
says "nesting 100000 deep" "^$tmp/deep.xml:2: case DEEP-1: not well-formed XML: elements are nested more than 256 levels deep"
# ... and in the Markdown of a reason (quotes and lists 50,000 deep): printed flat, bounded time.
awk 'BEGIN { s = ""; for (i = 0; i < 50000; i++) s = s ">"; q = s " deep\n\n";
             s = ""; for (i = 0; i < 50000; i++) s = s "- "; print q s "deep" }' >"$tmp/deep-md"
with_reasons DEEP-MD-1 1 "$tmp/deep-md" >"$tmp/deep-md.xml"
run "Markdown nested 50000 deep" 5 render "$tmp/deep-md.xml" -o "$tmp/deep-md-out"
want "Markdown nested 50000 deep" 0

# ---- 5. bytes that are not text: invalid UTF-8, NUL -----------------------------------------
run "invalid UTF-8" 2 validate fixtures/invalid/invalid-utf8.xml
want "invalid UTF-8" 1
says "invalid UTF-8" 'is not valid UTF-8 text'
run "NUL byte" 2 validate $H/nul-byte.xml
want "NUL byte" 1
says "NUL byte" "^$H/nul-byte.xml:5: case NUL-1: not well-formed XML: holds a NUL byte, which XML does not allow"
formed "NUL byte"

# ---- 6. overlong lines ----------------------------------------------------------------------
# A whole case on one line of 200 KB (a 190 KB outcome): read, and rendered.
head -c 190000 /dev/zero | tr '\0' 'a' >"$tmp/long"
with_text LONG-1 '<outcome>' "$tmp/long" | tr -d '\n' >"$tmp/one-line.xml"
run "a case on one line of 200 KB" 5 render "$tmp/one-line.xml" -o "$tmp/long-out"
want "a case on one line of 200 KB" 0
# A reason that is one 200 KB word: broken across lines, rendered in bounded time.
head -c 200000 /dev/zero | tr '\0' 'w' >"$tmp/long"
with_reasons LONG-2 1 "$tmp/long" >"$tmp/long-word.xml"
run "a 200 KB word" 5 render "$tmp/long-word.xml" -o "$tmp/long-out"
want "a 200 KB word" 0
# A 100 KB recipient name cannot fit the envelope window: refused, naming the field.
head -c 100000 /dev/zero | tr '\0' 'n' >"$tmp/long"
with_text LONG-3 '<name>' "$tmp/long" >"$tmp/long-name.xml"
run "a 100 KB name" 5 render "$tmp/long-name.xml" -o "$tmp/long-out"
want "a 100 KB name" 1
says "a 100 KB name" 'case LONG-3: recipient/address: '
rm -f "$tmp/long"

# ---- 7. a case id that is a path ------------------------------------------------------------
for f in fixtures/invalid/id-path.xml $H/case-id-path.xml $H/case-id-absolute.xml; do
  rm -rf "$tmp/id" && mkdir -p "$tmp/id/a/b/out"
  run "$f" 5 render "$f" -o "$tmp/id/a/b/out"
  want "render $f" 1
  says "render $f" ': @id: is not a valid case id'
  check "render $f: something written" [ -z "$(find "$tmp/id" -type f)" ]
  run "$f" 5 batch "$f" -o "$tmp/id/a/b/out"
  want "batch $f" 1
  check "batch $f: a file other than the manifest and run.json" [ "$(find "$tmp/id" -type f | sort | tr '\n' ' ')" = "$tmp/id/a/b/out/manifest.csv $tmp/id/a/b/out/run.json " ]
  check "batch $f: a rejected row" grep -q '^,,rejected,' "$tmp/id/a/b/out/manifest.csv"
done
check "nothing was written to /etc/x-refusal.pdf or /tmp/pbdocs-escape*" \
  sh -c '[ ! -e /etc/x-refusal.pdf ] && ! ls /tmp/pbdocs-escape* >/dev/null 2>&1'

# ---- 8. a 10 MB reason ----------------------------------------------------------------------
awk 'BEGIN { for (i = 0; i < 195000; i++) print "The officer wrote a very long reason, line after line." }' >"$tmp/10mb"
with_reasons REASON-10MB 1 "$tmp/10mb" >"$tmp/reason-10mb.xml"
rm -f "$tmp/10mb"
run "10 MB reason" 5 validate "$tmp/reason-10mb.xml"
want "10 MB reason" 1
says "10 MB reason" "^$tmp/reason-10mb.xml:[0-9]+: case REASON-10MB: refusal/reason: is longer than the limit of 256 KiB$"
formed "10 MB reason"

# ---- 9. templates: one that includes itself, partial names that are paths --------------------
overlay() { # overlay NAME FIXTURE-DIR: the real templates with the fixture's files over them
  rm -rf "$tmp/$1"; cp -R templates "$tmp/$1"; cp -R "$2/." "$tmp/$1/"
}
overlay tself $H/templates-self-include
# A broken template, found while rendering: exit 2 (not a case's fault), the other documents made.
run "a partial that includes itself" 10 render fixtures/cases/example-all.xml --templates "$tmp/tself" -o "$tmp/tself-out"
want "a partial that includes itself" 2
says "a partial that includes itself" "^$tmp/tself/partials/signature.mustache.md:4:1: case EX-2026-0001: partials nested deeper than 64 \(a partial that includes itself\?\)"
check "a partial that includes itself: Section J (no signature) still produced" [ -s "$tmp/tself-out/EX-2026-0001-section-j.pdf" ]
check "a partial that includes itself: no letter produced" [ "$(ls "$tmp/tself-out" | wc -l)" -eq 1 ]
run "a partial that includes itself, batch" 10 batch fixtures/cases/example-all.xml $H/good.xml --templates "$tmp/tself" -o "$tmp/tself-batch"
want "a partial that includes itself, batch" 2
check "a partial that includes itself, batch: four letters rejected, Section J produced" \
  [ "$(grep -c ',rejected,' "$tmp/tself-batch/manifest.csv")" -eq 4 -a -s "$tmp/tself-batch/EX-2026-0001-section-j.pdf" ]
run "lint of a partial that includes itself" 10 lint --templates "$tmp/tself"
check "lint of a partial that includes itself: exit $rc, want 0 or 1 (no crash, no hang)" [ "$rc" -le 1 ]
for fx in templates-partial-path templates-partial-absolute; do
  overlay "$fx" $H/$fx
  run "$fx" 5 render $H/good.xml --templates "$tmp/$fx" -o "$tmp/$fx-out"
  check "$fx: exit $rc, want 2 (the templates cannot be used)" [ "$rc" -eq 2 ]
  says "$fx" "^$tmp/$fx/refusal.mustache.md:[0-9]+:[0-9]+: "
  check "$fx: a line of /etc/passwd in the output" sh -c "! grep -q -F -f '$tmp/passwd' '$tmp/out' '$tmp/err'"
  check "$fx: something written" [ ! -e "$tmp/$fx-out" ]
  if [ $have_strace = yes ]; then
    traced "$fx" render $H/good.xml --templates "$tmp/$fx" -o "$tmp/$fx-out"
    never_opened "$fx" '/etc/passwd|councils/example\.mustache'
  fi
done
says templates-partial-absolute "refusal.mustache.md:2:1: unknown partial '/etc/passwd'"

# ---- 10. a council id outside templates/councils/ -------------------------------------------
for f in $H/council-path.xml $H/council-dot-path.xml; do
  run "$f" 5 render "$f" -o "$tmp/council-out"
  want "$f" 1
  says "$f" ': @council: is not a known council \(no profile in templates/councils/\)'
  if [ $have_strace = yes ]; then
    traced "$f" render "$f" -o "$tmp/council-out"
    never_opened "$f" 'passwd|councils/\.\.'
  fi
done

# ---- 11. the run goes on ----------------------------------------------------------------------
# A directory of every hostile single case (made and generated) with good cases between them.
mkdir -p "$tmp/mix"
n=0
for f in $H/*.xml fixtures/invalid/xxe.xml fixtures/invalid/billion-laughs.xml fixtures/invalid/deep-nesting.xml \
         fixtures/invalid/invalid-utf8.xml fixtures/invalid/id-path.xml "$tmp/deep.xml" "$tmp/reason-10mb.xml" \
         "$tmp/long-name.xml"; do
  n=$((n + 1))
  case $f in */good.xml|*/stream-mixed.xml) continue ;; esac
  cp "$f" "$tmp/mix/$(printf '%02d' $n)-$(basename "$f")"
  good_as "MIX-GOOD-$n" >"$tmp/mix/$(printf '%02d' $n)-z-good.xml"
done
goods=$(ls "$tmp/mix" | grep -c -- '-z-good.xml')
touch "$tmp/before-mix"; sleep 1
run "a directory mixing hostile and good cases" 30 batch "$tmp/mix" -o "$tmp/mix-out"
want "a directory mixing hostile and good cases" 1
made=$(ls "$tmp/mix-out" | grep -c '^MIX-GOOD-.*-refusal\.pdf$')
check "a directory mixing hostile and good cases: $made of $goods good cases produced" [ "$made" -eq "$goods" ]
rejected=$(grep -c ',rejected,' "$tmp/mix-out/manifest.csv")
check "a directory mixing hostile and good cases: $rejected rejected rows, want $(($(ls "$tmp/mix" | wc -l) - goods))" \
  [ "$rejected" -eq $(($(ls "$tmp/mix" | wc -l) - goods)) ]
formed "a directory mixing hostile and good cases"
outside=$(find "$tmp" -newer "$tmp/before-mix" -type f ! -path "$tmp/mix-out/*" ! -name out ! -name err ! -name all-err)
check "a directory mixing hostile and good cases: files written outside OUTDIR: $outside" [ -z "$outside" ]
# A <cases> stream mixing well-formed hostile cases with good ones.
run "$H/stream-mixed.xml" 10 batch $H/stream-mixed.xml -o "$tmp/stream-out"
want "$H/stream-mixed.xml" 1
for id in GOOD-S1 GOOD-S3 GOOD-S5; do
  check "$H/stream-mixed.xml: $id produced" [ -s "$tmp/stream-out/$id-refusal.pdf" ]
done
check "$H/stream-mixed.xml: three rejected rows" [ "$(grep -c ',rejected,' "$tmp/stream-out/manifest.csv")" -eq 3 ]
says "$H/stream-mixed.xml" "^$H/stream-mixed.xml:78: case COUNCIL-S2: @council: is not a known council"
says "$H/stream-mixed.xml" "^$H/stream-mixed.xml:154: case CTRL-S4: child/given-names: contains a control character \(U\+0085\)"

# ---- 12. cmark-gfm's quadratic cases: bounded time at the size caps --------------------------
# Each reason below is close to the 256 KiB cap of one Markdown field; three of them make a
# document of about 750 KiB (the cap is 1 MiB). Each case finishes (produced or refused) in a
# few seconds. Tables padded to the header's width are refused before parsing.
patho() { # NAME AWK-PROGRAM-PRINTING-ONE-REASON
  awk "BEGIN { $2 }" >"$tmp/patho-md"
  with_reasons "PATHO-$1" 3 "$tmp/patho-md" >"$tmp/patho-$1.xml"
  run "pathological Markdown: $1" 3 render "$tmp/patho-$1.xml" -o "$tmp/patho-out"
  check "pathological Markdown: $1: exit $rc, want 0 or 1" [ "$rc" -le 1 ]
}
patho table-columns 's = "|"; d = "|"; for (i = 0; i < 4000; i++) { s = s "a|"; d = d "-|" }; print s; print d; for (i = 0; i < 30000; i++) print "|b|"'
says "pathological Markdown: table-columns" 'a table has 4000 columns \(Markdown line [0-9]+\); at most 12 fit on a page'
patho table-rows 'print "|a|b|c|d|e|f|g|h|i|j|k|l|"; print "|-|-|-|-|-|-|-|-|-|-|-|-|"; for (i = 0; i < 120000; i++) print "x"'
says "pathological Markdown: table-rows" 'the tables hold more than 20000 cells'
patho emphasis 'for (i = 0; i < 80000; i++) printf "*_a"; print ""'
patho strong 'for (i = 0; i < 80000; i++) printf "**a"; print ""'
patho underscores 'for (i = 0; i < 120000; i++) printf "a_"; print ""'
patho brackets 'for (i = 0; i < 240000; i++) printf "["; print ""'
patho images 'for (i = 0; i < 120000; i++) printf "!["; print ""'
patho links 'for (i = 0; i < 60000; i++) printf "[a]("; print ""'
patho backticks 'for (i = 1; i < 600; i++) { for (j = 0; j < i; j++) printf "`"; printf "a" }; print ""'
patho quotes 'for (i = 0; i < 240000; i++) printf ">"; print " a"'
patho headings 'for (i = 0; i < 60000; i++) print "a\n="'
patho entities 'for (i = 0; i < 120000; i++) printf "&#"; print ""'

# ---- 13. output safety ----------------------------------------------------------------------
# Modes 0640 whatever the umask, for render and batch (PDFs and manifest).
for u in 000 077; do
  rm -rf "$tmp/mode"
  (umask $u && "$PBDOCS" render $H/good.xml -o "$tmp/mode/r" && "$PBDOCS" batch $H/good.xml -o "$tmp/mode/b") >/dev/null 2>&1
  for f in "$tmp/mode/r/GOOD-1-refusal.pdf" "$tmp/mode/b/GOOD-1-refusal.pdf" "$tmp/mode/b/manifest.csv"; do
    m=$(stat -c %a "$f" 2>/dev/null)
    check "umask $u: $f has mode ${m:-missing}, want 640" [ "$m" = 640 ]
  done
done
# An existing PDF is never truncated or rewritten in place: a hard link to it keeps the old bytes
# (the new one is renamed over the name), and a document that fails leaves the old one as it was.
mkdir -p "$tmp/keep"
printf 'OLD PDF\n' >"$tmp/keep/GOOD-1-refusal.pdf"
ln "$tmp/keep/GOOD-1-refusal.pdf" "$tmp/keep-link"
run "render over an existing PDF" 5 render $H/good.xml -o "$tmp/keep"
want "render over an existing PDF" 0
check "render over an existing PDF: the old file was rewritten in place" [ "$(cat "$tmp/keep-link")" = "OLD PDF" ]
check "render over an existing PDF: the new one is a PDF" sh -c "head -c 5 '$tmp/keep/GOOD-1-refusal.pdf' | grep -q '%PDF-'"
for cmd in render batch; do
  printf 'OLD PDF\n' >"$tmp/keep/GOOD-1-refusal.pdf"
  run "$cmd: a failing document over an existing PDF" 5 $cmd $H/good.xml --templates "$tmp/tself" -o "$tmp/keep"
  want "$cmd: a failing document over an existing PDF" 2
  check "$cmd: a failing document over an existing PDF: the old one changed" [ "$(cat "$tmp/keep/GOOD-1-refusal.pdf")" = "OLD PDF" ]
done
# A symlink where the PDF goes, pointing outside OUTDIR: replaced, never written through.
printf 'OUTSIDE\n' >"$tmp/outside"
for cmd in render batch; do
  rm -f "$tmp/keep/GOOD-1-refusal.pdf"; ln -s "$tmp/outside" "$tmp/keep/GOOD-1-refusal.pdf"
  run "$cmd: a symlink at the PDF's name" 5 $cmd $H/good.xml -o "$tmp/keep"
  want "$cmd: a symlink at the PDF's name" 0
  check "$cmd: a symlink at the PDF's name: written through it" [ "$(cat "$tmp/outside")" = OUTSIDE ]
  check "$cmd: a symlink at the PDF's name: not replaced by the PDF" \
    sh -c "[ ! -L '$tmp/keep/GOOD-1-refusal.pdf' ] && head -c 5 '$tmp/keep/GOOD-1-refusal.pdf' | grep -q '%PDF-'"
done
check "no temporary file left in the output folder" [ -z "$(ls -A "$tmp/keep" | grep -v -E '^(GOOD-1-refusal\.pdf|manifest\.csv|run\.json|\.manifest\.csv\.prev)$')" ]

# ---- 14. no personal data in any message ------------------------------------------------------
# The hostile fixtures' people are Canarina Hostilewska and Sentinelo at Tripwire Cottage, EX7 9QQ.
for p in Canarina Hostilewska Sentinelo Tripwire 'EX7 9QQ' EX79QQ; do
  if grep -q -F -- "$p" "$tmp/all-err"; then
    fail "personal data '$p' in a message"; grep -F -- "$p" "$tmp/all-err" | head -n 2 | cut -c1-200 | sed 's/^/      | /'
  else ok; fi
done

echo "test_hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
