/*
 * test_host_modern.c - TypeScript, JSX, ES modules and ES2015+ syntax in
 * a worker, lowered by a real compile server (worker-host --compile) that
 * this binary starts once and every test shares: language features, local
 * and node_modules imports, import(), a custom JSX factory, modern .js,
 * syntax errors and stack lines at the original position, top-level
 * await's message, import.meta (the values Node 20 prints for the same
 * files, plus Bun's), and the cache (an unchanged script is not compiled
 * again, a changed one is).
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compile_fixture.h"
#include "host_fixture.h"
#include "tsuite.h"

static struct compilefx server;

static struct hostfx fx;
static struct hostfx_result res;

static void
setup(void)
{
	hostfx_case_setup(&fx, &res);
}

static void
teardown(void)
{
	hostfx_case_teardown(&fx, &res);
}

static void
put(const char *rel, const char *text)
{
	ck_assert_ptr_nonnull(hostfx_write(&fx, rel, text));
}

/* Writes rel as the entry script and runs it to its end with this compile
 * server and cache: exit status. */
static int
run_on(const char *sock, const char *cache, const char *rel, const char *text, const char *jsx)
{
	struct hostfx_opts o = { .compiler = sock, .cache_dir = cache, .jsx_factory = jsx };
	char path[512];

	hostfx_result_free(&res);
	memset(&res, 0, sizeof(res));
	ck_assert_ptr_nonnull(hostfx_write(&fx, rel, text));
	snprintf(path, sizeof(path), "%s", fx.path);
	ck_assert_int_eq(hostfx_start(&fx, path, &o), 0);
	ck_assert_int_eq(hostfx_run(&fx, &res, 20000), 0);
	return hostfx_wait(&fx, 20000);
}

static int
run_with(const char *rel, const char *text, const char *jsx)
{
	return run_on(server.sock, server.cache, rel, text, jsx);
}

static int
run(const char *rel, const char *text)
{
	return run_with(rel, text, NULL);
}

