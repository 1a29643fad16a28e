/*
 * test_host_web.c - the Web globals of a worker (docs/builtins.md): events
 * and EventTarget, DOMException, AbortController/AbortSignal, atob/btoa,
 * crypto, TextEncoder/TextDecoder (and the encodings Node 20 gets wrong),
 * Blob/File, performance, setImmediate,
 * and the global scope as an EventTarget, in a plain .js worker.
 *
 * The scripts that run unchanged under Node 20 are tests/compat/web_*.js,
 * checked against Node's output by test_host_nodecompat.c (and again under
 * node by `make compat-node`); one is left here.  The rest covers what
 * Node 20 lacks or does otherwise (self, onmessage, ErrorEvent, navigator,
 * reportError, capture order, passive listeners): those expectations are
 * the DOM and HTML standards' and say so where they are.
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

/* A plain script logs what Node 20 logs for it, and ends cleanly. */
static void
prints_as_node(const char *script, const char *node)
{
	ck_assert_int_eq(hostfx_run_script(&fx, script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.logs), node);
	ck_assert_str_eq(res.reason, "exit");
}

/* node clone.js: what structuredClone() throws is a DOMException. */
START_TEST(data_clone_error_is_a_domexception)
{
	prints_as_node(
	    "function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }\n"
	    "try { structuredClone(function () {}); } catch (e) { show('clone', [e instanceof DOMException, e instanceof Error, e.name, e.code, Object.prototype.toString.call(e)]); }\n",
	    "log clone [true,true,\"DataCloneError\",25,\"[object DOMException]\"]\n");
}
END_TEST

/* ---- where Node 20 has nothing to compare with, or differs ---- */

/* HTML: the handler attribute is one listener, placed where it was first
 * set; setting it again replaces the function in place, null removes it.
 * Host message events are trusted MessageEvents at the global scope. */
static const char self_script[] =
	    "var order = [];\n"
	    "addEventListener('message', function (e) { order.push('first' + e.data); });\n"
	    "onmessage = function () { order.push('h1'); };\n"
	    "addEventListener('message', { handleEvent: function (e) { order.push('obj' + e.data); if (e.data === 3) { postMessage(order); close(); } } });\n"
	    "onmessage = function (e) { order.push('h2:' + [this === self, e.target === self, e.currentTarget === self, e.isTrusted, e instanceof MessageEvent, e.origin, e.ports.length, e.source, e.eventPhase].join()); };\n"
	    "function last(e) { order.push('last' + e.data); if (e.data === 2) { onmessage = null; removeEventListener('message', last); } }\n"
	    "addEventListener('message', last);\n"
	    "var seen = [];\n"
	    "self.addEventListener('custom', function (e) { seen.push(e.detail); });\n"
	    "seen.push(self.dispatchEvent(new CustomEvent('custom', { detail: 'd' })));\n"
	    "postMessage([self instanceof EventTarget, typeof self.dispatchEvent, onmessage !== null, Object.prototype.hasOwnProperty.call(self, 'onmessage'), seen]);\n";

START_TEST(self_is_an_event_target)
{
	static const char *const posts[] = { "1", "2", "3", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx, self_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,\"function\",true,true,[\"d\",true]]\n"
	    "[\"first1\",\"h2:true,true,true,true,true,,0,,2\",\"obj1\",\"last1\","
	    "\"first2\",\"h2:true,true,true,true,true,,0,,2\",\"obj2\",\"last2\","
	    "\"first3\",\"obj3\"]\n");
}
END_TEST

/* A lone `onmessage` takes the fast path (msgevent.c):
 * the event must be the one dispatch() gives, during the call and after
 * it, and a handler returning false cancels nothing (message events are
 * not cancelable). */
static const char lone_script[] =
	    "var kept;\n"
	    "onmessage = function (e) {\n"
	    "  kept = e;\n"
	    "  postMessage([this === self, e.target === self, e.currentTarget === self, e.eventPhase, e.isTrusted,\n"
	    "    e instanceof MessageEvent, e.type, e.cancelable, typeof e.timeStamp, e.data, e.composedPath().length]);\n"
	    "  setTimeout(function () { postMessage([kept.target === self, kept.currentTarget, kept.eventPhase, kept.defaultPrevented, kept.composedPath().length]); close(); });\n"
	    "  return false;\n"
	    "};\n";

