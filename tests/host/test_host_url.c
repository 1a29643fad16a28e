/*
 * test_host_url.c - what tests/compat/url_whatwg.js cannot show: that the
 * URL and URLSearchParams globals cost an idle worker nothing (each is a
 * getter until first touched, and only the touch compiles internal/url),
 * that assigning either before touching it just sets it, that a setter
 * whose parse fails part way keeps what the standard keeps, and that a
 * record a script tampered with (through the URL's symbol) is refused.
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

/* At start both globals are getters (nothing touched them while the
 * worker started); the first read compiles the module, which grows the
 * heap by the class's code, and leaves plain data properties. */
START_TEST(globals_load_on_first_touch)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "function kind(n) { var d = Object.getOwnPropertyDescriptor(globalThis, n);\n"
	    "  return (d.get ? 'getter' : typeof d.value) + (d.enumerable ? '+e' : '') + (d.configurable ? '+c' : ''); }\n"
	    "var before = [kind('URL'), kind('URLSearchParams')];\n"
	    "var h0 = process.memoryUsage().heapUsed, U = URL, grew = process.memoryUsage().heapUsed - h0;\n"
	    "var after = [kind('URL'), kind('URLSearchParams')];\n"
	    "var h1 = process.memoryUsage().heapUsed; void URLSearchParams;\n"
	    "postMessage([before, after, grew > 20000, process.memoryUsage().heapUsed - h1 < 20000,\n"
	    "  new U('http://a/').href, URLSearchParams === require('url').URLSearchParams]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[[\"getter+c\",\"getter+c\"],[\"function+c\",\"getter+c\"],true,true,\"http://a/\",true]\n");
}
END_TEST

/* Node 20 lets a script replace the globals; one assigned before it was
 * ever read is just that value, and the class is still require('url')'s. */
START_TEST(assigning_before_touching)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "URL = 5; URLSearchParams = undefined;\n"
	    "var d = Object.getOwnPropertyDescriptor(globalThis, 'URL');\n"
	    "postMessage([URL, URLSearchParams, d.writable, d.enumerable, new (require('url').URL)('x:y').href]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages), "[5,{\"$type\":\"undefined\"},true,false,\"x:y\"]\n");
}
END_TEST

/* WPT's setters_tests: host = "example.com:65536" sets the host, then
 * the port fails, and the host stays set; a hostname with a port is
 * refused whole.  Node 20 agrees (checked with node). */
START_TEST(failing_setter_keeps_the_standards_part)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var u = new URL('http://example.net:8080/path');\n"
	    "u.host = 'example.com:65536'; var a = u.href;\n"
	    "u.hostname = 'other.org:1'; var b = u.href;\n"
	    "u.port = '99999'; var c = u.href;\n"
	    "postMessage([a, b, c]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"http://example.com:8080/path\",\"http://example.com:8080/path\",\"http://example.com:8080/path\"]\n");
}
END_TEST

/* A script can reach a URL's record through its symbols; a record slot
 * holding a Symbol or a non-ASCII string is refused, never pushed back
 * as bytes (a Symbol's bytes could name one of Duktape's hidden ones). */
START_TEST(tampered_record_is_refused)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var u = new URL('http://a/b'), k = Object.getOwnPropertySymbols(u)[0], out = [];\n"
	    "function t(v) { u[k].r[3] = v; try { u.port = '8'; out.push(u.href); } catch (e) { out.push(e.name + ': ' + e.message); } }\n"
	    "t(Symbol('h')); t('h\\u00e9'); t('ok');\n"
	    "postMessage(out);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"TypeError: not a URL record\",\"TypeError: not a URL record\",\"http://ok:8/b\"]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_url");
	TCase *tc = tcase_create("url");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, globals_load_on_first_touch);
	tcase_add_test(tc, assigning_before_touching);
	tcase_add_test(tc, failing_setter_keeps_the_standards_part);
	tcase_add_test(tc, tampered_record_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
