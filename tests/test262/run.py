#!/usr/bin/env python3
"""make test262: runs tc39/test262's built-in tests in workersd workers.

Each test file becomes one script (test262's harness files, the test's
`includes`, then the test) run by `workerctl run` in a fresh worker of a
private daemon, in the mode(s) its flags ask for.  With --engine node the
same scripts run under Node with vm.runInThisContext (modules as .mjs
files), and --engine bun likewise, so the three tables are comparable.
Prints one row per directory: tests, passed, failed, skipped, pass rate;
then the skip reasons.  A test is skipped, not failed, when it needs a
feature listed in SKIP_FEATURES (why is given there).

Lowering (the worker's TypeScript pass over a file Duktape rejects, which
every test would need: the harness's assert.js has a template literal) costs
about 0.1 s per KB in Duktape, and the harness is most of each file.  So
before the runs, each harness file and each test body is lowered once by the
daemon's own compile servers (`workerctl compile`), and a script is the
concatenation of those ES5 parts (or the parts as written, when Duktape
takes them), evaluated as global code by an indirect eval (a worker's main
script is a CommonJS module, as under Node).  A script with a part whose
lowering needs the loader's runtime (`__wsd...`: super calls, import.meta)
is run as written, for the worker to lower whole.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

# The directories the language issue measures (test/built-ins/...).
DEFAULT_DIRS = [
    "Map", "Set", "WeakMap", "WeakSet", "Promise", "Symbol", "Reflect", "Proxy",
    "JSON", "Array", "Object", "String", "Number", "Math",
    "TypedArrayConstructors/from", "TypedArrayConstructors/of", "RegExp",
]

# Features a test may need that workersd does not claim, with the reason.
SKIP_FEATURES = {
    "BigInt": "no BigInt in Duktape (a stub global throws TypeError)",
    "SharedArrayBuffer": "no shared memory between workers",
    "Atomics": "no shared memory between workers",
    "Atomics.waitAsync": "no shared memory between workers",
    "cross-realm": "one realm per worker ($262.createRealm absent)",
    "ShadowRealm": "post-ES2023 proposal",
    "Temporal": "post-ES2023 proposal",
    "resizable-arraybuffer": "ES2024",
    "arraybuffer-transfer": "ES2024",
    "array-grouping": "ES2024",
    "promise-with-resolvers": "ES2024",
    "regexp-v-flag": "ES2024",
    "String.prototype.isWellFormed": "ES2024",
    "String.prototype.toWellFormed": "ES2024",
    "set-methods": "ES2025",
    "iterator-helpers": "ES2025",
    "regexp-duplicate-named-groups": "ES2025",
    "regexp-modifiers": "ES2025",
    "json-modules": "ES2025",
    "import-attributes": "ES2025",
    "Float16Array": "ES2025",
    "RegExp.escape": "ES2025",
    "promise-try": "ES2025",
    "Math.sumPrecise": "proposal",
    "json-parse-with-source": "proposal",
    "decorators": "proposal",
    "explicit-resource-management": "proposal",
    "source-phase-imports": "proposal",
    "Array.fromAsync": "ES2026",
    "uint8array-base64": "proposal",
    "upsert": "proposal",
    "iterator-sequencing": "proposal",
    "canonical-tz": "Intl time zones absent",
    "IsHTMLDDA": "browser legacy object",
    "host-gc-required": "no $262.gc",
    "tail-call-optimization": "no engine but JSC does it",
}

# $262 as far as a worker can give it; tests that need more are skipped.
# test262 leaves promises rejected without a handler (Promise.all over a
# throwing `then`, say) and judges what it asserts, as its own hosts do; a
# Node or workersd process would end on the first with exit 1, so each
# engine is told to let them be.
HOST_PRELUDE = """var print = function () { console.log.apply(console, arguments); };
process.on('unhandledRejection', function () {});
var $262 = {
  global: globalThis,
  evalScript: function (src) { return (0, eval)(src); },
  detachArrayBuffer: function () { throw new Test262Error('detachArrayBuffer is not available'); },
  gc: undefined,
  agent: {}
};
"""

FRONTMATTER = re.compile(r"/\*---(.*?)---\*/", re.S)


def meta_of(source):
    m = FRONTMATTER.search(source)
    if not m:
        return {}
    return yaml.safe_load(m.group(1)) or {}


def skip_reason(meta, engine):
    for f in meta.get("features", []) or []:
        if f in SKIP_FEATURES:
            return "feature %s: %s" % (f, SKIP_FEATURES[f])
    for inc in meta.get("includes", []) or []:
        if inc == "detachArrayBuffer.js" and engine == "workersd":
            return "include detachArrayBuffer.js: ArrayBuffer cannot be detached"
    if "CanBlockIsTrue" in (meta.get("flags") or []):
        return "flag CanBlockIsTrue: needs Atomics.wait"
    return None


def modes_of(flags):
    if "module" in flags or "raw" in flags or "noStrict" in flags:
        return ["sloppy"]
    if "onlyStrict" in flags:
        return ["strict"]
    return ["sloppy", "strict"]


class Harness:
    def __init__(self, root):
        self.root = root
        self.cache = {}

    def file(self, name):
        if name not in self.cache:
            with open(os.path.join(self.root, "harness", name), encoding="utf-8") as f:
                self.cache[name] = f.read()
        return self.cache[name]

    def parts(self, meta, source):
        """The texts a non-raw test's script is made of, after the mode line."""
        parts = [HOST_PRELUDE, self.file("assert.js"), self.file("sta.js")]
        if "async" in (meta.get("flags") or []):
            parts.append(self.file("doneprintHandle.js"))
        for inc in meta.get("includes") or []:
            parts.append(self.file(inc))
        parts.append(source)
        return parts

    def script(self, meta, source, mode, lowered=None):
        flags = meta.get("flags") or []
        if "raw" in flags:
            return source
        mode_line = '"use strict";\n' if mode == "strict" else ""
        parts = self.parts(meta, source)
        es5 = lowered.parts(parts) if lowered is not None and "module" not in flags else None
        if es5 is None:
            return "\n".join([mode_line] + parts)
        # A worker's main script is a CommonJS module, as under Node; test262
        # wants global code, which an indirect eval gives (strict eval code
        # keeps its top-level vars to itself: the one difference left).
        return "(0, eval)(%s);\n" % json.dumps("\n".join([mode_line] + es5))


