/*
 * test_host_regexp.c - RegExp in a worker (rt_regexp.h): the table of
 * cases in regexp-cases.js, whose expected lines regexp-cases.node20.txt
 * are what Node 20 prints for the same file (see its head); an npm-style
 * package with modern literals loaded through require from a plain ES5
 * script; literals Duktape compiles itself, run on the same engine; and
 * the SyntaxError for what is not supported.  The expected texts of the
 * other tests are also Node 20's output for the same files.  Modern
 * literals need the lowering, so this binary starts a compile server.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile_fixture.h"
#include "host_fixture.h"
#include "tsuite.h"

static char server_dir[64];
static char server_sock[96];
static char cache_dir[128];
static pid_t server_pid;

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

/* The file next to this source, read whole (malloc'd). */
static char *
read_beside(const char *name)
{
	char path[512];
	const char *slash = strrchr(__FILE__, '/');

	snprintf(path, sizeof(path), "%.*s/%s", slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".", name);
	return tsuite_slurp(path);
}

/* Runs rel (written with text) as the entry script to its end: exit status. */
static int
run(const char *rel, const char *text)
{
	struct hostfx_opts o = { .compiler = server_sock, .cache_dir = cache_dir };
	char path[512];

	ck_assert_ptr_nonnull(hostfx_write(&fx, rel, text));
	snprintf(path, sizeof(path), "%s", fx.path);
	ck_assert_int_eq(hostfx_start(&fx, path, &o), 0);
	ck_assert_int_eq(hostfx_run(&fx, &res, 30000), 0);
	return hostfx_wait(&fx, 30000);
}

/* Each "log " line of the logs against each line of want, one by one, so
 * a failure names the case. */
static void
assert_lines(const char *logs, const char *want)
{
	while (*want != '\0') {
		const char *we = strchr(want, '\n'), *le;
		size_t wn = we ? (size_t)(we - want) : strlen(want);

		ck_assert_msg(strncmp(logs, "log ", 4) == 0, "missing line: %.*s", (int)wn, want);
		logs += 4;
		le = strchr(logs, '\n');
		ck_assert_msg(le != NULL && (size_t)(le - logs) == wn && memcmp(logs, want, wn) == 0,
		    "got: %.*s\nwant: %.*s", le ? (int)(le - logs) : (int)strlen(logs), logs, (int)wn, want);
		logs = le + 1;
		want += wn + (we ? 1 : 0);
	}
	ck_assert_msg(*logs == '\0', "extra output: %s", logs);
}

START_TEST(cases_match_node20)
{
	char *script = read_beside("regexp-cases.js"), *want = read_beside("regexp-cases.node20.txt");

	ck_assert_ptr_nonnull(script);
	ck_assert_ptr_nonnull(want);
	ck_assert_int_eq(run("regexp-cases.js", script), 0);
	ck_assert_ptr_null(res.errors);
	assert_lines(hostfx_nz(res.logs), want);
	free(script);
	free(want);
}
END_TEST

START_TEST(npm_package_through_require)
{
	ck_assert_ptr_nonnull(hostfx_write(&fx, "node_modules/md-lite/package.json",
	    "{\"name\": \"md-lite\", \"main\": \"lib/index.js\"}\n"));
	ck_assert_ptr_nonnull(hostfx_write(&fx, "node_modules/md-lite/lib/index.js",
	    "'use strict';\n"
	    "var HEADING = /^(?<level>#{1,6})\\s+(?<text>.+)$/gmu;\n"
	    "var EMPH = /(?<![\\\\*])\\*(?<t>[^*]+)\\*/g;\n"
	    "var WORD = /[\\p{L}\\p{N}]+/gu;\n"
	    "exports.render = function (src) {\n"
	    "  return src\n"
	    "    .replace(HEADING, function () { var g = arguments[arguments.length - 1]; return '<h' + g.level.length + '>' + g.text + '</h' + g.level.length + '>'; })\n"
	    "    .replace(EMPH, '<em>$<t></em>');\n"
	    "};\n"
	    "exports.words = function (s) { return s.match(WORD); };\n"
	    "exports.tokens = function (s) {\n"
	    "  var re = /\\s*(?:(?<num>\\d+)|(?<op>[-+*\\/]))/y, out = [], m;\n"
	    "  while ((m = re.exec(s)) !== null) out.push(m.groups.num !== undefined ? +m.groups.num : m.groups.op);\n"
	    "  return out;\n"
	    "};\n"
	    "exports.slug = function (s) { return s.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join('-'); };\n"));
	ck_assert_int_eq(run("main.js",
	    "var md = require('md-lite');\n"
	    "console.log(md.render('# Título\\n## Sub *x*\\n\\\\*no*'));\n"
	    "console.log(JSON.stringify(md.words('héllo, wörld 42 ¡olé!')));\n"
	    "console.log(JSON.stringify(md.tokens('12 + 3*4')));\n"
	    "console.log(md.slug('Crème Brûlée à la carte'));\n"), 0);
	ck_assert_ptr_null(res.errors);
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log <h1>Título</h1>\n"
	    "<h2>Sub <em>x</em></h2>\n"
	    "\\*no*\n"
	    "log [\"héllo\",\"wörld\",\"42\",\"olé\"]\n"
	    "log [12,\"+\",3,\"*\",4]\n"
	    "log creme-brulee-a-la-carte\n");
}
END_TEST

