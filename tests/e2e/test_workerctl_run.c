/*
 * test_workerctl_run.c - `workerctl run` (interactive stdin, stdout and
 * stderr, exit codes, Ctrl-C, being killed, --unref, --timeout, the
 * direct channel and --no-direct) and
 * tagged-JSON round trips of every value kind through post -> worker echo
 * -> recv, against a real daemon.
 */
#include <check.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_fixture.h"
#include "daemon_util.h"
#include "tsuite.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";
static const char exit_js[] =
    "process.exit(Number(process.env.EXIT_CODE));\n";
static const char noisy_js[] =
    "console.log('to stderr');\n"
    "postMessage('out');\n"
    "setTimeout(function () { throw new TypeError('boom'); }, 0);\n";
static const char args_js[] =
    "postMessage(process.argv.slice(-2));\n"
    "postMessage(process.env.FOO);\n";

static struct daemon_fixture d;
static char echo_path[PATH_MAX];

static void
setup(void)
{
	du_start_with(&d, "echo.js", echo_js, echo_path, sizeof echo_path);
}

static void
teardown(void)
{
	du_finish(&d);
}

#define T df_slow(20)
#define CTL(res, input, ...) ctl_run(d.sock, input, T, res, __VA_ARGS__, (const char *)NULL)

/* The id of the one worker owned by a client (a `run`), as a string. */
static void
client_worker(char *id, size_t len)
{
	struct ctl_result r;
	json_t *j, *w;
	size_t i;

	CTL(&r, NULL, "ls", "--json");
	ck_assert_int_eq(r.status, 0);
	j = json_loads(r.out, 0, NULL);
	ck_assert_ptr_nonnull(j);
	id[0] = '\0';
	json_array_foreach(j, i, w) {
		if (strcmp(json_string_value(json_object_get(w, "owner")), "client") == 0)
			snprintf(id, len, "%lld", (long long)json_integer_value(json_object_get(w, "id")));
	}
	ck_assert_msg(id[0] != '\0', "no client-owned worker in %s", r.out);
	json_decref(j);
	ctl_result_free(&r);
}

static void
assert_closed(const char *id, const char *reason)
{
	struct ctl_result r;
	json_t *j;

	CTL(&r, NULL, "wait", id, "--timeout", "10");
	ck_assert_msg(r.status == 0, "wait %s: %d %s", id, r.status, r.err);
	ctl_result_free(&r);
	CTL(&r, NULL, "status", id, "--json");
	j = json_loads(r.out, 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "state")), "closed");
	ck_assert_str_eq(json_string_value(json_object_get(j, "reason")), reason);
	json_decref(j);
	ctl_result_free(&r);
}

