#!/bin/sh
# pbdocs serve over loopback: every route and status of the API, tokens and sessions, the audit
# log, /metrics, the render bytes against `pbdocs render`, a load of mixed and hostile requests
# (RSS afterwards), slow clients, a body refused unread, the in-flight limit, and a graceful
# stop. Servers listen on 127.0.0.1 port 0 (the kernel picks a free port, read from the start
# line); every wait is bounded and every server is killed on exit.
PB=${PBDOCS:-./pbdocs}
tmp=$(mktemp -d)
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
passed=0; failed=0
check() { what=$1; shift; if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi; }
PY=/usr/bin/python3
case ${PBDOCS_BUILD:-} in *san*) load_n=50 ;; *) load_n=200 ;; esac

# start NAME ARGS...: starts a server, sets $port and $pid (waits up to 10 s for its start line).
start() {
  name=$1; shift
  : >"$tmp/$name.err"  # there before the loop below reads it
  "$PB" serve --listen 127.0.0.1:0 "$@" 2>"$tmp/$name.err" &
  pid=$!; pids="$pids $pid"; port=
  i=0
  while [ $i -lt 100 ] && [ -z "$port" ]; do
    port=$(sed -n 's/^pbdocs serve: listening on https*:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/$name.err")
    [ -n "$port" ] || sleep 0.1; i=$((i + 1))
  done
  [ -n "$port" ] || { echo "FAIL: $name did not start"; cat "$tmp/$name.err"; exit 1; }
}
# stop_wait PID: SIGTERM, then up to 10 s for it to end; sets rc to its exit status.
stop_wait() {
  kill -TERM "$1" 2>/dev/null
  i=0; while [ $i -lt 100 ] && kill -0 "$1" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
  wait "$1"; rc=$?
}
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# Tokens: printed once, only the hash kept, a repeated name refused.
tok=$("$PB" token add casesys --tokens "$tmp/tokens" 2>/dev/null)
check "token add: 64 hex digits" sh -c "echo '$tok' | grep -qxE '[0-9a-f]{64}'"
check "token add: file mode 600" [ "$(stat -c %a "$tmp/tokens")" = 600 ]
check "token add: only the hash kept" sh -c "grep -qx \"casesys:\$(printf %s '$tok' | sha256sum | cut -d' ' -f1)\" '$tmp/tokens' && ! grep -q '$tok' '$tmp/tokens'"
"$PB" token add casesys --tokens "$tmp/tokens" >/dev/null 2>&1; rc=$?
check "token add: a repeated name refused (exit 2, got $rc)" [ "$rc" -eq 2 ]
tok2=$("$PB" token add officer.one --tokens "$tmp/tokens" 2>/dev/null)

# Refused starts: a public address without TLS or a proxy, or without tokens.
"$PB" serve --listen 0.0.0.0:0 2>"$tmp/err"; rc=$?
check "non-loopback without TLS: exit 2" [ "$rc" -eq 2 ]
check "non-loopback without TLS: says why" grep -q 'not a loopback address' "$tmp/err"
"$PB" serve --listen 0.0.0.0:0 --behind-proxy 2>"$tmp/err"; rc=$?
check "behind a proxy without tokens: refused" sh -c "[ $rc -eq 2 ] && grep -q 'only on loopback' '$tmp/err'"
"$PB" serve --tokens "$tmp/missing" --listen 127.0.0.1:0 2>"$tmp/err"; rc=$?
check "missing tokens file: exit 2" [ "$rc" -eq 2 ]

start main --tokens "$tmp/tokens" --audit "$tmp/audit.log" --threads 2
main=$pid; url="http://127.0.0.1:$port"
A="Authorization: Bearer $tok"; X="Content-Type: application/xml"
code() { curl -s -o "$tmp/body" -D "$tmp/head" -w '%{http_code}' --max-time 10 "$@"; }

check "GET /healthz: 200, no token" [ "$(code "$url/healthz")" = 200 ]
check "GET / : 200 (the officers' page)" [ "$(code "$url/")" = 200 ]
check "GET /: a content security policy" grep -qi '^Content-Security-Policy:' "$tmp/head"
check "GET /static/app.js: 200" [ "$(code "$url/static/app.js")" = 200 ]
check "GET /static/nope.js: 404" [ "$(code "$url/static/nope.js")" = 404 ]
check "GET /nowhere: 404" [ "$(code "$url/nowhere")" = 404 ]
check "GET /api/v1/render: 405" [ "$(code "$url/api/v1/render?doc=reduction")" = 405 ]
check "405 says Allow: POST" grep -qi '^Allow: POST' "$tmp/head"
check "no token: 401" [ "$(code "$url/api/v1/councils")" = 401 ]
check "401 says WWW-Authenticate: Bearer" grep -qi '^WWW-Authenticate: Bearer' "$tmp/head"
case $tok in *0) wrong=${tok%?}1 ;; *) wrong=${tok%?}0 ;; esac  # differs in its last character
check "wrong token: 401" [ "$(code -H "Authorization: Bearer $wrong" "$url/api/v1/councils")" = 401 ]
check "councils: 200" [ "$(code -H "$A" "$url/api/v1/councils")" = 200 ]
check "councils: ids and names" grep -q '"id": "bnes", "name": "Bath and North East Somerset Council"' "$tmp/body"
check "second token works too" [ "$(code -H "Authorization: Bearer $tok2" "$url/api/v1/councils")" = 200 ]
check "fields?doc=reduction: 200" [ "$(code -H "$A" "$url/api/v1/fields?doc=reduction")" = 200 ]
check "fields: the catalogue" grep -q '"name": "reduction.notice_date"\|"name": "child' "$tmp/body"
check "fields without doc: 400" [ "$(code -H "$A" "$url/api/v1/fields")" = 400 ]

