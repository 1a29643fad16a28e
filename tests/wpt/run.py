#!/usr/bin/env python3
"""make wpt: Web Platform Tests in workersd workers, and the same under node.

WPT is the copy Node's source tarball keeps (test/fixtures/wpt, extracted
by `make wpt` into build/wpt).  Two kinds of suite:

- data suites: a driver script of ours (tests/wpt/url_data.js) reads WPT's
  data files (url/resources/*.json) and checks every case as WPT's own
  test files do, printing "RESULT name passed total" lines;
- harness suites: a WPT `.any.js` test file run with WPT's
  resources/testharness.js in one worker, its results printed by a
  completion callback as a "RESULT" line.  Adding a directory's tests is
  adding a glob to HARNESS (their META `script=` files are included).

Each script runs in a fresh worker of a private daemon (`workerctl run`),
then under `node`, and one table shows both.  --failures FILE keeps the
workersd failure lines; --cache DIR keeps the lowering cache (the harness
and the test files are ES2015+, lowered once) between runs.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

DATA = [("url", os.path.join(HERE, "url_data.js"))]

# WPT .any.js files run with testharness.js: the URL ones that need neither
# fetch() nor a DOM, then the other directories of the Web globals.
HARNESS = [
    "url/urlsearchparams-*.any.js",
    "url/url-tojson.any.js",
    "url/url-statics-canparse.any.js",
    "url/url-setters-stripping.any.js",
    "url/urlencoded-parser.any.js",
    "url/historical.any.js",
    "encoding/*.any.js",
    "FileAPI/blob/*.any.js",
    "dom/events/*.any.js",
    "dom/abort/*.any.js",
    "html/webappapis/atob/*.any.js",
    "html/webappapis/timers/*.any.js",
    "html/webappapis/microtask-queuing/*.any.js",
    "hr-time/*.any.js",
    "user-timing/*.any.js",
    "streams/*.any.js",
    "streams/readable-streams/*.any.js",
    "streams/readable-byte-streams/*.any.js",
    "streams/writable-streams/*.any.js",
    "streams/transform-streams/*.any.js",
    "streams/piping/*.any.js",
    "encoding/streams/*.any.js",
]

# What WPT's server wraps an .any.js test in when it runs it in a worker.
PRELUDE = """if (typeof self === 'undefined') globalThis.self = globalThis;
self.GLOBAL = { isWindow: function () { return false; }, isWorker: function () { return true; },
  isShadowRealm: function () { return false; } };
"""

# After testharness.js: one line per failed test, then the totals.
REPORT = """add_result_callback(function (t) {
  if (t.status !== 0) console.log('FAIL ' + %(name)s + ': ' + t.name + ': ' + String(t.message).split('\\n')[0]);
});
add_completion_callback(function (tests, status) {
  var passed = tests.filter(function (t) { return t.status === 0; }).length;
  console.log('RESULT ' + %(name)s + ' ' + passed + ' ' + tests.length +
    (status.status !== 0 ? ' HARNESS ' + status.message : ''));
});
"""

RESULT = re.compile(r"^RESULT (.+) (\d+) (\d+)(?: HARNESS (.*))?$")


class Engine:
    def __init__(self, name, build, work, timeout, cache=None):
        self.name, self.build, self.work, self.timeout = name, build, work, timeout
        self.cache = cache or os.path.join(work, "cache")
        self.sock = os.path.join(work, "workersd.sock")
        self.daemon = None

    def start(self):
        if self.name != "workersd":
            return
        log = open(os.path.join(self.work, "daemon.log"), "w")
        self.daemon = subprocess.Popen(
            [os.path.join(self.build, "workersd"), "--socket", self.sock,
             "--host-path", os.path.join(self.build, "worker-host"),
             "--cache-dir", self.cache, "--log-level", "warning",
             "--allow-root-workers"], stdout=log, stderr=log)
        for _ in range(1000):
            if subprocess.run([os.path.join(self.build, "workerctl"), "--socket", self.sock,
                               "--timeout", "1", "ls"], capture_output=True).returncode == 0:
                return
            if self.daemon.poll() is not None:
                break
            time.sleep(0.01)
        sys.exit("wpt: the daemon did not start; see %s/daemon.log" % self.work)

    def stop(self):
        if self.daemon:
            self.daemon.terminate()
            self.daemon.wait()

    def run(self, source):
        fd, path = tempfile.mkstemp(prefix="wpt-", suffix=".js", dir=self.work)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(source)
        if self.name == "workersd":
            cmd = [os.path.join(self.build, "workerctl"), "--socket", self.sock, "run",
                   "--timeout", str(self.timeout), path]
        else:
            cmd = [self.name, path]
        try:
            # workerctl run prints console output on stderr, node on stdout
            p = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                               timeout=self.timeout + 30)
            out = p.stdout + p.stderr
        except subprocess.TimeoutExpired:
            out = "timed out"
        finally:
            os.unlink(path)
        return out


def meta_scripts(test, wpt):
    """The files a test's `// META: script=` lines name, in order."""
    out = []
    with open(test, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^//\s*META:\s*script=(\S+)", line)
            if m:
                ref = m.group(1)
                out.append(os.path.join(wpt, ref.lstrip("/")) if ref.startswith("/")
                           else os.path.join(os.path.dirname(test), ref))
    return out


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def harness_source(test, wpt):
    # testharness.js is required, not pasted in: one file, lowered once
    rel = os.path.relpath(test, wpt)
    parts = [PRELUDE, "require(%r);" % os.path.join(wpt, "resources", "testharness.js"),
             REPORT % {"name": repr(rel)}]
    parts += [read(s) for s in meta_scripts(test, wpt)]
    parts.append(read(test))
    return "\n;\n".join(parts)


def collect(out, label):
    """The RESULT rows of one run (a row of 0/1 when the script printed none)."""
    rows, fails = [], []
    for line in out.splitlines():
        m = RESULT.match(line)
        if m:
            rows.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))
        elif line.startswith("FAIL "):
            fails.append(line)
    if not rows:
        first = next((l for l in out.splitlines() if l.strip()), "no output")
        rows.append((label, 0, 1, first[:160]))
        fails.append("FAIL %s: %s" % (label, first[:300]))
    return rows, fails


