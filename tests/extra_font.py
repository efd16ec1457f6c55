"""A council's extra font (issue #16, contract section 4 <extra-font>): with a copy of the
templates whose Birmingham profile names Debian's DejaVu Sans (fonts-dejavu-core), the family's
names in Armenian and Georgian print in every document, normal and large print, and in a print
stream; pdftotext copies them out exactly; pdffonts shows the extra font embedded as a subset
with a Unicode map; qpdf --check passes and the PDFs stay tagged. The same case with the bundled
profiles is refused, naming the character; Arabic and CJK are refused even with the extra font;
a profile naming a missing or non-TrueType file stops render and batch with a clear message."""
import glob, os, shutil, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pbcheck import (batch_stream, check, check_names_pdf, finish,  # noqa: E402
                     render_localised, run)

PB = sys.argv[1]
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

if not os.path.exists(DEJAVU):
    check(f"{DEJAVU} is missing: install fonts-dejavu-core (make deps-test)", False)
    finish("test_extra_font")

NAMES = {"Małgorzata": "Արամ", "Wiśniewska-Kowalczyk": "ნინოშვილი-Ἀθηνᾶ",
         "Wiśniewska": "ნინოშვილი", "Bożena": "Անի", "Gosia": "Թամար"}
WORDS = ["Արամ", "ნინოშვილი", "Անի", "Թամար"]

def templates_with(tmp, name, font_line):
    """A copy of templates/ whose birmingham profile has font_line after its <name>."""
    dst = os.path.join(tmp, name)
    shutil.copytree("templates", dst)
    prof = os.path.join(dst, "councils", "birmingham.xml")
    text = open(prof, encoding="utf-8").read()
    text = text.replace("</name>\n", "</name>\n  " + font_line + "\n", 1)
    open(prof, "w", encoding="utf-8").write(text)
    return dst

def check_pdf(pdf):
    # Section J goes to the recipient alone and names no one else (Gosia: Թամար)
    check_names_pdf(pdf, WORDS[:3] if "section-j" in pdf else WORDS, "PBDOFA+DejaVuSans",
                    "the extra font is embedded as a subset with a Unicode map")

with tempfile.TemporaryDirectory() as tmp:
    keep = os.environ.get("PBDOCS_KEEP_PDF")
    # a path from the profile's folder: the font copied next to the profiles
    extra = templates_with(tmp, "extra", "<extra-font>fonts/DejaVuSans.ttf</extra-font>")
    os.makedirs(os.path.join(extra, "councils", "fonts"))
    shutil.copy(DEJAVU, os.path.join(extra, "councils", "fonts"))
    cases, pdfs = render_localised(PB, tmp, NAMES, "--templates", extra)
    check(f"every document rendered ({len(pdfs)})", len(pdfs) >= 10)
    for pdf in pdfs:
        check_pdf(pdf)
    if keep and pdfs:
        shutil.copy(pdfs[0], keep)
    stream = batch_stream(PB, cases, tmp, "--templates", extra)
    if stream:
        check_pdf(stream)

    # the bundled profile names no extra font: refused as before, naming the character
    r = run(PB, "render", cases[0], "-o", os.path.join(tmp, "plain"))
    check(f"without the extra font the Armenian name is refused ({r.stderr[:300]})",
          r.returncode == 1 and "child/given-names: contains “Ա” (U+0531 ARMENIAN CAPITAL LETTER "
          "AYB), which the letter fonts cannot show: write it in Latin letters (a "
          "transliteration), leave it out, or ask for the council profile to name a font that "
          "has it (<extra-font>)" in r.stderr)

    def refused(what, replacement, words):
        bad = os.path.join(tmp, "bad.xml")
        text = open(cases[0], encoding="utf-8").read().replace("<name>Անի", "<name>" + replacement, 1)
        open(bad, "w", encoding="utf-8").write(text)
        r = run(PB, "render", bad, "-o", os.path.join(tmp, "bad"), "--templates", extra)
        check(f"{what} ({r.stderr[:400]})", r.returncode == 1 and words in r.stderr)

    refused("an Arabic name is refused though DejaVu Sans has Arabic glyphs", "فاطمة",
            "recipient/name: contains “ف” (U+0641 ARABIC LETTER FEH), which the council's extra "
            "font DejaVuSans.ttf has but the letters cannot print: its script needs joining or "
            "right-to-left shaping, which the letters cannot do yet; write it in Latin letters")
    refused("a Hebrew name is refused too", "שרה", "(U+05E9 HEBREW LETTER SHIN), which the "
            "council's extra font DejaVuSans.ttf has but the letters cannot print")
    refused("a character neither font has is refused, saying what to do", "王",
            "recipient/name: contains “王” (U+738B CJK UNIFIED IDEOGRAPH-738B), which neither the "
            "letter fonts nor the council's extra font DejaVuSans.ttf can show: write it in Latin "
            "letters (a transliteration), or name a font that has it in the council profile's "
            "<extra-font>")

    # a profile naming a font that is not there, or not TrueType, stops the run before it starts
    for label, line, words in (
            ("missing", "<extra-font>/nonexistent/NoSuchFont.ttf</extra-font>",
             "names the font file /nonexistent/NoSuchFont.ttf, which is missing or unreadable"),
            ("not-truetype", "<extra-font>birmingham.xml</extra-font>",
             "/councils/birmingham.xml, which is not a TrueType font")):
        broken = templates_with(tmp, label, line)
        fixture = "fixtures/cases/birmingham-all.xml"
        r = run(PB, "render", fixture, "-o", os.path.join(tmp, "out-" + label), "--templates", broken)
        check(f"render with a {label} extra font: exit 2, naming the profile ({r.stderr[:400]})",
              r.returncode == 2 and "councils/birmingham.xml:" in r.stderr and words in r.stderr
              and "extra-font:" in r.stderr)
        r = run(PB, "batch", fixture, "-o", os.path.join(tmp, "batch-" + label), "--templates", broken)
        check(f"batch with a {label} extra font does not start ({r.stderr[:400]})",
              r.returncode == 2 and words in r.stderr and
              not glob.glob(os.path.join(tmp, "batch-" + label, "*.pdf")))

finish("test_extra_font")
