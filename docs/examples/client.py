#!/usr/bin/env python3
"""client.py - a workersd client in plain Python (standard library + msgpack).

Spawns a worker (docs/examples/echo.js unless a script is given), watches its
events, posts two messages, receives the answers, terminates it and prints
what happened.  Every frame on the socket is a 4-byte big-endian length and
one msgpack map (docs/protocol.md), so this is all a client needs.

    python3 docs/examples/client.py [--socket PATH] [SCRIPT]

Debian: apt-get install python3-msgpack
"""
import os
import socket
import struct
import sys

import msgpack


def default_socket():
    """The socket path rules of workersd(8) and workerctl(1)."""
    if os.environ.get("WORKERSD_SOCKET"):
        return os.environ["WORKERSD_SOCKET"]
    if os.geteuid() == 0:
        return "/run/workersd/workersd.sock"
    xdg = os.environ.get("XDG_RUNTIME_DIR", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, "workersd.sock")
    return "/tmp/workersd-%d/workersd.sock" % os.geteuid()


class WorkersdError(Exception):
    def __init__(self, code, msg):
        super().__init__("%s (%s)" % (msg, code))
        self.code = code


class Client:
    """One connection.  Replies are matched by rid; events that arrive
    meanwhile are kept in self.events, oldest first."""

    def __init__(self, path=None, timeout=10.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path or default_socket())
        self.rid = 0
        self.events = []
        self._send({"t": "hello", "v": 1, "client": "client.py"})
        hello = self._read()
        if hello["t"] != "hello":
            raise WorkersdError(hello.get("code"), hello.get("msg"))
        self.server = hello

    def _send(self, msg):
        doc = msgpack.packb(msg, use_bin_type=True)
        self.sock.sendall(struct.pack(">I", len(doc)) + doc)

    def _exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("daemon closed the connection")
            data += chunk
        return data

    def _read(self):
        (length,) = struct.unpack(">I", self._exactly(4))
        return msgpack.unpackb(self._exactly(length), raw=False, strict_map_key=False)

    def request(self, t, **fields):
        self.rid += 1
        self._send(dict(t=t, rid=self.rid, **fields))
        while True:
            msg = self._read()
            if msg["t"] == "ev":
                self.events.append(msg)
            elif msg.get("rid") == self.rid:
                if msg["t"] == "err":
                    raise WorkersdError(msg["code"], msg["msg"])
                return msg

    def spawn(self, script, args=(), env=None, name=None):
        fields = dict(script=os.path.abspath(script), cwd=os.getcwd(), args=list(args),
                      env=env or {})
        if name:
            fields["name"] = name
        return self.request("spawn", **fields)["id"]

    def post(self, wid, value):
        self.request("post", id=wid, data=value)

    def recv(self, wid, n=1):
        return self.request("recv", id=wid, n=n)["msgs"]

    def subscribe(self, ids=()):
        self.request("subscribe", ids=list(ids))

    def terminate(self, wid):
        return self.request("terminate", id=wid)

    def next_event(self):
        if self.events:
            return self.events.pop(0)
        while True:
            msg = self._read()
            if msg["t"] == "ev":
                return msg


def describe(ev):
    extra = {k: v for k, v in ev.items() if k not in ("t", "event", "id", "seq")}
    return "event %s %s" % (ev["event"], extra) if extra else "event %s" % ev["event"]


def main(argv):
    path = None
    if len(argv) >= 2 and argv[0] == "--socket":
        path, argv = argv[1], argv[2:]
    here = os.path.dirname(os.path.abspath(__file__))
    script = argv[0] if argv else os.path.join(here, "echo.js")

    client = Client(path)
    print("connected to %s (pid %d)" % (client.server["server"], client.server["pid"]))
    # Subscribed before the worker exists, so its open event cannot slip
    # past; other workers' events are skipped below.
    client.subscribe()
    wid = client.spawn(script)
    print("spawned worker %d" % wid)
    values = [{"hello": "world"}, [1, 2.5, None, True, "text"]]
    for value in values:
        client.post(wid, value)
        print("posted %r" % (value,))
    received = []
    while len(received) < len(values):
        received += client.recv(wid, len(values) - len(received))
    for value in received:
        print("received %r" % (value,))
    done = client.terminate(wid)
    print("terminated: code %d, reason %s" % (done["code"], done["reason"]))
    while True:
        ev = client.next_event()
        if ev["id"] != wid:
            continue
        print(describe(ev))
        if ev["event"] == "close":
            break
    return 0 if received == values else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (OSError, WorkersdError) as e:
        print("client.py: %s" % e, file=sys.stderr)
        sys.exit(1)
