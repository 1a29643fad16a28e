"""make bench's coldload.* keys: how long a worker takes to load a package of
200 modules that need lowering, the first time (an empty cache, compile
servers already up) and again (the cache filled), beside Node 20's time for
the same package in the same run.

The package is generated: a binary tree of modules (module i imports 2i+1
and 2i+2), a mix of TypeScript (.ts), ES modules (.mjs), .js files with
import/export and CommonJS .js files with ES2015+ syntax, each a few
functions and a class.  Node 20 cannot run TypeScript, so its twin of the
package has the same modules with the type annotations left out (.ts
becomes .mjs); otherwise the text is the same.

usage: coldload.py BUILD_DIR  (prints one JSON object: {"coldload": {...}})
Knobs: BENCH_COLDLOAD_MODULES (default 200), BENCH_COLDLOAD_COMPILERS
(workersd --compilers; default: the daemon's own default).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

KINDS = ("ts", "mjs", "esm_js", "cjs_js")


def kind_of(i, n):
    # CommonJS modules only require CommonJS ones (Node cannot require an
    # ES module), so the deepest half of the tree is CommonJS.
    if i >= n // 2:
        return "cjs_js" if i % 2 else "ts"
    return KINDS[i % 3]


def file_name(i, kind, node):
    ext = {"ts": ".mjs" if node else ".ts", "mjs": ".mjs", "esm_js": ".mjs" if node else ".js",
           "cjs_js": ".cjs" if node else ".js"}[kind]
    return "m%03d%s" % (i, ext)


def body(i, typed):
    t = (lambda s: s) if typed else (lambda s: "")
    return """
const SCALE%(i)d%(num)s = %(i)d;
class Acc%(i)d {
  total%(num)s;
  constructor(seed%(num)s) { this.total = seed; }
  add(...xs%(arr)s) { for (const x of xs) this.total += x; return this; }
  get value()%(num)s { return this.total; }
}
const pairs%(i)d = (o%(obj)s) => Object.keys(o).map((k) => [k, o[k]]);
function weigh%(i)d({ a, b = 2 }%(ab)s, ...rest%(arr)s)%(num)s {
  let sum = a * b;
  for (const [, v] of pairs%(i)d({ x: a, y: b })) sum += v;
  return sum + rest.length + `${SCALE%(i)d}`.length;
}
""" % {"i": i, "num": t(": number"), "arr": t(": number[]"), "obj": t(": Record<string, number>"),
       "ab": t(": { a: number; b?: number }")}


def module(i, n, node):
    kind = kind_of(i, n)
    kids = [k for k in (2 * i + 1, 2 * i + 2) if k < n]
    typed = kind == "ts" and not node
    src = []
    for k in kids:
        spec = "./" + file_name(k, kind_of(k, n), node)
        if not node and kind_of(k, n) in ("ts",):
            spec = spec[:-3]  # TypeScript style: no extension
        if kind == "cjs_js":
            src.append('const { run: run%d } = require("%s");' % (k, spec))
        else:
            src.append('import { run as run%d } from "%s";' % (k, spec))
    src.append(body(i, typed))
    calls = " + ".join(["run%d()" % k for k in kids] or ["0"])
    ret = ": number" if typed else ""
    fn = "function run()%s {\n  return new Acc%d(weigh%d({ a: %d }, 1, 2)).add(%s).value;\n}\n" % (
        ret, i, i, i, calls)
    if kind == "cjs_js":
        src.append(fn + "module.exports = { run };\n")
    else:
        src.append("export " + fn)
    return file_name(i, kind, node), "\n".join(src)


def generate(root, n, node):
    os.makedirs(root)
    for i in range(n):
        name, text = module(i, n, node)
        with open(os.path.join(root, name), "w") as f:
            f.write(text)
    entry = os.path.join(root, "main.mjs" if node else "main.ts")
    first = "./" + file_name(0, kind_of(0, n), node)
    if not node:
        first = first[:-3]
    with open(entry, "w") as f:
        # the exit code carries the answer: workerctl run exits with it
        f.write('import { run } from "%s";\nprocess.exit(run() %% 199 + 1);\n' % first)
    return entry


def timed(argv):
    """Milliseconds, and the exit code (the package's answer)."""
    t0 = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = (time.monotonic() - t0) * 1e3
    if p.returncode in (0, 255) or p.stderr:
        sys.exit("coldload: %s failed (exit %d): %s" % (" ".join(argv), p.returncode, p.stderr.decode()))
    return ms, p.returncode


def start_daemon(build, work):
    sock = os.path.join(work, "d.sock")
    argv = [os.path.join(build, "workersd"), "--socket", sock, "--cache-dir", os.path.join(work, "cache"),
            "--log-level", "warning", "--allow-root-workers"]  # a bench run as root spawns root's workers
    if os.environ.get("BENCH_COLDLOAD_COMPILERS"):
        argv += ["--compilers", os.environ["BENCH_COLDLOAD_COMPILERS"]]
    d = subprocess.Popen(argv, stderr=open(os.path.join(work, "daemon.log"), "w"))
    for _ in range(500):
        if os.path.exists(sock):
            return d, sock
        time.sleep(0.01)
    d.kill()
    sys.exit("coldload: the daemon did not start")


def main():
    build = sys.argv[1]
    n = int(os.environ.get("BENCH_COLDLOAD_MODULES", "200"))
    work = tempfile.mkdtemp(prefix="workersd-coldload.")
    try:
        entry = generate(os.path.join(work, "pkg"), n, False)
        node_entry = generate(os.path.join(work, "node"), n, True)
        warm = os.path.join(work, "warm.ts")
        with open(warm, "w") as f:
            f.write("const up: number = 1;\nprocess.exit(up);\n")
        d, sock = start_daemon(build, work)
        ctl = [os.path.join(build, "workerctl"), "--socket", sock, "run"]
        try:
            start_ms, _ = timed(ctl + [warm])
            first_ms, out = timed(ctl + [entry])
            cached = sorted(timed(ctl + [entry])[0] for _ in range(3))[1]
        finally:
            d.terminate()
            d.wait()
        node = sorted(timed(["node", node_entry]) for _ in range(3))
        node_ms, node_out = node[1]
        if out != node_out:
            sys.exit("coldload: workersd answered %d, node %d" % (out, node_out))
    finally:
        shutil.rmtree(work)
    r = {"modules": n, "servers_start_ms": round(start_ms, 1), "first_ms": round(first_ms, 1),
         "cached_ms": round(cached, 1), "node_ms": round(node_ms, 1),
         "first_vs_node": round(first_ms / node_ms, 2), "cached_vs_node": round(cached / node_ms, 2)}
    print(json.dumps({"coldload": r}))


main()