START_TEST(lone_handler_event)
{
	static const char *const posts[] = { "7", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx, lone_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,true,true,2,true,true,\"message\",false,\"number\",7,1]\n"
	    "[true,null,0,false,0]\n");
}
END_TEST

/* msgevent.c builds the event of a lone `onmessage` in C; a second
 * listener sends the next message through dispatch().  Both must give the
 * same event: its own keys, prototype chain, every attribute during the
 * call and after it.  The handler of message 1 adds a listener, which is
 * not called for that message (it was added during its dispatch) but is
 * for message 2, after the handler and with the same event object. */
static const char paths_script[] =
	    "var res = {}, last;\n"
	    "function probe(e) {\n"
	    "  return [Object.getPrototypeOf(e) === MessageEvent.prototype, e instanceof MessageEvent, e instanceof Event,\n"
	    "    Object.getOwnPropertyNames(e).length, Object.getOwnPropertySymbols(e).length, Object.keys(e).length,\n"
	    "    e.type, e.data, e.origin, e.lastEventId, e.source, e.ports.length, Object.isFrozen(e.ports), e.ports === e.ports,\n"
	    "    typeof e.timeStamp, e.timeStamp > 0 && e.timeStamp <= performance.now(), e.target === self, e.currentTarget === self,\n"
	    "    e.srcElement === self, e.eventPhase, e.isTrusted, e.bubbles, e.cancelable, e.composed, e.defaultPrevented,\n"
	    "    e.returnValue, e.cancelBubble, e.composedPath().length, String(e), JSON.stringify(e)].join();\n"
	    "}\n"
	    "function after(e) {\n"
	    "  return [e.target === self, e.currentTarget, e.eventPhase, e.cancelBubble, e.defaultPrevented, e.composedPath().length].join();\n"
	    "}\n"
	    "function other(e) { res[e.data].other = e === last; }\n"
	    "onmessage = function (e) {\n"
	    "  var d = e.data;\n"
	    "  last = e;\n"
	    "  e.preventDefault();\n"
	    "  res[d] = { p: probe(e), other: false };\n"
	    "  e.stopPropagation();\n"
	    "  res[d].stopped = e.cancelBubble;\n"
	    "  if (d === 1) addEventListener('message', other);\n"
	    "  setTimeout(function () {\n"
	    "    res[d].a = after(e);\n"
	    "    if (res[1] && res[1].a && res[2] && res[2].a) { postMessage([res[1], res[2]]); close(); }\n"
	    "  });\n"
	    "};\n";

START_TEST(lone_handler_event_is_dispatchs)
{
	static const char *const posts[] = { "1", "2", NULL };
	const char *ev = "true,true,true,0,4,0,message,%d,,,,0,true,true,number,true,true,true,true,2,true,"
	    "false,false,false,false,true,false,1,[object MessageEvent],{}";
	char want[1024], p1[256], p2[256];

	snprintf(p1, sizeof(p1), ev, 1);
	snprintf(p2, sizeof(p2), ev, 2);
	snprintf(want, sizeof(want),
	    "[{\"p\":\"%s\",\"other\":false,\"stopped\":true,\"a\":\"true,,0,false,false,0\"},"
	    "{\"p\":\"%s\",\"other\":true,\"stopped\":true,\"a\":\"true,,0,false,false,0\"}]\n", p1, p2);
	ck_assert_int_eq(hostfx_run_script(&fx, paths_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages), want);
}
END_TEST

/* Which listeners msgevent.c sees as a lone handler follows every change:
 * a replaced handler, a `once` listener gone after its call, one removed
 * by its AbortSignal, a handler attribute that is not a function, one set
 * to null and set again.  Each message must reach exactly the listeners
 * dispatch() would call. */
