"""Checks of tagged PDF (run by tests/test_tagged.sh). For each PDF:
  - pdfinfo says "Tagged: yes"; qpdf --check finds no error or warning;
  - the catalog has /Lang (en-GB), /MarkInfo Marked, DisplayDocTitle, XMP with dc:title equal to
    the document's title and pdfuaid:part 1; every page has /StructParents and /Tabs /S;
  - pdfinfo -struct-text: the first heading is H1 and no heading skips a level, every TH has a
    /Scope, every Figure has /Alt, and the text read in structure order equals the text of the
    page content with the artifacts taken out (the content is decompressed by qpdf, the strings
    of every /Artifact BMC ... EMC sequence emptied, and pdftotext -raw reads what is left), white space
    aside: so nothing outside an artifact is missing from the structure, nothing is read twice,
    and the reading order is the drawing order.
  - links: every link annotation has /StructParent, /Contents, /F 4, /Border [0 0 0] and a
    /URI that is https:, http: or mailto:, and is on its page's /Annots; every Link element holds
    an OBJR to one, and every annotation is held by one;
  - emphasis: every fixture document has Strong elements (their bold runs), Em where an italic
    face is used, and /RoleMap maps them to Span;
  - no words glued across line breaks: every word of the structure text is a word of the
    content's text (pdftotext), or a few in a row where a long word (an address) was cut at a line
    end after punctuation.
A print stream (over 256 pages, so its parent tree has leaves) must also be tagged, each letter
a Part."""
import glob, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pbcheck import check, finish, run  # noqa: E402

PB, BUILD = sys.argv[1], sys.argv[2]


def struct_lines(pdf):
    return run("pdfinfo", "-struct-text", pdf).stdout.splitlines()


