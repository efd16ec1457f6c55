#!/bin/sh
# test_fields_cmd.sh: `pbdocs fields [KIND]` and templates/FIELDS.md (issue 7).
#   - every catalogue name (read from src/docs/fields.c itself) is listed with its type and
#     meaning, by `fields`, by `fields KIND` for each of its kinds, and in FIELDS.md;
#   - `fields KIND` lists no field of another kind only;
#   - every name the shipped templates use is in `fields KIND` for that kind: both as lint
#     resolves them (lint --names) and as read from the templates' tags with sed;
#   - the committed templates/FIELDS.md is exactly what `pbdocs fields --markdown` writes.
PBDOCS=${PBDOCS:-./pbdocs}
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { what=$1; shift; if "$@"; then ok; else fail "$what"; fi; }

if [ ! -x "$PBDOCS" ]; then
  echo "test_fields_cmd: $PBDOCS is not an executable (build it first)"
  echo "test_fields_cmd: 0 passed, 1 failed"
  exit 1
fi
KINDS="refusal reduction repayment section-j stop"

# The catalogue as the source writes it: NAME;KINDS;TYPE per row (KINDS may hold '|').
sed -n 's/^ *{"\([^"]*\)", \([A-Z|() ]*\), \(FIELD_[A-Z_]*\),.*/\1;\2;\3/p' src/docs/fields.c >"$tmp/catalogue"
rows=$(wc -l <"$tmp/catalogue")
check "catalogue rows read from fields.c ($rows)" [ "$rows" -gt 100 ]
kind_macro() { case $1 in refusal) echo REF ;; reduction) echo RED ;; repayment) echo REP ;; section-j) echo SJ ;; stop) echo STOP ;; esac; }
in_kind() { # KINDSFIELD KIND
  case $1 in ALL) return 0 ;; esac
  m=$(kind_macro "$2"); printf '%s' "$1" | tr -d '() ' | tr '|' '\n' | grep -qx "$m"
}

"$PBDOCS" fields >"$tmp/all" 2>"$tmp/err"; rc=$?
check "fields: exit $rc, want 0" [ "$rc" -eq 0 ]
check "fields: nothing on stderr" [ ! -s "$tmp/err" ]
for k in $KINDS; do
  "$PBDOCS" fields "$k" >"$tmp/$k" 2>"$tmp/err"; rc=$?
  check "fields $k: exit $rc, want 0" [ "$rc" -eq 0 ]
done
"$PBDOCS" fields --markdown >"$tmp/FIELDS.md" 2>"$tmp/err"; rc=$?
check "fields --markdown: exit $rc, want 0" [ "$rc" -eq 0 ]

type_words() {
  case $1 in
    FIELD_TEXT) echo "text" ;; FIELD_OPTIONAL) echo "text or false" ;; FIELD_MARKDOWN) echo "Markdown" ;;
    FIELD_FLAG) echo "true/false" ;; FIELD_LIST) echo "list" ;; FIELD_TEXT_LIST) echo "list of texts" ;;
    FIELD_MARKDOWN_LIST) echo "list of Markdown" ;; FIELD_MAP) echo "group" ;;
  esac
}
missing_all=0; missing_kind=0; missing_md=0; wrong_kind=0; lines=0
while IFS=';' read -r name kinds type; do
  words=$(type_words "$type")
  # A name of every kind is listed once; one of some kinds, once under each of them.
  case $kinds in ALL) lines=$((lines + 1)) ;; *) lines=$((lines + $(printf '%s' "$kinds" | tr -cd '|' | wc -c) + 1)) ;; esac
  # "NAME   TYPE   meaning": the name at the start of a line, then its type.
  line=$(grep -E "^$(printf '%s' "$name" | sed 's/[].[]/\\&/g') +" "$tmp/all" | head -n 1)
  case $line in *"  $words  "*) ;; *) missing_all=$((missing_all + 1)); echo "      fields: $name ($words) missing" ;; esac
  grep -q -F "| \`$name\` | $words |" "$tmp/FIELDS.md" || { missing_md=$((missing_md + 1)); echo "      FIELDS.md: $name missing"; }
  for k in $KINDS; do
    listed=no
    grep -q -E "^$(printf '%s' "$name" | sed 's/[].[]/\\&/g') +" "$tmp/$k" && listed=yes
    if in_kind "$kinds" "$k"; then
      [ $listed = yes ] || { missing_kind=$((missing_kind + 1)); echo "      fields $k: $name missing"; }
    else
      [ $listed = no ] || { wrong_kind=$((wrong_kind + 1)); echo "      fields $k: lists $name of another kind"; }
    fi
  done