# The form's schema: every kind with its fields and closed lists, from the case format.
check "schema: no token, 401" [ "$(code "$url/api/v1/schema")" = 401 ]
check "schema: 200" [ "$(code -H "$A" "$url/api/v1/schema")" = 200 ]
check "schema: every kind pbdocs knows, each field with a label and an input" $PY -c 'import json,sys
d = json.load(open(sys.argv[1])); names = [k["name"] for k in d["kinds"]]
assert {"refusal", "reduction", "repayment", "section-j"} <= set(names), names
for k in d["kinds"]:
    for f in k["fields"]:
        assert f["label"] and f["input"], f
        assert f["path"].startswith(k["name"] + "/"), f' "$tmp/body"
check "schema: refusal grounds with the scope each fits" $PY -c 'import json,sys
k = [k for k in json.load(open(sys.argv[1]))["kinds"] if k["name"] == "refusal"][0]
g = [f for f in k["fields"] if f["path"] == "refusal/ground"][0]
assert g["input"] == "checkboxes" and len(g["values"]) == 14
w = {v["value"]: v["when"]["is"] for v in g["values"]}
assert w["not-in-plan"] == ["personal-budget"] and w["r6-appropriate-use"] == ["direct-payment"], w' "$tmp/body"
check "schema: reduction plan, its date or cost reason when each applies" $PY -c 'import json,sys
k = [k for k in json.load(open(sys.argv[1]))["kinds"] if k["name"] == "reduction"][0]
f = {x["path"]: x for x in k["fields"]}
assert [v["value"] for v in f["reduction/@plan"]["values"]] == ["unchanged", "amended"]
assert f["reduction/@amended-plan"]["when"] == {"field": "reduction/@plan", "is": ["amended"]}
assert f["reduction/cost-reason"]["when"]["is"] == ["unchanged"]
assert f["reduction/change"]["input"] == "rows" and f["reduction/@sent-at"]["input"] == "time"' "$tmp/body"
check "schema: repayment paid, spent and the offence ground" grep -q '"path": "repayment/@spent"' "$tmp/body"
check "schema: relationships, streams, payment frequencies" $PY -c 'import json,sys
l = json.load(open(sys.argv[1]))["lists"]
assert "nominee" in [v["value"] for v in l["recipient/@relationship"]]
assert [v["value"] for v in l["copy-to/@relationship"]] == ["parent", "young-person"]
assert "four-weekly" in [v["value"] for v in l["item/@paid"]]' "$tmp/body"
check "schema: the offence ground" grep -q '"value": "offence"' "$tmp/body"

