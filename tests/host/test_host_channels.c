/*
 * test_host_channels.c - MessageChannel, MessagePort and BroadcastChannel
 * in one worker-host, what tests/compat/channels.js (Node 20's output)
 * cannot show: the globals load on first touch and not before, a script's
 * own value for one of them stays, and what a port's delivery costs.
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

static void
logs_are(const char *script, const char *want)
{
	ck_assert_int_eq(hostfx_run_script(&fx, script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.logs), want);
}

/* Before the first touch each global is an accessor of the template's;
 * the first read evaluates web_channels.js, which makes all of them plain
 * values and costs heap only then. */
START_TEST(load_on_first_touch)
{
	logs_are(
	    "function kind(n) { var d = Object.getOwnPropertyDescriptor(globalThis, n); return d.get ? 'lazy' : typeof d.value; }\n"
	    "var before = process.memoryUsage().heapUsed;\n"
	    "console.log(kind('MessageChannel'), kind('MessagePort'), Object.keys(globalThis).indexOf('MessagePort'));\n"
	    "var ch = new MessageChannel();\n"
	    "console.log(kind('MessageChannel'), kind('MessagePort'), ch.port1 instanceof MessagePort);\n"
	    "console.log(process.memoryUsage().heapUsed - before > 4096);\n",
	    "log lazy lazy -1\nlog function function true\nlog true\n");
}
END_TEST

/* Assigning one loads the file first, so a later touch of another cannot
 * put the original back. */
START_TEST(assignment_stays)
{
	logs_are(
	    "MessagePort = 42;\n"
	    "var ch = new MessageChannel();\n"
	    "console.log(MessagePort, typeof MessageChannel, ch.port1.constructor === MessagePort);\n"
	    "delete globalThis.MessageChannel;\n"
	    "console.log(typeof MessageChannel);\n",
	    "log 42 function false\nlog undefined\n");
}
END_TEST

/* Two ports bounce a message 2,000 times: each hop a task of its own,
 * microtasks between, nothing lost, and the worker ends once both close. */
START_TEST(ping_pong)
{
	logs_are(
	    "var ch = new MessageChannel(), n = 0, micro = 0;\n"
	    "ch.port1.onmessage = function (e) { queueMicrotask(function () { micro++; }); ch.port1.postMessage(e.data + 1); };\n"
	    "ch.port2.onmessage = function (e) { n++; if (e.data >= 3999) { console.log(n, micro, e.data); ch.port1.close(); } else ch.port2.postMessage(e.data + 1); };\n"
	    "ch.port2.postMessage(0);\n",
	    "log 2000 2000 3999\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_channels");
	TCase *tc = tcase_create("ports");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, load_on_first_touch);
	tcase_add_test(tc, assignment_stays);
	tcase_add_test(tc, ping_pong);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
