"""Large print checked in the PDFs (see test_large_print.sh). Word boxes come from
`pdftotext -bbox`; a word's box is as tall as its font size times the face's ascent minus
descent, so sizes are compared through the height of the salutation's words (16 pt body)."""
import glob, html, os, re, subprocess, sys, tempfile

MM = 72 / 25.4
WINDOW = (24.6 * MM, 39.5 * MM, 120 * MM, (39.5 + 26.8) * MM)  # GOV.UK Notify: x0, y0, x1, y1
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def words_page1(pdf):
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    pat = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    return [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in pat.findall(out)]


def main():
    pb = sys.argv[1]
    tmp = tempfile.mkdtemp()
    for case in sorted(glob.glob("fixtures/cases/*.xml")):
        subprocess.run([pb, "render", case, "--large-print", "-o", tmp], capture_output=True)
    repeated = 0
    for pdf in sorted(glob.glob(os.path.join(tmp, "*.pdf"))):
        name = os.path.basename(pdf)
        words = words_page1(pdf)
        dear = [w for w in words if w[4] == "Dear"]
        if not dear:
            continue  # not a letter (Section J)
        h16 = dear[0][3] - dear[0][1]
        x0, y0, x1, y1 = WINDOW
        window = [w for w in words if w[0] >= x0 - 1 and w[2] <= x1 + 1 and w[1] >= y0 - 1 and w[3] <= y1 + 1]
        check(len(window) >= 3, f"{name}: address in the window")
        if not window:
            continue
        hw = max(w[3] - w[1] for w in window)
        text = [w[4] for w in window]
        # the same words, in order, between the window and the salutation
        body = [w for w in words if w[1] > y1 and w[1] < dear[0][1] and w[0] < x1]
        body_text = [w[4] for w in body]
        again = any(body_text[i:i + len(text)] == text for i in range(len(body_text)))
        if hw < h16 - 0.5:
            repeated += 1
            check(again, f"{name}: the address, smaller than 16 pt in the window, is repeated above the salutation")
            sizes = {round(w[3] - w[1], 1) for w in body if w[4] in text}
            check(sizes and all(abs(s - h16) < 0.5 for s in sizes), f"{name}: the repeated address at 16 pt {sizes} vs {h16:.1f}")
        else:
            check(not again, f"{name}: an address at 16 pt in the window is not repeated")
        head = [w for w in words if w[0] >= 125 * MM - 1 and w[1] < 95 * MM]
        check(head and all(abs((w[3] - w[1]) - h16) < 0.5 for w in head), f"{name}: letterhead at 16 pt")
        email = [w for w in head if w[4] == "Email:"]
        check(all(any(v[1] == e[1] and v[0] > e[2] for v in head) for e in email),
              f"{name}: \"Email:\" on the line of its address")
        ref = name.split("-")[:-1]
        ref = "-".join(ref)
        full = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check(full.count(ref) > 0 and full.replace("\n", "").count(ref) == full.count(ref),
              f"{name}: the reference {ref} never split between lines")
    check(repeated > 0, "some fixture address is too big for the window at 16 pt (and so repeated)")
    print(f"{repeated} letters with the address repeated at 16 pt")
    print(f"test_large_print: {passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