START_TEST(typescript_features)
{
	put("shapes.ts",
	    "export interface Shape { area(): number }\n"
	    "export abstract class Base implements Shape {\n"
	    "  constructor(protected readonly name: string) {}\n"
	    "  abstract area(): number;\n"
	    "  describe(): string { return `${this.name}:${this.area()}`; }\n"
	    "}\n"
	    "export class Square extends Base {\n"
	    "  constructor(private side: number) { super('square'); }\n"
	    "  area() { return this.side ** 2; }\n"
	    "}\n"
	    "export default function twice<T>(x: T): T[] { return [x, x]; }\n");
	put("node_modules/leftpad/package.json", "{\"main\": \"lib/index.js\"}");
	put("node_modules/leftpad/lib/index.js",
	    "module.exports = function (s, n) { while (s.length < n) s = ' ' + s; return s; };\n");
	put("node_modules/esm-pkg/index.mjs", "export const tag = (s) => `<${s}>`;\n");
	put("node_modules/esm-pkg/package.json", "{\"main\": \"index.mjs\"}");
	put("lazy.ts", "export const value: number = 99;\n");
	ck_assert_int_eq(run("main.ts",
	    "import twice, { Square } from './shapes';\n"
	    "import leftpad = require('leftpad');\n"
	    "import { tag } from 'esm-pkg';\n"
	    "class AppError extends Error {\n"
	    "  constructor(message: string, public code: number) { super(message); this.name = 'AppError'; }\n"
	    "  show() { return `${this.name}#${this.code}: ${this.message}`; }\n"
	    "}\n"
	    "const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));\n"
	    "async function main(): Promise<void> {\n"
	    "  const out: unknown[] = [];\n"
	    "  out.push(new Square(3).describe(), twice<number>(2));\n"
	    "  try { throw new AppError('bad', 7); } catch (e) {\n"
	    "    out.push(e instanceof AppError, e instanceof Error, (e as AppError).show(), typeof (e as Error).stack);\n"
	    "  }\n"
	    "  const m = new Map<string, number>([['a', 1], ['b', 2]]);\n"
	    "  const s = new Set([3, 4]);\n"
	    "  let sum = 0;\n"
	    "  for (const [k, v] of m) { sum += v; out.push(k); }\n"
	    "  for (const x of s) sum += x;\n"
	    "  out.push(sum);\n"
	    "  const { a, ...rest } = { a: 1, b: 2, c: 3 };\n"
	    "  const [first, , third = 30, ...others] = [1, 2, undefined, 4, 5];\n"
	    "  out.push(a, rest, first, third, others, [...s, ...'hi'], Math.max(...[1, 5, 2]));\n"
	    "  const cfg: { deep?: { v?: number } } | undefined = {};\n"
	    "  out.push(cfg?.deep?.v ?? 'dflt', cfg.deep?.v?.toFixed(1), 0 ?? 1);\n"
	    "  let ticks = 0;\n"
	    "  for (let i = 0; i < 3; i++) { await sleep(5); ticks++; }\n"
	    "  out.push(ticks, leftpad('x', 3), tag('t'));\n"
	    "  const lazy = await import('./lazy');\n"
	    "  out.push(lazy.value);\n"
	    "  postMessage(out);\n"
	    "}\n"
	    "main().then(() => close(), e => { postMessage(String(e)); close(); });\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"square:9\",[2,2],true,true,\"AppError#7: bad\",\"string\",\"a\",\"b\",10,1,{\"b\":2,\"c\":3},"
	    "1,30,[4,5],[3,4,\"h\",\"i\"],5,\"dflt\",{\"$type\":\"undefined\"},0,3,\"  x\",\"<t>\",99]\n");
	ck_assert_ptr_null(res.errors);
}
END_TEST

START_TEST(subclassing_builtins)
{
	ck_assert_int_eq(run("sub.ts",
	    "class Stack<T> extends Array<T> { top(): T { return this[this.length - 1]; } }\n"
	    "class Counted extends Map<string, number> {\n"
	    "  bump(k: string) { this.set(k, (this.get(k) ?? 0) + 1); return this; }\n"
	    "}\n"
	    "class NotFound extends TypeError { status = 404; }\n"
	    "const st = new Stack<number>(); st.push(1, 2);\n"
	    "const c = new Counted().bump('x').bump('x');\n"
	    "const nf = new NotFound('gone');\n"
	    "postMessage([st instanceof Stack, st instanceof Array, st.top(), st.length,\n"
	    "  c instanceof Counted, c instanceof Map, c.get('x'),\n"
	    "  nf instanceof NotFound, nf instanceof TypeError, nf.status, nf.message, String(nf)]);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,true,2,2,true,true,2,true,true,404,\"gone\",\"TypeError: gone\"]\n");
}
END_TEST

START_TEST(tsx_custom_factory)
{
	put("view.tsx",
	    "/** @jsx h */\n"
	    "import { h } from './h';\n"
	    "export const View = (p: { who: string }) => <p class=\"x\">hi {p.who}</p>;\n");
	put("h.ts",
	    "export function h(tag: any, props: any, ...kids: any[]): string {\n"
	    "  if (typeof tag === 'function') return tag(props);\n"
	    "  return `<${tag}${props && props.class ? ` class=${props.class}` : ''}>${kids.join('')}</${tag}>`;\n"
	    "}\n");
	ck_assert_int_eq(run_with("main.tsx",
	    "import { View } from './view';\n"
	    "import { h as el } from './h';\n"
	    "postMessage([<View who=\"you\" />, <b>{1 + 1}</b>]);\n",
	    "el"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"<p class=x>hi you</p>\",\"<b>2</b>\"]\n");
}
END_TEST

START_TEST(modern_javascript)
{
	put("lib.mjs", "export default (a, b) => a + b;\nexport const name = 'lib';\n");
	ck_assert_int_eq(run("main.js",
	    "const add = require('./lib.mjs').default;\n"
	    "let xs = [1, 2, 3].map(x => x * 2);\n"
	    "class P { #secret = 1; get s() { return this.#secret; } }\n"
	    "const gen = function* () { yield* xs; };\n"
	    "postMessage([add(2, 3), xs, new P().s, [...gen()], `t${xs.length}`]);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[5,[2,4,6],1,[2,4,6],\"t3\"]\n");
}
END_TEST

START_TEST(plain_es5_needs_no_compiler)
{
	struct hostfx_opts o = { .compiler = "/nonexistent/compile.sock" };

	ck_assert_int_eq(hostfx_run_script(&fx, "var f = function (a) { return a + 1; }; postMessage(f(1));\n",
	    &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "2\n");
}
END_TEST

/* Without a compile server a modern file's SyntaxError says why it was
 * not lowered (it was a bare "parse error"). */
START_TEST(unlowered_syntax_error_says_why)
{
	ck_assert_int_eq(hostfx_run_script(&fx, "const f = (a) => a + 1;\npostMessage(f(1));\n", NULL, NULL, &res), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"SyntaxError\""));
	ck_assert_msg(strstr(hostfx_nz(res.errors), "parse error (line 1); the file was not lowered: cannot lower ") != NULL &&
	    strstr(hostfx_nz(res.errors), "main.js: no compile server") != NULL, "%s", hostfx_nz(res.errors));
}
END_TEST

START_TEST(syntax_error_at_original_position)
{
	put("util.ts", "export const ok = 1;\n");
	ck_assert_int_eq(run("bad.ts",
	    "import { ok } from './util';\n"
	    "type T = { a: number };\n"
	    "const v: T = { a: ok ;\n"), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"SyntaxError\""));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "bad.ts\",\"lineno\":3,\"colno\":22"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "',' expected"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "at /"));
	ck_assert_ptr_null(strstr(hostfx_nz(res.errors), "lower.c"));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

START_TEST(syntax_error_in_imported_module)
{
	put("broken.ts", "export const a = 1;\n\nexport const b = a +* 2;\n");
	ck_assert_int_eq(run("main.ts", "import { a } from './broken';\npostMessage(a);\n"), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "broken.ts\",\"lineno\":3,"));
}
END_TEST

/* What TypeScript passes through to ES5 unchanged and Duktape rejects. */
START_TEST(unsupported_syntax_at_original_line)
{
	ck_assert_int_eq(run("big.ts",
	    "interface A {\n  a: number;\n}\nimport { x } from './none';\nconst big = 10n;\n"), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "invalid number literal"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "big.ts\",\"lineno\":5,"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "big.ts:5\""));
}
END_TEST