# The dates a letter will print, by the letters' own rules (working days, holidays, 16:30).
D="$url/api/v1/dates"
check "dates: no token, 401" [ "$(code "$D?council=bnes&kind=reduction&issued=2026-11-23")" = 401 ]
check "dates: 200" [ "$(code -H "$A" "$D?council=bnes&kind=reduction&issued=2026-11-23")" = 200 ]
check "dates: 28 working days" grep -q '"notice": "28 working days"' "$tmp/body"
check "dates: ... over Christmas, effective Friday 8 January 2027" grep -q '"effective_date", "label": "The new amounts take effect", "date": "2027-01-08", "text": "Friday 8 January 2027"' "$tmp/body"
code -H "$A" "$D?council=bnes&kind=refusal&issued=2026-11-23&sent-by=email&sent-at=16:30" >/dev/null
check "dates: email at 16:30 is received the next working day" grep -q '"deemed_receipt", "label": "Treated as received", "date": "2026-11-24"' "$tmp/body"
code -H "$A" "$D?council=example&kind=repayment&issued=2027-03-29&date-of-death=2027-01-10" >/dev/null
check "dates: a repayment after a death gives no date to pay by" grep -q '"dates": \[$' "$tmp/body" && ! grep -q due_date "$tmp/body"
check "dates: without council, 400" [ "$(code -H "$A" "$D?kind=reduction&issued=2026-11-23")" = 400 ]
check "dates: unknown council, 400" [ "$(code -H "$A" "$D?council=nowhere&kind=reduction&issued=2026-11-23")" = 400 ]
check "dates: unknown kind, 400" [ "$(code -H "$A" "$D?council=bnes&kind=letter&issued=2026-11-23")" = 400 ]
check "dates: a date that does not exist, 400" [ "$(code -H "$A" "$D?council=bnes&kind=reduction&issued=2026-02-30")" = 400 ]
check "dates: sent-by pigeon, 400" [ "$(code -H "$A" "$D?council=bnes&kind=reduction&issued=2026-11-23&sent-by=pigeon")" = 400 ]
check "dates: sent-at 25:00, 400" [ "$(code -H "$A" "$D?council=bnes&kind=reduction&issued=2026-11-23&sent-by=hand&sent-at=25:00")" = 400 ]
check "dates: every date given is printed in the fixtures' letters" $PY tests/serve_dates.py "$port" "$PB" "$tmp" "$tok"
check "authoring routes: 404 without --authoring" [ "$(code -H "$A" "$url/api/v1/authoring/files")" = 404 ] && [ "$(code "$url/authoring")" = 404 ]

