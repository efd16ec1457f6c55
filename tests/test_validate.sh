#!/bin/sh
# test_validate.sh: `pbdocs validate` on the fixtures (contract sections 1 and 3).
#   fixtures/cases/*.xml     every file: exit 0, stdout "FILE: ok", nothing on stderr
#   fixtures/invalid/*.xml   every file: exit 1, stderr is exactly the lines in EXPECTED below
#                            (as a set: one a line, in the FILE:LINE: case ID: field: message form),
#                            and never holds personal data from the file
#   fixtures/streams/*.xml   the stream's rejected cases with their true lines in the stream file
# plus: a missing file exits 2; XXE never opens /etc/passwd; entity bombs and deep nesting finish
# fast with bounded memory. Run from the project root; $PBDOCS is the binary (default ./pbdocs).
# Ends with "test_validate: N passed, M failed"; exits non-zero when anything failed.
PBDOCS=${PBDOCS:-./pbdocs}
passed=0
failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
  what=$1; shift
  if "$@"; then ok; else fail "$what"; fi
}
show() { sed 's/^/      | /' "$1"; }

# A sanitizer build exits 1 after a report, like a rejection: every run is checked for reports.
sanitizer_clean() { # ARGS...: fails when the last run's stderr holds a sanitizer report
  if grep -q -E 'ERROR: [A-Za-z]+Sanitizer|runtime error: ' "$tmp/err"; then
    fail "validate $*: sanitizer report"; grep -E 'ERROR: |SUMMARY: |^ *#[0-5] ' "$tmp/err" | head -n 8 | sed 's/^/      | /'
  fi
}
# run FILE...: runs validate, leaves $rc, $tmp/out, $tmp/err
run() {
  "$PBDOCS" validate "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  sanitizer_clean "$@"
}

if [ ! -x "$PBDOCS" ]; then
  echo "test_validate: $PBDOCS is not an executable (build it first)"
  echo "test_validate: 0 passed, 1 failed"
  exit 1
fi

# Personal data from the fixtures: none of it may appear in any message.
PERSONAL='Bożena
Wiśniewska
Kowalczyk
Małgorzata
Yardley
Moseley
B13 9J
B139J
Renée
Gosia
Oisín
Dónaill
Gráinne
WF1 1CZ
Prydderch
Heledd
Vaughan
Zieliński
Mill Lane
EX3 4PQ'
no_personal_data() { # FILE: passes when no personal value occurs in it
  found=$(printf '%s\n' "$PERSONAL" | while IFS= read -r p; do
    [ -n "$p" ] && grep -F -q -- "$p" "$1" && printf '%s; ' "$p"
  done)
  [ -z "$found" ] || { echo "      personal data in messages: $found"; return 1; }
}
# Every line of stderr in the contract's form for case data: FILE:LINE: then the rest.
well_formed_lines() { # FILE PATH
  bad=$(grep -v -E "^$2:[0-9]+(:[0-9]+)?: " "$1")
  [ -z "$bad" ] || { echo "      not in the FILE:LINE: form:"; printf '%s\n' "$bad" | head -n 4 | sed 's/^/      | /'; return 1; }
}