START_TEST(stack_lines_are_original)
{
	ck_assert_int_eq(run("trace.ts",
	    "interface A { x: number }\n"
	    "class K extends Error {}\n"
	    "const { x, ...r }: any = { x: 1, y: 2 };\n"
	    "function deep(a: A): never {\n"
	    "  if (a.x > 1) throw new K(`boom ${a.x}`); else throw new Error(`boom ${a.x}`);\n"
	    "}\n"
	    "try { deep({ x: 1 }); } catch (e: any) { postMessage([e.lineNumber, /trace\\.ts:5\\b/.test(e.stack)]); }\n"
	    "try { deep({ x: 2 }); } catch (e: any) { postMessage([/trace\\.ts:5\\b/.test(e.stack), e instanceof K]); }\n"
	    "\n"
	    "async function later() { await null; [1].forEach(() => { throw new TypeError('late'); }); }\n"
	    "later();\n"), 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "[5,true]\n[true,true]\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "trace.ts\",\"lineno\":10,"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "trace.ts:10)"));
}
END_TEST

/* TypeScript 5 syntax: satisfies, const type parameters, import
 * attributes, using / await using (lowered, with Symbol.dispose and
 * asyncDispose) and standard decorators.  Expected: Node 20 running the
 * same compiler's ES2022 output of this file (types stripped; Node 20
 * parses neither `using` nor decorators itself), postMessage printing
 * JSON.stringify of its argument. */
