#!/usr/bin/env python3
"""Rebuilds a tc39/test262 tree from Debian's firefox-esr source package.

This machine (and CI) reaches deb.debian.org but not GitHub, and Firefox's
source carries test262 under js/src/tests/test262 in SpiderMonkey's
converted form (js/src/tests/test262-update.py made it): each test may gain
a first line `// |reftest| ...`, onlyStrict tests gain `'use strict';` after
it and a `-strict` suffix on their name, positive synchronous tests end with
`reportCompare(0, 0);`, and the harness files are concatenated into the
shell.js files of the tree, each one opening with `// file: NAME.js`.  This
script finds the newest firefox-esr in bookworm-security's and bookworm's
Sources indexes, downloads its orig tarball, checks its sha256 against the
index, and streams only js/src/tests/test262 out of it, undoing the
conversion into test262's own layout: DEST/harness/NAME.js and
DEST/test/{built-ins,language,annexB,intl402}/...  A stamp file marks a
finished tree; a second run with one in place downloads nothing.  Python's
standard library only.
"""
import argparse
import hashlib
import lzma
import os
import re
import shutil
import sys
import tarfile
import tempfile
import urllib.request

INDEXES = [
    ("http://deb.debian.org/debian-security", "dists/bookworm-security/main/source/Sources.xz"),
    ("http://deb.debian.org/debian", "dists/bookworm/main/source/Sources.xz"),
]
PACKAGE = "firefox-esr"
INSIDE = "js/src/tests/test262/"
# test262's test/ directories this tree keeps (test/harness and staging hold
# tests of the harness and unfinished proposals: not wanted here).
TEST_DIRS = ("built-ins", "language", "annexB", "intl402")
STAMP = ".from-debian"
REFTEST = b"// |reftest| "
PROLOGUE = b"'use strict';\n"
EPILOGUE = b"\nreportCompare(0, 0);\n"
SECTION = re.compile(rb"^// file: (\S+)\n", re.M)
FLAGS = re.compile(rb"^flags:\s*\[([^\]]*)\]", re.M)
FRONTMATTER = re.compile(rb"/\*---(.*?)---\*/", re.S)
# The async harness file is not in Firefox's copy (its own host defines
# $DONE): this stand-in prints what test262's doneprintHandle.js prints.
DONEPRINT = b"""// Written by workersd's tests/test262/from-debian.py: test262's
// doneprintHandle.js is not in Firefox's copy of the suite.  Same output.
function $DONE(error) {
  if (!error) {
    print('Test262:AsyncTestComplete');
  } else if (typeof error === 'object' && error !== null && 'name' in error) {
    print('Test262:AsyncTestFailure:' + error.name + ': ' + error.message);
  } else {
    print('Test262:AsyncTestFailure:Test262Error: ' + String(error));
  }
}
"""


class Failure(Exception):
    pass


def version_key(version):
    """A sort key ordering Debian versions as dpkg does."""
    epoch, _, rest = version.rpartition(":")
    upstream, _, revision = rest.rpartition("-") if "-" in rest else (rest, "", "0")
    return (int(epoch or 0), dpkg_part(upstream), dpkg_part(revision))


def dpkg_part(s):
    # Alternating non-digit and digit runs; '~' sorts before everything,
    # even the end of the string, and letters before other characters.
    key = []
    for text, digits in re.findall(r"(\D*)(\d*)", s):
        key.append([(-1 if c == "~" else ord(c) if c.isalpha() else ord(c) + 256) for c in text] + [0])
        key.append(int(digits or 0))
    return key


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read()
    except OSError as e:
        raise Failure("%s: %s" % (url, e))


