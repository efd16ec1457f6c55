"""Reads each fixture case with Python's own XML parser (independent of pbdocs), renders it with
pbdocs, extracts the text of each PDF and checks what a family must read there. Dates are the
ones worked out by hand (first-class post: deemed receipt on the 2nd working day after issue;
the notice counted from the day after receipt; England and Wales bank holidays)."""
import glob, os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal

PB = sys.argv[1] if len(sys.argv) > 1 else "./pbdocs"
passed = failed = 0

def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)

def money(s):
    p = int(Decimal(s) * 100)
    return "£{:,}.{:02d}".format(p // 100, p % 100)

def pence(s):
    return int(Decimal(s) * 100)

def fmt(p):
    return "£{:,}.{:02d}".format(p // 100, p % 100)

# Worked out by hand, one line of working each (W = working day, H = holiday).
DATES = {
    # issued Mon 23 Nov 2026; receipt Wed 25 Nov; 28 W from Thu 26 Nov, skipping 25 and 28 Dec
    # and 1 Jan: 28th is Thu 7 Jan 2027.
    ("bnes-reduction", "reduction"): ["Wednesday 25 November 2026", "Thursday 7 January 2027",
                                      "Friday 8 January 2027"],
    # issued Wed 23 Dec 2026; Thu 24 (1), 25 H, 28 H, Tue 29 (2): receipt Tue 29 Dec; 28 W from
    # Wed 30 Dec (1 Jan H) end Mon 8 Feb 2027; effective Tue 9 Feb.
    ("bnes-all", "reduction"): ["Tuesday 29 December 2026", "Monday 8 February 2027",
                                "Tuesday 9 February 2027"],
    ("bnes-all", "refusal"): ["Tuesday 29 December 2026", "Monday 8 February 2027"],
    # reconsider within 28 W of receipt: Mon 8 Feb 2027 (as above); repay within 28 calendar
    # days would end Tue 26 Jan, before that, so pay-by is the next working day: Tue 9 Feb.
    ("bnes-all", "repayment"): ["Tuesday 29 December 2026", "Monday 8 February 2027",
                                "Tuesday 9 February 2027"],
    # emailed Thu 25 Mar 2027 at 17:05 (after 16:30): 26 Mar Good Friday, 29 Mar Easter Monday:
    # receipt Tue 30 Mar; 28 W from Wed 31 Mar: 31 Mar-2 Apr (3), 5-30 Apr (23), Mon 3 May
    # (early May) skipped, 4-7 May (27), Mon 10 May 2027 (28).
    ("bnes-refusal-young-person", "refusal"): ["Tuesday 30 March 2027", "Monday 10 May 2027"],
    # issued Mon 9 Nov 2026; receipt Wed 11 Nov; + 28 days = Wed 9 Dec; effective Thu 10 Dec.
    ("birmingham-all", "reduction"): ["Wednesday 11 November 2026", "Wednesday 9 December 2026",
                                      "Thursday 10 December 2026"],
    # repayment: reconsider by Wed 9 Dec; 28 days to repay end the same day: pay by Thu 10 Dec.
    ("birmingham-all", "repayment"): ["Wednesday 11 November 2026", "Wednesday 9 December 2026",
                                      "Thursday 10 December 2026"],
    ("birmingham-all", "refusal"): ["Wednesday 11 November 2026", "Wednesday 9 December 2026"],
    # issued Mon 11 Jan 2027; receipt Wed 13 Jan; + 28 = Wed 10 Feb 2027 (reconsider by);
    # pay by the next working day, Thu 11 Feb.
    ("birmingham-repayment-misuse", "repayment"): ["Wednesday 13 January 2027",
                                                   "Wednesday 10 February 2027",
                                                   "Thursday 11 February 2027"],
    # issued Wed 3 Feb 2027; receipt Fri 5 Feb; + 28 = Fri 5 Mar; effective Sat 6 Mar.
    ("wakefield-all", "reduction"): ["Friday 5 February 2027", "Friday 5 March 2027",
                                     "Saturday 6 March 2027"],
    # repayment by second class: Thu 4 (1), Fri 5 (2), Mon 8 (3), Tue 9 Feb (4): receipt Tue 9
    # Feb; + 28 = Tue 9 Mar (reconsider by); pay by Wed 10 Mar.
    ("wakefield-all", "repayment"): ["Tuesday 9 February 2027", "Tuesday 9 March 2027",
                                     "Wednesday 10 March 2027"],
    ("wakefield-all", "refusal"): ["Friday 5 February 2027", "Friday 5 March 2027"],
    # issued Mon 18 Jan 2027; receipt Wed 20 Jan; + 28 = Wed 17 Feb; effective Thu 18 Feb.
    ("wakefield-reduction-young-person", "reduction"): ["Wednesday 20 January 2027",
                                                        "Wednesday 17 February 2027",
                                                        "Thursday 18 February 2027"],
    # issued Wed 14 Oct 2026; receipt Fri 16 Oct; + 28 = Fri 13 Nov; effective Sat 14 Nov.
    ("example-all", "reduction"): ["Friday 16 October 2026", "Friday 13 November 2026",
                                   "Saturday 14 November 2026"],
    # repayment: reconsider by Fri 13 Nov; pay by the next working day, Mon 16 Nov.
    ("example-all", "repayment"): ["Friday 16 October 2026", "Friday 13 November 2026",
                                   "Monday 16 November 2026"],
    ("example-all", "refusal"): ["Friday 16 October 2026", "Friday 13 November 2026"],
    # issued Fri 27 Nov 2026; Mon 30 Nov (1), Tue 1 Dec (2); + 28 = Tue 29 Dec 2026.
    ("example-refusal-dp", "refusal"): ["Tuesday 1 December 2026", "Tuesday 29 December 2026"],
    # issued Thu 25 Mar 2027 (Easter): receipt Wed 31 Mar; + 28 = Wed 28 Apr 2027 (reconsider
    # by); pay by Thu 29 Apr.
    # after a death the first letter sets no date at all (checked below).
    ("example-repayment-death", "repayment"): [],
    # issued Tue 23 Feb 2027; receipt Thu 25 Feb; + 28 = Thu 25 Mar (reconsider by); the next
    # working day after it: Fri 26 Mar Good Friday, Mon 29 Mar Easter Monday, so Tue 30 Mar.
    ("example-repayment-offence", "repayment"): ["Thursday 25 March 2027", "Tuesday 30 March 2027"],
    # after a death the first letter sets no date at all (checked below).
    ("bnes-repayment-death-parent", "repayment"): [],
    # issued Wed 20 Jan 2027; receipt Fri 22 Jan; 28 W from Mon 25 Jan (no holidays): Wed 3 Mar.
    ("bnes-section-j-streams", "refusal"): ["Friday 22 January 2027", "Wednesday 3 March 2027"],
    ("bnes-section-j-streams", "section-j"): ["20 April 2027"],
    # Section J: first review 3 months after issue.
    ("example-all", "section-j"): ["14 January 2027"],
    ("bnes-all", "section-j"): ["23 March 2027"],
    ("birmingham-all", "section-j"): ["9 February 2027"],
    ("wakefield-all", "section-j"): ["3 May 2027"],
    ("wakefield-section-j", "section-j"): ["16 February 2027"],
}

LETTER_PHRASES = ["Yours sincerely", "free, confidential and impartial",
                  "Local Government and Social Care Ombudsman",
                  "large print, easy read, Braille, audio or another language"]
KIND_PHRASES = {
    "refusal": ["ask us to review this decision", "does not hear appeals about personal budgets",
                "You cannot appeal this decision to the SEND Tribunal", "Sections B, F and I",
                "when the plan is issued or amended",
                "write to you with the outcome and our reasons"],
    "reduction": ["Notice of a change to your personal budget", "even if you have asked us to reconsider",
                  "We will reconsider this decision only once", "treat it as received on",
                  "The new amount is enough to pay for the support"],
    "repayment": ["with our decision and our reasons"],
    "section-j": ["Section J: Personal Budget (including arrangements for direct payments)",
                  "within 3 months", "annual review", "This section was last updated:"],
}

# Repayment demands (statutory.md 2.3) and the first letter after a death (1.10, P10).
DEMAND_PHRASES = ["Request to repay direct payment money", "smaller amounts (instalments)",
                  "what you can afford", "ask us to reconsider", "You do not need to pay while we reconsider",
                  "give you a new date to pay by", "receipts, invoices or explanations",
                  "under the terms of the direct payment agreement", "separate notice with our reasons"]
AFTER_DEATH_PHRASES = ["We are not asking you to pay anything now", "will be your contact",
                       "payment plan", "This letter does not set a date"]
# Never in any repayment letter: deduction from future payments, threats, guilt, an unverified
# regulation number printed as fact.
REPAYMENT_NEVER = ["future direct payments", "bailiff", "court", "enforcement", "regulation 13",
                   "committed fraud", "committed theft", "guilty"]
WEEKDAY_DATE = re.compile(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (\d{1,2}) "
                          r"(January|February|March|April|May|June|July|August|September|October|"
                          r"November|December) (\d{4})")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
# England and Wales bank holidays the fixtures' dates can reach (written out by hand).
HOLIDAYS = {"2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
            "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
            "2027-08-30", "2027-12-27", "2027-12-28"}

def date_after(t, before):
    """The first weekday date printed after the words `before`, as a datetime.date, or None."""
    import datetime
    i = t.find(before)
    m = WEEKDAY_DATE.search(t, i + len(before)) if i >= 0 else None
    if not m or m.start() - (i + len(before)) > 8:
        return None
    return datetime.date(int(m.group(4)), MONTHS.index(m.group(3)) + 1, int(m.group(2)))

def working_day(d):
    return d.weekday() < 5 and d.isoformat() not in HOLIDAYS

def check_repayment(where, t, root, el):
    child = root.find("child")
    given = child.findtext("given-names").strip()
    for attr in ("paid", "spent", "amount"):
        check(money(el.get(attr)) in t, f"{where}: {attr} {money(el.get(attr))} missing")
    unspent = pence(el.get("paid")) - pence(el.get("spent"))
    check(fmt(unspent) in t, f"{where}: not spent {fmt(unspent)} missing")
    body = t[t.find("Dear "):].lower()  # the address may be "... Court"
    for phrase in REPAYMENT_NEVER:
        check(phrase not in body, f"{where}: must not say {phrase!r}")
    rel = root.find("recipient").get("relationship")
    m = re.search(r"\bDear ([^.]*?) (We|About)\b", t)
    check(m is not None, f"{where}: no salutation")
    if child.find("date-of-death") is not None:
        # Never to the person who died; condolences first; no demand and no date to act by.
        check(rel in ("parent", "personal-representative"), f"{where}: after a death, to {rel}")
        check(m is not None and given not in m.group(1), f"{where}: addresses the person who died")
        check(m is not None and m.group(2) == "We" and t[m.end() - 2:].startswith("We were very sorry to hear of " + given + "'s death"),
              f"{where}: condolences are not the first words after the salutation")
        for phrase in AFTER_DEATH_PHRASES:
            check(phrase in t, f"{where}: missing {phrase!r}")
        check(("probate" in t) == (rel == "personal-representative"), f"{where}: probate wording for {rel}")
        for phrase in ("Request to repay", "Please pay by", "pay by", "How to pay"):
            check(phrase not in t, f"{where}: a first letter after a death says {phrase!r}")
        check(not WEEKDAY_DATE.search(t), f"{where}: a first letter after a death gives a date to act by")
        return
    for phrase in DEMAND_PHRASES:
        check(phrase in t, f"{where}: missing {phrase!r}")
    pay_by = date_after(t, "Please pay by")
    reconsider_by = date_after(t, "please tell us by")
    check(pay_by is not None and reconsider_by is not None, f"{where}: pay-by or reconsider-by missing")
    if pay_by and reconsider_by:
        check(pay_by > reconsider_by, f"{where}: pay by {pay_by} is not after reconsider by {reconsider_by}")
        check(working_day(pay_by) and working_day(reconsider_by), f"{where}: a date to act by is not a working day")
    grounds = [g.text.strip() for g in el.findall("ground")]
    if "offence" in grounds:
        check("may have occurred" in t and "does not say that anyone has committed an offence" in t
              and "refer the matter" in t, f"{where}: offence not worded as findings")

def check_section_j(where, t, root, items):
    """Section J (statutory.md 2.4): each direct payment with its needs (B) and outcomes (E),
    payee, frequency and setting agreement; each stream under its own heading with who agrees
    it; items refused a personal budget listed apart and left out of every total."""
    ref = root.find("refusal")
    refused = set()
    if ref is not None:
        for r in ref.findall("item"):
            check(items[r.get("ref")].findtext("provision").strip() in t, f"{where}: refused item not listed")
            if ref.get("scope") == "personal-budget":
                refused.add(r.get("ref"))
        iso = ref.get("issued")
        y, mo, d = (int(x) for x in iso.split("-"))
        check(f"separate letter of {d} {MONTHS[mo - 1]} {y}" in t, f"{where}: no line pointing to the refusal letter")
    headings = {"education": "Education: special educational provision (Section F)",
                "health": "Health provision (Section G)", "social-care": "Social care provision (Section H)"}
    totals = {}
    for iid, it in items.items():
        prov = it.findtext("provision").strip()
        check(prov in t, f"{where}: item provision missing")
        if iid in refused:
            continue
        stream = it.get("stream")
        totals[stream] = totals.get(stream, 0) + pence(it.findtext("annual-amount"))
        check(money(it.findtext("annual-amount")) in t, f"{where}: item amount missing")
        # the item sits under its stream's heading
        h = t.find(headings[stream])
        nxt = min([t.find(o, h + 1) for o in headings.values() if t.find(o, h + 1) > h] + [t.find("Totals", h + 1)])
        check(0 <= h < t.find(prov, h) < nxt, f"{where}: {iid} is not under {headings[stream]!r}")
        for tag in ("need", "outcome"):
            for e in it.findall(tag):
                words = (e.get("ref") + ": " if e.get("ref") else "") + e.text.strip()
                check(words in t, f"{where}: {tag} {words[:40]!r} missing")
        if it.get("arrangement") == "direct-payment":
            freq = {"weekly": "every week", "four-weekly": "every four weeks", "monthly": "every month",
                    "quarterly": "every three months"}[it.get("paid")]
            check(f"paid {freq}" in t, f"{where}: {iid} frequency missing")
            check(f"Paid to: {it.get('payee')}" in t, f"{where}: {iid} payee missing")
        sa = it.find("setting-agreement")
        if sa is not None:
            y, mo, d = (int(x) for x in sa.get("date").split("-"))
            check(f"Agreement of the {sa.get('role')}: {sa.get('by')} agreed on {d} {MONTHS[mo - 1]} {y}" in t,
                  f"{where}: {iid} setting agreement missing")
    if "health" in totals:
        check("as agreed in the ICB's care plan" in t, f"{where}: health items not as agreed in the ICB's care plan")
    if "social-care" in totals:
        check("as agreed by social care" in t, f"{where}: social care items not as agreed by social care")
    if any(it.get("arrangement") == "direct-payment" for it in items.values()):
        check("cannot pay for a place at a school or college" in t, f"{where}: no school place condition")
    for s_, p in totals.items():
        check(fmt(p) in t, f"{where}: {s_} total {fmt(p)} missing")
    m = re.search(r"Total personal budget (£[\d,]+\.\d\d)", t)
    check(m is not None and m.group(1) == fmt(sum(totals.values())),
          f"{where}: overall total {m.group(1) if m else None} is not {fmt(sum(totals.values()))}")

def plain(md):
    """The words of an officer's Markdown as they print: markers removed, white space squeezed."""
    md = re.sub(r"[*_`#>]", "", md)
    md = re.sub(r"^\s*[-+]\s+", "", md, flags=re.M)
    return re.sub(r"\s+", " ", md).strip()

def text_of(pdf):
    r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True)
    check(r.stderr.strip() == "", f"{pdf}: pdftotext warns: {r.stderr.strip()[:100]}")
    # The layout may break a line after a hyphen: join those, then squeeze white space.
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", r.stdout))

def pages_of(pdf):
    r = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
    return int(m.group(1)) if m else 0

tmp = tempfile.mkdtemp(prefix="pbdocs-docs-")
kinds_seen = set()
for path in sorted(glob.glob("fixtures/cases/*.xml")):
    name = os.path.basename(path)[:-4]
    root = ET.parse(path).getroot()
    cid = root.get("id")
    out = os.path.join(tmp, name)
    r = subprocess.run([PB, "render", path, "-o", out], capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: render exit {r.returncode}: {r.stderr.strip()[:200]}")
    child = root.find("child")
    full = child.findtext("given-names").strip() + " " + child.findtext("family-name").strip()
    items = {it.get("id"): it for it in root.find("personal-budget").findall("item")}
    for kind in ("refusal", "reduction", "repayment", "section-j"):
        el = root.find(kind)
        if el is None:
            continue
        kinds_seen.add((root.get("council"), kind))
        pdf = os.path.join(out, f"{cid}-{kind}.pdf")
        check(os.path.exists(pdf), f"{name}: no {kind} PDF")
        if not os.path.exists(pdf):
            continue
        t = text_of(pdf)
        n = pages_of(pdf)
        where = f"{name}/{kind}"
        check(n >= 1 and f"Page 1 of {n}" in t and f"Page {n} of {n}" in t, f"{where}: no 'Page 1 of {n}' and 'Page {n} of {n}'")
        check(full in t, f"{where}: child's name {full!r} missing")
        check(root.find("plan").get("reference") in t, f"{where}: plan reference missing")
        for phrase in KIND_PHRASES[kind]:
            check(phrase in t, f"{where}: missing {phrase!r}")
        for d in DATES.get((name, kind), []):
            check(d in t, f"{where}: date {d!r} missing")
        check((name, kind) in DATES, f"{where}: no hand-worked dates in this test")
        if kind != "section-j":
            rec = root.find("recipient")
            check(rec.findtext("name").strip() in t, f"{where}: recipient's name missing")
            pc = rec.find("address").findtext("postcode").strip().upper().replace(" ", "")
            pc = pc[:-3] + " " + pc[-3:]
            check(pc in t, f"{where}: postcode {pc} missing")
            for phrase in LETTER_PHRASES:
                check(phrase in t, f"{where}: missing {phrase!r}")
            o = root.find("officer")
            check(o.get("name") in t and o.get("phone") in t, f"{where}: officer's name or phone missing")
            for reason in el.findall("reason"):
                words = plain(reason.text)[:60]
                check(words in t, f"{where}: reason text {words!r} missing")
        if kind == "refusal":
            for ref in el.findall("item"):
                check(items[ref.get("ref")].findtext("provision").strip() in t, f"{where}: refused item missing")
        if kind == "reduction":
            before = after = 0
            for ch in el.findall("change"):
                it = items[ch.get("ref")]
                cur, new = pence(it.findtext("annual-amount")), pence(ch.get("new-annual-amount"))
                before, after = before + cur, after + new
                check(it.findtext("provision").strip() in t, f"{where}: changed item's provision missing")
                check(fmt(cur) in t and fmt(new) in t, f"{where}: amounts {fmt(cur)} -> {fmt(new)} missing")
            check(fmt(before) in t and fmt(after) in t, f"{where}: totals {fmt(before)} -> {fmt(after)} missing")
            whole = sum(pence(i.findtext("annual-amount")) for i in items.values())
            check(fmt(whole) in t and fmt(whole - (before - after)) in t, f"{where}: whole budget before/after missing")
        if kind == "repayment":
            check_repayment(where, t, root, el)
        if kind == "section-j":
            check_section_j(where, t, root, items)
            check(f"Section J" in t and full in t, f"{where}: title or name missing")

# The hostile plain text of example-all prints exactly as written.
hostile = "Tutoring *two* __sessions__ a week, #1 priority: <b>maths</b> &amp; English [x](y)"
t = text_of(os.path.join(tmp, "example-all", "EX-2026-0001-section-j.pdf"))
check(hostile in t, "example-all: the hostile provision text is not printed literally")
check(len(kinds_seen) == 16, f"only {len(kinds_seen)} of 16 council x kind pairs rendered")
print(f"test_documents: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