/* Writes a line and expects exactly `want` back on stdout. */
static void
ask(struct ctl_proc *p, const char *line, const char *want)
{
	char buf[4096], *got;

	snprintf(buf, sizeof buf, "%s\n", line);
	ck_assert_int_eq(ctl_write(p, buf), 0);
	got = ctl_read_line(p, T);
	ck_assert_msg(got != NULL, "no answer to %s; stderr: %s", line, p->err ? p->err : "");
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(t_run_interactive_and_ctrl_c)
{
	const char *argv[] = { "run", echo_path, NULL };
	struct ctl_proc p;
	struct ctl_result r;
	char id[32];

	ck_assert_int_eq(ctl_start(&p, d.sock, argv), 0);
	ask(&p, "{\"q\":1}", "{\"q\":1}");
	client_worker(id, sizeof id);
	ask(&p, "[2,{\"$type\":\"undefined\"}]", "[2,{\"$type\":\"undefined\"}]");
	/* A bad line is reported and skipped; the session goes on. */
	ck_assert_int_eq(ctl_write(&p, "{oops\n\n"), 0);
	ask(&p, "3", "3");
	ctl_signal(&p, SIGINT);
	ctl_finish(&p, T, &r);
	ck_assert_int_eq(r.status, 128 + SIGINT);
	ck_assert_msg(strstr(r.err, "stdin line 3") != NULL, "%s", r.err);
	ck_assert_str_eq(r.out, "");
	ctl_result_free(&r);
	/* The daemon says: terminated. */
	assert_closed(id, "terminated");
}
END_TEST

START_TEST(t_run_killed_terminates_worker)
{
	const char *argv[] = { "run", "--name", "orphan", echo_path, NULL };
	struct ctl_proc p;
	struct ctl_result r;
	json_t *j;

	ck_assert_int_eq(ctl_start(&p, d.sock, argv), 0);
	ask(&p, "\"up\"", "\"up\"");
	CTL(&r, NULL, "status", "orphan", "--json");
	j = json_loads(r.out, 0, NULL);
	ck_assert_str_eq(json_string_value(json_object_get(j, "owner")), "client");
	json_decref(j);
	ctl_result_free(&r);
	ctl_signal(&p, SIGKILL);
	ctl_finish(&p, T, &r);
	ck_assert_int_eq(r.status, 128 + SIGKILL);
	ctl_result_free(&r);
	assert_closed("orphan", "terminated");
}
END_TEST

START_TEST(t_run_exit_codes)
{
	static const struct { const char *env; int status; const char *err; } cases[] = {
		{ "EXIT_CODE=0", 0, NULL }, { "EXIT_CODE=3", 3, NULL },
		{ "EXIT_CODE=300", 255, "300" }, { "EXIT_CODE=-1", 255, "-1" },
	};
	char path[PATH_MAX];
	struct ctl_result r;
	size_t i;

	df_script(&d, "exit.js", exit_js, path, sizeof path);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CTL(&r, NULL, "run", "--env", cases[i].env, path);
		ck_assert_msg(r.status == cases[i].status, "%s: exit %d (%s)", cases[i].env, r.status,
		    r.err);
		if (cases[i].err != NULL)
			ck_assert_msg(strstr(r.err, cases[i].err) != NULL, "%s", r.err);
		else
			ck_assert_str_eq(r.err, "");
		ctl_result_free(&r);
	}
}
END_TEST

START_TEST(t_run_output_streams)
{
	char path[PATH_MAX];
	struct ctl_result r;

	df_script(&d, "noisy.js", noisy_js, path, sizeof path);
	CTL(&r, NULL, "run", path);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "\"out\"\n");
	ck_assert_msg(strstr(r.err, "to stderr\n") != NULL, "%s", r.err);
	ck_assert_msg(strstr(r.err, "TypeError: boom") != NULL, "%s", r.err);
	ctl_result_free(&r);

	df_script(&d, "args.js", args_js, path, sizeof path);
	CTL(&r, NULL, "run", "-e", "FOO=bar", path, "one", "--two");
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "[\"one\",\"--two\"]\n\"bar\"\n");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_run_unref_and_timeout)
{
	const char *argv[] = { "run", "--unref", echo_path, NULL };
	const char *timed[] = { "run", "--timeout", "0.3", "--name", "slow", echo_path, NULL };
	struct ctl_proc p;
	struct ctl_result r;
	char id[32];

	ck_assert_int_eq(ctl_start(&p, d.sock, argv), 0);
	ask(&p, "1", "1");
	client_worker(id, sizeof id);
	ctl_finish(&p, T, &r);	/* closes stdin */
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ctl_result_free(&r);
	assert_closed(id, "terminated");

	ck_assert_int_eq(ctl_start(&p, d.sock, timed), 0);
	ask(&p, "1", "1");
	ctl_finish(&p, T, &r);
	ck_assert_int_eq(r.status, 124);
	ctl_result_free(&r);
	assert_closed("slow", "terminated");
}
END_TEST

/* Far more lines than requests may be in flight (and than a pipe holds):
 * every line comes back, in order, and run ends with the worker. */
