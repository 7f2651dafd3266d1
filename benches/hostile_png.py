#!/usr/bin/env python3
# Peak RSS of uploading a 16-bit 40-megapixel PNG scan (308 KB), one and four at once.
# Usage: cargo build --release && python3 benches/hostile_png.py target/release/hoinghi
import struct, zlib, os
def scan16(path):
    w, h = 6000, 6600
    row = b"\x00" + b"\x00" * (w * 8)
    z = zlib.compressobj(9)
    data = b"".join(z.compress(row) for _ in range(h)) + z.flush()
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
os.makedirs("/tmp/hoinghi-hostile-png", exist_ok=True)
scan16("/tmp/hoinghi-hostile-png/scan16.png")
import json, os, re, subprocess, sys, threading, time, urllib.request, http.client
BIN = sys.argv[1]
work = "/tmp/hoinghi-hostile-png/db"; os.makedirs(work, exist_ok=True)
for f in os.listdir(work): os.remove(os.path.join(work, f))
db = f"sqlite://{work}/h.sqlite"
subprocess.run([BIN, "--database-url", db, "user", "add", "--email", "admin@kimson.gov.vn", "--admin"], input="mật khẩu đủ dài\n", text=True, check=True, capture_output=True)
srv = subprocess.Popen([BIN, "--database-url", db, "serve", "--demo", "--bind", "127.0.0.1:18091"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    try: urllib.request.urlopen("http://127.0.0.1:18091/healthz", timeout=1); break
    except Exception: time.sleep(0.2)
def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", 18091, timeout=120); c.request(method, path, body=body, headers=headers or {}); r = c.getresponse(); return r.status, dict(r.getheaders()), r.read()
st, h, b = req("POST", "/api/v1/auth/login", json.dumps({"email": "admin@kimson.gov.vn", "password": "mật khẩu đủ dài"}), {"Content-Type": "application/json"})
cookie = h["set-cookie"].split(";")[0]
st, h, b = req("POST", "/api/v1/auth/tokens", json.dumps({"name": "m"}), {"Content-Type": "application/json", "Cookie": cookie, "Origin": "http://127.0.0.1:18091", "Host": "127.0.0.1:18091"})
auth = {"Authorization": "Bearer " + json.loads(b)["secret"]}
def rss():
    s = open(f"/proc/{srv.pid}/status").read(); return {k: int(re.search(k + r":\s+(\d+)", s).group(1)) // 1024 for k in ("VmRSS", "VmHWM")}
print("start", rss())
png = open("/tmp/hoinghi-hostile-png/scan16.png", "rb").read()
boundary = "----m"
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\nContent-Type: image/png\r\n\r\n").encode() + png + f"\r\n--{boundary}--\r\n".encode()
out = []
def one():
    t = time.time()
    st, _, b = req("PUT", "/api/v1/conferences/1/layouts/bang_khen/background", body, {"Content-Type": f"multipart/form-data; boundary={boundary}", **auth})
    out.append((st, round(time.time() - t, 2), b[:100]))
one(); print("one 16-bit 6000x6600 PNG:", out, rss())
out.clear()
ts = [threading.Thread(target=one) for _ in range(4)]; [t.start() for t in ts]; [t.join() for t in ts]
print("four at once:", [(s, t) for s, t, _ in out], rss())
srv.terminate()