def text_without_artifacts(pdf, tmp):
    qdf, clean = os.path.join(tmp, "q.pdf"), os.path.join(tmp, "c.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = open(qdf, "rb").read()
    # the artifacts' strings emptied (their Td and Tf stay: later positions are relative)
    blank = lambda m: re.sub(rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>) Tj", b"() Tj", m.group(0))
    data = re.sub(rb"/Artifact BMC\n.*?EMC\n", blank, data, flags=re.S)
    open(qdf, "wb").write(data)
    with open(clean, "wb") as out:
        subprocess.run(["fix-qdf", qdf], stdout=out, check=True)
    return run("pdftotext", "-raw", clean, "-").stdout


def objects(raw):
    """The qdf file's objects: number -> text."""
    return {int(m.group(1)): m.group(2) for m in
            re.finditer(rb"^(\d+) 0 obj\n(.*?)\nendobj$", raw, re.S | re.M)}


def check_links(name, raw):
    objs = objects(raw)
    annots = {n: o for n, o in objs.items() if re.search(rb"/Subtype /Link\b", o)}
    links = [o for o in objs.values() if re.search(rb"/S /Link\b", o)]
    on_pages = set(int(n) for a in re.findall(rb"/Annots \[([^\]]*)\]", raw)
                   for n in re.findall(rb"(\d+) 0 R", a))
    held = set()
    for o in links:
        objr = [int(n) for n in re.findall(rb"/Obj (\d+) 0 R", o)]
        check(f"{name}: a Link element holds an OBJR to an annotation", objr and all(n in annots for n in objr))
        held.update(objr)
    bad = []
    for n, o in annots.items():
        uri = re.search(rb"/URI \((.*?)\)\s*>>", o, re.S)
        ok = (b"/StructParent " in o and re.search(rb"/Contents [(<]", o) and b"/F 4" in o and
              re.search(rb"/Border \[\s*0\s+0\s+0\s*\]", o) and uri and
              re.match(rb"(https?://|mailto:)[^\s]", uri.group(1)) and n in on_pages and n in held)
        if not ok:
            bad.append(n)
    check(f"{name}: {len(annots)} link annotations complete, on their pages and in a Link {bad[:5]}", not bad)
    return len(annots)


def check_emphasis(name, raw, stream):
    strong, em = raw.count(b"/S /Strong"), raw.count(b"/S /Em")
    if not stream:
        check(f"{name}: Strong elements for the bold runs", strong > 0)
    if re.search(rb"/BaseFont /[A-Z+]*[^/\s]*Italic", raw):
        check(f"{name}: Em elements for the italic runs", em > 0)
    if strong or em:
        check(f"{name}: /RoleMap maps Strong and Em to Span",
              re.search(rb"/RoleMap <<\s*/Em /Span\s*/Strong /Span\s*>>", raw))


BREAK_AFTER = "/-.?&@=,;:_"


def struct_text(lines):
    """pdfinfo -struct-text's text: the pieces of one block element (its own and its inline
    elements') joined as they are, blocks apart."""
    out, stack, last_block = [], [], None
    for i, l in enumerate(lines):
        indent = len(l) - len(l.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        m = re.match(r'^\s*"(.*)"$', l)
        if not m:
            stack.append((indent, i, "(inline)" in l))
            continue
        block = next((j for _, j, inline in reversed(stack) if not inline), None)
        out.append(("" if block == last_block else " ") + m.group(1))
        last_block = block
    return "".join(out)


def check_words(name, lines, content):
    """Every word of the structure text is a word of the content, or a few where one was cut."""
    have = content.split()
    words, pairs = set(have), set()
    for i in range(len(have)):  # a word cut over up to four lines
        joined = have[i]
        for k in range(i + 1, min(i + 4, len(have))):
            if joined[-1] not in BREAK_AFTER:
                break
            joined += have[k]
            pairs.add(joined)
    text = struct_text(lines)
    glued = [w for w in text.split() if w not in words and w not in pairs]
    check(f"{name}: no words glued across line breaks {glued[:5]}", not glued)


def check_pdf(pdf, tmp, stream=False):
    name = os.path.basename(pdf)
    info = run("pdfinfo", pdf).stdout
    check(f"{name}: Tagged: yes", re.search(r"^Tagged:\s+yes$", info, re.M))
    q = run("qpdf", "--check", pdf)
    check(f"{name}: qpdf --check clean ({q.stdout.strip()[-200:]})",
          q.returncode == 0 and "WARNING" not in q.stdout + q.stderr)
    qdf = os.path.join(tmp, "raw.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    raw = open(qdf, "rb").read()
    check(f"{name}: /Lang (en-GB)", b"/Lang (en-GB)" in raw)
    check(f"{name}: MarkInfo Marked", re.search(rb"/MarkInfo <<\s*/Marked true", raw))
    check(f"{name}: DisplayDocTitle", re.search(rb"/DisplayDocTitle true", raw))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    check(f"{name}: /Tabs /S on every page", raw.count(b"/Tabs /S") == pages)
    meta = run("pdfinfo", "-meta", pdf).stdout
    title = re.search(r"^Title:\s+(.*)$", info, re.M)
    check(f"{name}: XMP pdfuaid:part 1", "<pdfuaid:part>1</pdfuaid:part>" in meta)
    xml_title = title.group(1).replace("&", "&amp;").replace("<", "&lt;") if title else "?"
    check(f"{name}: XMP dc:title is the title", f'x-default">{xml_title}</rdf:li>' in meta)

    lines = struct_lines(pdf)
    roles = [l.strip().split()[0].rstrip(":") for l in lines if l.strip() and not l.strip().startswith(('"', "/"))]
    levels = [int(r[1]) for r in roles if re.fullmatch(r"H[1-6]", r)]
    if not stream:
        check(f"{name}: first heading H1 ({levels[:1]})", levels and levels[0] == 1)
    check(f"{name}: no heading skips a level ({levels})",
          all(b <= a + 1 for a, b in zip([0] + levels, levels)))
    if stream:
        check(f"{name}: letters are Parts", roles.count("Part") >= 2)
    for i, l in enumerate(lines):
        r = l.strip()
        if r.startswith("TH"):
            check(f"{name}: TH at line {i} has a /Scope", any("/Scope" in x for x in lines[i + 1:i + 3]))
        if r.startswith("Figure"):
            check(f"{name}: Figure at line {i} has /Alt", any("/Alt" in x for x in lines[i + 1:i + 3]))
    in_lines = [m.group(1) for m in (re.match(r'^\s*"(.*)"$', l) for l in lines) if m]
    in_structure = "".join(in_lines)
    content = text_without_artifacts(pdf, tmp)
    check_links(name, raw)
    check_emphasis(name, raw, stream)
    check_words(name, lines, content)
    a, b = re.sub(r"\s+", "", in_structure), re.sub(r"\s+", "", content)
    if not check(f"{name}: text in structure order equals the content's text", a == b):
        k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        print("   structure:", a[max(0, k - 40):k + 60])
        print("   content:  ", b[max(0, k - 40):k + 60])


with tempfile.TemporaryDirectory() as tmp:
    for case in sorted(glob.glob("fixtures/cases/*.xml")):
        for large in (False, True):
            out = os.path.join(tmp, "large" if large else "normal")
            args = [PB, "render", case, "-o", out] + (["--large-print"] if large else [])
            check(f"render {case}", run(*args).returncode == 0)
    for pdf in sorted(glob.glob(os.path.join(tmp, "*", "*.pdf"))):
        check_pdf(pdf, tmp)
    cases = os.path.join(tmp, "cases.xml")
    subprocess.run([os.path.join(BUILD, "bench", "gen_cases"), "90", "--seed", "7", "-o", cases], check=True)
    stream = os.path.join(tmp, "stream.pdf")
    r = run(PB, "batch", cases, "-o", os.path.join(tmp, "batch"), "--print-stream", stream)
    if check(f"batch with a print stream ({r.stderr[-200:]})", os.path.exists(stream)):
        check_pdf(stream, tmp, stream=True)
        pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", stream).stdout, re.M).group(1))
        check(f"the print stream has over 256 pages ({pages})", pages > 256)

finish("test_tagged")