class Lowered:
    """ES5 forms of texts, lowered once each by the daemon's compile servers."""

    def __init__(self, runner):
        self.runner = runner
        self.dir = os.path.join(runner.work, "lower")
        self.code = {}
        os.makedirs(self.dir, exist_ok=True)

    @staticmethod
    def name(text):
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".js"

    def add(self, text):
        path = os.path.join(self.dir, self.name(text))
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
                f.write(text)

    def compile(self):
        """Lowers every text added; reads the ES5 of each out of the cache."""
        r = self.runner
        subprocess.run([os.path.join(r.args.build, "workerctl"), "--socket", r.sock, "compile",
                        self.dir, "--timeout", "36000"], capture_output=True)
        wanted = set(os.listdir(self.dir))
        cache = r.cache
        for entry in os.listdir(cache):
            if not entry.endswith(".lower"):
                continue
            with open(os.path.join(cache, entry), "rb") as f:
                data = f.read()
            # "WSDL1 <code bytes>\n", the code, then its source map (lowercache.h).
            head, rest = data.split(b"\n", 1)
            n = int(head.split()[1])
            file = json.loads(rest[n:]).get("file")
            if file in wanted:
                self.code[file] = rest[:n].decode("utf-8", "surrogatepass")

    def parts(self, parts):
        """parts with each lowered text replaced by its ES5 (a text without
        any is either taken by Duktape or a syntax error, which eval reports
        as the worker's own lowering would); None when one needs the loader."""
        out = []
        for text in parts:
            code = self.code.get(self.name(text))
            if code is not None and "__wsd" in code:
                return None
            out.append(text if code is None else code)
        return out


def judge(meta, rc, out, err):
    """(passed, why) from a run's exit code and output."""
    neg = meta.get("negative")
    flags = meta.get("flags") or []
    if neg:
        if rc == 0:
            return False, "expected %s (%s), ran to completion" % (neg.get("type"), neg.get("phase"))
        if neg.get("type", "") in err or neg.get("type", "") in out:
            return True, ""
        return False, "expected %s, got: %s" % (neg.get("type"), first_line(err))
    if "async" in flags:
        # workerctl run prints console output on stderr, node on stdout.
        if "Test262:AsyncTestComplete" in out + err and "Test262:AsyncTestFailure" not in out + err:
            return True, ""
        return False, first_line(out + err) or "async test did not complete"
    if rc == 0:
        return True, ""
    return False, first_line(err) or "exit %d" % rc


def first_line(text):
    for line in text.splitlines():
        if line.strip() and not line.startswith("<"):
            return line.strip()[:200]
    return ""