def candidates(base, index):
    """(version, base, directory, tarball, sha256, size) for PACKAGE in one index."""
    text = lzma.decompress(fetch(base + "/" + index)).decode("utf-8", "replace")
    for stanza in text.split("\n\n"):
        if ("\nPackage: %s\n" % PACKAGE) not in "\n" + stanza + "\n":
            continue
        fields = dict(re.findall(r"^(\S+): (.*)$", stanza, re.M))
        sums = stanza.split("Checksums-Sha256:", 1)[-1]
        for sha, size, name in re.findall(r"^ ([0-9a-f]{64}) (\d+) (\S+\.orig\.tar\.xz)$", sums, re.M):
            yield fields["Version"], base, fields["Directory"], name, sha, int(size)


def entries(tarball):
    """PACKAGE's index entries, newest first (only those of the given tarball's name)."""
    found = []
    for base, index in INDEXES:
        try:
            found.extend(candidates(base, index))
        except Failure as e:
            print("test262: %s (trying the next index)" % e, file=sys.stderr)
    if tarball:
        found = [c for c in found if c[3] == os.path.basename(tarball)]
    if not found:
        raise Failure("no %s source package%s in %s" % (
            PACKAGE, " with a tarball named " + os.path.basename(tarball) if tarball else "",
            ", ".join(b + "/" + i for b, i in INDEXES)))
    # sorted() is stable: on a tie the first index (security) stays first.
    return sorted(found, key=lambda c: version_key(c[0]), reverse=True)


def fetch_newest(found, work):
    """Downloads the newest tarball the mirror has; (entry, path)."""
    for entry in found:
        version, base, directory, name, sha, size = entry
        path = os.path.join(work, name)
        try:
            download("%s/%s/%s" % (base, directory, name), sha, size, path)
            return entry, path
        except Failure as e:
            # An index can name a tarball its mirror does not serve (yet).
            print("test262: %s (trying an older version)" % e, file=sys.stderr)
            if os.path.exists(path):
                os.unlink(path)
    raise Failure("no %s tarball could be downloaded" % PACKAGE)


