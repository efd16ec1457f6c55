#!/bin/sh
# test_install.sh: `make install` / `make uninstall` (issue 17). Installs this build (PBDOCS_BUILD)
# under a temporary PREFIX, then works from another folder with the installed binary only (the
# checkout is out of its reach: no PBDOCS_DATA, nothing above the binary): validate, render,
# lint, fields, new and batch. A DESTDIR install is moved elsewhere and found with PBDOCS_DATA and
# --data; a copied binary finds its compiled-in data; uninstall removes everything.
cd "$(dirname "$0")/.." || exit 1
src=$PWD
B=${PBDOCS_BUILD:-build/release}
case $B in
  build/release) opt= ;;
  build/san) opt='OPT=$(SAN)' ;;   # expanded by make: the flags this build was compiled with
  *) echo "test_install: 0 passed, 0 failed (no install for $B)"; exit 0 ;;
esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
unset PBDOCS_DATA PBDOCS_ROOT
# shellcheck disable=SC2086
mk() { nice make -s -C "$src" BUILD="$B" $opt "$@" >"$tmp/make.log" 2>&1 || { tail -n 20 "$tmp/make.log"; return 1; }; }

P="$tmp/prefix"
mk install PREFIX="$P"; rc=$?
check "make install PREFIX=...: exit $rc" [ "$rc" -eq 0 ]
D="$P/share/pbdocs"
for f in bin/pbdocs share/pbdocs/templates/refusal.mustache.md share/pbdocs/templates/partials \
         share/pbdocs/templates/councils/bnes.xml share/pbdocs/templates/calendar/england-and-wales.txt \
         share/pbdocs/schema/case.rng share/pbdocs/schema/council.rng \
         share/pbdocs/fonts/LiberationSans-Regular.ttf share/pbdocs/fonts/LiberationSans-BoldItalic.ttf \
         share/man/man1/pbdocs.1 share/man/man5/pbdocs-case.5; do
  check "installed $f" [ -e "$P/$f" ]
done

# Work somewhere else, with copies of a few cases: nothing of the checkout is reachable.
W="$tmp/work"; mkdir -p "$W"
cp fixtures/cases/bnes-all.xml fixtures/cases/wakefield-section-j.xml "$W/"
PB="$P/bin/pbdocs"
cd "$W" || exit 1
"$PB" validate bnes-all.xml >out 2>err; rc=$?
check "installed validate: exit $rc" [ "$rc" -eq 0 ]
"$PB" render bnes-all.xml -o letters >out 2>err; rc=$?
check "installed render: exit $rc" [ "$rc" -eq 0 -a -s letters/BNES-2026-0217-refusal.pdf ] || head -n 3 err
n=$(ls letters 2>/dev/null | wc -l)
cd "$src" && "$PBDOCS" render fixtures/cases/bnes-all.xml -o "$tmp/ref" >/dev/null 2>&1; cd "$W" || exit 1
for f in "$tmp"/ref/*.pdf; do
  check "installed render: $(basename "$f") identical to the checkout's" cmp -s "$f" "letters/$(basename "$f")"
done
check "installed render: $n letters" [ "$n" -ge 4 ]
"$PB" lint >out 2>err; rc=$?
check "installed lint: exit $rc" [ "$rc" -eq 0 ] || head -n 3 err
"$PB" fields refusal >out 2>err; rc=$?
check "installed fields: exit $rc" [ "$rc" -eq 0 -a -s out ]
"$PB" new stop --council wakefield >new.xml 2>err && "$PB" validate new.xml >out 2>&1; rc=$?
check "installed new + validate: exit $rc" [ "$rc" -eq 0 ]
"$PB" batch bnes-all.xml wakefield-section-j.xml -o night --jobs 2 --quiet >out 2>err; rc=$?
check "installed batch: exit $rc" [ "$rc" -eq 0 -a -s night/manifest.csv ] || head -n 3 err
check "installed batch: run.json" [ -s night/run.json ]
cp "$PB" "$tmp/copied-pbdocs"
"$tmp/copied-pbdocs" render wakefield-section-j.xml -o copied >out 2>err; rc=$?
check "a copied installed binary finds its data: exit $rc" [ "$rc" -eq 0 ] || head -n 3 err
# The checkout's binary copied away finds nothing by itself, and the installed data with --data.
cp "$src/$PBDOCS" "$tmp/plain-pbdocs" 2>/dev/null || cp "$PBDOCS" "$tmp/plain-pbdocs"
"$tmp/plain-pbdocs" --data "$D" render wakefield-section-j.xml -o plain >out 2>err; rc=$?
check "copied checkout binary with --data: exit $rc" [ "$rc" -eq 0 ] || head -n 3 err
PBDOCS_DATA="$D" "$tmp/plain-pbdocs" validate bnes-all.xml >out 2>err; rc=$?
check "copied checkout binary with PBDOCS_DATA: exit $rc" [ "$rc" -eq 0 ] || head -n 3 err

# DESTDIR: staged for /opt/pbdocs, then moved; found through PBDOCS_DATA and --data.
cd "$src" || exit 1
mk install DESTDIR="$tmp/stage" PREFIX=/opt/pbdocs; rc=$?
check "make install DESTDIR=...: exit $rc" [ "$rc" -eq 0 -a -x "$tmp/stage/opt/pbdocs/bin/pbdocs" ]
check "DESTDIR: schema" [ -f "$tmp/stage/opt/pbdocs/share/pbdocs/schema/case.rng" ]
mv "$tmp/stage/opt/pbdocs" "$tmp/moved"
cd "$W" || exit 1
M="$tmp/moved"
PBDOCS_DATA="$M/share/pbdocs" "$M/bin/pbdocs" render bnes-all.xml --doc reduction -o moved.pdf >out 2>err; rc=$?
check "moved install, PBDOCS_DATA: exit $rc" [ "$rc" -eq 0 -a -s moved.pdf ] || head -n 3 err
"$M/bin/pbdocs" --data "$M/share/pbdocs" lint >out 2>err; rc=$?
check "moved install, --data: lint exit $rc" [ "$rc" -eq 0 ] || head -n 3 err
"$M/bin/pbdocs" render bnes-all.xml -o nodata >out 2>err; rc=$?
check "moved install without its data: exit $rc, want 2" [ "$rc" -eq 2 ]
check "moved install without its data: says what is missing" grep -q '/opt/pbdocs/share/pbdocs' err

# --templates DIR brings its own calendar.
cp -R "$D/templates" "$tmp/tpl"
printf 'not a calendar\n' >"$tmp/tpl/calendar/england-and-wales.txt"
"$PB" render bnes-all.xml --templates "$tmp/tpl" -o cal >out 2>err; rc=$?
check "--templates DIR reads DIR/calendar: exit $rc, want 2" [ "$rc" -eq 2 ]
check "--templates DIR reads DIR/calendar: names it" grep -q "$tmp/tpl/calendar" err

# Uninstall.
cd "$src" || exit 1
mk uninstall PREFIX="$P"; rc=$?
check "make uninstall: exit $rc" [ "$rc" -eq 0 ]
check "uninstall: binary gone" [ ! -e "$P/bin/pbdocs" ]
check "uninstall: data gone" [ ! -e "$D" ]
check "uninstall: man pages gone" [ ! -e "$P/share/man/man1/pbdocs.1" -a ! -e "$P/share/man/man5/pbdocs-case.5" ]
echo "test_install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
