#!/usr/bin/python3
"""serve_clients.py: the raw-socket and concurrent clients tests/test_serve.sh needs where curl
cannot do it: a load of mixed requests, slow clients, a body refused before it is sent, and
requests around a graceful stop. Talks to 127.0.0.1 only; every wait is bounded. Prints
'name: ok' or 'name: FAIL ...' lines; exits 1 when something failed.

usage: serve_clients.py PORT TOKEN MODE [ARGS]
  load CLIENTS REQUESTS GOOD_SHA256   mixed requests, each answer checked
  slow CONNECTIONS SECONDS            slow clients while normal requests must stay prompt
  early413                            2 MiB declared, 1 KiB sent: 413 must come back unread
  inflight                            hold one upload open (for the 429 test), prints 'held'
  stop PID                            503 on an open connection after SIGTERM, in-flight finishes
"""
import http.client
import os
import signal
import socket
import sys
import threading
import time

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
TOKEN = sys.argv[2]
MODE = sys.argv[3]
FAILED = []


def fail(msg):
    FAILED.append(msg)
    print("FAIL:", msg, flush=True)


def headers(ctype="application/xml"):
    h = {"Content-Type": ctype}
    if TOKEN != "-":
        h["Authorization"] = "Bearer " + TOKEN
    return h


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cases():
    """(body, doc, expected status) for the load: good, rejected and hostile cases."""
    out = [(read("fixtures/cases/bnes-reduction.xml"), "reduction", 200),
           (read("fixtures/invalid/postcode-invalid.xml"), "reduction", 422),
           (read("fixtures/cases/bnes-reduction.xml"), "refusal", 422)]
    hostile = "fixtures/hostile"
    for name in sorted(os.listdir(hostile)):
        if name.endswith(".xml"):
            out.append((read(os.path.join(hostile, name)), "refusal", 200 if name == "good.xml" else 422))
    return out


def load(clients, requests, good_sha):
    mix = cases()
    counts = {}
    lock = threading.Lock()

    def client(k):
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        for i in range(requests):
            j = (k * 7 + i) % (len(mix) + 3)
            try:
                if j == len(mix):  # oversized: declared over 1 MiB, never sent
                    s = socket.create_connection((HOST, PORT), timeout=10)
                    s.sendall(b"POST /api/v1/render?doc=refusal HTTP/1.1\r\nHost: x\r\n"
                              b"Content-Type: application/xml\r\nContent-Length: 2000000\r\n" +
                              (b"Authorization: Bearer " + TOKEN.encode() + b"\r\n" if TOKEN != "-" else b"") +
                              b"\r\n<case>")
                    got = s.recv(200).split(b" ")[1].decode()
                    s.close()
                    want = "413"
                elif j == len(mix) + 1:  # wrong content type
                    conn.request("POST", "/api/v1/validate", b"<case/>", headers("text/plain"))
                    r = conn.getresponse(); r.read(); got = str(r.status); want = "415"
                    conn.close()
                elif j == len(mix) + 2:  # no token (or, without tokens, a validate)
                    conn.request("POST", "/api/v1/validate", mix[0][0], {"Content-Type": "application/xml"})
                    r = conn.getresponse(); r.read(); got = str(r.status)
                    want = "401" if TOKEN != "-" else "200"
                    conn.close()
                else:
                    body, doc, status = mix[j]
                    conn.request("POST", "/api/v1/render?doc=" + doc, body, headers())
                    r = conn.getresponse(); data = r.read(); got = str(r.status); want = str(status)
                    if r.status == 200 and j == 0 and r.getheader("X-Pbdocs-Sha256") != good_sha:
                        got = "200 with other bytes"
                    if r.status != 200 or r.getheader("Connection") == "close":
                        conn.close()
            except (OSError, http.client.HTTPException, IndexError) as e:
                got, want = "error %r" % e, "answer"
                conn.close()
                conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            with lock:
                counts[got == want] = counts.get(got == want, 0) + 1
                if got != want and counts[False] <= 5:
                    fail("load: case %d: got %s, want %s" % (j, got, want))
        conn.close()

    t0 = time.time()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    n = counts.get(True, 0)
    print("load: %d of %d answers right in %.1f s" % (n, clients * requests, time.time() - t0))
    if n != clients * requests:
        fail("load: %d wrong answers" % (clients * requests - n))


