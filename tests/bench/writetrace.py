"""What a worker wrote first on each template page it copied.

Reads the file writetrace.so made for the worker (one "ADDRESS RIP" line
per page, in the order the pages were first written) and names, from the
template's memory, the Duktape heap object each address falls in: an
interned string by its text, a native function by its C name, a compiled
function by its 'name' property, else the object's class and size.
Beside each it says whether the worker's copy of the page still differs
from the template's (pagediff.py's measure) or was put back.

usage: writetrace.py TEMPLATE_PID WORKER_PID TRACE_FILE [HOST_BINARY]
"""
import bisect
import collections
import struct
import subprocess
import sys

import pagediff

PAGE = pagediff.PAGE
# Duktape 2.7, x86-64, as Debian builds it: a heap header is the flags
# and the count (32 bits each), then the heap list's next and previous;
# an object adds its property block, prototype and the sizes e_size,
# e_next, a_size, h_size; a native function its C function after that.
HDR = 24
OBJ = HDR + 8 + 8 + 16
PROPVAL = 16


class Mem:
    def __init__(self, pid):
        self.f = open("/proc/%d/mem" % pid, "rb")

    def read(self, addr, n):
        try:
            self.f.seek(addr)
            return self.f.read(n)
        except (OSError, ValueError):
            return b""

    def u32(self, addr):
        b = self.read(addr, 4)
        return struct.unpack("<I", b)[0] if len(b) == 4 else None

    def ptr(self, addr):
        b = self.read(addr, 8)
        return struct.unpack("<Q", b)[0] if len(b) == 8 else None


def string_at(mem, h):
    """The text of an interned string whose header is at h, or None."""
    head = mem.read(h, pagediff.STR_DATA + 65)
    if len(head) < pagediff.STR_DATA or struct.unpack_from("<I", head, 0)[0] & 3:
        return None
    blen = struct.unpack_from("<I", head, 24)[0]
    if blen > 64 or pagediff.STR_DATA + blen >= len(head) or head[pagediff.STR_DATA + blen] != 0:
        return None
    text = head[pagediff.STR_DATA:pagediff.STR_DATA + blen]
    return text.decode("latin-1") if all(32 <= c < 127 for c in text) else None


def linked(mem, h):
    """Whether h is a heap header: its neighbours point back at it."""
    nxt, prv = mem.ptr(h + 8), mem.ptr(h + 16)
    if nxt is None or prv is None or (nxt == 0 and prv == 0):
        return False
    return (nxt == 0 or mem.ptr(nxt + 16) == h) and (prv == 0 or mem.ptr(prv + 8) == h)


def header_of(mem, addr):
    """The header of the heap object holding addr: a string or a linked
    object at most a page before it."""
    base = addr & ~7
    for h in range(base, max(base - PAGE, 0), -8):
        if string_at(mem, h) is not None and addr < h + pagediff.STR_DATA + 65:
            return h, "string"
        if mem.u32(h) is not None and mem.u32(h) & 3 in (1, 2) and linked(mem, h):
            return h, "object"
    return None, None


def own_value(mem, obj, key_ptr):
    """The value pointer of obj's own property whose key is key_ptr
    (layout 2: values, then keys)."""
    props, esize, enext = mem.ptr(obj + 24), mem.u32(obj + 40), mem.u32(obj + 44)
    if not props or esize is None or esize > 4096:
        return None
    keys = mem.read(props + esize * PROPVAL, enext * 8)
    for i in range(len(keys) // 8):
        if struct.unpack_from("<Q", keys, i * 8)[0] == key_ptr:
            return mem.ptr(props + i * PROPVAL + 8)
    return None


class Symbols:
    """C names of the host binary's functions, by run-time address."""

    def __init__(self, pid, binary):
        self.addrs, self.names, self.base = [], [], None
        for line in open("/proc/%d/maps" % pid):
            f = line.split()
            if len(f) > 5 and f[5] == binary and self.base is None:
                self.base = int(f[0].split("-")[0], 16) - int(f[2], 16)
        if self.base is None:
            return
        out = subprocess.run(["nm", "-C", binary], capture_output=True, text=True).stdout
        for line in sorted(out.splitlines()):
            f = line.split()
            if len(f) == 3 and f[1] in "tTwW":
                self.addrs.append(int(f[0], 16) + self.base)
                self.names.append(f[2])
        order = sorted(range(len(self.addrs)), key=self.addrs.__getitem__)
        self.addrs = [self.addrs[i] for i in order]
        self.names = [self.names[i] for i in order]

    def name(self, addr):
        i = bisect.bisect_right(self.addrs, addr) - 1
        return self.names[i] if i >= 0 and addr - self.addrs[i] < 1 << 16 else None


def describe(mem, syms, name_key, addr):
    h, kind = header_of(mem, addr)
    if h is None:
        return "?"
    off = addr - h
    where = "count" if off == 4 else "+%d" % off
    if kind == "string":
        return "string %r (%s)" % (string_at(mem, h), where)
    flags = mem.u32(h)
    if flags & 3 == 2:
        return "buffer at %#x (%s)" % (h, where)
    fn = mem.ptr(h + OBJ)
    cname = syms.name(fn) if fn else None
    if cname:
        return "native %s (%s)" % (cname, where)
    v = own_value(mem, h, name_key) if name_key else None
    label = string_at(mem, v) if v else None
    if label is not None:
        return "object named %r, flags %#x (%s)" % (label, flags, where)
    return "object flags %#x (%s)" % (flags, where)


def find_string(mem, pid, text):
    for (lo, hi), name in pagediff.writable_maps(pid).items():
        if name != "[heap]":
            continue
        for page in range(lo, hi, PAGE):
            data = mem.read(page, PAGE)
            for o, _, t in pagediff.strings_in(data) if data else ():
                if t == text:
                    return page + o
    return None


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    tpl, wk = int(sys.argv[1]), int(sys.argv[2])
    tmem, wmem = Mem(tpl), Mem(wk)
    syms = Symbols(tpl, sys.argv[4] if len(sys.argv) > 4 else "")
    name_key = find_string(tmem, tpl, "name")
    writes = collections.OrderedDict()
    for line in open(sys.argv[3]):
        addr, rip = (int(x, 16) for x in line.split())
        writes.setdefault(addr & ~(PAGE - 1), collections.Counter())[(addr, rip == 0)] += 1
    seen = collections.Counter()
    for page, addrs in writes.items():
        t, w = tmem.read(page, PAGE), wmem.read(page, PAGE)
        if not t:
            seen["new"] += 1
            continue
        words = sum(t[o:o + 8] != w[o:o + 8] for o in range(0, PAGE, 8))
        state = "%d words" % words if words else "put back"
        seen["changed" if words else "put back"] += 1
        what = collections.Counter()
        for (addr, kernel), n in addrs.items():
            what["kernel" if kernel else describe(tmem, syms, name_key, addr)] += n
        print("%#x %-9s %s" % (page, state, "; ".join(
            "%s x%d" % (d, n) if n > 1 else d for d, n in what.most_common())))
    print("pages: %s" % dict(seen))


if __name__ == "__main__":
    main()