START_TEST(typescript5_syntax)
{
	put("data.json", "{\"name\": \"cfg\", \"n\": 3}\n");
	ck_assert_int_eq(run("main.ts",
	    "import data from './data.json' with { type: 'json' };\n"
	    "type Point = { x: number; y: number };\n"
	    "const p = { x: 1, y: 2 } satisfies Point;\n"
	    "function first<const T extends readonly unknown[]>(xs: T): T[0] { return xs[0]; }\n"
	    "const out: unknown[] = [p.x + p.y, first(['a', 'b'] as const), data.name, data.n];\n"
	    "const trail: string[] = [];\n"
	    "function res(name: string) { return { [Symbol.dispose]() { trail.push('dispose ' + name); } }; }\n"
	    "{\n  using r1 = res('one');\n  using r2 = res('two');\n  trail.push('body');\n}\n"
	    "async function later() {\n"
	    "  await using r3 = { async [Symbol.asyncDispose]() { trail.push('async dispose'); } };\n"
	    "  trail.push('async body');\n}\n"
	    "function logged(value: Function, ctx: ClassMethodDecoratorContext) {\n"
	    "  return function (this: unknown, ...args: unknown[]) { trail.push('call ' + String(ctx.name)); "
	    "return value.apply(this, args); };\n}\n"
	    "class Greeter { @logged greet(who: string) { return 'hi ' + who; } }\n"
	    "out.push(new Greeter().greet('you'));\n"
	    "later().then(() => { out.push(trail); postMessage(out); });\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[3,\"a\",\"cfg\",3,\"hi you\",[\"body\",\"dispose two\","
	    "\"dispose one\",\"call greet\",\"async body\",\"async dispose\"]]\n");
	ck_assert_str_eq(hostfx_nz(res.errors), "");
}
END_TEST

/* ES module evaluation order with top-level await: importers wait, a
 * cycle sees what Node shows, import() resolves after evaluation, and
 * require() of a module with top-level await throws.  The expected array
 * is what Node 20 prints (console.log(JSON.stringify(log)) in place of
 * postMessage) for the same files. */
START_TEST(top_level_await_order)
{
	put("log.mjs", "export const log = [];\n");
	put("slow.mjs", "import { log } from './log.mjs';\nlog.push('slow:start');\n"
	    "await new Promise((r) => setTimeout(r, 20));\nexport const slow = 'S';\nlog.push('slow:end');\n");
	put("fast.mjs", "import { log } from './log.mjs';\nlog.push('fast');\nexport const fast = 'F';\n");
	put("lazy.mjs", "import { log } from './log.mjs';\nlog.push('lazy:start');\nawait null;\n"
	    "export const value = 42;\nlog.push('lazy:end');\n");
	put("cyc-a.mjs", "import { log } from './log.mjs';\nimport { b } from './cyc-b.mjs';\n"
	    "log.push('a:' + b());\nexport function a() { return 'a' + b(); }\nawait 0;\nlog.push('a:end');\n");
	put("cyc-b.mjs", "import { log } from './log.mjs';\nimport { a } from './cyc-a.mjs';\n"
	    "log.push('b:run');\nexport function b() { return 'b' + typeof a; }\n");
	put("req.cjs", "let out;\ntry { require('./tla2.mjs'); out = 'no error'; }\n"
	    "catch (e) { out = e.code + '|' + e.message.split('\\n')[0]; }\nmodule.exports = out;\n");
	put("tla2.mjs", "await 1;\nexport const x = 1;\n");
	ck_assert_int_eq(run("order.mjs",
	    "import { log } from './log.mjs';\nimport { slow } from './slow.mjs';\nimport { fast } from './fast.mjs';\n"
	    "log.push('main:' + slow + fast);\nconst lazy = await import('./lazy.mjs');\n"
	    "log.push('main:lazy=' + lazy.value);\nconst { a } = await import('./cyc-a.mjs');\n"
	    "log.push('main:' + a());\nconst { default: r } = await import('./req.cjs');\n"
	    "log.push('req:' + r);\npostMessage(log);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"slow:start\",\"fast\",\"slow:end\",\"main:SF\",\"lazy:start\",\"lazy:end\",\"main:lazy=42\","
	    "\"b:run\",\"a:bfunction\",\"a:end\",\"main:abfunction\",\"req:ERR_REQUIRE_ASYNC_MODULE|require() cannot be used "
	    "on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes "
	    "from, use --experimental-print-required-tla.\"]\n");
}
END_TEST

/* A rejection in top-level code is an uncaught error: error, exit 1. */
START_TEST(top_level_await_rejection)
{
	ck_assert_int_eq(run("tla.ts", "const a: number = 1;\nawait Promise.resolve(a);\n"
	    "postMessage('before');\nawait Promise.reject(new RangeError('late ' + a));\npostMessage('after');\n"), 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"before\"\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"RangeError\",\"message\":\"late 1\""));
	/* CommonJS has no top-level await: Node's SyntaxError, at the await */
	ck_assert_int_eq(run("old.cjs", "const a = 1;\nawait Promise.resolve(a);\n"), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors),
	    "await is only valid in async functions and the top level bodies of modules"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"lineno\":2,\"colno\":1"));
}
END_TEST

/* Every "@" of tmpl replaced with the fixture's directory. */
static const char *
in_dir(const char *tmpl)
{
	static char out[8192];
	size_t o = 0, dl = strlen(fx.dir);

	for (; *tmpl != '\0'; tmpl++) {
		ck_assert_uint_lt(o + dl + 1, sizeof(out));
		if (*tmpl == '@') {
			memcpy(out + o, fx.dir, dl);
			o += dl;
		} else
			out[o++] = *tmpl;
	}
	out[o] = '\0';
	return out;
}

