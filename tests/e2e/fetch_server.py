#!/usr/bin/env python3
"""fetch_server.py DIR: the HTTP and HTTPS servers of tests/e2e/fetch.sh.

Listens on 127.0.0.1 (ports chosen by the kernel): plain HTTP, HTTPS with
DIR/good.pem (the certificate the client is told to trust) and HTTPS with
DIR/bad.pem (one it is not), then writes "HTTP HTTPS BADHTTPS" to
DIR/ports.  The routes are what tests/e2e/fetch.js asks for; /conns says
how many connections the server has accepted so far, so that keep-alive
reuse can be seen; /stream sends its body in two parts, the second once
/release with the same id has come.
"""
import gzip
import http.server
import json
import os
import ssl
import sys
import threading
import urllib.parse
import zlib

DIR = sys.argv[1]
accepted = {"n": 0}
lock = threading.Lock()
gates = {}


def gate(key):
    """The event /stream?id=KEY waits on and /release?id=KEY sets."""
    with lock:
        return gates.setdefault(key, threading.Event())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        with lock:
            accepted["n"] += 1

    def send(self, status, body, headers=(), reason=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status, reason)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self):
        # the body is read whatever the route, so that the connection
        # stays usable for the next request
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query))
        p = u.path
        if p == "/text":
            return self.send(200, "hello, fetch", [("Content-Type", "text/plain; charset=utf-8")])
        if p == "/json":
            return self.send(200, json.dumps({"a": 1, "b": ["x", None]}), [("Content-Type", "application/json")])
        if p == "/echo":
            seen = {k.lower(): v for k, v in self.headers.items()
                    if k.lower() in ("content-type", "content-length", "x-custom", "x-two", "host")}
            return self.send(200, json.dumps({"method": self.command, "path": self.path, "headers": seen,
                                              "body": body.decode("latin-1")}),
                             [("Content-Type", "application/json")])
        if p == "/headers":
            return self.send(200, "", [("X-One", "1"), ("X-Multi", "a"), ("X-Multi", "b"),
                                       ("Set-Cookie", "s=1; Path=/"), ("Set-Cookie", "t=2"),
                                       ("X-Latin", "caf\u00e9")])
        if p == "/status":
            return self.send(int(q.get("code", "200")), q.get("body", ""), reason=q.get("reason"))
        if p == "/redirect":
            n = int(q.get("n", "1"))
            code = int(q.get("code", "302"))
            to = q.get("to", "/echo") if n <= 1 else "/redirect?n=%d&code=%d" % (n - 1, code)
            return self.send(code, "", [("Location", to)])
        if p == "/gzip":
            return self.send(200, gzip.compress(b"squeezed " * 100), [("Content-Encoding", "gzip")])
        if p == "/deflate":
            return self.send(200, zlib.compress(b"deflated " * 100), [("Content-Encoding", "deflate")])
        if p == "/big":
            n = int(q.get("n", "0"))
            return self.send(200, b"x" * n, [("Content-Type", "application/octet-stream")])
        if p == "/slow":
            threading.Event().wait(float(q.get("s", "10")))
            return self.send(200, "late")
        if p == "/drop":
            # keep-alive as far as the client knows, then closed while
            # the client reuses the connection
            self.send(200, "dropped")
            self.wfile.flush()
            threading.Event().wait(0.3)
            self.close_connection = True
            return None
        if p == "/close":
            return self.send(200, "bye", [("Connection", "close")])
        if p == "/stream":
            return self.stream(q.get("id", ""), q.get("gzip") == "1")
        if p == "/release":
            gate(q.get("id", "")).set()
            return self.send(200, "released")
        if p == "/cut":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"7\r\npartial\r\n")
            self.wfile.flush()
            self.close_connection = True
            return None
        if p == "/conns":
            return self.send(200, str(accepted["n"]))
        return self.send(404, "no such route", [("Content-Type", "text/plain")])

    def chunk(self, data):
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def stream(self, key, squeeze):
        # one piece, then the rest only once /release?id=KEY came: a
        # client that waits for the whole body before answering waits
        # forever
        z = zlib.compressobj(wbits=31) if squeeze else None
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        if squeeze:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        first, rest = b"first piece\n", b"second piece\n" * 3
        self.chunk(z.compress(first) + z.flush(zlib.Z_SYNC_FLUSH) if z else first)
        if not gate(key).wait(60):
            return None
        self.chunk(z.compress(rest) + z.flush() if z else rest)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        return None

    def do_GET(self):
        self.route()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def serve(cert=None):
    s = Server(("127.0.0.1", 0), Handler)
    if cert is not None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, os.path.join(DIR, os.path.basename(cert).replace(".pem", ".key")))
        s.socket = ctx.wrap_socket(s.socket, server_side=True)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s.server_address[1]


ports = [serve(), serve(os.path.join(DIR, "good.pem")), serve(os.path.join(DIR, "bad.pem"))]
with open(os.path.join(DIR, "ports.tmp"), "w") as f:
    f.write(" ".join(map(str, ports)) + "\n")
os.rename(os.path.join(DIR, "ports.tmp"), os.path.join(DIR, "ports"))
threading.Event().wait()