def run_engine(engine, wpt, skipped, only=None):
    results, fails = {}, []
    engine.start()
    try:
        for name, driver in DATA:
            if only and not name.startswith(only):
                continue
            src = "var WPT = %r;\n" % os.path.join(wpt, name, "resources") + read(driver)
            rows, f = collect(engine.run(src), name)
            fails += f
            for r in rows:
                results[r[0]] = r
        for pattern in HARNESS:
            if only and not pattern.startswith(only):
                continue
            for test in sorted(glob.glob(os.path.join(wpt, pattern))):
                rel = os.path.relpath(test, wpt)
                missing = [m for m in meta_scripts(test, wpt) if not os.path.exists(m)]
                if missing:
                    skipped.append("%s (needs %s, not in the tarball)" % (rel, os.path.relpath(missing[0], wpt)))
                    continue
                rows, f = collect(engine.run(harness_source(test, wpt)), rel)
                fails += f
                for r in rows:
                    results[r[0]] = r
    finally:
        engine.stop()
    return results, fails


def pct(p, t):
    return "%.1f%%" % (100.0 * p / t) if t else "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wpt", help="the wpt directory (test/fixtures/wpt of Node's source)")
    ap.add_argument("--build", required=True)
    ap.add_argument("--node", default="node")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--failures")
    ap.add_argument("--cache", help="the daemon's lowering cache, kept between runs")
    ap.add_argument("--only", help="only the suites whose path starts with this (e.g. streams/)")
    a = ap.parse_args()
    a.wpt = os.path.abspath(a.wpt)
    work = tempfile.mkdtemp(prefix="wpt-")
    skipped = []
    ours, fails = run_engine(Engine("workersd", os.path.abspath(a.build), work, a.timeout, a.cache), a.wpt,
                               skipped, a.only)
    theirs, _ = run_engine(Engine(a.node, None, work, a.timeout), a.wpt, [], a.only)
    if a.failures:
        with open(a.failures, "w") as f:
            f.write("\n".join(fails) + "\n")
    print("| suite | workersd | | node %s | |" % subprocess.run(
        [a.node, "--version"], capture_output=True, text=True).stdout.strip())
    print("|---|--:|--:|--:|--:|")
    dirs = {}
    for name in list(ours) + [n for n in theirs if n not in ours]:
        o, t = ours.get(name, (name, 0, 0, None)), theirs.get(name, (name, 0, 0, None))
        print("| %s | %d/%d | %s | %d/%d | %s |" % (name, o[1], o[2], pct(o[1], o[2]), t[1], t[2], pct(t[1], t[2])))
        # the data suites are URL's; a harness file's row is its directory's
        d = dirs.setdefault(name.split("/")[0] if "/" in name else "url", [0, 0, 0, 0])
        d[0], d[1], d[2], d[3] = d[0] + o[1], d[1] + o[2], d[2] + t[1], d[3] + t[2]
    print("\n| directory | workersd | | node | |\n|---|--:|--:|--:|--:|")
    for name, d in dirs.items():
        print("| %s | %d/%d | %s | %d/%d | %s |" % (name, d[0], d[1], pct(d[0], d[1]), d[2], d[3], pct(d[2], d[3])))
    print("\n%d failure lines%s" % (len(fails), " in " + a.failures if a.failures else ""))
    for s in skipped:
        print("skipped: " + s)
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