/* The expected lines are what Node 20.20 printed for the same tree, run as
 * main.mjs (same names but for the extension), except Bun's main, dir,
 * file and path, which Node 20 does not have. */
START_TEST(import_meta)
{
	put("x#%?/sp ace/\xC3\xA9/lib.mjs",
	    "export const meta = import.meta;\n"
	    "export function later() { return import.meta.resolve('../up.js'); }\n");
	put("x#%?/node_modules/leftpad/package.json", "{\"main\": \"index.js\"}");
	put("x#%?/node_modules/leftpad/index.js", "module.exports = 1;\n");
	put("x#%?/modern.js", "const f = () => import.meta.file;\nexports.f = f;\n");
	ck_assert_int_eq(run("x#%?/main.ts",
	    "import { meta, later } from './sp ace/\xC3\xA9/lib.mjs';\n"
	    "import { f } from './modern';\n"
	    "const m = import.meta;\n"
	    "postMessage([m.url, m.filename, m.dirname]);\n"
	    "postMessage([m.resolve('./sp ace/\xC3\xA9/lib.mjs'), m.resolve('./nope.js'), m.resolve('./dir/'),\n"
	    "  m.resolve('/abs/x y.js'), m.resolve('file:///tmp/a%20b.js'), m.resolve('leftpad')]);\n"
	    "postMessage([meta.url, meta.filename, meta.dirname, later()]);\n"
	    "postMessage([m === import.meta, meta !== m, Object.getPrototypeOf(m) === null,\n"
	    "  m.resolve.name, m.resolve.length, Object.keys(m).slice(0, 4)]);\n"
	    "try { m.resolve('nopkg'); } catch (e) { postMessage(e.code); }\n"
	    "postMessage([m.main, m.dir, m.file, m.path, meta.main, meta.file, f(), m.resolve('./sp ace/\xC3\xA9/lib')]);\n"),
	    0);
	ck_assert_str_eq(hostfx_nz(res.messages), in_dir(
	    "[\"file://@/x%23%25%3F/main.ts\",\"@/x#%?/main.ts\",\"@/x#%?\"]\n"
	    "[\"file://@/x%23%25%3F/sp%20ace/%C3%A9/lib.mjs\",\"file://@/x%23%25%3F/nope.js\","
	    "\"file://@/x%23%25%3F/dir/\",\"file:///abs/x%20y.js\",\"file:///tmp/a%20b.js\","
	    "\"file://@/x%23%25%3F/node_modules/leftpad/index.js\"]\n"
	    "[\"file://@/x%23%25%3F/sp%20ace/%C3%A9/lib.mjs\",\"@/x#%?/sp ace/\xC3\xA9/lib.mjs\","
	    "\"@/x#%?/sp ace/\xC3\xA9\",\"file://@/x%23%25%3F/sp%20ace/up.js\"]\n"
	    "[true,true,true,\"resolve\",1,[\"dirname\",\"filename\",\"resolve\",\"url\"]]\n"
	    "\"MODULE_NOT_FOUND\"\n"
	    "[true,\"@/x#%?\",\"main.ts\",\"@/x#%?/main.ts\",false,\"lib.mjs\",\"modern.js\","
	    "\"file://@/x%23%25%3F/sp%20ace/%C3%A9/lib.mjs\"]\n"));
	ck_assert_ptr_null(res.errors);
}
END_TEST

START_TEST(import_meta_outside_a_module)
{
	put("old.cjs", "var ok = 1;\nmodule.exports = () => import.meta.url;\n");
	ck_assert_int_eq(run("main.js", "require('./old.cjs');\n"), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "Cannot use 'import.meta' outside a module"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "old.cjs\",\"lineno\":2,\"colno\":24"));
}
END_TEST

/* The names of the cache entries, one per line, sorted. */
static void
list_cache(char *out, size_t len, ino_t *last_ino, const char *skip)
{
	struct dirent **names;
	char p[PATH_MAX];
	struct stat st;
	size_t used = 0;
	int n = scandir(server.cache, &names, NULL, alphasort);

	out[0] = '\0';
	ck_assert_int_ge(n, 0);
	for (int i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;

		if (strstr(nm, ".lower") != NULL && strstr(skip, nm) == NULL) {
			used += (size_t)snprintf(out + used, len - used, "%s\n", nm);
			snprintf(p, sizeof(p), "%s/%s", server.cache, nm);
			ck_assert_int_eq(stat(p, &st), 0);
			*last_ino = st.st_ino;
		}
		free(names[i]);
	}
	free(names);
	ck_assert_uint_lt(used, len);
}