/* Both paths: the direct channel (the default) and --no-direct.  The
 * daemon counts only the messages it routed, which tells the two apart. */
START_TEST(t_run_many_lines)
{
	static const char js[] =
	    "onmessage = function (e) { postMessage(e.data); if (e.data === 100000) close(); };\n";
	static const char *const names[2] = { "lines-direct", "lines-daemon" };
	struct ctl_result r;
	struct pbuf in;
	char path[PATH_MAX];
	json_t *j;
	int i;

	ctl_numbered_lines(&in, 100000);
	df_script(&d, "upto.js", js, path, sizeof path);
	for (i = 0; i < 2; i++) {
		if (i == 0)
			CTL(&r, (const char *)in.data, "run", "--name", names[i], path);
		else
			CTL(&r, (const char *)in.data, "run", "--no-direct", "--name", names[i], path);
		ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
		ck_assert_uint_eq(r.out_len, in.len);
		ck_assert(memcmp(r.out, in.data, r.out_len) == 0);
		ck_assert_str_eq(r.err, "");
		ctl_result_free(&r);
		CTL(&r, NULL, "status", names[i], "--json");
		j = json_loads(r.out, 0, NULL);
		ck_assert_ptr_nonnull(j);
		ck_assert_int_eq(json_integer_value(json_object_get(j, "msgs_out")), i == 0 ? 0 : 100000);
		json_decref(j);
		ctl_result_free(&r);
	}
	pbuf_free(&in);
}
END_TEST

/* Each line is posted, echoed and received; the printed form must be the
 * canonical one (the same text, or `want` where printing normalises). */
static const struct { const char *in, *want; } values[] = {
	{ "null", NULL }, { "true", NULL }, { "[9007199254740991,-5,0.1,1e300]", NULL },
	{ "{\"a\":[1,2,{\"b\":\"c\"}],\"e\":\"\"}", NULL },
	{ "{\"$type\":\"undefined\"}", NULL },
	{ "{\"$type\":\"number\",\"value\":\"NaN\"}", NULL },
	{ "{\"$type\":\"number\",\"value\":\"-0\"}", NULL },
	{ "{\"$type\":\"number\",\"value\":\"Infinity\"}", NULL },
	{ "{\"$type\":\"number\",\"value\":\"-Infinity\"}", NULL },
	{ "{\"$type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}", NULL },
	{ "{\"$type\":\"Date\",\"value\":null}", NULL },
	{ "{\"$type\":\"RegExp\",\"source\":\"a+b\",\"flags\":\"gi\"}", NULL },
	{ "{\"$type\":\"Boolean\",\"value\":true}", NULL },
	{ "{\"$type\":\"Number\",\"value\":1.5}", NULL },
	{ "{\"$type\":\"String\",\"value\":\"s\"}", NULL },
	{ "[1,{\"$type\":\"hole\"},3]", NULL },
	{ "[1,{\"$type\":\"hole\"}]", "{\"$type\":\"Array\",\"length\":2,\"items\":[1]}" },
	{ "{\"$type\":\"Array\",\"length\":3,\"items\":[1],\"props\":{\"x\":1}}", NULL },
	{ "{\"$type\":\"Map\",\"entries\":[[\"a\",1],[2,{\"b\":[]}]]}", NULL },
	{ "{\"$type\":\"Set\",\"values\":[1,\"two\",null]}", NULL },
	{ "{\"$type\":\"ArrayBuffer\",\"base64\":\"AQIDBA==\"}", NULL },
	{ "{\"$type\":\"Uint8Array\",\"base64\":\"AQID\"}", NULL },
	{ "{\"$type\":\"Int16Array\",\"base64\":\"AQACAA==\"}", NULL },
	{ "{\"$type\":\"Float64Array\",\"base64\":\"AAAAAAAA8D8=\"}", NULL },
	{ "{\"$type\":\"DataView\",\"base64\":\"AQI=\"}", NULL },
	{ "{\"$type\":\"Uint8Array\",\"buffer\":{\"$type\":\"ArrayBuffer\",\"base64\":\"AQIDBA==\"},"
	  "\"byteOffset\":1,\"length\":2}", NULL },
	{ "{\"$type\":\"Error\",\"name\":\"TypeError\",\"message\":\"bad\",\"stack\":\"TypeError: bad\"}",
	  NULL },
	{ "{\"$type\":\"object\",\"value\":{\"$type\":\"x\",\"y\":1}}", NULL },
	{ "[{\"k\":1},{\"$type\":\"ref\",\"index\":1}]", NULL },
	{ "{\"$type\":\"string\",\"codeUnits\":[55357,97]}", NULL },
	{ "\"\\u00e9\\ud83d\\ude00\"", "\"\xc3\xa9\xf0\x9f\x98\x80\"" },
};

