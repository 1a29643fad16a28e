/*
 * test_host_link.c - worker-host over its socketpair: open, message echo
 * of every clone kind, posts held until the top level ends, stats,
 * messageerror, DataCloneError, and the link failures (malformed frame,
 * EOF).
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clone_json.h"
#include "host_fixture.h"
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

/* What the codec makes of a tagged JSON text: the form an echo returns. */
static char *
canonical(const char *json)
{
	struct pbuf b;
	char err[256], *out;

	pbuf_init(&b);
	ck_assert_msg(clone_from_json(json, strlen(json), &b, err, sizeof(err)) == 0, "%s: %s", json, err);
	out = clone_to_json(b.data, b.len, err, sizeof(err));
	ck_assert_msg(out != NULL, "%s: %s", json, err);
	pbuf_free(&b);
	return out;
}

START_TEST(open_comes_first_with_pid)
{
	const char *p = hostfx_write(&fx, "main.js", "onmessage = function () { close(); };");

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert_int_eq(hostfx_int(&fx, "pid", -1), fx.pid);
	ck_assert_int_eq(hostfx_post_json(&fx, "1"), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_EXIT);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 0);
}
END_TEST

static const char *const kinds[] = {
	"null", "true", "false", "0", "-5", "1.5", "9007199254740991", "\"text\"",
	"\"\\u00fcn\\u00ef \\ud83d\\ude00\"", "[]", "{}", "[1,[2,[3]],{\"a\":\"b\"}]",
	"{\"a\":{\"b\":[null,true]}}",
	"{\"$type\":\"undefined\"}",
	"{\"$type\":\"number\",\"value\":\"NaN\"}",
	"{\"$type\":\"number\",\"value\":\"-0\"}",
	"{\"$type\":\"number\",\"value\":\"Infinity\"}",
	"{\"$type\":\"number\",\"value\":\"-Infinity\"}",
	"{\"$type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}",
	"{\"$type\":\"Date\",\"value\":null}",
	"{\"$type\":\"RegExp\",\"source\":\"a+b\",\"flags\":\"gi\"}",
	"{\"$type\":\"Boolean\",\"value\":true}",
	"{\"$type\":\"Number\",\"value\":3.25}",
	"{\"$type\":\"String\",\"value\":\"boxed\"}",
	"[1,{\"$type\":\"hole\"},3]",
	"{\"$type\":\"Map\",\"entries\":[[\"k\",1],[2,{\"x\":null}]]}",
	"{\"$type\":\"Set\",\"values\":[1,\"two\",[3]]}",
	"{\"$type\":\"ArrayBuffer\",\"base64\":\"AAEC/w==\"}",
	"{\"$type\":\"Uint8Array\",\"base64\":\"AQID\"}",
	"{\"$type\":\"Int16Array\",\"base64\":\"AQACAA==\"}",
	"{\"$type\":\"Float64Array\",\"base64\":\"AAAAAAAA8D8=\"}",
	"{\"$type\":\"DataView\",\"base64\":\"AQIDBA==\"}",
	"{\"$type\":\"Error\",\"name\":\"TypeError\",\"message\":\"bad\",\"stack\":\"TypeError: bad\"}",
	"{\"$type\":\"object\",\"value\":{\"$type\":\"x\"}}",
	"[{\"a\":1},{\"$type\":\"ref\",\"index\":1}]",
	"{\"$type\":\"string\",\"codeUnits\":[55357,97]}",
	NULL
};

START_TEST(echo_every_clone_kind)
{
	struct hostfx_result r;
	char *want = NULL, *c, src[256];
	size_t len = 0;
	int n = 0;

	for (int i = 0; kinds[i]; i++, n++) {
		c = canonical(kinds[i]);
		want = realloc(want, len + strlen(c) + 2);
		memcpy(want + len, c, strlen(c));
		len += strlen(c);
		want[len++] = '\n';
		want[len] = '\0';
		free(c);
	}
	snprintf(src, sizeof(src),
	    "var n = 0;\n"
	    "onmessage = function (e) { postMessage(e.data); if (++n === %d) close(); };\n", n);
	ck_assert_int_eq(hostfx_run_script(&fx, src, NULL, kinds, &r), 0);
	ck_assert_str_eq(r.messages, want);
	ck_assert_str_eq(r.reason, "exit");
	free(want);
	hostfx_result_free(&r);
}
END_TEST

