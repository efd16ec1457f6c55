"""Every character the fonts have (issue #16): the Birmingham fixtures with the family's names
in Cyrillic, Greek, Vietnamese and Romanian are rendered, every document, normal and large print,
and as a batch with a print stream. Each PDF must hold every name exactly as pdftotext copies it
out, embed its fonts (the second subset's with a /ToUnicode map), pass qpdf --check and stay
tagged. Then an Arabic letter in a name is refused with its Unicode name and what to do."""
import os, re, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pbcheck import (batch_stream, check, check_names_pdf, finish,  # noqa: E402
                     render_localised, run)

PB = sys.argv[1]

NAMES = {"Małgorzata": "Олена", "Wiśniewska-Kowalczyk": "Nguyễn-Papadopoulou",
         "Wiśniewska": "Шевченко", "Bożena": "Ἀθηνᾶ Ιωάννα", "Gosia": "Ștefănuț",
         "Moseley": "Θεσσαλονίκη"}
WORDS = ["Олена", "Шевченко", "Nguyễn", "Ἀθηνᾶ", "Ιωάννα", "Ștefănuț", "Θεσσαλονίκη"]

def check_pdf(pdf):
    # Section J goes to the recipient alone and prints no address
    check_names_pdf(pdf, WORDS[:5] if "section-j" in pdf else WORDS, "PBDOE",
                    "the second subset's fonts have /ToUnicode")

with tempfile.TemporaryDirectory() as tmp:
    cases, pdfs = render_localised(PB, tmp, NAMES)
    kinds = {re.sub(r".*-", "", os.path.basename(p))[:-4] for p in pdfs}
    check(f"every kind rendered ({sorted(kinds)})", len(pdfs) >= 10)
    for pdf in pdfs:
        check_pdf(pdf)
    stream = batch_stream(PB, cases, tmp)
    if stream:
        check_pdf(stream)

    arabic = os.path.join(tmp, "arabic.xml")
    text = open(cases[0], encoding="utf-8").read().replace("<name>Ἀθηνᾶ", "<name>فاطمة", 1)
    open(arabic, "w", encoding="utf-8").write(text)
    r = run(PB, "validate", arabic)
    check("an Arabic name is refused", r.returncode == 1)
    check(f"... naming the field, the character, its name and what to do ({r.stderr})",
          "recipient/name: contains “ف” (U+0641 ARABIC LETTER FEH), which the letter fonts cannot "
          "show: its script needs joining or right-to-left shaping, which the letters cannot do "
          "yet; write it in Latin letters (a transliteration)" in r.stderr)

    # Nguyễn typed as e, combining circumflex, combining tilde: refused, saying how to type it
    decomposed = os.path.join(tmp, "decomposed.xml")
    text = open(cases[0], encoding="utf-8").read().replace("Nguyễn", "Nguye\u0302\u0303n")
    open(decomposed, "w", encoding="utf-8").write(text)
    r = run(PB, "validate", decomposed)
    check(f"a letter and its accents typed apart are refused ({r.stderr[:400]})",
          r.returncode == 1 and "(U+0302 COMBINING CIRCUMFLEX ACCENT), which the letter fonts "
          "cannot show: an accent typed apart from its letter; type the accented letter as one "
          "character (Unicode NFC)" in r.stderr)

finish("test_scripts")