static const char follow_script[] =
	    "var log = [], ac;\n"
	    "function a(e) { log.push('a' + e.data); }\n"
	    "function b(e) { log.push('b' + e.data); ac.abort(); }\n"
	    "function c(e) { log.push('c' + e.data); onmessage = null; removeEventListener('message', c); onmessage = h2; }\n"
	    "function h2(e) { log.push('h2:' + e.data); if (e.data === 7) { postMessage(log); close(); } }\n"
	    "function h(e) {\n"
	    "  log.push('h' + e.data);\n"
	    "  if (e.data === 1) addEventListener('message', a, { once: true });\n"
	    "  if (e.data === 3) { ac = new AbortController(); addEventListener('message', b, { signal: ac.signal }); }\n"
	    "  if (e.data === 5) { onmessage = {}; addEventListener('message', c); }\n"
	    "}\n"
	    "onmessage = function (e) { log.push('first' + e.data); onmessage = h; };\n";

START_TEST(lone_handler_follows_listeners)
{
	static const char *const posts[] = { "0", "1", "2", "3", "4", "5", "6", "7", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx, follow_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"first0\",\"h1\",\"h2\",\"a2\",\"h3\",\"h4\",\"b4\",\"h5\",\"c6\",\"h2:7\"]\n");
}
END_TEST

/* A throwing handler: reported as an uncaught error (here cancelled by an
 * error listener, so the worker goes on), the event reset all the same,
 * on the C path (message 1) as through dispatch() (message 2, a second
 * listener added) and through dispatch() with no handler left at all
 * (message 3: a listener that throws). */
static const char throw_script[] =
	    "var got = [], kept = [];\n"
	    "addEventListener('error', function (e) { got.push([e.message, e.error.message, e.isTrusted, e.cancelable].join()); e.preventDefault(); });\n"
	    "function thrower(e) { kept.push(e); throw new RangeError('listener' + e.data); }\n"
	    "onmessage = function (e) {\n"
	    "  kept.push(e);\n"
	    "  if (e.data === 1) addEventListener('message', function () {});\n"
	    "  if (e.data === 2) { onmessage = null; addEventListener('message', thrower); }\n"
	    "  throw new TypeError('boom' + e.data);\n"
	    "};\n"
	    "setTimeout(function wait() {\n"
	    "  if (kept.length < 3) return setTimeout(wait, 1);\n"
	    "  postMessage([got, kept.map(function (e) { return [e.currentTarget, e.eventPhase, e.target === self].join(); })]);\n"
	    "  close();\n"
	    "}, 1);\n";