# ---- 1. valid cases -----------------------------------------------------------------------
n_valid=0
for f in fixtures/cases/*.xml; do
  n_valid=$((n_valid + 1))
  run "$f"
  if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "$f: ok" ] && [ ! -s "$tmp/err" ]; then
    ok
  else
    fail "$f: want exit 0, '$f: ok' and no stderr; got exit $rc"; show "$tmp/out"; show "$tmp/err"
  fi
done
echo "valid fixtures: $n_valid"

# Every council x every document kind is covered by some valid case.
for council in bnes birmingham wakefield example; do
  for kind in refusal reduction repayment section-j; do
    covered=no
    for f in fixtures/cases/*.xml; do
      grep -q "council=\"$council\"" "$f" && grep -q "<$kind " "$f" && { covered=yes; break; }
    done
    check "no valid case of council $council asks for $kind" [ "$covered" = yes ]
  done
done

# ---- 2. invalid cases: the expected messages ------------------------------------------------
# FILE|LINE OF STDERR (the path prefix fixtures/invalid/ is added). Several rows for one file: all
# of them, and nothing else. Rows marked "LOADER:" are what a correct loader prints where the
# current one is wrong or unclear (see the report on the loader); the rest are its own words.
EXPECTED=$(cat <<'EOF'
malformed.xml|malformed.xml:10: case BCC-2026-10458: not well-formed XML: <title> opened on line 10 is closed by an end tag of another name
personal-entity.xml|personal-entity.xml:6: case BCC-2026-10458: not well-formed XML: an & begins a reference to an entity XML does not define (write &amp; for the character &)
personal-tag.xml|personal-tag.xml:6: case BCC-2026-10458: not well-formed XML: an element opened on line 6 is closed by </family-name>
personal-tag.xml|personal-tag.xml:8: case BCC-2026-10458: not well-formed XML: <family-name> opened on line 6 is closed by </child>
personal-tag.xml|personal-tag.xml:94: case BCC-2026-10458: not well-formed XML: <child> opened on line 4 is closed by </case>
personal-tag.xml|personal-tag.xml:95: case BCC-2026-10458: not well-formed XML: the text ends before <case> (line 3) is closed
invalid-utf8.xml|invalid-utf8.xml:11: case BCC-2026-10458: not well-formed XML: is not valid UTF-8 text
schema-missing-officer.xml|schema-missing-officer.xml:3: case BCC-2026-10458: officer: is missing: <case> needs one
schema-unknown-element.xml|schema-unknown-element.xml:6: case BCC-2026-10458: child/nickname: is not part of the case format here
schema-bad-stream.xml|schema-bad-stream.xml:47: case BCC-2026-10458: personal-budget/item/@stream: must be education, health or social-care
unknown-council.xml|unknown-council.xml:3: case BCC-2026-10458: @council: is not a known council (no profile in templates/councils/): it must be birmingham, bnes, example or wakefield
ref-reduction-change.xml|ref-reduction-change.xml:64: case BCC-2026-10458: reduction/change/@ref: refers to no item of the personal budget (no item has this id)
ref-refusal-item.xml|ref-refusal-item.xml:54: case BCC-2026-10458: refusal/item/@ref: refers to no item of the personal budget (no item has this id)
reduction-equal.xml|reduction-equal.xml:64: case BCC-2026-10458: reduction/change/@new-annual-amount: is not lower than the item's current annual amount: a reduction must reduce
reduction-higher.xml|reduction-higher.xml:64: case BCC-2026-10458: reduction/change/@new-annual-amount: is not lower than the item's current annual amount: a reduction must reduce
repayment-zero.xml|repayment-zero.xml:73: case BCC-2026-10458: repayment/@amount: must be more than £0.00: there is nothing to repay
repayment-negative.xml|repayment-negative.xml:73: case BCC-2026-10458: repayment/@amount: must be more than £0.00: a repayment cannot be negative
date-issued-nonexistent.xml|date-issued-nonexistent.xml:53: case BCC-2026-10458: refusal/@issued: is not a date that exists
date-of-birth-nonexistent.xml|date-of-birth-nonexistent.xml:7: case BCC-2026-10458: child/date-of-birth: is not a date that exists
amount-three-decimals.xml|amount-three-decimals.xml:50: case BCC-2026-10458: personal-budget/item/annual-amount: has more than 2 decimals
LOADER: one problem; no "is not lower" for a change of an item whose own amount was rejected
change-of-invalid-amount.xml|change-of-invalid-amount.xml:45: case BCC-2026-10458: personal-budget/item/annual-amount: has more than 2 decimals
postcode-invalid.xml|postcode-invalid.xml:17: case BCC-2026-10458: recipient/address/postcode: is not a valid UK postcode
id-path.xml|id-path.xml:3: @id: is not a valid case id (letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64)
id-too-long.xml|id-too-long.xml:3: @id: is not a valid case id (letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64)
font-emoji-name.xml|font-emoji-name.xml:11: case BCC-2026-10458: recipient/name: contains “🙂” (U+1F642 SLIGHTLY SMILING FACE), which the letter fonts cannot show: write it in Latin letters (a transliteration) or leave it out
font-chinese-reason.xml|font-chinese-reason.xml:56: case BCC-2026-10458: refusal/reason: contains “王” (U+738B CJK UNIFIED IDEOGRAPH-738B), which the letter fonts cannot show: write it in Latin letters (a transliteration), leave it out, or ask for the council profile to name a font that has it (<extra-font>)
xxe.xml|xxe.xml:2: case BCC-2026-10458: a DOCTYPE is not allowed in case data (no DTDs, no entity declarations)
billion-laughs.xml|billion-laughs.xml:2: case BCC-2026-10458: a DOCTYPE is not allowed in case data (no DTDs, no entity declarations)
LOADER: no advice to use a libxml2 option the user does not have
deep-nesting.xml|deep-nesting.xml:49: case BCC-2026-10458: not well-formed XML: elements are nested more than 256 levels deep
control-character.xml|control-character.xml:6: case BCC-2026-10458: not well-formed XML: a character reference names a character XML does not allow (a control character)
control-character-c1.xml|control-character-c1.xml:6: case BCC-2026-10458: child/family-name: contains a control character (U+0085)
LOADER: "is empty", not "is not valid UTF-8" (text_plain of blank text returns an unterminated buffer)
empty-name.xml|empty-name.xml:11: case BCC-2026-10458: recipient/name: is empty
duplicate-item-id.xml|duplicate-item-id.xml:47: case BCC-2026-10458: personal-budget/item/@id: another item already has this id
period-ends-before-start.xml|period-ends-before-start.xml:75: case BCC-2026-10458: repayment/period: ends (to) before it starts (from)
change-same-item-twice.xml|change-same-item-twice.xml:65: case BCC-2026-10458: reduction/change: changes an item that another change of this reduction already changes
several-problems.xml|several-problems.xml:17: case BCC-2026-10458: recipient/address/postcode: is not a valid UK postcode
several-problems.xml|several-problems.xml:50: case BCC-2026-10458: personal-budget/item/annual-amount: has more than 2 decimals
several-problems.xml|several-problems.xml:73: case BCC-2026-10458: repayment/@issued: is not a date that exists
# Issue 13: who is written to, dates in order, what a decision may cover, Section J.
copy-to-not-nominee.xml|copy-to-not-nominee.xml:19: case BCC-2027-00112: recipient/copy-to: is only for a letter to a nominee (relationship="nominee")
date-of-birth-after-issue.xml|date-of-birth-after-issue.xml:7: case BCC-2027-00112: child/date-of-birth: is after the repayment's issue date: check the date of birth
death-after-issue.xml|death-after-issue.xml:8: case BCC-2027-00112: child/date-of-death: is after the repayment's issue date: a letter issued before a death cannot record it; check the dates
death-before-birth.xml|death-before-birth.xml:8: case BCC-2027-00112: child/date-of-death: is before the date of birth: check the dates
death-then-decisions.xml|death-then-decisions.xml:54: case BCC-2026-10458: refusal: is issued after the child's or young person's death (child/date-of-death): there is no provision left to decide; only a repayment letter may follow a death
death-then-decisions.xml|death-then-decisions.xml:64: case BCC-2026-10458: reduction: is issued after the child's or young person's death (child/date-of-death): there is no provision left to decide; only a repayment letter may follow a death
death-then-decisions.xml|death-then-decisions.xml:85: case BCC-2026-10458: section-j: is issued after the child's or young person's death (child/date-of-death): there is no provision left to decide; only a repayment letter may follow a death
health-reduction-change.xml|health-reduction-change.xml:65: case BCC-2026-10458: reduction/change/@ref: is a health item: health items are decided by the NHS integrated care board; it writes to the family itself
health-refusal-item.xml|health-refusal-item.xml:55: case BCC-2026-10458: refusal/item/@ref: is a health item: health items are decided by the NHS integrated care board; it writes to the family itself
need-ref-not-b.xml|need-ref-not-b.xml:40: case BCC-2026-10458: personal-budget/item: is a direct payment in a Section J: give at least one <need ref="B…"> and one <outcome ref="E…"> it meets (SEND Regulations 2014 reg 12(1)(j))
need-ref-not-b.xml|need-ref-not-b.xml:42: case BCC-2026-10458: personal-budget/item/need/@ref: must be a Section B reference of the plan, such as B3
nominee-without-copy.xml|nominee-without-copy.xml:9: case BCC-2026-10458: recipient: is a nominee: add <copy-to relationship="parent"> (or "young-person") with the name and address of the person the nominee acts for; the letter goes to them too
over-25.xml|over-25.xml:7: case BCC-2027-00112: child/date-of-birth: makes the child or young person over 25 on the repayment's issue date: EHC plans and their personal budgets end by 25; check the date of birth
payment-details-not-dp.xml|payment-details-not-dp.xml:23: case BCC-2027-00112: personal-budget/item/@payee: is only for an item arranged as a direct payment (arrangement="direct-payment")
personal-representative-no-death.xml|personal-representative-no-death.xml:9: case BCC-2027-00112: recipient/@relationship: is personal-representative, but the child has no date-of-death: personal representatives are written to only after a death
plan-after-letter.xml|plan-after-letter.xml:29: case BCC-2027-00112: repayment/@issued: is before the plan's issue date (plan/@issued): a repayment cannot come before the plan it is about
reduction-amended-no-date.xml|reduction-amended-no-date.xml:63: case BCC-2026-10458: reduction/@plan: is amended: give the date of the amended final plan as amended-plan="YYYY-MM-DD"
reduction-amended-plan-later.xml|reduction-amended-plan-later.xml:63: case BCC-2026-10458: reduction/@amended-plan: is after the notice's issue date: until the amended plan is final the provision in the current plan must still be paid for; issue the notice once the plan is final
reduction-to-zero.xml|reduction-to-zero.xml:64: case BCC-2026-10458: reduction/change/@new-annual-amount: is £0.00: stopping direct payments needs a stop notice, not a reduction
reduction-unchanged-no-cost-reason.xml|reduction-unchanged-no-cost-reason.xml:63: case BCC-2026-10458: reduction/@plan: is unchanged: add a <cost-reason> saying why the same provision now costs less (or, if Section F was amended, plan="amended")
refusal-dp-already-dp.xml|refusal-dp-already-dp.xml:43: case BNES-2026-0217: refusal/item/@ref: is already arranged as a direct payment: refusing direct payments for it needs a stop notice, not a refusal
refusal-ground-wrong-scope.xml|refusal-ground-wrong-scope.xml:56: case BCC-2026-10458: refusal/ground: r5-age is a ground for refusing direct payments (scope="direct-payment"), not for this refusal's scope="personal-budget"
refusal-no-ground.xml|refusal-no-ground.xml:53: case BCC-2026-10458: refusal/ground: is missing: <refusal> needs at least one
refusal-requested-after-issue.xml|refusal-requested-after-issue.xml:53: case BCC-2026-10458: refusal/@requested: is after the refusal's issue date: a request is refused after it is made
repayment-health-only.xml|repayment-health-only.xml:29: case BCC-2027-00112: repayment: every direct payment of this case is a health item: health items are decided by the NHS integrated care board; it writes to the family itself
repayment-more-than-unspent.xml|repayment-more-than-unspent.xml:29: case BCC-2027-00112: repayment/@amount: is more than was paid less what was spent (paid - spent): no more than the unspent balance can be asked back
repayment-no-direct-payment.xml|repayment-no-direct-payment.xml:29: case BCC-2027-00112: repayment: the personal budget has no item arranged as a direct payment: only direct payments can be asked back
repayment-period-not-ended.xml|repayment-period-not-ended.xml:75: case BCC-2026-10458: repayment/period: ends after the repayment's issue date: only a period that has ended can be accounted for
repayment-spent-over-paid.xml|repayment-spent-over-paid.xml:29: case BCC-2027-00112: repayment/@spent: is more than was paid (paid): spending cannot exceed the payments for the period
section-j-need-without-ref.xml|section-j-need-without-ref.xml:40: case BCC-2026-10458: personal-budget/item: is a direct payment in a Section J: give at least one <need ref="B…"> and one <outcome ref="E…"> it meets (SEND Regulations 2014 reg 12(1)(j))
section-j-no-payee.xml|section-j-no-payee.xml:40: case BCC-2026-10458: personal-budget/item: is a direct payment in a Section J: give how often it is paid (paid="weekly", "four-weekly", "monthly" or "quarterly") and who receives it (payee="…")
sent-at-by-post.xml|sent-at-by-post.xml:29: case BCC-2027-00112: repayment/@sent-at: is only for a document sent by hand or email (sent-by="hand" or "email"): a posted letter's time does not count
sent-at-not-a-time.xml|sent-at-not-a-time.xml:29: case BCC-2027-00112: repayment/@sent-at: is not a time in the form HH:MM (00:00 to 23:59)
sent-by-hand-no-time.xml|sent-by-hand-no-time.xml:29: case BCC-2027-00112: repayment/@sent-by: is hand: give the time it is sent as sent-at="HH:MM" (after 16:30 it counts as sent the next working day)
young-person-after-death.xml|young-person-after-death.xml:10: case BCC-2027-00112: recipient/@relationship: is young-person, but the young person has died: never address them; write to their personal representatives (relationship="personal-representative")
young-person-of-school-age.xml|young-person-of-school-age.xml:9: case BCC-2027-00112: recipient/@relationship: is young-person, but on the repayment's issue date the child is still of compulsory school age (it ends on the last Friday in June of the school year they turn 16): write to the parent (relationship="parent")
stop-consent-after-issue.xml|stop-consent-after-issue.xml:41: case BCC-2027-10977: stop/@consent-withdrawn-on: is after the stop notice's issue date: the letter confirms a withdrawal already made in writing
stop-consent-date-other-ground.xml|stop-consent-date-other-ground.xml:41: case BCC-2027-10977: stop/@consent-withdrawn-on: is only for a stop on the ground consent-withdrawn
stop-consent-no-date.xml|stop-consent-no-date.xml:43: case BCC-2027-10977: stop/ground: is consent-withdrawn: give the date of the recipient's written notice as consent-withdrawn-on="YYYY-MM-DD" on <stop>; the letter confirms it instead of giving notice
stop-death-of-child.xml|stop-death-of-child.xml:42: case BCC-2027-10977: stop: is issued after the child's or young person's death (child/date-of-death): there is no provision left to decide; only a repayment letter may follow a death
stop-death-of-child.xml|stop-death-of-child.xml:44: case BCC-2027-10977: stop/ground: is death, but it is the child or young person who has died: no stop notice is issued after their death (their direct payments end with it); a repayment letter deals with any money left
stop-death-to-nominee.xml|stop-death-to-nominee.xml:43: case BCC-2027-10977: stop/ground: is death: the person who received the payments has died, so write to the parent, the young person or their representative (recipient relationship), never to a nominee or personal representatives
stop-ground-unknown.xml|stop-ground-unknown.xml:43: case BCC-2027-10977: stop/ground: must be consent-withdrawn, no-longer-eligible, review-not-used-for-provision, review-cannot-secure-by-dp, adverse-impact, not-efficient, provision-removed, plan-ceased or death
stop-health-item.xml|stop-health-item.xml:49: case BCC-2027-10977: stop/item/@ref: is a health item: health items are decided by the NHS integrated care board; it writes to the family itself
stop-item-refs.xml|stop-item-refs.xml:43: case BCC-2027-10977: stop/item/@ref: names an item this stop notice already names
stop-item-refs.xml|stop-item-refs.xml:44: case BCC-2027-10977: stop/item/@ref: refers to no item of the personal budget (no item has this id)
stop-no-continuation.xml|stop-no-continuation.xml:41: case BCC-2027-10977: stop/continuation: is missing: <stop> needs one
# Issue 17: XML typing faults in a person's words, with the column of the & or <.
bare-ampersand.xml|bare-ampersand.xml:16: case EX-2026-0001: not well-formed XML at column 28: a & that does not begin a reference such as &amp;: write & as &amp;
less-than-in-text.xml|less-than-in-text.xml:61: case EX-2026-0001: not well-formed XML at column 56: a < that does not begin a tag: write < as &lt;
windows-1252.xml|windows-1252.xml:48: case BCC-2027-11260: not well-formed XML at column 77: the file is not UTF-8 (it looks like Windows-1252 or Latin-1): save the file as UTF-8
stop-not-direct-payment.xml|stop-not-direct-payment.xml:42: case BCC-2027-10977: stop/item/@ref: is not arranged as a direct payment: a stop notice stops direct payments only; a change to other support is a change to the plan
EOF
)
printf '%s\n' "$EXPECTED" | grep -v '^LOADER:' >"$tmp/table"

n_invalid=0
for f in fixtures/invalid/*.xml; do
  n_invalid=$((n_invalid + 1))
  name=$(basename "$f")
  sed -n "s#^$name|#fixtures/invalid/#p" "$tmp/table" >"$tmp/want"
  if [ ! -s "$tmp/want" ]; then
    fail "$f: no expected messages in the table of tests/test_validate.sh"
    continue
  fi
  run "$f"
  check "$f: exit $rc, want 1" [ "$rc" -eq 1 ]
  check "$f: printed on stdout" [ ! -s "$tmp/out" ]
  sort "$tmp/want" >"$tmp/want.s"
  sort "$tmp/err" >"$tmp/err.s"
  if cmp -s "$tmp/want.s" "$tmp/err.s"; then
    ok
  else
    fail "$f: stderr is not the expected lines"
    comm -23 "$tmp/want.s" "$tmp/err.s" | head -n 4 | sed 's/^/      missing: /'
    comm -13 "$tmp/want.s" "$tmp/err.s" | grep -v -E '^ |^Shadow|^=|^SUMMARY' | head -n 4 | sed 's/^/      extra:   /'
  fi
  check "$f: personal data on stderr" no_personal_data "$tmp/err"
  check "$f: message form" well_formed_lines "$tmp/err" "$f"
done
echo "invalid fixtures: $n_invalid"

# Every stop ground validates (statutory.md 2.2b S3): the nominee fixture with each ground in
# turn; consent-withdrawn with the date of the written notice; death in a letter to the parent.
for g in consent-withdrawn no-longer-eligible review-not-used-for-provision \
         review-cannot-secure-by-dp adverse-impact not-efficient provision-removed plan-ceased; do
  sed -e "s|<ground>review-not-used-for-provision</ground>|<ground>$g</ground>|" \
      -e "s|<stop issued=\"2027-01-14\">|<stop issued=\"2027-01-14\"$([ $g = consent-withdrawn ] && echo ' consent-withdrawn-on=\"2027-01-08\"')>|" \
      fixtures/cases/birmingham-stop-nominee.xml >"$tmp/stop-$g.xml"
  run "$tmp/stop-$g.xml"
  check "stop ground $g: valid (exit $rc)" [ "$rc" -eq 0 ]
done
run fixtures/cases/example-stop-death.xml
check "stop ground death (a nominee died; letter to the parent): valid (exit $rc)" [ "$rc" -eq 0 ]

# Did you mean: a misspelt element, attribute and value, a council id in capitals (issue 17).
sed -e 's|<family-name>Kowalski-Nowak</family-name>|<famly-name>Kowalski-Nowak</famly-name>|' \
    -e 's|stream="education"|stream="eduction"|' -e '0,/<item id="/s||<item arrangment="direct-payment" id="|' \
    -e 's|council="example"|council="Example"|' -e 's|<refusal |<refusl |' -e 's|</refusal>|</refusl>|' \
    fixtures/cases/example-all.xml >"$tmp/near.xml"
run "$tmp/near.xml"
for want in 'child/famly-name: is not part of the case format here (did you mean <family-name>?)' \
            '@stream: must be education, health or social-care: did you mean education?' \
            'is not an attribute of <item> (did you mean arrangement?)' \
            'refusl: is not part of the case format here (did you mean <refusal>?)' \
            '@council: is not a known council (no profile in templates/councils/): it must be birmingham, bnes, example or wakefield: did you mean example?'; do
  check "did you mean: $want" grep -q -F -- "$want" "$tmp/err"
done
"$PBDOCS" render fixtures/cases/example-all.xml --doc refusl -o "$tmp/r" >/dev/null 2>"$tmp/err"
check "render --doc refusl: did you mean refusal" grep -q -F -- '--doc takes refusal, reduction, repayment, section-j or stop: did you mean refusal?' "$tmp/err"

# Warnings for valid but implausible data (issue 17): exit 0 with "warning:" lines; --strict
# rejects; batch keeps them in the ok row's message. Today is fixed by PBDOCS_TODAY.
sed -e 's|<reduction issued="2026-11-23"|<reduction issued="2026-11-21"|' \
    -e 's|sian.pritchard@example.gov.uk|sian.pritchard.example.gov.uk|' \
    -e '0,/<annual-amount>[0-9.]*</s||<annual-amount>250000.00<|' \
    fixtures/cases/bnes-reduction.xml >"$tmp/warn.xml"
PBDOCS_TODAY=2026-11-20 run "$tmp/warn.xml"
check "warnings: exit $rc, want 0" [ "$rc" -eq 0 ]
for want in 'warning: case BNES-2026-0142: reduction/@issued: is a Saturday: letters are issued on working days; check the date' \
            'warning: case BNES-2026-0142: officer/@email: has no '"'@'"': replies by email will not reach the officer; check the address' \
            'annual-amount: is over £100,000 a year for one item'; do
  check "warning: $want" grep -q -F -- "$want" "$tmp/err"
done
PBDOCS_TODAY=2025-06-01 run "$tmp/warn.xml"
check "warning: more than 60 days ahead" grep -q -F 'reduction/@issued: is more than 60 days after today: check the year' "$tmp/err"
PBDOCS_TODAY=2028-01-01 run "$tmp/warn.xml"
check "warning: more than a year back" grep -q -F 'reduction/@issued: is more than a year before today: check the year' "$tmp/err"
sed 's|<reduction issued="2026-11-23"|<reduction issued="2026-12-25"|' fixtures/cases/bnes-reduction.xml >"$tmp/xmas.xml"
PBDOCS_TODAY=2026-12-01 run "$tmp/xmas.xml"
check "warning: bank holiday" grep -q -F 'reduction/@issued: is a bank holiday' "$tmp/err"
PBDOCS_TODAY=2026-11-20 run --strict "$tmp/warn.xml"
check "--strict: exit $rc, want 1" [ "$rc" -eq 1 ]
check "--strict: the warnings are errors" grep -q -F "$tmp/warn.xml:19: case BNES-2026-0142: officer/@email: has no" "$tmp/err"
PBDOCS_TODAY=2026-11-20 "$PBDOCS" batch "$tmp/warn.xml" -o "$tmp/wb" >/dev/null 2>&1
check "batch: warnings in the ok row's message" grep -q -F 'BNES-2026-0142,reduction,ok,' "$tmp/wb/manifest.csv"
check "batch: the message holds the warning" grep -q -F 'has no' "$tmp/wb/manifest.csv"
PBDOCS_TODAY=2026-11-20 "$PBDOCS" batch --strict "$tmp/warn.xml" -o "$tmp/wbs" >/dev/null 2>&1
check "batch --strict: the case is rejected" grep -q -F 'BNES-2026-0142,,rejected,' "$tmp/wbs/manifest.csv"

# Inputs as batch takes them (issue 17): a directory, and --format json (one object a line).
run fixtures/cases
check "a directory: exit $rc, want 0" [ "$rc" -eq 0 ]
check "a directory: every file ok" [ "$(grep -c ': ok$' "$tmp/out")" -eq "$(ls fixtures/cases/*.xml | wc -l)" ]
check "a directory/: no // in paths" sh -c "! grep -q '//' '$tmp/out'"
run fixtures/cases/ && check "a directory/: no // in paths" sh -c "! grep -q '//' '$tmp/out'"
run --format json fixtures/invalid/postcode-invalid.xml "$tmp/warn.xml"
check "--format json: exit $rc, want 1" [ "$rc" -eq 1 ]
check "--format json: nothing on stderr" [ ! -s "$tmp/err" ]
check "--format json: the error object" grep -q -F '{"file": "fixtures/invalid/postcode-invalid.xml", "line": 17, "column": 0, "case": "BCC-2026-10458", "field": "recipient/address/postcode", "message": "is not a valid UK postcode", "severity": "error"}' "$tmp/out"
check "--format json: a warning object" grep -q -F '"severity": "warning"}' "$tmp/out"
check "--format json: one object a line" sh -c "! grep -v -E '^\{\"file\": .*\}\$' '$tmp/out'"
# render: several case files; -o FILE.PDF in any case is a file; -o DIR/ prints no //.
"$PBDOCS" render fixtures/cases/bnes-reduction.xml fixtures/cases/wakefield-section-j.xml -o "$tmp/two/" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "render two files: exit $rc, want 0" [ "$rc" -eq 0 ]
check "render two files: both written" [ -s "$tmp/two/BNES-2026-0142-reduction.pdf" ] && [ -s "$tmp/two/WMDC-2026-3410-section-j.pdf" ]
check "render -o DIR/: no // in printed paths" sh -c "! grep -q '//' '$tmp/out'"
"$PBDOCS" render fixtures/cases/bnes-reduction.xml -o "$tmp/one/Letter.PDF" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "render -o FILE.PDF: exit $rc, a file" [ "$rc" -eq 0 ] && [ -f "$tmp/one/Letter.PDF" ]

# Several files at once: each judged on its own, exit 1, the valid one still "ok".
run fixtures/cases/bnes-reduction.xml fixtures/invalid/postcode-invalid.xml fixtures/cases/example-all.xml
check "two valid and one invalid file: exit $rc, want 1" [ "$rc" -eq 1 ]
check "two valid and one invalid file: the valid ones ok" \
  [ "$(cat "$tmp/out")" = "fixtures/cases/bnes-reduction.xml: ok
fixtures/cases/example-all.xml: ok" ]
check "two valid and one invalid file: one problem" [ "$(wc -l <"$tmp/err")" -eq 1 ]

# A warning: valid (exit 0, "ok"), the warning on stderr in the FILE:LINE: warning: form.
f=fixtures/warnings/parent-over-school-age.xml
run "$f"
check "$f: exit $rc, want 0" [ "$rc" -eq 0 ]
check "$f: ok on stdout" [ "$(cat "$tmp/out")" = "$f: ok" ]
check "$f: the warning" [ "$(cat "$tmp/err")" = "$f:10: warning: case WMDC-2027-0088: recipient/@relationship: is parent, but on the reduction's issue date the child is over compulsory school age: decisions are the young person's own; write to them (relationship=\"young-person\"), or add acting-for=\"lacks-capacity\" if they lack capacity for this decision" ]
sed 's/<recipient relationship="parent">/<recipient relationship="parent" acting-for="lacks-capacity">/' "$f" >"$tmp/acting.xml"
run "$tmp/acting.xml"
check "acting-for=lacks-capacity: exit $rc, no warning" [ "$rc" -eq 0 -a ! -s "$tmp/err" ]

# A council profile that offers no reconsideration is refused (a root of its own: PBDOCS_ROOT):
# a broken profile is a template problem, not the case's, so exit 2 (README, "Exit status").
mkdir -p "$tmp/root/src" && cp -R templates "$tmp/root/" && cp -R src/schema "$tmp/root/src/"
sed 's/<reconsideration count="1"/<reconsideration count="0"/' templates/councils/example.xml >"$tmp/root/templates/councils/example.xml"
PBDOCS_ROOT="$tmp/root" "$PBDOCS" validate fixtures/cases/example-all.xml >"$tmp/out" 2>"$tmp/err"
rc=$?
check "reconsiderations 0: exit $rc, want 2" [ "$rc" -eq 2 ]
check "reconsiderations 0: the message" grep -q 'example.xml:[0-9]*: policy/reconsideration/@count: must be at least 1' "$tmp/err"

# ---- 3. unreadable input --------------------------------------------------------------------
run fixtures/cases/no-such-case.xml
check "missing file: exit $rc, want 2" [ "$rc" -eq 2 ]
check "missing file: the message names it" grep -q '^fixtures/cases/no-such-case.xml: ' "$tmp/err"
# (a directory is an input like batch's since issue 17: see "Inputs as batch takes them")
: >"$tmp/empty.xml"
run "$tmp/empty.xml"
check "empty file: exit $rc, want 1" [ "$rc" -eq 1 ]
check "empty file: one message at line 1" grep -q -x "$tmp/empty.xml:1: not well-formed XML: Document is empty" "$tmp/err"
run
check "no file: exit $rc, want 2" [ "$rc" -eq 2 ]

# ---- 4. hostile XML -------------------------------------------------------------------------
# XXE: nothing of /etc/passwd on any output, and (with strace) /etc/passwd never opened.
grep -v '^$' /etc/passwd >"$tmp/passwd"
run fixtures/invalid/xxe.xml
check "xxe: a line of /etc/passwd in the output" sh -c "! grep -q -F -f '$tmp/passwd' '$tmp/out' '$tmp/err'"
# The same attack in a <cases> stream whose DOCTYPE comes after 70 KB of comment (past any
# look-ahead buffer), with an external parameter entity that a DTD parser would fetch at once.
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<!-- '
  i=0; while [ $i -lt 700 ]; do printf '%0100d' 0; i=$((i + 1)); done
  printf ' -->\n<!DOCTYPE cases [\n  <!ENTITY %% pe SYSTEM "file:///etc/hostname">\n  %%pe;\n'
  printf '  <!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
  printf '<cases><case id="XXE-1" council="bnes"><child><given-names>&x;</given-names></child></case></cases>\n'
} >"$tmp/xxe-stream.xml"
run "$tmp/xxe-stream.xml"
check "xxe after a long prolog: exit $rc, want 1" [ "$rc" -eq 1 ]
check "xxe after a long prolog: a line of /etc/passwd in the output" sh -c "! grep -q -F -f '$tmp/passwd' '$tmp/out' '$tmp/err'"
check "xxe after a long prolog: the DOCTYPE is named" grep -q 'DOCTYPE is not allowed' "$tmp/err"
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
  for f in fixtures/invalid/xxe.xml "$tmp/xxe-stream.xml"; do
    strace -f -e trace=open,openat,openat2 -o "$tmp/trace" "$PBDOCS" validate "$f" >/dev/null 2>&1
    check "strace saw the case file opened (the trace works) for $f" grep -q -F "$f" "$tmp/trace"
    check "$f: /etc/passwd was opened" sh -c "! grep -q '/etc/passwd' '$tmp/trace'"
    check "$f: /etc/hostname was opened" sh -c "! grep -q '/etc/hostname' '$tmp/trace'"
  done
else
  echo "strace not usable here: the open(/etc/passwd) checks are skipped"
fi

# Bombs: finish within 2 s and 500 MB of address space (a sanitizer build reserves terabytes of
# shadow memory and cannot run under ulimit -v: it gets the time limit only).
limit_v=500000
sh -c 'ulimit -v "$1" && exec "$2" --version' sh $limit_v "$PBDOCS" >/dev/null 2>&1 || limit_v=unlimited
[ "$limit_v" = unlimited ] && echo "this binary cannot run under ulimit -v: time limits only"
timed() { # FILE: validate under the limits; sets rc (124 on timeout)
  ( ulimit -v $limit_v; exec timeout 2 "$PBDOCS" validate "$1" ) >"$tmp/out" 2>"$tmp/err"
  rc=$?
  sanitizer_clean "$1"
}
timed fixtures/invalid/billion-laughs.xml
check "billion laughs: exit $rc, want 1 within 2 s" [ "$rc" -eq 1 ]
check "billion laughs: no lol on any output" sh -c "! grep -q lollol '$tmp/out' '$tmp/err'"
# The bomb behind a long prolog too, with 10^10 expansions.
{
  printf '<?xml version="1.0"?>\n<!-- '
  i=0; while [ $i -lt 700 ]; do printf '%0100d' 0; i=$((i + 1)); done
  printf ' -->\n<!DOCTYPE cases [\n  <!ENTITY a0 "lollollollol">\n'
  i=1; while [ $i -le 10 ]; do
    p=$((i - 1)); printf '  <!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">\n' $i $p $p $p $p $p $p $p $p $p $p
    i=$((i + 1))
  done
  printf ']>\n<cases><case id="BOMB-1" council="bnes"><child><given-names>&a10;</given-names></child></case></cases>\n'
} >"$tmp/bomb-stream.xml"
timed "$tmp/bomb-stream.xml"
check "billion laughs after a long prolog: exit $rc, want 1 within 2 s" [ "$rc" -eq 1 ]
# Nesting 100 000 deep, in a case file and in a stream: rejected, no stack overflow.
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<case id=\"DEEP-1\" council=\"bnes\"><child>";
             for (i = 0; i < 100000; i++) printf "<x>"; for (i = 0; i < 100000; i++) printf "</x>";
             print "</child></case>" }' >"$tmp/deep.xml"
timed "$tmp/deep.xml"
check "nesting 100000 deep: exit $rc, want 1 within 2 s" [ "$rc" -eq 1 ]
check "nesting 100000 deep: the message names the case" grep -q "^$tmp/deep.xml:2: case DEEP-1: " "$tmp/err"
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<cases>\n<case id=\"DEEP-2\" council=\"bnes\"><child>";
             for (i = 0; i < 100000; i++) printf "<x>"; for (i = 0; i < 100000; i++) printf "</x>";
             print "</child></case>\n</cases>" }' >"$tmp/deep-stream.xml"
timed "$tmp/deep-stream.xml"
check "nesting 100000 deep in a stream: exit $rc, want 1 within 2 s" [ "$rc" -eq 1 ]

# ---- 5. streams -----------------------------------------------------------------------------
f=fixtures/streams/mixed.xml
run "$f"
check "$f: exit $rc, want 1" [ "$rc" -eq 1 ]
check "$f: 'ok' printed for a stream with rejected cases" sh -c "! grep -q ': ok' '$tmp/out'"
cat >"$tmp/want" <<EOF
$f:74: case STREAM-0003: recipient/address/postcode: is not a valid UK postcode
$f:122: case STREAM-0005: child/date-of-birth: is not a date that exists
$f:142: case STREAM-0005: reduction/change/@new-annual-amount: is not lower than the item's current annual amount: a reduction must reduce
EOF
if cmp -s "$tmp/want" "$tmp/err"; then ok; else
  fail "$f: stderr is not the expected lines (ids and true lines in the stream)"
  diff "$tmp/want" "$tmp/err" | sed 's/^/      /'
fi
check "$f: personal data on stderr" no_personal_data "$tmp/err"
total=$(grep -c '<case ' "$f")
rejected=$(sed -n 's/^[^ ]* case \([^:]*\):.*/\1/p' "$tmp/err" | sort -u | wc -l)
echo "$f: $total cases, $((total - rejected)) valid, $rejected rejected"
check "$f: 6 cases, 2 rejected (got $total, $rejected)" [ "$total" -eq 6 -a "$rejected" -eq 2 ]

# Malformed at line 101 (in STREAM-0004): that case alone is rejected, at the line of its
# misspelt end tag; every case after it is checked as in mixed.xml.
f=fixtures/streams/malformed-middle.xml
run "$f"
check "$f: exit $rc, want 1" [ "$rc" -eq 1 ]
cat >"$tmp/want" <<EOF
$f:74: case STREAM-0003: recipient/address/postcode: is not a valid UK postcode
$f:101: case STREAM-0004: not well-formed XML: <postcode> opened on line 101 is closed by an end tag of another name
$f:122: case STREAM-0005: child/date-of-birth: is not a date that exists
$f:142: case STREAM-0005: reduction/change/@new-annual-amount: is not lower than the item's current annual amount: a reduction must reduce
EOF
if cmp -s "$tmp/want" "$tmp/err"; then ok; else
  fail "$f: stderr is not the expected lines (the bad case alone, the cases after it checked)"
  diff "$tmp/want" "$tmp/err" | sed 's/^/      /'
fi
check "$f: message form" well_formed_lines "$tmp/err" "$f"

echo "test_validate: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
