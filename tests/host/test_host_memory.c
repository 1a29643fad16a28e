/*
 * test_host_memory.c - the heap cap: a script that allocates without end
 * ends with an `error` naming out-of-memory and exit reason "oom", while
 * this (test) process is untouched; smol workers get a small cap; a caught
 * allocation failure still ends the worker; memory in use is reported.
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

static const char hog[] =
    "postMessage('start');\n"
    "var keep = [], s = 'x';\n"
    "for (var i = 0; i < 13; i++) s += s;\n"
    "for (;;) keep.push(s + keep.length);\n";

START_TEST(heap_cap_ends_with_oom)
{
	struct hostfx_opts o = { .heap_limit = 8 << 20 };

	ck_assert_int_eq(hostfx_run_script(&fx, hog, &o, NULL, &res), 1);
	ck_assert_str_eq(res.reason, "oom");
	ck_assert_int_eq(res.code, 1);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"start\"\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "\"name\":\"RangeError\""));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "out of memory: heap limit of 8388608 bytes reached"));
}
END_TEST

START_TEST(smol_has_a_small_cap)
{
	struct hostfx_opts o = { .smol = true };

	ck_assert_int_eq(hostfx_run_script(&fx, hog, &o, NULL, &res), 1);
	ck_assert_str_eq(res.reason, "oom");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "heap limit of 33554432 bytes"));
}
END_TEST

START_TEST(caught_alloc_failure_still_ends)
{
	struct hostfx_opts o = { .heap_limit = 8 << 20 };

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var keep = [], s = 'y';\n"
	    "for (var i = 0; i < 13; i++) s += s;\n"
	    "try { for (;;) keep.push(s + keep.length); }\n"
	    "catch (e) { keep = null; postMessage('caught'); }\n"
	    "setTimeout(function () { postMessage('never'); }, 1);\n",
	    &o, NULL, &res), 1);
	ck_assert_str_eq(res.reason, "oom");
	ck_assert_str_eq(hostfx_nz(res.messages), "\"caught\"\n");
}
END_TEST

START_TEST(garbage_does_not_count)
{
	struct hostfx_opts o = { .heap_limit = 8 << 20, .smol = true };

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var n = 0, s = 'z';\n"
	    "for (var i = 0; i < 10; i++) s += s;\n"
	    "function round() {\n"
	    "  var a = []; for (var i = 0; i < 2000; i++) a.push(s + i);\n"
	    "  var c = {}; c.self = c; c.data = a;\n"
	    "  if (++n < 40) setTimeout(round, 0); else postMessage(n);\n"
	    "}\n"
	    "round();\n",
	    &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "40\n");
	ck_assert_str_eq(res.reason, "exit");
}
END_TEST

START_TEST(cap_pressure_collects_instead_of_failing)
{
	struct hostfx_opts o = { .heap_limit = 8 << 20 };

	/* 64 MiB of cyclic garbage in one task: only the collector frees it,
	 * and it runs when the cap refuses a request, which then succeeds. */
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var s = 'c'; for (var i = 0; i < 12; i++) s += s;\n"
	    "for (var i = 0; i < 16384; i++) { var o = { s: s + i }; o.self = o; }\n"
	    "postMessage(i);\n",
	    &o, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "16384\n");
	ck_assert_str_eq(res.reason, "exit");
}
END_TEST

START_TEST(memory_usage_reports_the_heap)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var before = process.memoryUsage().heapUsed;\n"
	    "var big = new Array(100001).join('m');\n"
	    "postMessage([before > 10000, process.memoryUsage().heapUsed - before >= 100000]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[true,true]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_memory");
	TCase *tc = tcase_create("memory");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, heap_cap_ends_with_oom);
	tcase_add_test(tc, smol_has_a_small_cap);
	tcase_add_test(tc, caught_alloc_failure_still_ends);
	tcase_add_test(tc, garbage_does_not_count);
	tcase_add_test(tc, cap_pressure_collects_instead_of_failing);
	tcase_add_test(tc, memory_usage_reports_the_heap);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
