/*
 * test_host_loop.c - the worker's event loop and lifecycle: timer and
 * microtask order, Promise chains, Map/Set, every exit path and its code,
 * beforeExit/exit, uncaught and handled errors, syntax errors, and console
 * output that must all arrive before the exit frame.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_fixture.h"
#include "tsuite.h"

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

/* Runs src to its end; returns the exit status. */
static int
run(const char *src)
{
	int st = hostfx_run_script(&fx, src, NULL, NULL, &res);

	ck_assert_msg(st >= 0, "no exit frame / process end; stderr: %s", hostfx_stderr(&fx));
	return st;
}

START_TEST(timers_fire_in_deadline_then_creation_order)
{
	ck_assert_int_eq(run(
	    "var o = [];\n"
	    "setTimeout(function () { o.push('d5'); }, 5);\n"
	    "setTimeout(function () { o.push('a'); }, 1);\n"
	    "setTimeout(function () { o.push('b'); }, 0);\n"
	    "setTimeout(function (x, y) { o.push(String(x) + y); });\n"
	    "var c = setTimeout(function () { o.push('cleared'); }, 1);\n"
	    "clearTimeout(c);\n"
	    "var d = setTimeout(function () { o.push('cleared-by-id'); }, 1);\n"
	    "clearTimeout(+d);\n"
	    "setTimeout(function (x, y) { o.push(x + y); }, 2, 'ar', 'gs');\n"
	    "var i = 0, iv = setInterval(function () { o.push('i' + i); if (++i === 3) clearInterval(iv); }, 10);\n"
	    "setTimeout(function () { postMessage(o); }, 60);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"a\",\"b\",\"undefinedundefined\",\"args\",\"d5\",\"i0\",\"i1\",\"i2\"]\n");
	ck_assert_int_eq(res.code, 0);
	ck_assert_str_eq(res.reason, "exit");
}
END_TEST

START_TEST(microtasks_run_before_the_next_timer)
{
	ck_assert_int_eq(run(
	    "var o = [];\n"
	    "setTimeout(function () {\n"
	    "  o.push('t1');\n"
	    "  queueMicrotask(function () { o.push('m-in-t1'); });\n"
	    "  Promise.resolve().then(function () { o.push('p-in-t1'); });\n"
	    "}, 1);\n"
	    "setTimeout(function () { o.push('t2'); postMessage(o); }, 1);\n"
	    "Promise.resolve(1).then(function () { o.push('p1'); return Promise.resolve(); })\n"
	    "  .then(function () { o.push('p2'); });\n"
	    "queueMicrotask(function () { o.push('m1'); });\n"
	    "process.nextTick(function () { o.push('tick'); });\n"
	    "o.push('sync');\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"sync\",\"p1\",\"m1\",\"tick\",\"p2\",\"t1\",\"m-in-t1\",\"p-in-t1\",\"t2\"]\n");
}
END_TEST

START_TEST(promise_chains)
{
	ck_assert_int_eq(run(
	    "var o = [];\n"
	    "new Promise(function (res) { setTimeout(function () { res(2); }, 1); })\n"
	    "  .then(function (v) { o.push(v); throw new Error('x' + v); })\n"
	    "  .catch(function (e) { o.push(e.message); return 'c'; })\n"
	    "  .finally(function () { o.push('fin'); })\n"
	    "  .then(function (v) { o.push(v);\n"
	    "    return Promise.all([1, Promise.resolve(2), new Promise(function (r) { setTimeout(r, 2, 3); })]); })\n"
	    "  .then(function (a) { o.push(a.join('+'));\n"
	    "    return Promise.allSettled([Promise.reject(new Error('no')), 5]); })\n"
	    "  .then(function (s) { o.push(s[0].status + ':' + s[0].reason.message, s[1].status + ':' + s[1].value);\n"
	    "    return Promise.race([new Promise(function () {}), Promise.resolve('fast')]); })\n"
	    "  .then(function (v) { o.push(v); postMessage(o); });\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[2,\"x2\",\"fin\",\"c\",\"1+2+3\",\"rejected:no\",\"fulfilled:5\",\"fast\"]\n");
}
END_TEST

START_TEST(map_and_set_semantics)
{
	ck_assert_int_eq(run(
	    "var m = new Map(), k = {}, o = [];\n"
	    "m.set('b', 1).set('a', 2).set(NaN, 'nan').set(-0, 'zero').set(k, 'obj');\n"
	    "o.push(m.size, m.get(NaN), m.get(0), m.get(+0), m.get(k), m.get({}), m.has('a'));\n"
	    "m.set('b', 3); m['delete']('a'); m.set('a', 4);\n"
	    "var keys = []; m.forEach(function (v, key) { keys.push(String(key) + '=' + String(v)); });\n"
	    "o.push(keys.join(','));\n"
	    "var s = new Set([1, '1', 1, NaN, NaN, 0, -0]);\n"
	    "o.push(s.size, s.has(NaN), s.has('1'));\n"
	    "var it = s.values(), r = []; for (var x = it.next(); !x.done; x = it.next()) r.push(String(x.value));\n"
	    "o.push(r.join(','));\n"
	    "var big = new Map(); for (var i = 0; i < 20000; i++) big.set('k' + i, i);\n"
	    "o.push(big.get('k19999'), big.size);\n"
	    "var w = new WeakMap(); w.set(k, 1); o.push(w.get(k), w.has({}));\n"
	    "postMessage(o);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[5,\"nan\",\"zero\",\"zero\",\"obj\",{\"$type\":\"undefined\"},true,"
	    "\"b=3,NaN=nan,0=zero,[object Object]=obj,a=4\",4,true,true,\"1,1,NaN,0\",19999,20000,1,false]\n");
}
END_TEST

START_TEST(timer_handles_ref_unref_refresh)
{
	ck_assert_int_eq(run(
	    "var o = [];\n"
	    "var never = setTimeout(function () { o.push('never'); }, 100000);\n"
	    "o.push(never.hasRef()); never.unref(); o.push(never.hasRef());\n"
	    "o.push(never.ref() === never, never.hasRef()); never.unref();\n"
	    "var t = setTimeout(function () { o.push('refreshed'); postMessage(o); }, 20);\n"
	    "setTimeout(function () { t.refresh(); o.push('refresh'); }, 10);\n"
	    "setInterval(function () {}, 5).unref();\n"
	    "o.push(typeof (+t), t.hasRef());\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[true,false,true,true,\"number\",true,\"refresh\",\"refreshed\"]\n");
	ck_assert_int_eq(res.code, 0);
}
END_TEST

START_TEST(process_exit_keeps_the_full_code)
{
	ck_assert_int_eq(run("setTimeout(function () {}, 100000); process.exit(300);"), 300 & 0xff);
	ck_assert_int_eq(res.code, 300);
	ck_assert_str_eq(res.reason, "exit");
}
END_TEST

START_TEST(process_exit_minus_one)
{
	ck_assert_int_eq(run("onmessage = function () {}; process.exit(-1);"), 255);
	ck_assert_int_eq(res.code, -1);
}
END_TEST

START_TEST(exit_code_and_exit_listener)
{
	ck_assert_int_eq(run(
	    "process.exitCode = 3;\n"
	    "process.on('exit', function (c) { console.log('exit ' + c); process.exitCode = 9; });\n"), 9);
	ck_assert_int_eq(res.code, 9);
	ck_assert_str_eq(hostfx_nz(res.logs), "log exit 3\n");
}
END_TEST

START_TEST(close_ends_with_zero)
{
	ck_assert_int_eq(run(
	    "onmessage = function () {};\n"
	    "setTimeout(function () { postMessage('before'); close(); postMessage('same task'); }, 1);\n"
	    "setTimeout(function () { postMessage('never'); }, 30);\n"), 0);
	ck_assert_int_eq(res.code, 0);
	ck_assert_str_eq(res.reason, "exit");
	ck_assert_str_eq(hostfx_nz(res.messages), "\"before\"\n\"same task\"\n");
}
END_TEST

START_TEST(before_exit_then_exit)
{
	ck_assert_int_eq(run(
	    "var rounds = 0;\n"
	    "process.on('beforeExit', function (c) {\n"
	    "  console.log('beforeExit ' + c + ' ' + rounds);\n"
	    "  if (rounds++ < 2) setTimeout(function () { console.log('more work ' + rounds); }, 1);\n"
	    "});\n"
	    "process.once('exit', function (c) { console.log('exit ' + c); });\n"
	    "console.log('top');\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log top\nlog beforeExit 0 0\nlog more work 1\nlog beforeExit 0 1\nlog more work 2\n"
	    "log beforeExit 0 2\nlog exit 0\n");
}
END_TEST

START_TEST(uncaught_error_sends_error_then_exit_1)
{
	ck_assert_int_eq(run(
	    "process.on('exit', function (c) { console.log('exit ' + c); });\n"
	    "postMessage('first');\n"
	    "setTimeout(function () {\n"
	    "  throw new TypeError('boom');\n"
	    "}, 1);\n"), 1);
	ck_assert_str_eq(res.reason, "error");
	ck_assert_int_eq(res.code, 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"first\"\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"TypeError\""));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"message\":\"boom\""));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"lineno\":4"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "main.js\""));
	ck_assert_str_eq(hostfx_nz(res.logs), "log exit 1\n");
}
END_TEST

START_TEST(onerror_returning_true_handles)
{
	ck_assert_int_eq(run(
	    "onerror = function (e) {\n"
	    "  postMessage([e.type, e.message, e.lineno, e.error instanceof RangeError, /main\\.js$/.test(e.filename)]);\n"
	    "  return true;\n"
	    "};\n"
	    "setTimeout(function () { throw new RangeError('r'); }, 1);\n"
	    "setTimeout(function () { postMessage('still alive'); }, 5);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"error\",\"RangeError: r\",5,true,true]\n\"still alive\"\n");
	ck_assert_ptr_null(res.errors);
	ck_assert_int_eq(res.code, 0);
}
END_TEST

START_TEST(prevent_default_handles)
{
	ck_assert_int_eq(run(
	    "addEventListener('error', function (e) { e.preventDefault(); postMessage('caught ' + e.error.message); }, { once: true });\n"
	    "Promise.reject(new Error('rejected'));\n"
	    "setTimeout(function () { null.x; }, 5);\n"), 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"caught rejected\"\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"TypeError\""));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

START_TEST(uncaught_exception_listener_handles)
{
	ck_assert_int_eq(run(
	    "process.on('uncaughtException', function (e, origin) { postMessage([e.message, origin]); });\n"
	    "onerror = function () { postMessage('onerror must not run'); };\n"
	    "queueMicrotask(function () { throw new Error('in microtask'); });\n"
	    "throw new Error('top');\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"top\",\"uncaughtException\"]\n[\"in microtask\",\"uncaughtException\"]\n");
	ck_assert_int_eq(res.code, 0);
}
END_TEST

START_TEST(unhandled_rejection_is_uncaught)
{
	ck_assert_int_eq(run(
	    "setTimeout(function () { postMessage('timer'); }, 1);\n"
	    "new Promise(function (res, rej) { setTimeout(rej, 5, new URIError('nobody caught me')); });\n"
	    "Promise.reject(1)['catch'](function () {});\n"), 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"timer\"\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"URIError\""));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "nobody caught me"));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

START_TEST(logs_and_messages_keep_their_order)
{
	ck_assert_int_eq(run(
	    "console.log('l1'); postMessage('m1'); console.warn('l2'); postMessage('m2');\n"
	    "setImmediate(function (x) { console.log('imm ' + x); postMessage('m3'); }, 'arg');\n"
	    "clearImmediate(setImmediate(function () { postMessage('never'); }));\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.order),
	    "log log l1\nmessage \"m1\"\nlog warn l2\nmessage \"m2\"\nlog log imm arg\nmessage \"m3\"\n");
}
END_TEST

START_TEST(unhandled_rejection_listener)
{
	ck_assert_int_eq(run(
	    "process.on('unhandledRejection', function (r) { postMessage('unhandled ' + r.message); });\n"
	    "Promise.reject(new Error('one'));\n"
	    "setTimeout(function () { Promise.reject(new Error('two')); }, 1);\n"), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"unhandled one\"\n\"unhandled two\"\n");
	ck_assert_ptr_null(res.errors);
}
END_TEST

START_TEST(error_in_message_handler)
{
	static const char *const posts[] = { "1", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "onmessage = function (e) { throw 'thrown ' + e.data; };\n", NULL, posts, &res), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "thrown 1"));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

START_TEST(syntax_error_in_the_entry_script)
{
	ck_assert_int_eq(run("var ok = 1;\nvar x = ;\n"), 1);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"SyntaxError\""));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"lineno\":2"));
	ck_assert_int_eq(res.code, 1);
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