START_TEST(lone_handler_throw_is_reported)
{
	static const char *const posts[] = { "1", "2", "3", NULL };

	ck_assert_int_eq(hostfx_run_script(&fx, throw_script, NULL, posts, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[[\"TypeError: boom1,boom1,true,true\",\"TypeError: boom2,boom2,true,true\",\"RangeError: listener3,listener3,true,true\"],"
	    "[\",0,true\",\",0,true\",\",0,true\"]]\n");
}
END_TEST

/* DOM: at the target, capture listeners run first; preventDefault() in a
 * passive listener does nothing; the phase constants are on the prototype
 * too.  (Node 20 prints ["bubble","capture","passive:true",false,0,null].) */
static const char order_script[] =
	    "var t = new EventTarget(), o = [];\n"
	    "t.addEventListener('x', function () { o.push('bubble'); });\n"
	    "t.addEventListener('x', function () { o.push('capture'); }, { capture: true });\n"
	    "t.addEventListener('x', function (e) { e.preventDefault(); o.push('passive:' + e.defaultPrevented); }, { passive: true });\n"
	    "var e = new Event('x', { cancelable: true });\n"
	    "o.push(t.dispatchEvent(e), e.eventPhase, e.AT_TARGET);\n"
	    "postMessage(o);\n";

START_TEST(capture_first_and_passive)
{
	ck_assert_int_eq(hostfx_run_script(&fx, order_script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"capture\",\"bubble\",\"passive:false\",true,0,2]\n");
}
END_TEST

/* HTML: reportError() fires a trusted, cancelable ErrorEvent at the global
 * scope; cancelled, the worker goes on. */
static const char report_script[] =
	    "var got = [];\n"
	    "addEventListener('error', function (e) { got.push([e instanceof ErrorEvent, e.message, e.error.message, e.isTrusted, e.cancelable].join()); e.preventDefault(); });\n"
	    "reportError(new TypeError('handled'));\n"
	    "var ee = new ErrorEvent('error', { message: 'm', lineno: 3, error: 7 });\n"
	    "got.push([ee.message, ee.filename, ee.lineno, ee.colno, ee.error, String(ee)].join());\n"
	    "try { reportError(); } catch (x) { got.push(x.name); }\n"
	    "postMessage(got);\n";

START_TEST(report_error_handled)
{
	ck_assert_int_eq(hostfx_run_script(&fx, report_script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"true,TypeError: handled,handled,true,true\",\"m,,3,0,7,[object ErrorEvent]\",\"TypeError\"]\n");
}
END_TEST

/* Not cancelled, it is an uncaught exception: the error frame, exit 1. */
START_TEST(report_error_unhandled_ends_the_worker)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "reportError(new RangeError('late'));\n"
	    "postMessage('not reached');\n", NULL, NULL, &res), 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "");
	ck_assert_msg(strstr(hostfx_nz(res.errors), "\"late\"") != NULL, "%s", hostfx_nz(res.errors));
	ck_assert_msg(strstr(hostfx_nz(res.errors), "RangeError") != NULL, "%s", hostfx_nz(res.errors));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

/* HTML's WorkerNavigator (Node 20 has no navigator). */
START_TEST(navigator_values)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "postMessage([navigator.hardwareConcurrency >= 1, navigator.hardwareConcurrency === Math.floor(navigator.hardwareConcurrency),\n"
	    "  navigator.userAgent === 'workersd/' + process.versions.workersd, /^workersd\\/\\d+\\.\\d+\\.\\d+$/.test(navigator.userAgent),\n"
	    "  navigator.platform, navigator.language, navigator.languages, String(navigator), typeof WorkerNavigator]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,true,true,true,\"linux\",\"en-US\",[\"en-US\"],\"[object WorkerNavigator]\",\"function\"]\n");
}
END_TEST

/* The Encoding standard's windows-1252 (its index: 0x80 is the euro sign,
 * 0x81 stays U+0081) behind all its labels, and x-user-defined (bytes
 * 0x80-0xFF to U+F780-U+F7FF).  The expected code points are those of the
 * standard's index as WPT's encoding/single-byte-decoder.window.js lists
 * it.  Node 20 decodes the first as ISO-8859-1 and lacks the second. */
START_TEST(windows_1252_and_x_user_defined_as_the_standard)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "function codes(s) { return Array.from(s, function (c) { return c.charCodeAt(0).toString(16); }).join(' '); }\n"
	    "var b = Uint8Array.of(0x41, 0x80, 0x81, 0x8a, 0x9f, 0xa0, 0xff);\n"
	    "postMessage(['latin1', 'ascii', 'us-ascii', 'iso-8859-1', 'windows-1252'].map(function (l) {\n"
	    "  var d = new TextDecoder(l); return d.encoding + ': ' + codes(d.decode(b)); }).concat(\n"
	    "  [codes(new TextDecoder(' X-User-Defined ').decode(b)), new TextDecoder('x-user-defined').encoding]));\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"windows-1252: 41 20ac 81 160 178 a0 ff\",\"windows-1252: 41 20ac 81 160 178 a0 ff\","
	    "\"windows-1252: 41 20ac 81 160 178 a0 ff\",\"windows-1252: 41 20ac 81 160 178 a0 ff\","
	    "\"windows-1252: 41 20ac 81 160 178 a0 ff\",\"41 f780 f781 f78a f79f f7a0 f7ff\",\"x-user-defined\"]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_web");
	TCase *tc = tcase_create("web");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, data_clone_error_is_a_domexception);
	tcase_add_test(tc, self_is_an_event_target);
	tcase_add_test(tc, lone_handler_event);
	tcase_add_test(tc, lone_handler_event_is_dispatchs);
	tcase_add_test(tc, lone_handler_throw_is_reported);
	tcase_add_test(tc, lone_handler_follows_listeners);
	tcase_add_test(tc, capture_first_and_passive);
	tcase_add_test(tc, report_error_handled);
	tcase_add_test(tc, report_error_unhandled_ends_the_worker);
	tcase_add_test(tc, navigator_values);
	tcase_add_test(tc, windows_1252_and_x_user_defined_as_the_standard);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
