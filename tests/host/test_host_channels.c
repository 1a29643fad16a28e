/*
 * test_host_channels.c - MessageChannel, MessagePort and BroadcastChannel
 * in one worker-host, what tests/compat/channels.js (Node 20's output)
 * cannot show: the globals load on first touch and not before, a script's
 * own value for one of them stays, many hops in a row; and the host's half
 * of BroadcastChannel with the fixture as the daemon: the bc_* frames it
 * writes, what it does with the daemon's (messages, bytes it cannot
 * decode, losses, a refusal), and the bounds of msg.h.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clone_json.h"
#include "host_fixture.h"
#include "msg.h"
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

/* 3,000 messages wait for a listener, 1,500 more are posted while they
 * are delivered: every one arrives once, in order (the inbox reads from a
 * head index and compacts, so a long queue is not shifted per message). */
START_TEST(burst_in_order)
{
	logs_are(
	    "var ch = new MessageChannel(), next = 0, extra = 3000, bad = 0, i;\n"
	    "for (i = 0; i < 3000; i++) ch.port2.postMessage(i);\n"
	    "ch.port1.onmessage = function (e) {\n"
	    "  if (e.data !== next++) bad++;\n"
	    "  if (next <= 1500) ch.port2.postMessage(extra++);\n"
	    "  if (next === 4500) { console.log(next, bad); ch.port1.close(); }\n"
	    "};\n",
	    "log 4500 0\n");
}
END_TEST

/* The next frame other than a log line is `type` for name. */
static void
expect_frame(enum msg_type type, const char *name)
{
	char *got;

	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), type);
	got = hostfx_str(&fx, "name");
	ck_assert_str_eq(got, name);
	free(got);
}

START_TEST(join_and_leave_frames)
{
	const char *path;

	ck_assert_int_eq(hostfx_init(&fx), 0);
	path = hostfx_write(&fx, "main.js",
	    "var a = new BroadcastChannel('n'), b = new BroadcastChannel('n');\n"
	    "b.postMessage({x: 1});\n"
	    "b.close(); b.close(); a.close();\n"
	    "new BroadcastChannel(7).close();\n");
	ck_assert_int_eq(hostfx_start(&fx, path, NULL), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	expect_frame(MSG_BC_JOIN, "n");
	expect_frame(MSG_BC_POST, "n");
	{
		char *data = hostfx_json(&fx, "data");

		ck_assert_str_eq(data, "{\"x\":1}");
		free(data);
	}
	expect_frame(MSG_BC_LEAVE, "n");
	expect_frame(MSG_BC_JOIN, "7");
	expect_frame(MSG_BC_LEAVE, "7");
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_EXIT);
}
END_TEST

static void
send_bcast(enum msg_type type, const char *name, const char *json, const uint8_t *raw, size_t rawn,
    uint64_t count, const char *msg)
{
	struct pbuf b, data;
	char err[256];
	struct msg_bcast m = { .name = { name, strlen(name) }, .count = count };

	pbuf_init(&b);
	pbuf_init(&data);
	if (json != NULL)
		ck_assert_int_eq(clone_from_json(json, strlen(json), &data, err, sizeof(err)), 0);
	if (json != NULL || raw != NULL)
		m.data = json != NULL ? (struct msg_val){ data.data, data.len } : (struct msg_val){ raw, rawn };
	if (msg != NULL)
		m.msg = (struct msg_str){ msg, strlen(msg) };
	ck_assert_int_eq(msg_write_bcast(&b, type, &m), 0);
	ck_assert_int_eq(hostfx_send_raw(&fx, b.data, b.len), 0);
	pbuf_free(&b);
	pbuf_free(&data);
}

/* The daemon's frames, in the order sent: each message decoded for each
 * channel of the name, bytes that cannot be decoded, a loss and a refusal
 * as messageerror; another name's frame reaches nobody. */
