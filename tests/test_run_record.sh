#!/bin/sh
# test_run_record.sh: what an overnight run leaves for the auditor and the print room.
#   OUTDIR/run.json: valid JSON; pbdocs's version, the arguments, UTC start and end, counts that
#     match the manifest ("warned": cases produced with warnings); a sha256 per template, partial, council profile and calendar file that
#     matches the file, and one over all that `sha256sum ... | sort | sha256sum` reproduces; no
#     case data; rewritten by --resume, which keeps the first run's start
#   --quiet: stderr is the summary line alone
#   --print-stream in volumes of at most --print-volume sheets: FILE-001.pdf..., each a complete
#     PDF with its own cover (run date, counts per kind in the volume and the run, rejected,
#     sheets, pages); the volumes together hold exactly the letters of the one-volume stream;
#     run.json lists them; a bad --print-volume is a usage error
# Run from the project root; $PBDOCS is the binary, $PBDOCS_BUILD its build folder.
PBDOCS=${PBDOCS:-./pbdocs}
BUILD=${PBDOCS_BUILD:-build/release}
GEN=$BUILD/bench/gen_cases
passed=0; failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { what=$1; shift; if "$@"; then ok; else fail "$what"; fi; }

# ---- run.json and --quiet --------------------------------------------------------------------
f=fixtures/streams/mixed.xml
"$PBDOCS" batch "$f" -o "$tmp/out" --jobs 2 --quiet >"$tmp/out.txt" 2>"$tmp/err"; rc=$?
check "mixed stream: exit $rc, want 1" [ "$rc" -eq 1 ]
check "--quiet: stderr is the summary line alone" sh -c "[ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q '^batch: 4 produced, 2 rejected' '$tmp/err'"
check "--quiet: nothing on stdout" [ ! -s "$tmp/out.txt" ]
check "run.json written, mode 0640" sh -c "[ \"\$(stat -c %a '$tmp/out/run.json')\" = 640 ]"
version=$("$PBDOCS" --version | sed 's/^pbdocs //')
check "run.json: what it must say" /usr/bin/python3 - "$tmp/out/run.json" "$tmp/out/manifest.csv" "$version" "$f" "$tmp/out" <<'PY'
import csv, hashlib, json, os, re, sys
path, manifest, version, stream, outdir = sys.argv[1:]
r = json.load(open(path))
bad = []
def want(cond, what):
    if not cond: bad.append(what)
want(r["pbdocs_version"] == version, "version %r" % r["pbdocs_version"])
want(r["command"] == ["pbdocs", "batch", stream, "-o", outdir, "--jobs", "2", "--quiet"], "command %r" % r["command"])
iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
want(iso.match(r["started"]) and iso.match(r["ended"]) and r["started"] <= r["ended"], "times")
rows = list(csv.reader(open(manifest)))[1:]
want(r["produced"] == sum(1 for x in rows if x[2] == "ok"), "produced")
want(r["rejected"] == sum(1 for x in rows if x[2] == "rejected"), "rejected")
want(r["warned"] == len({x[0] for x in rows if x[2] == "ok" and x[-1]}), "warned")
want(r["resumed"] is False and r["exit_status"] == 1 and r["print_stream"] == [], "flags")
files = r["wording"]["files"]
names = [x["name"] for x in files]
want(names == sorted(names), "files in byte order")
want(all(n in names for n in ["refusal.mustache.md", "reduction.mustache.md", "repayment.mustache.md",
     "section-j.mustache.md", "partials/letter.mustache.md", "councils/bnes.xml",
     "calendar/england-and-wales.txt"]), "the wording files: %r" % names)
listing = ""
for x in files:
    data = open(x["path"], "rb").read()
    want(hashlib.sha256(data).hexdigest() == x["sha256"] and len(data) == x["bytes"], x["name"])
    listing += "%s  %s\n" % (x["sha256"], x["name"])