/* A plain ES5 file Duktape compiles itself: its literals are Duktape's
 * objects, run by the same engine as constructed ones. */
START_TEST(duktape_literals_share_the_engine)
{
	ck_assert_int_eq(run("es5.js",
	    "var r = /(\\d+)/g, out = [];\n"
	    "out.push('a1b22'.replace(r, function (m, d, off) { return '[' + d + '@' + off + ']'; }));\n"
	    "out.push(r.lastIndex, r instanceof RegExp, Object.prototype.toString.call(r), String(r), r.flags);\n"
	    "out.push('a, b,c'.split(/\\s*,\\s*/).join('|'), 'x'.match(/y/), /a/i.test('A'));\n"
	    "var n = new RegExp('(?<w>\\\\w+)@(?<d>[\\\\w.]+)', 'u').exec('mail bob@example.org now');\n"
	    "out.push(n.groups.w, n.groups.d, n.index);\n"
	    "var re = /o/g; re.exec('foo'); out.push(re.lastIndex);\n"
	    "out.push('aXbX'.split('X').length, 'a-b'.replace('-', '$&$&'));\n"
	    "console.log(JSON.stringify(out));\n"), 0);
	ck_assert_ptr_null(res.errors);
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log [\"a[1@1]b[22@3]\",0,true,\"[object RegExp]\",\"/(\\\\d+)/g\",\"g\",\"a|b|c\",null,true,\"bob\",\"example.org\",5,2,3,\"a--b\"]\n");
}
END_TEST

START_TEST(unsupported_is_a_syntax_error_naming_it)
{
	ck_assert_int_eq(run("v.js",
	    "const out = [];\n"
	    "for (const f of [() => /[\\p{L}--a]/v, () => new RegExp('(?<=a+)b'), () => /[\\w&&\\d]/v,\n"
	    "    () => /[[a-z]x]/v, () => /[\\q{ab}]/v, () => /(?<=a)b/v])\n"
	    "  try { f(); out.push('no error'); } catch (e) { out.push(e.name + ': ' + e.message); }\n"
	    "console.log(out.join('\\n'));\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log SyntaxError: Invalid regular expression: /[\\p{L}--a]/v: class set operations (-- and &&) are not supported\n"
	    "SyntaxError: Invalid regular expression: /(?<=a+)b/: variable-length lookbehind is not supported\n"
	    "SyntaxError: Invalid regular expression: /[\\w&&\\d]/v: class set operations (-- and &&) are not supported\n"
	    "SyntaxError: Invalid regular expression: /[[a-z]x]/v: nested classes of the v flag are not supported\n"
	    "SyntaxError: Invalid regular expression: /[\\q{ab}]/v: \\q{...} of the v flag is not supported\n"
	    "no error\n");
}
END_TEST

/* A literal that breaks the grammar is an early error, as in Node: the
 * file does not run (Node 20: bad.js:2, the same message); what is valid
 * but unsupported still throws only when evaluated (above). */
START_TEST(bad_modern_literal_is_an_early_error)
{
	ck_assert_int_eq(run("bad.js",
	    "console.log('ran');\n"
	    "try { const r = /(?<a>x)(?<a>y)/u; console.log('no error', r); }\n"
	    "catch (e) { console.log(e.name + ': ' + e.message); }\n"), 1);
	ck_assert_ptr_null(res.logs);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"SyntaxError\""));
	ck_assert_msg(strstr(hostfx_nz(res.errors),
	    "Invalid regular expression: /(?<a>x)(?<a>y)/u: Duplicate capture group name") != NULL, "%s", res.errors);
	ck_assert_msg(strstr(hostfx_nz(res.errors), "bad.js\",\"lineno\":2,\"colno\":17") != NULL, "%s", res.errors);
}
END_TEST