START_TEST(cache_hit_does_not_recompile)
{
	static char before[1 << 16], fresh[4096], again[4096], changed[4096];
	ino_t ino = 0, ino2 = 0, ino3 = 0;
	char src[256];

	list_cache(before, sizeof(before), &ino, "");
	snprintf(src, sizeof(src), "const stamp: string = '%ld-%d';\npostMessage(stamp.length > 0);\n",
	    (long)time(NULL), (int)getpid());
	ck_assert_int_eq(run("cached.ts", src), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "true\n");
	list_cache(fresh, sizeof(fresh), &ino, before);
	ck_assert_int_eq((int)(strchr(fresh, '\n') - fresh), 64 + 6);
	ck_assert_str_eq(strchr(fresh, '\n') + 1, "");

	hostfx_stop(&fx);
	ck_assert_int_eq(hostfx_init(&fx), 0);
	ck_assert_int_eq(run("cached.ts", src), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "true\n");
	list_cache(again, sizeof(again), &ino2, before);
	ck_assert_str_eq(again, fresh);
	ck_assert_uint_eq(ino2, ino);

	strcat(src, "postMessage(2);\n");
	ck_assert_int_eq(run("cached.ts", src), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "true\n2\n");
	list_cache(changed, sizeof(changed), &ino3, before);
	ck_assert_uint_eq(strlen(changed), 2 * (64 + 6 + 1));
}
END_TEST

/* Total bytes and count of the entries in dir. */
static long
entries_bytes(const char *dir, int *count)
{
	struct dirent *de;
	char p[PATH_MAX];
	struct stat st;
	long total = 0;
	DIR *d = opendir(dir);

	*count = 0;
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".lower") == NULL)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		ck_assert_int_eq(stat(p, &st), 0);
		total += (long)st.st_size;
		(*count)++;
	}
	closedir(d);
	return total;
}

/* A server of its own with --cache-max 20000: five ~7 KB entries do not
 * fit, the oldest go, the newest stays. */
START_TEST(cache_is_bounded)
{
	char sock[96], cache[128], src[8192], pad[6001];
	int count = 0;
	pid_t pid;

	snprintf(sock, sizeof(sock), "%s/small.sock", server.dir);
	snprintf(cache, sizeof(cache), "%s/small-cache", server.dir);
	pid = compilefx_spawn(sock, cache, "20000");
	ck_assert_int_gt(pid, 0);
	memset(pad, 'x', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	for (int i = 0; i < 5; i++) {
		snprintf(src, sizeof(src), "const pad: string = '%s';\npostMessage(pad.length + %d);\n", pad, i);
		ck_assert_int_eq(run_on(sock, cache, "big.ts", src, NULL), 0);
		hostfx_stop(&fx);
		ck_assert_int_eq(hostfx_init(&fx), 0);
		ck_assert_int_le(entries_bytes(cache, &count), 20000);
		ck_assert_int_ge(count, 1);
	}
	ck_assert_int_lt(count, 5);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_modern");
	TCase *tc = tcase_create("modern");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, typescript_features);
	tcase_add_test(tc, subclassing_builtins);
	tcase_add_test(tc, tsx_custom_factory);
	tcase_add_test(tc, modern_javascript);
	tcase_add_test(tc, plain_es5_needs_no_compiler);
	tcase_add_test(tc, unlowered_syntax_error_says_why);
	tcase_add_test(tc, syntax_error_at_original_position);
	tcase_add_test(tc, syntax_error_in_imported_module);
	tcase_add_test(tc, unsupported_syntax_at_original_line);
	tcase_add_test(tc, stack_lines_are_original);
	tcase_add_test(tc, typescript5_syntax);
	tcase_add_test(tc, top_level_await_order);
	tcase_add_test(tc, top_level_await_rejection);
	tcase_add_test(tc, import_meta);
	tcase_add_test(tc, import_meta_outside_a_module);
	tcase_add_test(tc, cache_hit_does_not_recompile);
	tcase_add_test(tc, cache_is_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return compilefx_run(&server, suite(), "test_host_modern");
}