want(hashlib.sha256(listing.encode()).hexdigest() == r["wording"]["sha256"], "digest over all")
text = open(path, encoding="utf-8").read()
want(not any(w in text for w in ["Eira", "Vaughan", "BA1 5EX", "STREAM-0001"]), "case data in run.json")
if bad: print("run.json:", bad); sys.exit(1)
PY
# The digest over all, as an auditor makes it with coreutils in the templates folder.
want_all=$(cd templates && sha256sum calendar/england-and-wales.txt councils/*.xml partials/*.mustache.md *.mustache.md |
           LC_ALL=C sort -k2 | sha256sum | cut -d' ' -f1)
check "run.json: the digest over all is sha256sum's" grep -q "\"sha256\": \"$want_all\"" "$tmp/out/run.json"

# Cases produced with warnings are counted once each, whatever their letters.
"$PBDOCS" batch fixtures/warnings/parent-over-school-age.xml fixtures/cases/birmingham-all.xml \
    -o "$tmp/warned" --quiet >/dev/null 2>&1
check "run.json: warned counts the case produced with warnings" grep -q '^  "warned": 1,$' "$tmp/warned/run.json"
check "run.json: warned is 0 when no case has warnings" grep -q '^  "warned": 0,$' "$tmp/out/run.json"

started=$(sed -n 's/^  "started": "\(.*\)",$/\1/p' "$tmp/out/run.json")
sleep 1
"$PBDOCS" batch "$f" -o "$tmp/out" --jobs 2 --resume --quiet >/dev/null 2>&1
check "--resume: run.json says resumed" grep -q '"resumed": true' "$tmp/out/run.json"
check "--resume: the first run's start kept" grep -q "\"first_started\": \"$started\"" "$tmp/out/run.json"
check "--resume: a start of its own" sh -c "! grep -q '^  \"started\": \"$started\"' '$tmp/out/run.json'"

# ---- print stream volumes ------------------------------------------------------------------
"$GEN" 40 --seed 11 -o "$tmp/cases.xml"
export SOURCE_DATE_EPOCH=1796083200  # the covers' run date, fixed: 2026-12-01
"$PBDOCS" batch "$tmp/cases.xml" -o "$tmp/one" --print-stream "$tmp/one/print.pdf" --quiet 2>/dev/null; rc1=$?
"$PBDOCS" batch "$tmp/cases.xml" -o "$tmp/vol" --print-stream "$tmp/vol/print.pdf" --print-volume 12 --quiet 2>/dev/null; rc2=$?
check "print volumes: exit $rc1 and $rc2, the same" [ "$rc1" -eq "$rc2" ]
check "one volume: FILE.pdf" [ -s "$tmp/one/print.pdf" ]
check "one volume: no FILE-001.pdf" [ ! -e "$tmp/one/print-001.pdf" ]
check "12 sheets a volume: FILE-001.pdf and more" [ -s "$tmp/vol/print-001.pdf" -a -s "$tmp/vol/print-002.pdf" ]
check "12 sheets a volume: no FILE.pdf" [ ! -e "$tmp/vol/print.pdf" ]
check "print volumes: the covers and letters" /usr/bin/python3 - "$tmp" <<'PY'
import csv, glob, re, subprocess, sys
tmp = sys.argv[1]
bad = []
def pages(p):
    out = subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))
def text(p, first=None, last=None):
    args = ["pdftotext", "-layout"] + (["-f", str(first), "-l", str(last)] if first else []) + [p, "-"]
    return subprocess.run(args, capture_output=True, text=True).stdout
vols = sorted(glob.glob(tmp + "/vol/print-*.pdf"))
rows = list(csv.reader(open(tmp + "/vol/manifest.csv")))[1:]
letters = [x for x in rows if x[2] == "ok" and x[1] != "section-j"]
rejected = sum(1 for x in rows if x[2] == "rejected")
one = tmp + "/one/print.pdf"
total_letter_pages = 0
seen = 0
for i, v in enumerate(vols):
    n = pages(v)
    cover = text(v, 1, 1)
    m = re.search(r"(\d+) letters? on (\d+) sheets \((\d+) pages", cover)
    if not m: bad.append("cover of %s: %r" % (v, cover[:300])); continue
    count, sheets, npages = map(int, m.groups())
    if npages != n or sheets * 2 != n: bad.append("%s: cover says %d pages, %d sheets; has %d" % (v, npages, sheets, n))
    if sheets > 12 and count > 1: bad.append("%s: %d sheets" % (v, sheets))
    if "Run of 1 December 2026. Volume %d of %d." % (i + 1, len(vols)) not in " ".join(cover.split()):
        bad.append("%s: run date or volume number" % v)
    if not re.search(r"Rejected in the run: %d\b" % rejected, cover): bad.append("%s: rejected" % v)
    if not re.search(r"Total\s+%d\s+%d" % (count, len(letters)), cover): bad.append("%s: totals" % v)
    seen += count
    total_letter_pages += n - 2
if seen != len(letters): bad.append("letters in the volumes %d, produced %d" % (seen, len(letters)))
if total_letter_pages != pages(one) - 2: bad.append("letter pages %d vs one volume's %d" % (total_letter_pages, pages(one) - 2))
# The same letters in the same order: the one-volume stream's text after its cover, and the
# volumes' texts after theirs.
def body(p):
    return re.sub(r"\s+", " ", text(p, 3, pages(p)))
joined = " ".join(body(v) for v in vols)
if re.sub(r"\s+", " ", joined).strip() != body(one).strip(): bad.append("the letters differ from the one-volume stream's")
if bad: print("print volumes:", bad); sys.exit(1)
PY
check "run.json lists the volumes" sh -c "grep -q 'print-001.pdf' '$tmp/vol/run.json' && grep -q 'print-002.pdf' '$tmp/vol/run.json'"
"$PBDOCS" batch "$tmp/cases.xml" -o "$tmp/bad" --print-stream "$tmp/bad.pdf" --print-volume 1 >/dev/null 2>"$tmp/err"; rc=$?
check "--print-volume 1: usage error (exit $rc)" [ "$rc" -eq 2 ]
check "--print-volume 1: says why" grep -q -- '--print-volume takes a number of sheets' "$tmp/err"
unset SOURCE_DATE_EPOCH

echo "test_run_record: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