class Runner:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.daemon = None
        self.sock = os.path.join(work, "workersd.sock")
        self.cache = args.cache or os.path.join(work, "cache")

    def start(self):
        if self.args.engine != "workersd":
            return
        build = self.args.build
        log = open(os.path.join(self.work, "daemon.log"), "w")
        self.daemon = subprocess.Popen(
            [os.path.join(build, "workersd"), "--socket", self.sock,
             "--cache-dir", self.cache, "--cache-max", "8G", "--log-level", "warning",
             "--max-workers", "4096", "--allow-root-workers"], stdout=log, stderr=log)
        for _ in range(500):
            if os.path.exists(self.sock):
                return
            if self.daemon.poll() is not None:
                break
            time.sleep(0.01)
        sys.exit("test262: the daemon did not start; see %s/daemon.log" % self.work)

    def stop(self):
        if self.daemon:
            self.daemon.terminate()
            self.daemon.wait()

    def command(self, path, module):
        a = self.args
        if a.engine == "workersd":
            return [os.path.join(a.build, "workerctl"), "--socket", self.sock,
                    "run", "--timeout", str(a.timeout), path]
        if module:
            return [a.engine, path]
        driver = ("const fs=require('fs'),vm=require('vm');"
                  "vm.runInThisContext(fs.readFileSync(process.argv[1],'utf8'),"
                  "{filename:process.argv[1]});")
        if a.engine == "bun":
            return ["bun", "-e", driver, path]
        return ["node", "-e", driver, path]

    def run_one(self, test, meta, script, mode):
        module = "module" in (meta.get("flags") or [])
        # A module may import fixtures beside it, so it runs from its own directory.
        where = os.path.dirname(test) if module else self.work
        fd, path = tempfile.mkstemp(prefix=".wsd262-", suffix=".mjs" if module else ".js", dir=where)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(script)
        try:
            p = subprocess.run(self.command(path, module), capture_output=True, text=True,
                               errors="replace", timeout=self.args.timeout + 10)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            rc, out, err = 124, "", "timed out"
        finally:
            os.unlink(path)
        if rc == 124:
            return False, "timed out after %ss" % self.args.timeout
        return judge(meta, rc, out, err)


def collect(root, dirs):
    base = os.path.join(root, "test", "built-ins")
    for d in dirs:
        top = os.path.join(base, d)
        if not os.path.isdir(top):
            sys.exit("test262: %s: no such directory in the checkout" % top)
        for dirpath, _, files in os.walk(top):
            for name in sorted(files):
                if name.endswith(".js") and "_FIXTURE" not in name:
                    yield d, os.path.join(dirpath, name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("test262", help="a tc39/test262 checkout")
    ap.add_argument("--build", default="build", help="workersd build directory")
    ap.add_argument("--engine", default="workersd", choices=["workersd", "node", "bun"])
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--failures", help="write every failure (test, mode, why) to FILE")
    ap.add_argument("--cache", help="the daemon's lowering cache, kept between runs (default: a temporary one)")
    ap.add_argument("dirs", nargs="*", default=DEFAULT_DIRS, help="directories under test/built-ins")
    args = ap.parse_intermixed_args()
    if args.engine != "workersd" and not shutil.which(args.engine):
        sys.exit("test262: %s: not found" % args.engine)

    harness = Harness(args.test262)
    work = tempfile.mkdtemp(prefix="workersd-test262.")
    runner = Runner(args, work)
    runner.start()
    stats = {d: [0, 0, 0] for d in args.dirs}   # passed, failed, skipped
    skips = {}
    failures = []
    try:
        tests = []
        for d, test in collect(args.test262, args.dirs):
            with open(test, encoding="utf-8") as f:
                source = f.read()
            meta = meta_of(source)
            why = skip_reason(meta, args.engine)
            if why:
                stats[d][2] += 1
                skips[why] = skips.get(why, 0) + 1
                continue
            tests.append((d, test, meta, source))
        lowered = None
        if args.engine == "workersd":
            lowered = Lowered(runner)
            for _, _, meta, source in tests:
                for text in harness.parts(meta, source):
                    lowered.add(text)
            lowered.compile()
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            jobs = []
            for d, test, meta, source in tests:
                for mode in modes_of(meta.get("flags") or []):
                    script = harness.script(meta, source, mode, lowered)
                    jobs.append((d, test, mode, pool.submit(runner.run_one, test, meta, script, mode)))
            for d, test, mode, fut in jobs:
                ok, why = fut.result()
                stats[d][0 if ok else 1] += 1
                if not ok:
                    failures.append((os.path.relpath(test, args.test262), mode, why))
    finally:
        runner.stop()
        shutil.rmtree(work, ignore_errors=True)

    print("| directory | runs | passed | failed | skipped files | pass rate |")
    print("|---|--:|--:|--:|--:|--:|")
    total = [0, 0, 0]
    for d in args.dirs:
        p, f, s = stats[d]
        total = [total[0] + p, total[1] + f, total[2] + s]
        print("| %s | %d | %d | %d | %d | %s |" % (d, p + f, p, f, s, rate(p, f)))
    p, f, s = total
    print("| **all** (%s) | %d | %d | %d | %d | %s |" % (args.engine, p + f, p, f, s, rate(p, f)))
    print()
    for why, n in sorted(skips.items(), key=lambda kv: -kv[1]):
        print("skipped %5d  %s" % (n, why))
    if args.failures:
        with open(args.failures, "w") as out:
            for t, mode, why in failures:
                out.write("%s [%s] %s\n" % (t, mode, why))


def rate(p, f):
    return "%.1f%%" % (100.0 * p / (p + f)) if p + f else "-"


if __name__ == "__main__":
    main()
