/*
 * test_host_streams.c - what the Node comparisons (tests/compat) cannot
 * see of the zlib and fs streams: a zlib stream dropped without being
 * ended has its z_stream freed (the worker's heap stays bounded over
 * thousands of them), and every stream is its own file
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

/* 2400 deflate streams of about 256 KiB of zlib state each, written to
 * and dropped, 100 per timer turn: about 600 MiB if nothing freed them.
 * zlib's memory is the Duktape heap's, so heapUsed counts it, whatever
 * the allocator keeps (ASan's quarantine holds freed memory in the
 * process).  A line a turn keeps the fixture's wait for the next frame
 * short. */
static const char dropped_script[] =
    "var zlib = require('zlib'), turns = 0;\n"
    "function heap() { return process.memoryUsage().heapUsed; }\n"
    "zlib.createDeflate();\n"
    "var before = heap();\n"
    "(function turn() {\n"
    "  for (var i = 0; i < 100; i++) zlib.createDeflate().write('x');\n"
    "  console.log('turn', turns);\n"
    "  if (++turns < 24) return setTimeout(turn, 0);\n"
    "  var grew = heap() - before;\n"
    "  postMessage(grew < 64 * 1048576 ? 'bounded' : 'grew ' + grew);\n"
    "})();\n";

START_TEST(dropped_zlib_streams_are_freed)
{
	struct hostfx_opts o = { .compiler = server.sock, .cache_dir = server.cache };

	ck_assert_int_eq(hostfx_run_script(&fx, dropped_script, &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages), "\"bounded\"\n");
}
END_TEST

/* Requiring fs and zlib, even touching their stream functions, loads no
 * stream code: the first require of 'stream' afterwards still costs its
 * whole load (about 540 KB of heap; fs and zlib together about 270 KB). */
static const char lazy_script[] =
    "function heap() { return process.memoryUsage().heapUsed; }\n"
    "var fs = require('fs'), zlib = require('zlib');\n"
    "var touched = [typeof fs.createReadStream, typeof fs.createWriteStream, typeof zlib.createGzip];\n"
    "var before = heap();\n"
    "require('stream');\n"
    "var cost = heap() - before;\n"
    "postMessage(touched.join() + (cost > 200000 ? ' stream loaded only now' : ' stream was loaded already: ' + cost));\n";

START_TEST(streams_load_on_first_use)
{
	struct hostfx_opts o = { .compiler = server.sock, .cache_dir = server.cache };

	ck_assert_int_eq(hostfx_run_script(&fx, lazy_script, &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.messages), "\"function,function,function stream loaded only now\"\n");
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
	tcase_add_test(tc, streams_load_on_first_use);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return compilefx_run(&server, suite(), "test_host_streams");
}
