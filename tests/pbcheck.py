"""What the Python tests share (tests/tagged.py, scripts.py, extra_font.py): counting checks,
running a command, the summary line tests/run reads, and the checks of a PDF whose names are in
other scripts (copied out exactly, fonts embedded with a Unicode map, qpdf clean, tagged)."""
import glob, os, re, subprocess, sys

counts = {"passed": 0, "failed": 0}


def check(what, ok):
    counts["passed" if ok else "failed"] += 1
    if not ok:
        print("FAIL:", what)
    return ok


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def finish(name):
    """Prints NAME: P passed, F failed and exits; a run that checked nothing fails."""
    if not counts["passed"] + counts["failed"]:
        check("something was checked", False)
    print(f"{name}: {counts['passed']} passed, {counts['failed']} failed")
    sys.exit(1 if counts["failed"] else 0)


def localise(src, dst, names):
    """Copies a case file with each name in names replaced by its value."""
    text = open(src, encoding="utf-8").read()
    for old, new in names.items():
        text = text.replace(old, new)
    open(dst, "w", encoding="utf-8").write(text)


def check_names_pdf(pdf, words, fonts_prefix, fonts_what):
    """pdftotext copies every word of words out of pdf; every font is embedded, those named
    fonts_prefix... with a Unicode map (fonts_what says which); qpdf --check; tagged."""
    name = os.path.basename(os.path.dirname(pdf)) + "/" + os.path.basename(pdf)
    text = " ".join(run("pdftotext", pdf, "-").stdout.split())
    for word in words:
        check(f"{name}: {word} copies out", word in text)
    fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
    check(f"{name}: every font embedded", fonts and all(" yes yes " in f for f in fonts))
    ours = [f for f in fonts if f.startswith(fonts_prefix)]
    check(f"{name}: {fonts_what} ({fonts})",
          ours and all(re.search(r"yes\s+yes\s+yes", f) for f in ours))
    check(f"{name}: qpdf --check", run("qpdf", "--check", pdf).returncode == 0)
    check(f"{name}: tagged", "Tagged:          yes" in run("pdfinfo", pdf).stdout)


FIXTURES = ("fixtures/cases/birmingham-all.xml", "fixtures/cases/birmingham-stop-nominee.xml")


def render_localised(pb, tmp, names, *options):
    """The Birmingham fixtures with names replaced (localise), each rendered normal and large
    print into tmp/normal and tmp/large with options; returns the cases and the PDFs."""
    cases = []
    for src in FIXTURES:
        dst = os.path.join(tmp, os.path.basename(src))
        localise(src, dst, names)
        cases.append(dst)
    for case in cases:
        for large in (False, True):
            out = os.path.join(tmp, "large" if large else "normal")
            r = run(pb, "render", case, "-o", out, *options,
                    *(["--large-print"] if large else []))
            check(f"render {case} ({r.stderr[-300:]})", r.returncode == 0)
    pdfs = sorted(glob.glob(os.path.join(tmp, "normal", "*.pdf")) +
                  glob.glob(os.path.join(tmp, "large", "*.pdf")))
    return cases, pdfs


def batch_stream(pb, cases, tmp, *options):
    """A batch of cases with a print stream; the stream's path, or None (a failed check)."""
    stream = os.path.join(tmp, "stream.pdf")
    r = run(pb, "batch", *cases, "-o", os.path.join(tmp, "batch"), "--print-stream", stream,
            *options)
    return stream if check(f"batch with a print stream ({r.stderr[-300:]})", r.returncode == 0) \
        else None