good=fixtures/cases/bnes-reduction.xml
"$PB" render "$good" --doc reduction -o "$tmp/cli.pdf" >/dev/null
check "render: 200" [ "$(code -H "$A" -H "$X" --data-binary @"$good" "$url/api/v1/render?doc=reduction")" = 200 ]
check "render: the same bytes as pbdocs render" cmp -s "$tmp/body" "$tmp/cli.pdf"
check "render: application/pdf" grep -qi '^Content-Type: application/pdf' "$tmp/head"
check "render: Content-Disposition names case and kind" grep -qi '^Content-Disposition: attachment; filename="BNES-2026-0142-reduction.pdf"' "$tmp/head"
check "render: X-Pbdocs-Sha256 is the digest" grep -qi "^X-Pbdocs-Sha256: $(sha256sum "$tmp/cli.pdf" | cut -d' ' -f1)" "$tmp/head"
good_sha=$(sha256sum "$tmp/cli.pdf" | cut -d' ' -f1)
"$PB" render "$good" --doc reduction --large-print -o "$tmp/cli-large.pdf" >/dev/null
code -H "$A" -H "$X" --data-binary @"$good" "$url/api/v1/render?doc=reduction&large-print=1" >/dev/null
check "render large print: the same bytes as --large-print" cmp -s "$tmp/body" "$tmp/cli-large.pdf"
check "render without doc: 400" [ "$(code -H "$A" -H "$X" --data-binary @"$good" "$url/api/v1/render")" = 400 ]
check "render doc=letter: 400" [ "$(code -H "$A" -H "$X" --data-binary @"$good" "$url/api/v1/render?doc=letter")" = 400 ]
check "render text/plain: 415" [ "$(code -H "$A" -H "Content-Type: text/plain" --data-binary @"$good" "$url/api/v1/render?doc=reduction")" = 415 ]
check "render from another site (Origin): 403" [ "$(code -H "$A" -H "$X" -H "Origin: http://evil.example" --data-binary @"$good" "$url/api/v1/render?doc=reduction")" = 403 ]
check "render from this site (Origin): 200" [ "$(code -H "$A" -H "$X" -H "Origin: $url" --data-binary @"$good" "$url/api/v1/render?doc=reduction")" = 200 ]
head -c 1100000 /dev/zero | tr '\0' ' ' >"$tmp/big.xml"
check "render 1.1 MB: 413" [ "$(code -H "$A" -H "$X" --data-binary @"$tmp/big.xml" "$url/api/v1/render?doc=reduction")" = 413 ]
check "render 1.1 MB chunked: 413" [ "$(code -H "$A" -H "$X" -H "Transfer-Encoding: chunked" --data-binary @"$tmp/big.xml" "$url/api/v1/render?doc=reduction")" = 413 ]
check "413 before the body is read" $PY tests/serve_clients.py "$port" "$tok" early413

# 422: the same problems, in the same words, as the command line.
bad=fixtures/invalid/postcode-invalid.xml
check "render a rejected case: 422" [ "$(code -H "$A" -H "$X" --data-binary @"$bad" "$url/api/v1/render?doc=reduction")" = 422 ]
"$PB" render "$bad" -o "$tmp/x" 2>&1 >/dev/null | sed "s|^$bad:||" >"$tmp/cli.txt"
$PY -c 'import json,sys
for p in json.load(open(sys.argv[1]))["problems"]:
    print("%d: case %s: %s%s" % (p["line"], p["case"], p["field"] + ": " if p["field"] else "", p["message"]))' "$tmp/body" >"$tmp/api.txt"
check "422: the words pbdocs render prints" cmp -s "$tmp/cli.txt" "$tmp/api.txt"
check "render a kind the case does not ask for: 422" [ "$(code -H "$A" -H "$X" --data-binary @"$good" "$url/api/v1/render?doc=refusal")" = 422 ]
check "... in render's words" grep -q '"message": "does not ask for a refusal document"' "$tmp/body"
check "validate a good case: 200 ok" sh -c "[ \"\$(curl -s -H '$A' -H '$X' --data-binary @$good $url/api/v1/validate)\" = '{\"ok\": true}' ]"
check "validate a bad case: 422" [ "$(code -H "$A" -H "$X" --data-binary @"$bad" "$url/api/v1/validate")" = 422 ]
"$PB" validate "$bad" 2>&1 >/dev/null | sed "s|^$bad:||" >"$tmp/cli.txt"
$PY -c 'import json,sys
for p in json.load(open(sys.argv[1]))["problems"]:
    print("%d: case %s: %s%s" % (p["line"], p["case"], p["field"] + ": " if p["field"] else "", p["message"]))' "$tmp/body" >"$tmp/api.txt"
check "validate 422: the words pbdocs validate prints" cmp -s "$tmp/cli.txt" "$tmp/api.txt"
for f in fixtures/hostile/*.xml fixtures/invalid/xxe.xml fixtures/invalid/billion-laughs.xml; do
  want=422; [ "$f" = fixtures/hostile/good.xml ] && want=200
  check "hostile $(basename "$f"): $want" [ "$(code -H "$A" -H "$X" --data-binary @"$f" "$url/api/v1/render?doc=refusal")" = $want ]
done

# Sessions for the page: the token once, then an HttpOnly SameSite=Strict cookie.
check "sign in: 303" [ "$(code -d "token=$tok" "$url/session")" = 303 ]
check "sign in: HttpOnly, SameSite=Strict cookie" grep -qi '^Set-Cookie: pbdocs_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' "$tmp/head"
cookie=$(sed -n 's/^Set-Cookie: \(pbdocs_session=[0-9a-f]*\);.*/\1/pi' "$tmp/head")
check "the session cookie opens the API" [ "$(code -H "Cookie: $cookie" "$url/api/v1/councils")" = 200 ]
check "a made-up session: 401" [ "$(code -H "Cookie: pbdocs_session=$(printf '%064d' 0)" "$url/api/v1/councils")" = 401 ]
check "sign in with a wrong token: 401" [ "$(code -d "token=nope" "$url/session")" = 401 ]
check "sign in from another site: 403" [ "$(code -H "Origin: http://evil.example" -d "token=$tok" "$url/session")" = 403 ]

# Metrics and the audit log.
check "metrics: 200" [ "$(code "$url/metrics")" = 200 ]
check "metrics: requests by route and status" grep -q '^pbdocs_requests_total{route="/api/v1/render",status="200"} [0-9]' "$tmp/body"
check "metrics: render latency histogram" grep -q '^pbdocs_render_seconds_bucket{le="+Inf"} [0-9]' "$tmp/body"
check "metrics: in flight" grep -q '^pbdocs_requests_in_flight 0$' "$tmp/body"
check "audit: one JSON line per request" $PY -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/audit.log"
check "audit: a render with token name, case id, kind, status, sha256" grep -q "\"token\": \"casesys\", \"remote\": \"127.0.0.1\", \"route\": \"/api/v1/render\", \"case\": \"BNES-2026-0142\", \"kind\": \"reduction\", \"status\": 200, \"sha256\": \"$good_sha\"" "$tmp/audit.log"
check "audit: no names, addresses or amounts" sh -c "! grep -qiE 'Łukasiewicz|Widcombe|BA2 4JT|1200|Hostilewska|EX7 9QQ|$tok' '$tmp/audit.log'"

# Load: 16 clients x N requests (good, rejected, oversized, hostile), then the server's RSS.
$PY tests/serve_clients.py "$port" "$tok" load 4 20 "$good_sha" >/dev/null  # warm up
before=$(rss "$main")
check "load: 16 clients x $load_n requests, every answer right" $PY tests/serve_clients.py "$port" "$tok" load 16 "$load_n" "$good_sha"
after=$(rss "$main")
echo "load: RSS before $before KB, after $after KB"
check "load: server alive" [ "$(code "$url/healthz")" = 200 ]
case ${PBDOCS_BUILD:-} in
  *san*) ;;  # ASan keeps freed memory in quarantine: RSS says nothing there (LSan checks leaks)
  *) check "load: RSS within 8 MB of before ($before -> $after KB)" [ $((after - before)) -lt 8192 ] ;;