def slow(connections, seconds):
    socks = []
    for _ in range(connections):
        s = socket.create_connection((HOST, PORT), timeout=5)
        socks.append(s)
    request = b"POST /api/v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
    worst = 0.0
    t_end = time.time() + seconds
    i = 0
    while time.time() < t_end:
        for s in socks:  # one byte a second each
            try:
                s.send(request[i % len(request):i % len(request) + 1])
            except OSError:
                pass
        i += 1
        for _ in range(4):  # normal requests meanwhile
            t0 = time.time()
            conn = http.client.HTTPConnection(HOST, PORT, timeout=5)
            conn.request("GET", "/api/v1/councils", headers=headers())
            r = conn.getresponse(); r.read(); conn.close()
            worst = max(worst, time.time() - t0)
            if r.status != 200:
                fail("slow: a normal request got %d" % r.status)
        time.sleep(max(0.0, 1.0 - 4 * 0.01))
    for s in socks:
        s.close()
    print("slow: %d slow connections for %d s; slowest normal request %.0f ms" %
          (connections, seconds, worst * 1000))
    if worst > 1.0:
        fail("slow: a normal request took %.2f s" % worst)


def early413():
    s = socket.create_connection((HOST, PORT), timeout=3)
    auth = (b"Authorization: Bearer " + TOKEN.encode() + b"\r\n") if TOKEN != "-" else b""
    s.sendall(b"POST /api/v1/render?doc=reduction HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/xml\r\nContent-Length: 2097152\r\n" + auth + b"\r\n" +
              b"<" * 1024)
    t0 = time.time()
    try:
        line = s.recv(100).split(b"\r\n")[0].decode()
    except OSError as e:
        line = "error %r" % e
    print("early413: %r after %.0f ms" % (line, (time.time() - t0) * 1000))
    if not line.startswith("HTTP/1.1 413"):
        fail("early413: got %r" % line)


def start_upload():
    """A render request whose body is not finished: in flight until completed."""
    s = socket.create_connection((HOST, PORT), timeout=10)
    body = read("fixtures/cases/bnes-reduction.xml")
    auth = (b"Authorization: Bearer " + TOKEN.encode() + b"\r\n") if TOKEN != "-" else b""
    s.sendall(b"POST /api/v1/render?doc=reduction HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/xml\r\nContent-Length: %d\r\n" % len(body) + auth +
              b"\r\n" + body[:100])
    return s, body


def status_of(s):
    data = b""
    while b"\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.split(b" ")[1].decode() if b" " in data else "no answer"


def inflight():
    s, body = start_upload()
    print("held", flush=True)
    sys.stdin.readline()  # until the shell says
    s.sendall(body[100:])
    print("inflight: held request got", status_of(s))


def stop(pid):
    a, body = start_upload()
    b = socket.create_connection((HOST, PORT), timeout=10)  # open, idle
    time.sleep(0.3)
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.3)
    b.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    got = status_of(b)
    print("stop: a new request on an open connection after SIGTERM got", got)
    if got != "503":
        fail("stop: want 503, got %s" % got)
    a.sendall(body[100:])
    got = status_of(a)
    print("stop: the request in flight at SIGTERM got", got)
    if got != "200":
        fail("stop: in-flight request got %s" % got)


if MODE == "load":
    load(int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
elif MODE == "slow":
    slow(int(sys.argv[4]), int(sys.argv[5]))
elif MODE == "early413":
    early413()
elif MODE == "inflight":
    inflight()
elif MODE == "stop":
    stop(int(sys.argv[4]))
sys.exit(1 if FAILED else 0)
