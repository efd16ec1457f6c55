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
    # hand at 17:00 on Fri 30 Jul 2027 (after 16:30): from Mon 2 Aug; + 28 = Mon 30 Aug, the
    # summer bank holiday: review by Tue 31 Aug 2027.
    ("wakefield-refusal-hand-late", "refusal"): ["Monday 2 August 2027", "Tuesday 31 August 2027"],
    # email at 16:45 on Fri 26 Nov 2027: from Mon 29 Nov; + 28 = Mon 27 Dec (H): notice ends
    # then, effective Tue 28 Dec; reconsider by the next working day, Wed 29 Dec 2027.
    ("birmingham-reduction-nominee-email", "reduction"): ["Monday 29 November 2027",
                                                          "Monday 27 December 2027",
                                                          "Tuesday 28 December 2027",
                                                          "Wednesday 29 December 2027"],
    # second class on Mon 8 Mar 2027: Tue 9 (1) .. Fri 12 Mar (4); 28 W from Mon 15 Mar, skipping
    # Good Friday 26 Mar and Easter Monday 29 Mar: Fri 23 Apr; effective Sat 24 Apr.
    ("bnes-reduction-young-person-post", "reduction"): ["Friday 12 March 2027", "Friday 23 April 2027",
                                                        "Saturday 24 April 2027"],
    # second class on Thu 20 May 2027: Fri 21 (1), Mon 24, Tue 25, Wed 26 May (4); + 28 days =
    # Wed 23 Jun 2027.
    ("example-refusal-young-person-children", "refusal"): ["Wednesday 26 May 2027",
                                                           "Wednesday 23 June 2027"],
    # Section J: first review 3 months after issue.
    ("example-all", "section-j"): ["14 January 2027"],
    ("bnes-all", "section-j"): ["23 March 2027"],
    ("birmingham-all", "section-j"): ["9 February 2027"],
    ("wakefield-all", "section-j"): ["3 May 2027"],
    ("wakefield-section-j", "section-j"): ["16 February 2027"],
    # Stop notices: receipt, last day of notice (= reconsider-by here), stop date.
    # bnes-all: issued Fri 5 Mar 2027; receipt Tue 9 Mar; 28 W from Wed 10 Mar: 10-12 (3),
    # 15-19 (8), 22-25 (12), Good Friday 26 and Easter Monday 29 Mar skipped, 30-31 (14),
    # 1-2 Apr (16), 5-9 (21), 12-16 (26), 19 (27), Tue 20 Apr (28); stop Wed 21 Apr.
    ("bnes-all", "stop"): ["Tuesday 9 March 2027", "Tuesday 20 April 2027",
                           "Wednesday 21 April 2027"],
    # issued Thu 14 Jan 2027; receipt Mon 18 Jan; + 28 = Mon 15 Feb; stop Tue 16 Feb.
    ("birmingham-stop-nominee", "stop"): ["Monday 18 January 2027", "Monday 15 February 2027",
                                          "Tuesday 16 February 2027"],
    # emailed Fri 30 Apr 2027 at 16:45: counts from Tue 4 May (Mon 3 May early May holiday);
    # stop from the consent date, Mon 26 Apr; reconsider 28 W from Wed 5 May: 5-7 (3),
    # 10-28 May (18), Mon 31 May holiday skipped, 1-4 Jun (22), 7-11 (27), Mon 14 Jun (28).
    ("bnes-stop-consent", "stop"): ["Tuesday 4 May 2027", "Monday 26 April 2027",
                                    "Monday 14 June 2027"],
    # issued Fri 18 Jun 2027; receipt Tue 22 Jun; + 28 = Tue 20 Jul; stop Wed 21 Jul.
    ("wakefield-stop-plan-ceased", "stop"): ["Tuesday 22 June 2027", "Tuesday 20 July 2027",
                                             "Wednesday 21 July 2027"],
    # issued Mon 8 Feb 2027; receipt Wed 10 Feb; + 28 = Wed 10 Mar; stop Thu 11 Mar.
    ("example-stop-death", "stop"): ["Wednesday 10 February 2027", "Wednesday 10 March 2027",
                                     "Thursday 11 March 2027"],
}

