"""Which pages of the template's heap a worker has copied, and why.

A worker is a fork of the template: a page it has written is its own copy,
the rest are shared.  This compares the two processes' page frames
(/proc/PID/pagemap, which needs root for the frame numbers) over the
writable mappings they share, and for each heap page the worker holds a
copy of, which 8-byte words differ from the template's.  Most copies are
one word: a reference count in the header of an interned string or a
prototype (docs/performance.md, "Memory").  A page copied with no word
different was written and put back (a count raised, then lowered).

usage: pagediff.py TEMPLATE_PID WORKER_PID [--names]
  prints the copied pages by mapping and by how many words differ, then
  each interned string whose count the worker changed, by page;
  --names prints only the names of those strings that
  worker-host/hotnames.c does not list, one per line, to refresh it.
"""
import collections
import os
import re
import struct
import sys

PAGE = 4096
PRESENT = 1 << 63
PFN_MASK = (1 << 55) - 1
# Duktape 2.7 on x86-64, as Debian builds it: an hstring is the header's
# flags and count (two 32-bit words; type 0 in the flags' low bits), the
# string table's next pointer, the hash, the array index, the byte and
# character lengths, then the bytes and a NUL.
STR_DATA = 32


def writable_maps(pid):
    maps = {}
    for line in open("/proc/%d/maps" % pid):
        f = line.split()
        if "w" not in f[1]:
            continue
        lo, hi = (int(x, 16) for x in f[0].split("-"))
        maps[(lo, hi)] = f[5] if len(f) > 5 else "anonymous"
    return maps


def frames(pid, lo, hi):
    with open("/proc/%d/pagemap" % pid, "rb") as pm:
        pm.seek(lo // PAGE * 8)
        raw = pm.read((hi - lo) // PAGE * 8)
    return struct.unpack("%dQ" % (len(raw) // 8), raw)


def strings_in(page):
    """(offset, count, text) of each printable interned string on the page."""
    out = []
    for o in range(0, PAGE - STR_DATA - 1, 8):
        flags, count = struct.unpack_from("<II", page, o)
        if flags & 3 or count == 0 or count > 1000000:
            continue
        blen, = struct.unpack_from("<I", page, o + 24)
        end = o + STR_DATA + blen
        if blen == 0 or blen > 64 or end >= PAGE or page[end] != 0:
            continue
        text = page[o + STR_DATA:end]
        if all(32 <= c < 127 for c in text):
            out.append((o, count, text.decode()))
    return out


def copied_pages(tpl, wk):
    tmaps = writable_maps(tpl)
    tmem = open("/proc/%d/mem" % tpl, "rb")
    wmem = open("/proc/%d/mem" % wk, "rb")
    for (lo, hi), name in writable_maps(wk).items():
        if tmaps.get((lo, hi)) != name:
            continue
        tf, wf = frames(tpl, lo, hi), frames(wk, lo, hi)
        for i, (t, w) in enumerate(zip(tf, wf)):
            if not (t & PRESENT and w & PRESENT) or (t & PFN_MASK) == (w & PFN_MASK):
                continue
            addr = lo + i * PAGE
            tmem.seek(addr)
            wmem.seek(addr)
            yield addr, name, tmem.read(PAGE), wmem.read(PAGE)


def listed_names():
    src = os.path.join(os.path.dirname(__file__), "..", "..", "worker-host", "hotnames.c")
    return set(re.findall(r'^\t"((?:[^"\\]|\\.)*)",$', open(src).read(), re.M))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tpl, wk = int(sys.argv[1]), int(sys.argv[2])
    by_words = collections.Counter()
    touched = collections.defaultdict(list)
    for addr, name, tp, wp in copied_pages(tpl, wk):
        words = sum(tp[o:o + 8] != wp[o:o + 8] for o in range(0, PAGE, 8))
        by_words[(name, min(words, 9))] += 1
        if name != "[heap]":
            continue
        for o, count, text in strings_in(tp):
            if struct.unpack_from("<I", wp, o + 4)[0] != count:
                touched[addr].append(text)
    if "--names" in sys.argv:
        known = listed_names()
        for text in sorted({t for ts in touched.values() for t in ts} - known):
            print(text)
        return
    print("copied pages by mapping and words changed (9 = 9 or more):")
    for (name, words), n in sorted(by_words.items()):
        print("  %-50s %d: %d" % (name, words, n))
    print("heap pages with strings whose counts changed: %d" % len(touched))
    for addr in sorted(touched):
        print("  %#x %s" % (addr, " ".join(repr(t) for t in touched[addr])))


if __name__ == "__main__":
    main()
