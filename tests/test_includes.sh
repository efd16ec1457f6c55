#!/bin/sh
# test_includes.sh: the shape of src/, checked from the source alone (no build needed).
#   1. Folder order: a file may include "F/x.h" only from its own folder or a folder below it in
#        core -> fonts -> {case, layout, template} -> pdf -> typeset -> docs
#          -> {batch, authoring, serve} -> cli
#      (folders in braces are siblings: none includes another). A folder not in the list fails,
#      so a new one must be given its place here. schema/ holds no C.
#   2. No .c or .h file under src/ has more than 600 lines.
#   3. libharu (<hpdf.h>, <hpdf_*.h>) is included only under src/pdf/.
# Run from the project root. Ends with "test_includes: N passed, M failed"; exits non-zero when
# anything failed.
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }

MAX_LINES=600

level() { # FOLDER: prints its level, nothing for a folder not in the order
  case $1 in
    core) echo 0 ;;
    fonts) echo 1 ;;
    case|layout|template) echo 2 ;;
    pdf) echo 3 ;;
    typeset) echo 4 ;;
    docs) echo 5 ;;
    batch|authoring|serve) echo 6 ;;
    cli) echo 7 ;;
  esac
}

files=$(find src -name '*.[ch]' | sort)
[ -n "$files" ] || { fail "no sources under src/ (run from the project root)"; files=; }

for f in $files; do
  dir=${f#src/}; dir=${dir%%/*}
  own=$(level "$dir")
  if [ -z "$own" ]; then
    fail "$f: folder src/$dir/ has no place in the folder order (tests/test_includes.sh)"
    continue
  fi

  # 1. every #include "folder/x.h" points down the order, or stays in the folder
  bad=0
  incs=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\/[^"]*\)".*/\1/p' "$f")
  for inc in $incs; do
    to=${inc%%/*}
    [ "$to" = "$dir" ] && continue
    theirs=$(level "$to")
    if [ -z "$theirs" ]; then
      fail "$f includes \"$inc\": src/$to/ has no place in the folder order"; bad=1
    elif [ "$theirs" -eq "$own" ]; then
      fail "$f includes \"$inc\": $dir/ and $to/ are siblings and may not include each other"; bad=1
    elif [ "$theirs" -gt "$own" ]; then
      fail "$f includes \"$inc\": $to/ is above $dir/ in the folder order"; bad=1
    fi
  done
  [ "$bad" -eq 0 ] && ok

  # 2. size
  n=$(wc -l <"$f")
  if [ "$n" -gt "$MAX_LINES" ]; then fail "$f has $n lines (at most $MAX_LINES)"; else ok; fi

  # 3. libharu only in pdf/
  hpdf='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]hpdf(_[A-Za-z0-9_]+)?\.h[>"]'
  if [ "$dir" != pdf ] && grep -q -E "$hpdf" "$f"; then
    fail "$f includes libharu: only src/pdf/ may"
  else
    ok
  fi
done

echo "test_includes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
