#!/usr/bin/env python3
# Issue 20's figures against a release binary: peak RSS of hostile CSV imports, the 503 of a
# full work queue, /healthz latency while hostile and heavy previews run.
# Usage: cargo build --release && python3 benches/hostile.py target/release/hoinghi
import json, os, re, subprocess, sys, threading, time, urllib.request, statistics, http.client

BIN = sys.argv[1]
work = "/tmp/hoinghi-hostile-db"
os.makedirs(work, exist_ok=True)
for f in os.listdir(work):
    os.remove(os.path.join(work, f))
db = f"sqlite://{work}/h.sqlite"
subprocess.run([BIN, "--database-url", db, "demo", "--synthetic-recipients", "10000"], check=True, capture_output=True)
subprocess.run([BIN, "--database-url", db, "user", "add", "--email", "admin@kimson.gov.vn", "--admin"],
               input="mật khẩu đủ dài\nmật khẩu đủ dài\n", text=True, check=True, capture_output=True)
srv = subprocess.Popen([BIN, "--database-url", db, "serve", "--demo", "--bind", "127.0.0.1:18090"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
password = None
t0 = time.time()
while time.time() - t0 < 30:
    line = srv.stdout.readline()
    if "serving on" in line:
        password = "mật khẩu đủ dài"
    if password:
        try:
            urllib.request.urlopen("http://127.0.0.1:18090/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.2)
threading.Thread(target=lambda: [None for _ in srv.stdout], daemon=True).start()
pid = srv.pid

def rss():
    s = open(f"/proc/{pid}/status").read()
    return {k: int(re.search(k + r":\s+(\d+)", s).group(1)) // 1024 for k in ("VmRSS", "VmHWM")}

def req(method, path, body=None, headers=None, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", 18090, timeout=timeout)
    h = dict(headers or {})
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    return r.status, dict(r.getheaders()), data

st, h, b = req("POST", "/api/v1/auth/login", json.dumps({"email": "admin@kimson.gov.vn", "password": password}),
               {"Content-Type": "application/json"})
cookie = h["set-cookie"].split(";")[0]
st, h, b = req("POST", "/api/v1/auth/tokens", json.dumps({"name": "measure"}),
               {"Content-Type": "application/json", "Cookie": cookie, "Origin": "http://127.0.0.1:18090", "Host": "127.0.0.1:18090"})
token = json.loads(b)["secret"]
auth = {"Authorization": f"Bearer {token}"}
confs = json.loads(req("GET", "/api/v1/conferences?limit=10", headers=auth)[2])["items"]
demo = min(c["id"] for c in confs)
synthetic = max(c["id"] for c in confs)
print("demo", demo, "synthetic", synthetic, "start", rss())

def multipart(name, data):
    boundary = "----measure"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}", **auth}

# 1. CSVs
wide = "Nguyễn Văn A".encode() + b"," * 20_000_000
cells = ("a," * 99 + "a\n").encode() * 100_000   # 10M cells
for label, data in (("one row + 20M commas", wide), ("10M cells", cells)):
    results = []
    def one():
        body, hd = multipart("x.csv", data)
        t = time.time()
        st, _, b = req("POST", f"/api/v1/conferences/{demo}/attendees/import?dry_run=true", body, hd)
        results.append((st, round(time.time() - t, 2), json.loads(b).get("detail", "")[:90]))
    ts = [threading.Thread(target=one) for _ in range(4)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print(f"CSV {label} ×4 at once:", results, rss())

# 2. A full work queue: checks of the synthetic conference's 10,000 recipients at once.
layout = json.loads(req("GET", f"/api/v1/conferences/{synthetic}/layouts/giay_khen", headers=auth)[2])["layout"]
statuses = []
def check():
    st, hd, b = req("POST", f"/api/v1/conferences/{synthetic}/layouts/giay_khen/check",
                    json.dumps({"layout": layout}), {"Content-Type": "application/json", **auth})
    statuses.append((st, hd.get("retry-after"), json.loads(b).get("type", "")))
ts = [threading.Thread(target=check) for _ in range(6)]
[t.start() for t in ts]; [t.join() for t in ts]
print("6 checks of 10,000 recipients at once:", sorted(statuses, key=str), rss())

# 3. /healthz latency while four hostile previews run (as fast as they answer).
hostile = json.loads(json.dumps(layout))
for e in hostile["element"]:
    if e["name"] == "recipient":
        e.update({"box": [20, 71, 10, 14], "size": 22, "min_size": 22, "max_lines": 1099511627776})
endless = json.loads(json.dumps(layout)); endless["paper"] = "1e7x1e7"
for e in endless["element"]:
    if e["name"] == "recipient":
        e.update({"box": [0, 0, 10, 9e6], "size": 1e8, "min_size": 1e7})
def healthz_while(label, target, bodies):
    """/healthz latency for 8 s while 4 clients loop POSTs of `bodies` (one each, in turn)."""
    stop = threading.Event()
    answered = []
    def loop(body):
        while not stop.is_set():
            st, _, _ = req("POST", target, json.dumps(body), {"Content-Type": "application/json", **auth})
            answered.append(st)
    ts = [threading.Thread(target=loop, args=(bodies[i % len(bodies)],)) for i in range(4)]
    [t.start() for t in ts]
    lat = []
    t_end = time.time() + 8
    while time.time() < t_end:
        t = time.perf_counter()
        req("GET", "/healthz")
        lat.append((time.perf_counter() - t) * 1000)
        time.sleep(0.01)
    stop.set()
    [t.join() for t in ts]
    lat.sort()
    from collections import Counter
    print(f"/healthz while {label}: n={len(lat)} median={statistics.median(lat):.2f} ms "
          f"p99={lat[int(len(lat)*0.99)]:.2f} ms max={lat[-1]:.2f} ms; answers {dict(Counter(answered))}", rss())

healthz_while("4 hostile previews run", f"/api/v1/conferences/{demo}/layouts/giay_khen/preview",
              [{"layout": hostile}, {"layout": endless}])
lat = []
for _ in range(300):
    t = time.perf_counter(); req("GET", "/healthz"); lat.append((time.perf_counter() - t) * 1000); time.sleep(0.005)
lat.sort(); print(f"/healthz idle: median={statistics.median(lat):.2f} ms max={lat[-1]:.2f} ms")
healthz_while("4 clients loop checks of 10,000 recipients", f"/api/v1/conferences/{synthetic}/layouts/giay_khen/check", [{"layout": layout}])
healthz_while("4 clients loop previews", f"/api/v1/conferences/{synthetic}/layouts/giay_khen/preview", [{"layout": layout}])
srv.terminate()