done <"$tmp/catalogue"
check "fields: every catalogue name with its type ($missing_all missing)" [ "$missing_all" -eq 0 ]
check "fields KIND: every name of the kind ($missing_kind missing)" [ "$missing_kind" -eq 0 ]
check "fields KIND: no name of another kind only ($wrong_kind listed)" [ "$wrong_kind" -eq 0 ]
check "FIELDS.md: every catalogue name with its type ($missing_md missing)" [ "$missing_md" -eq 0 ]
check "fields: one line per catalogue name and kind, plus headings" \
  [ "$(grep -c -E '^[a-z_]+(\.|\[|  )' "$tmp/all")" -eq "$lines" ]
check "fields: examples shown" grep -q "reduction.effective_date .*(e.g. Friday 8 January 2027)" "$tmp/all"
check "FIELDS.md: how to insert a list member" grep -q -F '`{{provision}} inside {{#budget.items}}`' "$tmp/FIELDS.md"
check "FIELDS.md: Markdown is inserted with three braces" \
  grep -q -F '| `reduction.reasons` | list of Markdown | `{{#reduction.reasons}}{{{.}}}{{/reduction.reasons}}`' "$tmp/FIELDS.md"

# The committed FIELDS.md is current.
if cmp -s "$tmp/FIELDS.md" templates/FIELDS.md; then ok; else
  fail "templates/FIELDS.md is not what 'pbdocs fields --markdown' writes (run make and commit it)"
  diff templates/FIELDS.md "$tmp/FIELDS.md" | head -n 10 | sed 's/^/      /'
fi

# Every name the shipped templates use, as lint resolves it, is listed for its kind.
"$PBDOCS" lint --names >"$tmp/used" 2>"$tmp/err"; rc=$?
check "lint --names: exit $rc, want 0" [ "$rc" -eq 0 ]
n_used=$(wc -l <"$tmp/used")
check "lint --names: names used by the shipped templates ($n_used)" [ "$n_used" -gt 100 ]
not_listed=0
while read -r k name; do
  grep -q -E "^$(printf '%s' "$name" | sed 's/[].[]/\\&/g') +" "$tmp/$k" || { not_listed=$((not_listed + 1)); echo "      $k uses $name: not in 'fields $k'"; }
done <"$tmp/used"
check "every name the templates use is in 'fields KIND' ($not_listed not)" [ "$not_listed" -eq 0 ]
for k in $KINDS; do
  for need in officer.name child.full_name; do
    [ "$k" = section-j ] && [ "$need" = officer.name ] && continue
    check "lint --names: $k uses $need" grep -q -x "$k $need" "$tmp/used"
  done
done
check "lint --names: section-j uses section_j.streams[].items[].provision" grep -q -x "section-j section_j.streams\[\].items\[\].provision" "$tmp/used"

# The same, read from the templates' own text (not through lint): every tag name, taken as a
# full name when its first part is a top-level field, else as a member of some list or group.
cat templates/*.mustache.md templates/partials/*.mustache.md | tr -d '\n' |
  grep -o '{{[#^/&{]\{0,1\} *[A-Za-z_][A-Za-z0-9_.]*' | sed 's/^{{[#^/&{]\{0,1\} *//' | sort -u >"$tmp/tags"
grep -v -x -E 'letter|heading|body|letterhead|address|references|advice|contact|formats|reconsideration|review-rights|signature' "$tmp/tags" >"$tmp/names"
n_names=$(wc -l <"$tmp/names")
unknown=0
while read -r name; do
  grep -q -E "(^|\.|\[\]\.)$(printf '%s' "$name" | sed 's/[].[]/\\&/g') +" "$tmp/all" || { unknown=$((unknown + 1)); echo "      tag {{$name}}: in no line of 'pbdocs fields'"; }
done <"$tmp/names"
check "every tag name in the shipped templates is in 'pbdocs fields' ($unknown of $n_names not)" [ "$unknown" -eq 0 ]

# Usage errors.
"$PBDOCS" fields nonsense >"$tmp/out" 2>"$tmp/err"; rc=$?
check "fields nonsense: exit $rc, want 2" [ "$rc" -eq 2 ]
check "fields nonsense: says why" grep -q "'nonsense' is not a kind of document" "$tmp/err"
"$PBDOCS" fields reduction refusal >"$tmp/out" 2>"$tmp/err"; rc=$?
check "fields with two kinds: exit $rc, want 2" [ "$rc" -eq 2 ]

echo "test_fields_cmd: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