START_TEST(posts_wait_for_the_top_level)
{
	static const char *const posts[] = { "1", "2", "3", NULL };
	struct hostfx_result r;

	/* The posts are on the socket before the script even starts; the
	 * top level spins a little and sets onmessage last. */
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var t = Date.now(); while (Date.now() - t < 50) {}\n"
	    "postMessage('top');\n"
	    "var n = 0;\n"
	    "addEventListener('message', function (e) {\n"
	    "  postMessage(e.type + ':' + e.data + ':' + (e instanceof MessageEvent));\n"
	    "  if (++n === 3) close();\n"
	    "});\n",
	    NULL, posts, &r), 0);
	ck_assert_str_eq(r.messages, "\"top\"\n\"message:1:true\"\n\"message:2:true\"\n\"message:3:true\"\n");
	hostfx_result_free(&r);
}
END_TEST

START_TEST(stats_reports_heap_bytes)
{
	const char *p = hostfx_write(&fx, "main.js", "onmessage = function () { close(); };");
	int64_t bytes;

	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert_int_eq(hostfx_send_stats(&fx), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_STATS);
	bytes = hostfx_int(&fx, "heap_bytes", -1);
	ck_assert_int_gt(bytes, 10000);
	ck_assert_int_lt(bytes, 64 << 20);
}
END_TEST

START_TEST(messageerror_for_unrepresentable_value)
{
	static const char *const posts[] = { "{\"$type\":\"bigint\",\"value\":\"123\"}", "\"after\"", NULL };
	struct hostfx_result r;

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "onmessageerror = function (e) { postMessage(['me', e.type, e.data.name]); };\n"
	    "onmessage = function (e) { postMessage(e.data); close(); };\n",
	    NULL, posts, &r), 0);
	ck_assert_ptr_nonnull(r.msgerrors);
	ck_assert_ptr_nonnull(strstr(r.msgerrors, "\"name\":\"DataCloneError\""));
	ck_assert_str_eq(r.messages, "[\"me\",\"messageerror\",\"DataCloneError\"]\n\"after\"\n");
	hostfx_result_free(&r);
}
END_TEST

START_TEST(post_message_errors_in_the_sender)
{
	struct hostfx_result r;

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var out = [];\n"
	    "try { postMessage(); } catch (e) { out.push(e.name); }\n"
	    "try { postMessage({ f: function () {} }); } catch (e) { out.push(e.name, e instanceof Error); }\n"
	    "try { postMessage(Symbol('s')); } catch (e) { out.push(e.name); }\n"
	    "try { structuredClone(function () {}); } catch (e) { out.push(e.name); }\n"
	    "var thrown = new RangeError('mine');\n"
	    "try { postMessage({ get x() { throw thrown; } }); } catch (e) { out.push(e === thrown); }\n"
	    "try { structuredClone([{ get y() { throw thrown; } }]); } catch (e) { out.push(e === thrown); }\n"
	    "var m = new Map([[1, {a: [1, 2]}]]); var c = structuredClone(m);\n"
	    "out.push(c !== m, c.get(1).a[1]);\n"
	    "var buf = new ArrayBuffer(8);\n"
	    "postMessage(buf, [buf]); postMessage(new Uint8Array([7]), { transfer: [] });\n"
	    "postMessage(out);\n",
	    NULL, NULL, &r), 0);
	ck_assert_str_eq(r.messages,
	    "{\"$type\":\"ArrayBuffer\",\"base64\":\"AAAAAAAAAAA=\"}\n"
	    "{\"$type\":\"Uint8Array\",\"base64\":\"Bw==\"}\n"
	    "[\"TypeError\",\"DataCloneError\",true,\"DataCloneError\",\"DataCloneError\",true,true,true,2]\n");
	hostfx_result_free(&r);
}
END_TEST

START_TEST(output_past_the_queue_bound_all_arrives)
{
	const char *p = hostfx_write(&fx, "main.js",
	    "var s = 'p'; for (var i = 0; i < 14; i++) s += s;\n"
	    "for (var i = 0; i < 1000; i++) { postMessage(i + s); console.log('l' + i); }\n"
	    "process.exit(0);\n");
	int t, msgs = 0, logs = 0;
	char *j;

	/* 16 MiB of messages is past the host's output bound: it must block
	 * until this side reads, not drop anything. */
	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	while ((t = hostfx_next(&fx, HOSTFX_TIMEOUT)) != MSG_EXIT && t != -1) {
		if (t == MSG_MESSAGE) {
			j = hostfx_json(&fx, "data");
			ck_assert_ptr_nonnull(j);
			ck_assert_int_eq(atoi(j + 1), msgs);
			msgs++;
			free(j);
		} else if (t == MSG_LOG) {
			logs++;
		}
	}
	ck_assert_int_eq(t, MSG_EXIT);
	ck_assert_int_eq(msgs, 1000);
	ck_assert_int_eq(logs, 1000);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 0);
}
END_TEST