START_TEST(console_lines_all_arrive_before_exit)
{
	const char *p;
	int n = 0;

	int st = run(
	    "for (var i = 0; i < 300; i++) console.log('line', i, { i: i });\n"
	    "console.info('i'); console.warn('w'); console.error('e'); console.debug('d');\n"
	    "process.stdout.write('raw %d\\n'); process.stderr.write('to stderr');\n"
	    "process.exit(0);\n");

	ck_assert_msg(st == 0, "exit %d; errors: %s", st, hostfx_nz(res.errors));
	for (p = hostfx_nz(res.logs); (p = strstr(p, "log line ")) != NULL; p++)
		n++;
	ck_assert_int_eq(n, 300);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.logs), "log line 299"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.logs), "\ninfo i\nwarn w\nerror e\ndebug d\nlog raw %d\nerror to stderr\n"));
}
END_TEST

/* process.stdout ends as a Writable does: 'finish' and end's callback
 * later, a write after it an ERR_STREAM_WRITE_AFTER_END to its callback
 * and an 'error' event, nothing logged. */
START_TEST(stdout_end_and_write_after)
{
	int st = run(
	    "var out = process.stdout, seen = [];\n"
	    "out.on('finish', function () { seen.push('finish'); });\n"
	    "out.on('error', function (e) { seen.push('error ' + e.code); });\n"
	    "out.end('last', function () { seen.push('end cb'); });\n"
	    "seen.push([out.writable, out.writableEnded, out.writableFinished].join());\n"
	    "seen.push(String(out.write('dropped', function (e) { seen.push('cb ' + e.code); })));\n"
	    "setTimeout(function () { console.log(seen.join(' | '), out.writableFinished); }, 5);\n");

	ck_assert_msg(st == 0, "exit %d; errors: %s", st, hostfx_nz(res.errors));
	ck_assert_ptr_null(strstr(hostfx_nz(res.logs), "dropped"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.logs), "log last\n"));
	ck_assert_msg(strstr(hostfx_nz(res.logs), "log false,true,false | false | finish | end cb | "
	    "cb ERR_STREAM_WRITE_AFTER_END | error ERR_STREAM_WRITE_AFTER_END true\n") != NULL, "logs: %s",
	    hostfx_nz(res.logs));
}
END_TEST