def download(url, sha, size, dest):
    print("test262: downloading %s (%d MB)" % (url, size >> 20), file=sys.stderr)
    digest = hashlib.sha256()
    got = 0
    try:
        with urllib.request.urlopen(url, timeout=60) as r, open(dest, "wb") as out:
            for chunk in iter(lambda: r.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
                got += len(chunk)
    except OSError as e:
        raise Failure("%s: %s" % (url, e))
    if got != size or digest.hexdigest() != sha:
        raise Failure("%s: %d bytes, sha256 %s; the index says %d bytes, %s"
                      % (url, got, digest.hexdigest(), size, sha))


def check(path, sha, size):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    if os.path.getsize(path) != size or digest.hexdigest() != sha:
        raise Failure("%s: sha256 %s; the index says %s" % (path, digest.hexdigest(), sha))


def flags_of(source):
    m = FRONTMATTER.search(source)
    f = FLAGS.search(m.group(1)) if m else None
    return [x.strip() for x in f.group(1).split(b",")] if f else []


def unconvert(name, source):
    """test262's (name, source) for one of Firefox's converted test files."""
    if source.startswith(REFTEST):
        source = source.split(b"\n", 1)[1]
    if name.endswith("_FIXTURE.js"):
        return name, source
    if b"onlyStrict" in flags_of(source) and source.startswith(PROLOGUE):
        source = source[len(PROLOGUE):]
        if name.endswith("-strict.js"):
            name = name[:-len("-strict.js")] + ".js"
    if source.endswith(EPILOGUE):
        source = source[:-len(EPILOGUE)]
    return name, source


class Tree:
    """The tree being written: tests as they stream past, harness files at the end."""

    def __init__(self, root):
        self.root = root
        self.harness = {}
        self.tests = 0
        self.commit = "unknown"

    def write(self, rel, data):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def add(self, rel, data):
        """One file of js/src/tests/test262, by its path below that."""
        top = rel.split("/", 1)[0]
        base = os.path.basename(rel)
        if base == "shell.js":
            self.add_shell(rel, data)
        elif rel == "GIT-INFO":
            m = re.match(rb"commit (\w+)", data)
            self.commit = m.group(1).decode() if m else self.commit
        elif rel == "LICENSE":
            self.write("LICENSE", data)
        elif top in TEST_DIRS and base != "browser.js":
            if base.endswith(".js"):
                rel, data = unconvert(rel, data)
                self.tests += 1
            self.write(os.path.join("test", rel), data)

    def add_shell(self, rel, data):
        parts = SECTION.split(data)
        for i in range(1, len(parts), 2):
            name = parts[i].decode()
            # Mozilla's own host and non262 shims are not test262's.
            if name == "test262-host.js" or name.startswith(("non262-", "test262-non262")):
                continue
            text = parts[i + 1].rstrip(b"\n") + b"\n"
            if self.harness.setdefault(name, text) != text:
                raise Failure("%s: harness file %s differs from an earlier copy" % (rel, name))

    def finish(self, origin):
        self.harness.setdefault("doneprintHandle.js", DONEPRINT)
        for name, text in self.harness.items():
            self.write(os.path.join("harness", name), text)
        for needed in ("assert.js", "sta.js", "propertyHelper.js"):
            if needed not in self.harness:
                raise Failure("no harness file %s in the source" % needed)
        if self.tests < 10000:
            raise Failure("only %d test files in the source" % self.tests)
        self.write(STAMP, ("%s\ntest262 commit %s\n%d test files, %d harness files\n"
                           % (origin, self.commit, self.tests, len(self.harness))).encode())


def from_tarball(tree, path):
    with tarfile.open(path, "r|xz") as tar:
        for m in tar:
            rel = m.name.split("/", 1)[-1]
            if m.isfile() and rel.startswith(INSIDE):
                tree.add(rel[len(INSIDE):], tar.extractfile(m).read())


def from_directory(tree, top):
    for dirpath, _, files in os.walk(top):
        for name in files:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                tree.add(os.path.relpath(path, top).replace(os.sep, "/"), f.read())


def build(args, work):
    tree = Tree(os.path.join(work, "tree"))
    if args.source_dir:
        from_directory(tree, args.source_dir)
        tree.finish("from %s" % os.path.abspath(args.source_dir))
        return tree
    found = entries(args.tarball)
    if args.tarball:
        entry, tarball = found[0], args.tarball
        check(tarball, entry[4], entry[5])
    else:
        entry, tarball = fetch_newest(found, work)
    version, _, _, name, sha, _ = entry
    print("test262: extracting %s from %s %s" % (INSIDE, PACKAGE, version), file=sys.stderr)
    from_tarball(tree, tarball)
    tree.finish("%s %s (%s, sha256 %s)" % (PACKAGE, version, name, sha))
    return tree


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", nargs="?", default="/var/tmp/test262", help="where the tree goes")
    ap.add_argument("--tarball", help="a firefox-esr orig tarball already here (still checked against the index)")
    ap.add_argument("--source-dir", help="an extracted js/src/tests/test262 (no index, no download)")
    ap.add_argument("--force", action="store_true", help="rebuild even if DEST has a finished tree")
    args = ap.parse_args()
    dest = os.path.abspath(args.dest)
    stamp = os.path.join(dest, STAMP)
    if os.path.exists(stamp) and not args.force:
        with open(stamp) as f:
            print("test262: %s is ready: %s" % (dest, f.readline().strip()), file=sys.stderr)
        return
    if os.path.exists(dest) and not os.path.exists(stamp):
        sys.exit("test262: %s exists and is not a tree this script made; remove it or name another" % dest)
    parent = os.path.dirname(dest)
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".test262-", dir=parent)
    try:
        tree = build(args, work)
        if os.path.exists(dest):
            shutil.rmtree(dest)
        os.rename(tree.root, dest)
    except Failure as e:
        sys.exit("test262: %s" % e)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("test262: %s: %d test files, %d harness files, test262 commit %s"
          % (dest, tree.tests, len(tree.harness), tree.commit), file=sys.stderr)


if __name__ == "__main__":
    main()