START_TEST(t_roundtrip_every_kind)
{
	const char *spawn_argv[] = { "spawn", echo_path, NULL };
	struct ctl_result r;
	size_t i, n = sizeof values / sizeof values[0];
	char id[32], count[16], *input, *p, *line;
	size_t len = 0;

	ctl_runv(d.sock, NULL, T, &r, spawn_argv);
	ck_assert_int_eq(r.status, 0);
	snprintf(id, sizeof id, "%.*s", (int)strlen(r.out) - 1, r.out);
	ctl_result_free(&r);
	for (i = 0; i < n; i++)
		len += strlen(values[i].in) + 1;
	input = calloc(1, len + 1);
	for (i = 0; i < n; i++) {
		strcat(input, values[i].in);
		strcat(input, "\n");
	}
	CTL(&r, input, "post", id, "-");
	ck_assert_msg(r.status == 0, "post: %s", r.err);
	ctl_result_free(&r);
	free(input);
	snprintf(count, sizeof count, "%zu", n);
	CTL(&r, NULL, "recv", id, "-n", count);
	ck_assert_msg(r.status == 0, "recv: %s", r.err);
	for (i = 0, p = r.out; i < n; i++) {
		line = strsep(&p, "\n");
		ck_assert_ptr_nonnull(line);
		ck_assert_str_eq(line, values[i].want != NULL ? values[i].want : values[i].in);
	}
	ctl_result_free(&r);
}
END_TEST

/* Through the daemon: "after" coming back then proves the messageerror
 * before it was routed (on a direct channel, messages and events take
 * different sockets and keep no order between them). */
START_TEST(t_bigint_is_messageerror)
{
	const char *argv[] = { "run", "--no-direct", echo_path, NULL };
	struct ctl_proc p;
	struct ctl_result r;

	ck_assert_int_eq(ctl_start(&p, d.sock, argv), 0);
	ask(&p, "\"before\"", "\"before\"");
	/* The worker cannot represent a bigint: no message, a messageerror. */
	ask(&p, "{\"$type\":\"bigint\",\"value\":\"123\"}\n\"after\"", "\"after\"");
	ctl_signal(&p, SIGTERM);
	ctl_finish(&p, T, &r);
	ck_assert_int_eq(r.status, 128 + SIGTERM);
	ck_assert_msg(strstr(r.err, "messageerror") != NULL, "%s", r.err);
	ctl_result_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("workerctl_run");
	TCase *tc = tcase_create("run");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_run_interactive_and_ctrl_c);
	tcase_add_test(tc, t_run_killed_terminates_worker);
	tcase_add_test(tc, t_run_exit_codes);
	tcase_add_test(tc, t_run_output_streams);
	tcase_add_test(tc, t_run_unref_and_timeout);
	tcase_add_test(tc, t_run_many_lines);
	tcase_add_test(tc, t_roundtrip_every_kind);
	tcase_add_test(tc, t_bigint_is_messageerror);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