START_TEST(daemon_frames)
{
	static const uint8_t bad[] = { 0xd4, 99, 0 };	/* msgpack, but no clone: ext 99 */
	const char *path;

	ck_assert_int_eq(hostfx_init(&fx), 0);
	path = hostfx_write(&fx, "main.js",
	    "var a = new BroadcastChannel('n'), b = new BroadcastChannel('n'), seen = 0;\n"
	    "function done() { if (++seen === 5) { a.close(); b.close(); } }\n"
	    "a.onmessage = function (e) { console.log('a ' + JSON.stringify(e.data) + ' ' + (e.target === a)); done(); };\n"
	    "a.onmessageerror = function (e) { console.log('a ' + e.data.name + ': ' + e.data.message); done(); };\n"
	    "b.onmessage = function (e) { console.log('b ' + JSON.stringify(e.data)); };\n"
	    "postMessage('ready');\n");
	ck_assert_int_eq(hostfx_start(&fx, path, NULL), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	expect_frame(MSG_BC_JOIN, "n");
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_MESSAGE);
	send_bcast(MSG_BC_MESSAGE, "other", "1", NULL, 0, 0, NULL);
	send_bcast(MSG_BC_MESSAGE, "n", "{\"k\":[1,2]}", NULL, 0, 0, NULL);
	send_bcast(MSG_BC_MESSAGE, "n", NULL, bad, sizeof(bad), 0, NULL);
	send_bcast(MSG_BC_LOST, "n", NULL, NULL, 0, 3, NULL);
	send_bcast(MSG_BC_LOST, "n", NULL, NULL, 0, 1, NULL);
	send_bcast(MSG_BC_REFUSED, "n", NULL, NULL, 0, 0, "too many workers subscribe to this BroadcastChannel name");
	ck_assert_int_eq(hostfx_run(&fx, &res, HOSTFX_TIMEOUT), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log a {\"k\":[1,2]} true\n"
	    "log b {\"k\":[1,2]}\n"
	    "log a DataCloneError: unknown ext type 99\n"
	    "log a QuotaExceededError: BroadcastChannel n: 3 messages were dropped: this worker's queue in the daemon was full\n"
	    "log a QuotaExceededError: BroadcastChannel n: 1 message was dropped: this worker's queue in the daemon was full\n"
	    "log a QuotaExceededError: BroadcastChannel n: the daemon refused to subscribe this worker: too many workers subscribe to this BroadcastChannel name\n");
}
END_TEST

/* A worker that never named the globals has joined nothing: a daemon's
 * bc_message is ignored, and the globals stay unloaded. */
START_TEST(unloaded_ignores)
{
	const char *path;

	ck_assert_int_eq(hostfx_init(&fx), 0);
	path = hostfx_write(&fx, "main.js",
	    "onmessage = function (e) { console.log(e.data, typeof Object.getOwnPropertyDescriptor(globalThis, 'BroadcastChannel').get); close(); };\n");
	ck_assert_int_eq(hostfx_start(&fx, path, NULL), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	send_bcast(MSG_BC_MESSAGE, "n", "1", NULL, 0, 0, NULL);
	ck_assert_int_eq(hostfx_post_json(&fx, "\"post\""), 0);
	ck_assert_int_eq(hostfx_run(&fx, &res, HOSTFX_TIMEOUT), 0);
	ck_assert_str_eq(hostfx_nz(res.logs), "log post function\n");
}
END_TEST

/* BC_NAMES_MAX names open at once, BC_NAME_MAX bytes of UTF-8 a name:
 * one more is a QuotaExceededError, and closing makes room again. */
START_TEST(bounds)
{
	logs_are(
	    "var open = [], i, e1 = '\u00e9', n512 = new Array(513).join(e1);\n"
	    "for (i = 0; i < 256; i++) open.push(new BroadcastChannel('c' + i));\n"
	    "new BroadcastChannel('c0').close();\n"
	    "try { new BroadcastChannel('one more'); } catch (e) { console.log(e.name, e.code, e.message); }\n"
	    "open.pop().close();\n"
	    "new BroadcastChannel('one more').close();\n"
	    "open.forEach(function (c) { c.close(); });\n"
	    "new BroadcastChannel(n512).close();\n"
	    "try { new BroadcastChannel(n512 + 'x'); } catch (e) { console.log(e.name, e.message); }\n",
	    "log QuotaExceededError 22 a worker may have at most 256 BroadcastChannel names open\n"
	    "log QuotaExceededError a BroadcastChannel name is at most 1024 bytes of UTF-8\n");
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
	tcase_add_test(tc, burst_in_order);
	tcase_add_test(tc, join_and_leave_frames);
	tcase_add_test(tc, daemon_frames);
	tcase_add_test(tc, unloaded_ignores);
	tcase_add_test(tc, bounds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