/* The grammar's errors in V8's words, early; a repeat count too large
 * for PCRE2 is valid JavaScript and runs. */
START_TEST(grammar_errors_are_early_in_v8_words)
{
	static const char *const bad[][2] = {
		{ "/a**/u", "/a**/u: Nothing to repeat" },
		{ "/a{2,1}/u", "/a{2,1}/u: numbers out of order in {} quantifier" },
		{ "/a/uu", "Invalid regular expression flags" },
		{ "/a++/", "/a++/: Nothing to repeat" },
		{ "/(?=a)*/u", "/(?=a)*/u: Nothing to repeat" },
		{ "/[a!!]/v", "/[a!!]/v: Invalid set operation in character class" },
		{ "/[(]/v", "/[(]/v: Invalid character in character class" },
		{ "/(?<a\\uD801>x)/", "Invalid capture group name" },
	};

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		char src[128];

		snprintf(src, sizeof(src), "console.log('ran'); var r = %s;\n", bad[k][0]);
		ck_assert_int_eq(run("q.js", src), 1);
		ck_assert_ptr_null(res.logs);
		ck_assert_msg(strstr(hostfx_nz(res.errors), bad[k][1]) != NULL, "%s: %s", bad[k][0], res.errors);
		hostfx_case_teardown(&fx, &res);
		hostfx_case_setup(&fx, &res);
	}
	ck_assert_int_eq(run("big.js", "console.log('ran', /a{99999999}/u.test('aaa'), /a{2,99999999}/u.exec('aaa')[0]);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.logs), "log ran false aaa\n");
}
END_TEST

/* The protocol as ES2024 has it, where Node 20 (V8 11.3) still reads
 * `global` and `unicode`: Symbol.match and Symbol.replace read `flags`
 * once, and what it says decides; a throwing `flags` getter throws. */
START_TEST(protocol_reads_flags)
{
	ck_assert_int_eq(run("flags.js",
	    "const mk = (re, f) => Object.defineProperty(re, 'flags', { value: f }), out = [];\n"
	    "out.push('abc'.match(mk(/./g, '')), 'abc'.replace(mk(/./g, ''), 'x'));\n"
	    "out.push('abc'.match(mk(/./y, 'g')), 'abc'.replace(mk(/./y, 'g'), 'x'));\n"
	    "const u = /(?:)/g; Object.defineProperty(u, 'flags', { value: 'gv' });\n"
	    "out.push('\\u{1F600}'.replace(u, '-').length);\n"
	    "const e = { get flags() { throw new RangeError('flags'); }, get global() { throw new Error('global'); } };\n"
	    "for (const k of [Symbol.match, Symbol.replace, Symbol.split, Symbol.matchAll])\n"
	    "  try { RegExp.prototype[k].call(e, 'a'); out.push('no error'); } catch (x) { out.push(x.message); }\n"
	    "console.log(JSON.stringify(out));\n"), 0);
	ck_assert_ptr_null(res.errors);
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log [[\"a\"],\"xbc\",[\"a\",\"b\",\"c\"],\"xxx\",4,\"flags\",\"flags\",\"flags\",\"flags\"]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_regexp");
	TCase *tc = tcase_create("regexp");

	tcase_set_timeout(tc, 90);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cases_match_node20);
	tcase_add_test(tc, npm_package_through_require);
	tcase_add_test(tc, duktape_literals_share_the_engine);
	tcase_add_test(tc, unsupported_is_a_syntax_error_naming_it);
	tcase_add_test(tc, bad_modern_literal_is_an_early_error);
	tcase_add_test(tc, grammar_errors_are_early_in_v8_words);
	tcase_add_test(tc, protocol_reads_flags);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	char cmd[128];
	int failed;

	snprintf(server_dir, sizeof(server_dir), "/tmp/wsd-regexp-XXXXXX");
	if (mkdtemp(server_dir) == NULL)
		return 1;
	snprintf(server_sock, sizeof(server_sock), "%s/compile.sock", server_dir);
	snprintf(cache_dir, sizeof(cache_dir), "%s/cache", server_dir);
	if ((server_pid = compilefx_spawn(server_sock, cache_dir, "67108864")) == -1) {
		fprintf(stderr, "test_host_regexp: the compile server did not start\n");
		return 1;
	}
	failed = tsuite_run(suite());
	kill(server_pid, SIGTERM);
	waitpid(server_pid, NULL, 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", server_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", server_dir);
	return failed == 0 ? 0 : 1;
}