START_TEST(globals_exist)
{
	static const char *const env[] = { "GREETING=hi", NULL };
	static const char *const args[] = { "one", "two", NULL };
	struct hostfx_opts o = { .name = "wname", .env = env, .args = args };

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "postMessage([self === globalThis, name, process.env.GREETING, process.argv.slice(1).join(' ').replace(/^.*\\//, ''),\n"
	    "  process.pid > 0, typeof performance.now(), performance.now() >= 0,\n"
	    "  typeof TextEncoder, typeof setImmediate, typeof removeEventListener, typeof require, typeof module,\n"
	    "  typeof exports, /main\\.js$/.test(__filename), __dirname === __filename.replace(/\\/main\\.js$/, '')]);\n",
	    &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,\"wname\",\"hi\",\"main.js one two\",true,\"number\",true,\"function\",\"function\","
	    "\"function\",\"function\",\"object\",\"object\",true,true]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_loop");
	TCase *tc = tcase_create("loop");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, timers_fire_in_deadline_then_creation_order);
	tcase_add_test(tc, microtasks_run_before_the_next_timer);
	tcase_add_test(tc, promise_chains);
	tcase_add_test(tc, map_and_set_semantics);
	tcase_add_test(tc, timer_handles_ref_unref_refresh);
	tcase_add_test(tc, process_exit_keeps_the_full_code);
	tcase_add_test(tc, process_exit_minus_one);
	tcase_add_test(tc, exit_code_and_exit_listener);
	tcase_add_test(tc, close_ends_with_zero);
	tcase_add_test(tc, before_exit_then_exit);
	tcase_add_test(tc, uncaught_error_sends_error_then_exit_1);
	tcase_add_test(tc, onerror_returning_true_handles);
	tcase_add_test(tc, prevent_default_handles);
	tcase_add_test(tc, uncaught_exception_listener_handles);
	tcase_add_test(tc, unhandled_rejection_is_uncaught);
	tcase_add_test(tc, logs_and_messages_keep_their_order);
	tcase_add_test(tc, unhandled_rejection_listener);
	tcase_add_test(tc, error_in_message_handler);
	tcase_add_test(tc, syntax_error_in_the_entry_script);
	tcase_add_test(tc, console_lines_all_arrive_before_exit);
	tcase_add_test(tc, stdout_end_and_write_after);
	tcase_add_test(tc, globals_exist);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