LETTER_PHRASES = ["Yours sincerely", "free, confidential and impartial",
                  "Local Government and Social Care Ombudsman",
                  "large print, easy read, Braille, audio or another language"]
KIND_PHRASES = {
    "refusal": ["ask us to review this decision", "does not hear appeals about personal budgets",
                "This decision does not change the support set out in",
                "You cannot appeal this decision to the SEND Tribunal", "Sections B, F and I",
                "when the plan is issued or amended",
                "write to you with the outcome and our reasons"],
    "reduction": ["Notice of a change to your personal budget", "treat it as received on",
                  "the change takes effect on"],
    "repayment": ["with our decision and our reasons"],
    "stop": ["Notice that direct payments will stop", "This is because", "stop from",
             "If you disagree", "separately about any money left in"],
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

# Stop notices (statutory.md 2.2b): each ground in words; never reduction wording, the reg 12(5)
# sentence, a Tribunal deadline or mediation, or "Our policy gives you" (no seed policy sets a
# notice period for stopping).
STOP_GROUND_WORDS = {
    "consent-withdrawn": "no longer consent to receive direct payments",
    "no-longer-eligible": "no longer meets the conditions for receiving them",
    "review-not-used-for-provision": "are not being used to secure the support",
    "review-cannot-secure-by-dp": "can no longer be secured by direct payments",
    "adverse-impact": "adverse impact on other services",
    "not-efficient": "no longer be an efficient use of our resources",
    "provision-removed": "is no longer in the EHC plan",
    "plan-ceased": "the EHC plan has ceased",
    "death": "the person who received the direct payments has died",
}
STOP_NEVER = ["reduc", "Reduc", "even if you have asked us to reconsider", "12(5)",
              "within 2 months", "mediation adviser", "Our policy gives you", "no times",
              "is enough to pay"]

def check_stop(where, t, root, el, items):
    ground = el.findtext("ground").strip()
    check(STOP_GROUND_WORDS[ground] in t, f"{where}: the ground {ground} is not named in words")
    for phrase in STOP_NEVER:
        check(phrase not in t, f"{where}: says {phrase!r}")
    for ref in el.findall("item"):
        it = items[ref.get("ref")]
        check(it.findtext("provision").strip() in t, f"{where}: stopped item's provision missing")
        check(fmt(pence(it.findtext("annual-amount"))) in t, f"{where}: stopped item's amount missing")
    words = plain(el.findtext("continuation"))[:60]
    check(words in t, f"{where}: continuation text {words!r} missing")
    pa = el.find("personal-assistant") is not None
    check(("If a personal assistant is employed" in t) == pa, f"{where}: employer duties shown: {not pa}")
    consent = ground == "consent-withdrawn"
    check(("We are giving you" in t) != consent, f"{where}: notice wording wrong for {ground}")
    check(("You told us in writing on" in t) == consent, f"{where}: consent date wording wrong")
    check(("We were very sorry" in t) == (ground == "death"), f"{where}: condolences wrong")
    if ground == "death":
        check(t.index("We were very sorry") < t.index("What we have decided"), f"{where}: condolences not first")
    rec = root.find("recipient")
    nominee = rec.get("relationship") == "nominee"
    check(("Copy to:" in t) == nominee, f"{where}: 'Copy to' shown: {not nominee}")
    if nominee:
        check(rec.find("copy-to").findtext("name").strip() in t, f"{where}: the copy's name missing")
    if rec.get("relationship") == "young-person":
        given = root.find("child").findtext("given-names").strip()
        check(f"{given}'s" not in t and "your EHC plan" in t, f"{where}: not in the second person")
    streams = {items[r.get("ref")].get("stream") for r in el.findall("item")}
    check(("Children's social care" in t or "Adult social care" in t) == ("social-care" in streams),
          f"{where}: social care block shown wrongly")

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
SENT_WORDS = {"first-class": "We are sending this letter by first-class post.",
              "second-class": "We are sending this letter by second-class post.",
              "hand": "We are delivering this letter by hand.",
              "email": "We are sending this letter by email."}
PB_REGS = "of the Special Educational Needs (Personal Budgets) Regulations 2014"
# The law each refusal ground must name (statutory.md 2.1 R5), checked word for word.
GROUND_LAW = {
    "4A-adverse-impact": "regulation 4A " + PB_REGS, "4A-not-efficient": "regulation 4A " + PB_REGS,
    "outside-request-times": "regulation 4 " + PB_REGS,
    "not-in-plan": "section 49(2) of the Children and Families Act 2014",
    "r5-not-capable": "regulation 5(2) " + PB_REGS, "r5-age": "regulation 5(2) " + PB_REGS,
    "r5-capacity": "regulation 5(2) " + PB_REGS, "r5-schedule": "the Schedule to, the Special",
    "r6-appropriate-use": "regulation 6 " + PB_REGS, "r6-best-interests": "regulation 6 " + PB_REGS,
    "r6-adverse-impact": "regulation 6 " + PB_REGS, "r6-not-efficient": "regulation 6 " + PB_REGS,
    "head-teacher-not-agreed": "head teacher or principal has not agreed",
    "school-place": "the SEND Code of Practice",
}

def longdate(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"

def adult_on(dob, iso):
    """18 or older on the date (born 29 February: 1 March)."""
    by, bm, bd = (int(x) for x in dob.split("-"))
    y, m, d = (int(x) for x in iso.split("-"))
    if (bm, bd) == (2, 29):
        bm, bd = 3, 1
    return (y, m, d) >= (by + 18, bm, bd)

def letter_rules(where, root, el, kind, t, items):
    """Issue 13's rules for every letter: who it speaks to, how it is sent, per-stream blocks."""
    rec = root.find("recipient")
    given = root.find("child").findtext("given-names").strip()
    title, fam = rec.findtext("title"), rec.findtext("family-name")
    hello = f"Dear {title.strip()} {fam.strip()}" if title and fam else "Dear " + rec.findtext("name").strip()
    check(hello in t, f"{where}: salutation {hello!r} missing")
    if rec.get("relationship") == "young-person":
        check(f"{given}'s" not in t and f"{given}’s" not in t, f"{where}: talks about the young person in the third person")
        check("your EHC plan" in t, f"{where}: no 'your EHC plan' in a letter to the young person")
    cp = rec.find("copy-to")
    if cp is not None:
        who = " ".join(x.strip() for x in (cp.findtext("title"), cp.findtext("name")) if x)
        check("Copy to: " + who in t, f"{where}: no 'Copy to: {who}' for a nominee's letter")
    else:
        check("Copy to:" not in t, f"{where}: 'Copy to' without a copy-to")
    by = el.get("sent-by") or "first-class"  # every shipped profile posts first class
    check(SENT_WORDS[by] in t, f"{where}: sending statement {SENT_WORDS[by]!r} missing")
    late = by in ("hand", "email") and (el.get("sent-at") or "00:00") >= "16:30"
    check(("4.30pm or later" in t) == late, f"{where}: 4.30pm sentence {'missing' if late else 'wrongly printed'}")
    check("no times" not in t, f"{where}: prints 'no times'")
    refs = [c.get("ref") for c in el.findall("change" if kind == "reduction" else "item")]
    streams = {items[r].get("stream") for r in refs}
    edu = "education" in streams or not refs
    check(("Education: support in Section F" in t) == ("education" in streams), f"{where}: education block wrong")
    if "social-care" in streams:
        adult = adult_on(root.find("child").findtext("date-of-birth").strip(), el.get("issued"))
        name = "adult social care" if adult else "children's social care"
        check(f"the {name} complaints procedure" in t and name.capitalize() in t, f"{where}: {name} block or route missing")
        check(("Care Act 2014" in t) == adult and ("Children Act 1989" in t) == (not adult), f"{where}: social care law wrong for the age")
    else:
        check("social care complaints procedure" not in t, f"{where}: social care route without a social care item")
    return edu

def refusal_rules(where, el, t, edu):
    check(longdate(el.get("requested")) in t, f"{where}: date of the request missing")
    for bad in ("2 months", "mediation adviser", "must first contact"):
        check(bad not in t, f"{where}: refusal says {bad!r}")
    check("You cannot appeal this decision to the SEND Tribunal" in t, f"{where}: R9 sentence missing")
    for g in el.findall("ground"):
        law = GROUND_LAW[g.text.strip()]
        check((law in t) == edu, f"{where}: ground {g.text.strip()}: {law!r} must be printed exactly when an education item is decided")

def reduction_rules(where, root, el, t, edu):
    plan = el.get("plan")
    enough = "enough to pay for the support" in t
    check(enough == (plan == "unchanged" and el.find("cost-reason") is not None),
          f"{where}: 'enough to pay for the support' {'printed' if enough else 'missing'} for plan={plan}")
    if plan == "amended":
        check(f"amended on {longdate(el.get('amended-plan'))}" in t, f"{where}: amended plan's date missing")
    ours = "Our policy gives you" in t
    check(ours == (root.get("council") == "bnes" and edu), f"{where}: 'Our policy gives you' {'printed' if ours else 'missing'}")
    check(ours != ("We are giving you" in t), f"{where}: notice sentence wrong")
    if ours:
        check("Our policy gives you 28 working days' notice (paragraph 7.1)" in t, f"{where}: B&NES policy words wrong")
    check(("even if you have asked us to reconsider" in t) == edu, f"{where}: reg 12(5) sentence only with an education item")
    check(("We will reconsider this decision only once" in t) == edu, f"{where}: 'only once' only with an education item")

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
    for kind in ("refusal", "reduction", "repayment", "section-j", "stop"):
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
        if kind in ("refusal", "reduction"):
            edu = letter_rules(where, root, el, kind, t, items)
            (refusal_rules(where, el, t, edu) if kind == "refusal" else reduction_rules(where, root, el, t, edu))
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
        if kind == "stop":
            check_stop(where, t, root, el, items)
        if kind == "section-j":
            check_section_j(where, t, root, items)
            check(f"Section J" in t and full in t, f"{where}: title or name missing")

# The hostile plain text of example-all prints exactly as written.
hostile = "Tutoring *two* __sessions__ a week, #1 priority: <b>maths</b> &amp; English [x](y)"
t = text_of(os.path.join(tmp, "example-all", "EX-2026-0001-section-j.pdf"))
check(hostile in t, "example-all: the hostile provision text is not printed literally")
# A profile that reconsiders twice, and whose policy sets notice only for stopping: the
# reduction says "no more than twice" and "We are giving you", never "Our policy gives you".
import shutil
tdir = os.path.join(tmp, "templates-variant")
shutil.copytree("templates", tdir)
prof = os.path.join(tdir, "councils", "example.xml")
x = open(prof, encoding="utf-8").read()
x = x.replace('<reconsideration count="1"', '<reconsideration count="2"')
x = x.replace('<reduction-notice days="28" unit="calendar" source="chosen"/>',
              '<reduction-notice days="28" unit="calendar" source="policy" covers="stop">'
              '<policy-words paragraph="3.2">We give 28 days notice before stopping.</policy-words></reduction-notice>')
open(prof, "w", encoding="utf-8").write(x)
out = os.path.join(tmp, "variant")
r = subprocess.run([PB, "render", "fixtures/cases/example-all.xml", "--doc", "reduction", "--templates", tdir, "-o", out],
                   capture_output=True, text=True)
check(r.returncode == 0, f"variant profile: render exit {r.returncode}: {r.stderr.strip()[:200]}")
t = text_of(os.path.join(out, "EX-2026-0001-reduction.pdf"))
check("We will reconsider this decision no more than twice." in t, "variant: 'no more than twice' missing")
check("no times" not in t and "only once" not in t, "variant: wrong count of reconsiderations")
check("We are giving you 28 days' notice." in t and "Our policy gives you" not in t,
      "variant: a policy covering only stops must not be cited for a reduction")
check(len(kinds_seen) == 20, f"only {len(kinds_seen)} of 20 council x kind pairs rendered")
print(f"test_documents: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
