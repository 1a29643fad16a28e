/*
 * test_host_dynlib.c - a worker maps ICU, TLS and zlib only when it needs
 * them (rt_icu.h, tlslib.h, mod_zlib.c).  ASCII group names and ASCII
 * hosts leave libicuuc and libstdc++ out of the process; a legacy TextDecoder, a non-ASCII host
 * and a non-ASCII group name then map it, in the confined worker, and give
 * Node 20's answers.  An http: fetch leaves libssl out; an https: one maps
 * it (and libevent_openssl) when it sets up its connection, so even one
 * refused on connect does.  Requiring `zlib` leaves libz out; its first
 * stream maps it.
 */
#include <check.h>
#include <stdlib.h>

#include "host_fixture.h"
#include "procfile.h"
#include "tsuite.h"

static struct hostfx fx;

static void
setup(void)
{
	ck_assert_int_eq(hostfx_init(&fx), 0);
}

static void
teardown(void)
{
	hostfx_stop(&fx);
}

static const char icu_script[] =
    "postMessage([new RegExp('(?<year>\\\\d{4})-(?<m1>\\\\d\\\\d)').exec('2024-05').groups.year,\n"
    "    new URL('http://Example.COM/').host]);\n"
    "onmessage = function (e) {\n"
    "  if (e.data === 'end') return close();\n"
    "  postMessage([new TextDecoder('shift_jis').decode(new Uint8Array([0x82, 0xa0, 0x41])),\n"
    "      new URL('http://M\\u00fcnchen.de/x').host,\n"
    "      new RegExp('(?<caf\\u00e9>x)').exec('x').groups['caf\\u00e9']]);\n"
    "};\n";

/* Asserts that the next message's data, as tagged JSON, is `want`; an
 * error frame fails the test with its text. */
static void
expect_message(const char *want)
{
	int t = hostfx_next_nolog(&fx, HOSTFX_TIMEOUT);
	char *data;

	if (t == MSG_ERROR)
		ck_abort_msg("error: %s", hostfx_nz(hostfx_json(&fx, "error")));
	ck_assert_int_eq(t, MSG_MESSAGE);
	data = hostfx_json(&fx, "data");
	ck_assert_str_eq(hostfx_nz(data), want);
	free(data);
}

/* Starts a worker on `script` whose first message is `first`; the
 * script posts its second when any message comes and closes on "end". */
static void
start(const char *script, const char *first)
{
	const char *p = hostfx_write(&fx, "main.js", script);

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	expect_message(first);
}

static void
second(const char *want)
{
	ck_assert_int_eq(hostfx_post_json(&fx, "1"), 0);
	expect_message(want);
}

static void
finish(void)
{
	ck_assert_int_eq(hostfx_post_json(&fx, "\"end\""), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_EXIT);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 0);
}

START_TEST(icu_mapped_on_first_use)
{
	start(icu_script, "[\"2024\",\"example.com\"]");
	ck_assert(proc_maps_file(fx.pid, "libduktape."));
	ck_assert(!proc_maps_file(fx.pid, "libicuuc."));
	if (!TSUITE_SANITIZED)		/* UBSan's runtime maps it */
		ck_assert(!proc_maps_file(fx.pid, "libstdc++."));
	second("[\"\xe3\x81\x82" "A\",\"xn--mnchen-3ya.de\",\"x\"]");
	ck_assert(proc_maps_file(fx.pid, "libicuuc."));
	finish();
}
END_TEST

/* Port 2 on the loopback (1 is among fetch's bad ports) refuses at once:
 * the request gets as far as its connection, never further. */
static const char fetch_script[] =
    "function ask(url) {\n"
    "  fetch(url).then(function () { postMessage('answered'); },\n"
    "      function (e) { postMessage(e.cause ? e.cause.code : String(e)); });\n"
    "}\n"
    "ask('http://127.0.0.1:2/');\n"
    "onmessage = function (e) {\n"
    "  if (e.data === 'end') return close();\n"
    "  ask('https://127.0.0.1:2/');\n"
    "};\n";

START_TEST(tls_mapped_on_first_https)
{
	start(fetch_script, "\"ECONNREFUSED\"");
	ck_assert(proc_maps_file(fx.pid, "libcrypto."));
	ck_assert(!proc_maps_file(fx.pid, "libssl."));
	ck_assert(!proc_maps_file(fx.pid, "libevent_openssl"));
	second("\"ECONNREFUSED\"");
	ck_assert(proc_maps_file(fx.pid, "libssl."));
	ck_assert(proc_maps_file(fx.pid, "libevent_openssl"));
	finish();
}
END_TEST

static const char zlib_script[] =
    "var zlib = require('zlib');\n"
    "postMessage(typeof zlib.gzipSync);\n"
    "onmessage = function (e) {\n"
    "  if (e.data === 'end') return close();\n"
    "  postMessage(zlib.gunzipSync(zlib.gzipSync('hello')).toString());\n"
    "};\n";

START_TEST(zlib_mapped_on_first_stream)
{
	start(zlib_script, "\"function\"");
	ck_assert(!proc_maps_file(fx.pid, "libz."));
	second("\"hello\"");
	ck_assert(proc_maps_file(fx.pid, "libz."));
	finish();
}
END_TEST

static Suite *
dynlib_suite(void)
{
	Suite *s = suite_create("host_dynlib");
	TCase *tc = tcase_create("dynlib");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, icu_mapped_on_first_use);
	tcase_add_test(tc, tls_mapped_on_first_https);
	tcase_add_test(tc, zlib_mapped_on_first_stream);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(dynlib_suite());
}