esac

# Slow clients: 40 connections dribbling a byte a second; normal requests stay prompt.
check "slow clients: normal requests answered promptly" $PY tests/serve_clients.py "$port" "$tok" slow 40 6
check "slow clients: server alive" [ "$(code "$url/healthz")" = 200 ]

stop_wait "$main"
check "SIGTERM: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "SIGTERM: says stopped" grep -q 'pbdocs serve: stopped' "$tmp/main.err"

# 429: more requests in flight than allowed.
start limit --max-in-flight 1
mkfifo "$tmp/go"
$PY tests/serve_clients.py "$port" - inflight <"$tmp/go" >"$tmp/held" &
holder=$!; exec 3>"$tmp/go"
i=0; while [ $i -lt 50 ] && ! grep -q held "$tmp/held"; do sleep 0.1; i=$((i + 1)); done
check "over the in-flight limit: 429" [ "$(code -H "$X" --data-binary @"$good" "http://127.0.0.1:$port/api/v1/validate")" = 429 ]
check "429 says Retry-After" grep -qi '^Retry-After: 1' "$tmp/head"
echo >&3; exec 3>&-
wait "$holder"
check "the held request then finishes: 200" grep -q 'got 200' "$tmp/held"
check "health is not limited" [ "$(code "http://127.0.0.1:$port/healthz")" = 200 ]

# Graceful stop: 503 on an open connection after SIGTERM, the request in flight finishes.
check "SIGTERM: 503 to new requests, in-flight finishes" $PY tests/serve_clients.py "$port" - stop "$pid"
i=0; while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
wait "$pid"; rc=$?
check "SIGTERM with requests in flight: exit 0 (got $rc)" [ "$rc" -eq 0 ]

# --authoring: the template authors' page on a copy of the templates and cases.
cp -r templates "$tmp/tpl"; mkdir "$tmp/cases"; cp fixtures/cases/bnes-reduction.xml fixtures/cases/bnes-all.xml "$tmp/cases/"
start authoring --authoring --templates "$tmp/tpl" --cases "$tmp/cases" --tokens "$tmp/tokens" --audit "$tmp/authoring.log"
au="http://127.0.0.1:$port"
check "authoring: says so at start" grep -q "template authors' page on http://127.0.0.1:$port/authoring" "$tmp/authoring.err"
check "authoring: GET /authoring 200" [ "$(code "$au/authoring")" = 200 ]
check "authoring: the API needs the token (401)" [ "$(code "$au/api/v1/authoring/files")" = 401 ]
check "authoring: files 200" [ "$(code -H "$A" "$au/api/v1/authoring/files")" = 200 ]
check "authoring: templates with kinds, partials, cases with the kinds they ask for" $PY -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert {"name": "reduction.mustache.md", "kind": "reduction"} in d["templates"], d["templates"]
assert "letter.mustache.md" in d["partials"]
assert {"name": "bnes-reduction.xml", "ok": True, "kinds": ["reduction"]} in d["cases"], d["cases"]
assert len(d["version"]) == 16' "$tmp/body"
P="$au/api/v1/authoring/preview?template=reduction.mustache.md&case=bnes-reduction.xml"
check "authoring: preview 200" [ "$(code -H "$A" "$P")" = 200 ]
"$PB" render fixtures/cases/bnes-reduction.xml --doc reduction -o "$tmp/cli.pdf" >/dev/null
check "authoring: preview of an unchanged template is what pbdocs render makes" cmp -s "$tmp/body" "$tmp/cli.pdf"
check "authoring: a name with a folder, 400" [ "$(code -H "$A" "$au/api/v1/authoring/preview?template=../reduction.mustache.md&case=bnes-reduction.xml")" = 400 ]
check "authoring: a case that does not ask for the kind, 422" [ "$(code -H "$A" "$au/api/v1/authoring/preview?template=refusal.mustache.md&case=bnes-reduction.xml")" = 422 ]
check "authoring: lint ok" sh -c "[ \"\$(curl -s -H '$A' '$au/api/v1/authoring/lint')\" = '{\"ok\": true, \"findings\": []}' ]"
# The change counter moves on a save of each kind of file the letter reads.
ver() { curl -s -H "$A" "$au/api/v1/authoring/version"; }
for f in tpl/reduction.mustache.md tpl/partials/letter.mustache.md tpl/councils/bnes.xml tpl/calendar/england-and-wales.txt cases/bnes-reduction.xml; do
  v0=$(ver); printf '\n' >>"$tmp/$f"; v1=$(ver)
  check "authoring: version changes when $f is saved" [ -n "$v0" ] && [ "$v0" != "$v1" ]
done
check "authoring: the same version while nothing is saved" [ "$(ver)" = "$(ver)" ]
printf '{{no_such_field}}\n' >>"$tmp/tpl/reduction.mustache.md"
check "authoring: a broken template, preview 422" [ "$(code -H "$A" "$P")" = 422 ]
check "authoring: ... the problem names the template's file, line and column" grep -q '"file": "'"$tmp"'/tpl/reduction.mustache.md", "col": 1, "message": "no value for .no_such_field' "$tmp/body"
code -H "$A" "$au/api/v1/authoring/lint" >/dev/null
check "authoring: lint findings as FILE:LINE:COL" grep -q "\"$tmp/tpl/reduction.mustache.md:[0-9]*:1: unknown field 'no_such_field' for reduction documents\"" "$tmp/body"
stop_wait "$pid"
check "authoring: exit 0 (got $rc)" [ "$rc" -eq 0 ]

# HTTPS (--tls-cert, --tls-key): a self-signed certificate made here; curl trusts it as the CA.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1
check "TLS: a test certificate" [ -s "$tmp/cert.pem" ]
"$PB" serve --listen 127.0.0.1:0 --tls-cert "$tmp/cert.pem" 2>"$tmp/err"; rc=$?
check "TLS: --tls-cert without --tls-key refused (exit 2)" sh -c "[ $rc -eq 2 ] && grep -q 'go together' '$tmp/err'"
"$PB" serve --listen 127.0.0.1:0 --tls-cert "$tmp/none.pem" --tls-key "$tmp/key.pem" 2>"$tmp/err"; rc=$?
check "TLS: a missing certificate file refused (exit 2)" sh -c "[ $rc -eq 2 ] && grep -q 'none.pem' '$tmp/err'"
start tls --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" --tokens "$tmp/tokens" --audit /dev/null
check "TLS: says https at start" grep -q "listening on https://127.0.0.1:$port/" "$tmp/tls.err"
T="https://127.0.0.1:$port"
check "TLS: GET /healthz over HTTPS: 200" [ "$(code --cacert "$tmp/cert.pem" "$T/healthz")" = 200 ]
check "TLS: plain HTTP to the TLS port gets no answer" sh -c "! curl -s --max-time 5 -o /dev/null http://127.0.0.1:$port/healthz"
check "TLS: render over HTTPS: 200" [ "$(code --cacert "$tmp/cert.pem" -H "$A" -H "$X" --data-binary @fixtures/cases/bnes-reduction.xml "$T/api/v1/render?doc=reduction")" = 200 ]
check "TLS: ... the same bytes as pbdocs render" cmp -s "$tmp/body" "$tmp/cli.pdf"
check "TLS: sign in sets a Secure cookie" sh -c "[ \"\$(curl -s -o /dev/null -D - --cacert '$tmp/cert.pem' -d 'token=$tok' '$T/session' | grep -ci '^Set-Cookie: pbdocs_session=.*; Secure')\" = 1 ]"
stop_wait "$pid"
check "TLS: exit 0 (got $rc)" [ "$rc" -eq 0 ]
"$PB" serve --listen 0.0.0.0:0 --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" 2>"$tmp/err" & p=$!
sleep 0.5; kill -TERM "$p" 2>/dev/null; wait "$p"; rc=$?
check "TLS: a non-loopback address is allowed with TLS and tokens only (exit 2 without --tokens)" sh -c "[ $rc -eq 2 ] && grep -q 'only on loopback' '$tmp/err'"

# The load once more under ThreadSanitizer (build/tsan/pbdocs, which make test builds).
case ${PBDOCS_BUILD:-} in *san*) ;; *)
  if [ -x build/tsan/pbdocs ]; then
    release=$PB; PB=build/tsan/pbdocs
    start tsan --threads 4 --audit /dev/null
    PB=$release
    check "TSan: 16 clients x 25 mixed requests" $PY tests/serve_clients.py "$port" - load 16 25 "$good_sha"
    stop_wait "$pid"
    check "TSan: exit 0 (got $rc)" [ "$rc" -eq 0 ]
  else
    echo "FAIL: build/tsan/pbdocs is missing (make test builds it)"; failed=$((failed + 1))
  fi ;;
esac

for f in "$tmp"/*.err; do
  check "$(basename "$f" .err): no sanitizer report" sh -c "! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error|WARNING: ThreadSanitizer' '$f'"
done

echo "test_serve: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
