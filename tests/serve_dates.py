#!/usr/bin/python3
# serve_dates.py PORT PBDOCS TMPDIR [TOKEN]: for every document of every fixture case that prints
# dates, GET /api/v1/dates with its council, issue date and sending, and check that each date
# the server gives is printed in the letter `pbdocs render` makes (pdftotext, spaces collapsed).
# Prints a line per missing date and the count; exit 1 when one is missing.
import glob, json, os, subprocess, sys, urllib.parse, urllib.request, xml.etree.ElementTree as ET
port, pb, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
hdr = {"Authorization": "Bearer " + sys.argv[4]} if len(sys.argv) > 4 else {}
def get(path):
    req = urllib.request.Request("http://127.0.0.1:%s%s" % (port, path), headers=hdr)
    return json.load(urllib.request.urlopen(req))
kinds = [k["name"] for k in get("/api/v1/schema")["kinds"]]
bad = checked = 0
for f in sorted(glob.glob("fixtures/cases/*.xml")):
    root = ET.parse(f).getroot()
    for el in root:
        if el.tag not in kinds:
            continue
        q = {"council": root.get("council"), "kind": el.tag, "issued": el.get("issued")}
        for a in ("sent-by", "sent-at", "consent-withdrawn-on"):
            if el.get(a): q[a] = el.get(a)
        if root.find("child/date-of-death") is not None:
            q["date-of-death"] = root.find("child/date-of-death").text.strip()
        d = get("/api/v1/dates?" + urllib.parse.urlencode(q))
        pdf = os.path.join(tmp, "d.pdf")
        subprocess.run([pb, "render", f, "--doc", el.tag, "-o", pdf], check=True, capture_output=True)
        text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split())
        for x in d["dates"]:
            checked += 1
            if x["text"] not in text:
                bad += 1
                print("%s %s: %s %s not in the letter" % (f, el.tag, x["name"], x["text"]))
print("%d dates checked, %d missing" % (checked, bad))
sys.exit(1 if bad else 0)