START_TEST(message_over_the_frame_limit_is_refused)
{
	struct hostfx_opts o = { .max_frame = 1 << 20 };
	struct hostfx_result r;

	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var s = 'x'; for (var i = 0; i < 21; i++) s += s;\n"
	    "try { postMessage(s); } catch (e) { postMessage([e.name, /too large/.test(e.message)]); }\n"
	    "postMessage(s.slice(0, 1000).length);\n",
	    &o, NULL, &r), 0);
	ck_assert_str_eq(r.messages, "[\"DataCloneError\",true]\n1000\n");
	hostfx_result_free(&r);
}
END_TEST

START_TEST(malformed_frame_ends_the_host)
{
	static const unsigned char junk[] = { 0, 0, 0, 3, 0xc1, 0xc1, 0xc1 };
	const char *p = hostfx_write(&fx, "main.js", "onmessage = function () {};");
	char *err;

	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert_int_eq(hostfx_send_raw(&fx, junk, sizeof(junk)), 0);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 1);
	err = hostfx_stderr(&fx);
	ck_assert_msg(strstr(err, "malformed frame from the daemon") != NULL, "stderr: %s", err);
	free(err);
}
END_TEST

START_TEST(oversized_frame_ends_the_host)
{
	static const unsigned char big[] = { 0x7f, 0xff, 0xff, 0xff };
	const char *p = hostfx_write(&fx, "main.js", "onmessage = function () {};");
	char *err;

	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert_int_eq(hostfx_send_raw(&fx, big, sizeof(big)), 0);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 1);
	err = hostfx_stderr(&fx);
	ck_assert_msg(strstr(err, "malformed frame") != NULL, "stderr: %s", err);
	free(err);
}
END_TEST

START_TEST(host_exits_when_the_socket_closes)
{
	const char *p = hostfx_write(&fx, "main.js", "onmessage = function () {}; setInterval(function () {}, 1000);");

	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	close(fx.fd);
	fx.fd = -1;
	ck_assert_int_ge(hostfx_wait(&fx, HOSTFX_TIMEOUT), 0);
	ck_assert_int_lt(fx.status, 128);
}
END_TEST

/* Output must not wait for the script to return to the loop: a client
 * waiting for "started" decides whether to terminate the computation. */
START_TEST(output_leaves_while_the_script_computes)
{
	const char *p = hostfx_write(&fx, "main.js",
	    "console.log('working'); postMessage('started'); for (;;) {}");
	char *s;

	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_LOG);
	s = hostfx_str(&fx, "text");
	ck_assert_str_eq(s, "working");
	free(s);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_MESSAGE);
	s = hostfx_json(&fx, "data");
	ck_assert_str_eq(s, "\"started\"");
	free(s);
	kill(fx.pid, SIGTERM);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 128 + SIGTERM);
}
END_TEST

START_TEST(sigterm_kills_a_spinning_worker)
{
	const char *p = hostfx_write(&fx, "main.js", "for (;;) {}");

	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	kill(fx.pid, SIGTERM);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 128 + SIGTERM);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_link");
	TCase *tc = tcase_create("link");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, open_comes_first_with_pid);
	tcase_add_test(tc, echo_every_clone_kind);
	tcase_add_test(tc, posts_wait_for_the_top_level);
	tcase_add_test(tc, stats_reports_heap_bytes);
	tcase_add_test(tc, messageerror_for_unrepresentable_value);
	tcase_add_test(tc, post_message_errors_in_the_sender);
	tcase_add_test(tc, output_past_the_queue_bound_all_arrives);
	tcase_add_test(tc, message_over_the_frame_limit_is_refused);
	tcase_add_test(tc, malformed_frame_ends_the_host);
	tcase_add_test(tc, oversized_frame_ends_the_host);
	tcase_add_test(tc, host_exits_when_the_socket_closes);
	tcase_add_test(tc, sigterm_kills_a_spinning_worker);
	tcase_add_test(tc, output_leaves_while_the_script_computes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
