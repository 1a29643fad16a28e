/*
 * test_workerctl.c - every workerctl command against a real daemon, run as
 * a subprocess: exit statuses, plain and --json output, errors for unknown
 * workers, missing scripts, bad JSON, an unreachable daemon, --timeout,
 * wait's close codes, watch and logs.  `run` and the value round trips are
 * in test_workerctl_run.c.
 */
#include <check.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ctl_fixture.h"
#include "daemon_util.h"
#include "tsuite.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";
static const char exit_js[] =
    "if (process.env.EXIT_CODE !== undefined) process.exit(Number(process.env.EXIT_CODE));\n"
    "onmessage = function (e) { process.exit(Number(e.data)); };\n";
static const char logs_js[] =
    "console.log('first line');\n"
    "console.warn('second', 2);\n"
    "console.log('a\\u0000b');\n"
    "onmessage = function (e) {\n"
    "  if (e.data === 'ready') { postMessage('ready'); return; }\n"
    "  console.log('got ' + e.data); self.close();\n"
    "};\n";

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

/* Runs workerctl and checks its status; keeps the result in *res. */
#define CTL_OK(res, ...) do { \
		CTL(res, NULL, __VA_ARGS__); \
		ck_assert_msg((res)->status == 0, "exit %d, stderr: %s", (res)->status, (res)->err); \
	} while (0)

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* The error output must be exactly one line, naming `what`. */
static void
assert_one_line(const struct ctl_result *r, const char *what)
{
	ck_assert_msg(count_lines(r->err) == 1, "stderr: %s", r->err);
	ck_assert_msg(strncmp(r->err, "workerctl: ", 11) == 0, "stderr: %s", r->err);
	ck_assert_msg(strstr(r->err, what) != NULL, "stderr lacks '%s': %s", what, r->err);
}

static void
spawn(char *id, size_t len, const char *const *extra)
{
	const char *argv[16] = { "spawn" };
	struct ctl_result r;
	int n = 1;

	while (extra != NULL && *extra != NULL)
		argv[n++] = *extra++;
	argv[n++] = echo_path;
	argv[n] = NULL;
	ctl_runv(d.sock, NULL, T, &r, argv);
	ck_assert_msg(r.status == 0, "spawn: %d %s", r.status, r.err);
	ck_assert_int_eq(count_lines(r.out), 1);
	ck_assert_uint_eq(strspn(r.out, "0123456789"), strlen(r.out) - 1);
	snprintf(id, len, "%.*s", (int)strlen(r.out) - 1, r.out);
	ctl_result_free(&r);
}

static json_t *
parse_json(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);

	ck_assert_msg(j != NULL, "not JSON: %s (%s)", text, e.text);
	return j;
}

static json_t *
status_json(const char *id)
{
	struct ctl_result r;
	json_t *j;

	CTL_OK(&r, "status", id, "--json");
	j = parse_json(r.out);
	ctl_result_free(&r);
	return j;
}

START_TEST(t_spawn_post_recv_terminate)
{
	struct ctl_result r;
	char id[32];

	spawn(id, sizeof id, NULL);
	CTL_OK(&r, "post", id, "{\"hello\":\"world\"}", "[1,2.5,null,true,\"x\"]");
	ck_assert_str_eq(r.out, "");
	ctl_result_free(&r);
	CTL_OK(&r, "recv", id, "-n", "2");
	ck_assert_str_eq(r.out, "{\"hello\":\"world\"}\n[1,2.5,null,true,\"x\"]\n");
	ctl_result_free(&r);
	/* Options before the command name work the same. */
	CTL_OK(&r, "--timeout", "10", "post", id, "-3");
	ctl_result_free(&r);
	CTL_OK(&r, "--count=1", "recv", id);
	ck_assert_str_eq(r.out, "-3\n");
	ctl_result_free(&r);
	CTL_OK(&r, "terminate", id);
	ctl_result_free(&r);
	/* Idempotent on a closed worker. */
	CTL_OK(&r, "terminate", id);
	ctl_result_free(&r);
	CTL_OK(&r, "wait", id);
	ck_assert_str_eq(r.out, "0\n");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_ls_and_status)
{
	static const char *const keys[] = { "id", "name", "pid", "state", "owner", "ref",
		"uptime_s", "rss_bytes", "heap_bytes", "msgs_in", "msgs_out", "bytes_in", "bytes_out" };
	const char *const named[] = { "--name", "lister", NULL };
	struct ctl_result r;
	json_t *j, *w;
	char id[32];
	size_t i;

	spawn(id, sizeof id, named);
	CTL_OK(&r, "post", "lister", "\"hi\"");
	ctl_result_free(&r);
	CTL_OK(&r, "recv", "lister");
	ctl_result_free(&r);
	CTL_OK(&r, "ls");
	ck_assert_int_eq(count_lines(r.out), 2);
	ck_assert_msg(strncmp(r.out, "ID ", 3) == 0 && strstr(r.out, "NAME") != NULL &&
	    strstr(r.out, "UPTIME") != NULL && strstr(r.out, "RSS") != NULL, "%s", r.out);
	ck_assert_msg(strstr(r.out, " lister ") != NULL && strstr(r.out, " open ") != NULL, "%s",
	    r.out);
	/* Columns line up: the header's "NAME" starts where the row's name does. */
	ck_assert_int_eq((int)(strstr(r.out, "NAME") - r.out),
	    (int)(strstr(r.out, "lister") - strchr(r.out, '\n') - 1));
	ctl_result_free(&r);
	CTL_OK(&r, "list", "--json");
	j = parse_json(r.out);
	ck_assert(json_is_array(j));
	ck_assert_int_eq(json_array_size(j), 1);
	w = json_array_get(j, 0);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ck_assert_msg(json_object_get(w, keys[i]) != NULL, "ls --json lacks %s", keys[i]);
	ck_assert_str_eq(json_string_value(json_object_get(w, "name")), "lister");
	ck_assert_str_eq(json_string_value(json_object_get(w, "state")), "open");
	ck_assert_str_eq(json_string_value(json_object_get(w, "owner")), "daemon");
	ck_assert(json_is_true(json_object_get(w, "ref")));
	ck_assert_int_eq(json_integer_value(json_object_get(w, "msgs_in")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(w, "msgs_out")), 1);
	ck_assert_int_gt(json_integer_value(json_object_get(w, "rss_bytes")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(w, "id")), atoi(id));
	json_decref(j);
	ctl_result_free(&r);

	CTL_OK(&r, "status", "lister");
	ck_assert_msg(strstr(r.out, "state:    open\n") != NULL, "%s", r.out);
	ck_assert_msg(strstr(r.out, "name:     lister\n") != NULL, "%s", r.out);
	ctl_result_free(&r);
	CTL_OK(&r, "terminate", "lister");
	ctl_result_free(&r);
	j = status_json(id);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ck_assert_msg(json_object_get(j, keys[i]) != NULL, "status --json lacks %s", keys[i]);
	ck_assert_str_eq(json_string_value(json_object_get(j, "state")), "closed");
	ck_assert_int_eq(json_integer_value(json_object_get(j, "code")), 0);
	ck_assert_str_eq(json_string_value(json_object_get(j, "reason")), "terminated");
	ck_assert(json_is_null(json_object_get(j, "signal")));
	json_decref(j);
	CTL_OK(&r, "status", id);
	ck_assert_msg(strstr(r.out, "reason:   terminated\n") != NULL, "%s", r.out);
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_unknown_worker)
{
	static const char *const cmds[][4] = {
		{ "post", "424242", "1", NULL }, { "recv", "424242", NULL }, { "terminate", "424242", NULL },
		{ "wait", "424242", NULL }, { "status", "424242", NULL }, { "ref", "424242", NULL },
		{ "unref", "424242", NULL }, { "logs", "424242", NULL }, { "watch", "424242", NULL },
		{ "post", "nosuchname", "1", NULL },
	};
	struct ctl_result r;
	size_t i;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		ctl_runv(d.sock, NULL, T, &r, cmds[i]);
		ck_assert_msg(r.status == 1, "%s: exit %d", cmds[i][0], r.status);
		assert_one_line(&r, cmds[i][1]);
		ck_assert_msg(strstr(r.err, "no such worker") != NULL, "%s", r.err);
		ck_assert_str_eq(r.out, "");
		ctl_result_free(&r);
	}
}
END_TEST

START_TEST(t_missing_script)
{
	struct ctl_result r;
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/missing.js", d.dir);
	CTL(&r, NULL, "spawn", path);
	ck_assert_int_eq(r.status, 1);
	assert_one_line(&r, "missing.js");
	ck_assert_str_eq(r.out, "");
	ctl_result_free(&r);
	CTL(&r, NULL, "run", d.dir);
	ck_assert_int_eq(r.status, 1);
	assert_one_line(&r, d.dir);
	ctl_result_free(&r);
	/* No worker was created. */
	CTL_OK(&r, "ls", "--json");
	ck_assert_str_eq(r.out, "[]\n");
	ctl_result_free(&r);
}
END_TEST

/* spawn and run take a file: URL (`new URL("w.js", import.meta.url).href`);
 * the worker still sees a path.  Any other URL is refused before sending. */
START_TEST(t_file_url)
{
	static const char js[] = "postMessage([process.argv[1], __filename]); self.close();\n";
	char path[PATH_MAX], real[PATH_MAX], url[PATH_MAX * 3], want[PATH_MAX * 2 + 16];
	struct ctl_result r;
	size_t i, n;

	df_script(&d, "a b%.js", js, path, sizeof path);
	ck_assert_ptr_nonnull(realpath(path, real));
	n = (size_t)snprintf(url, sizeof url, "file://");
	for (i = 0; real[i] != '\0'; i++)
		n += (size_t)snprintf(url + n, sizeof url - n, real[i] == ' ' ? "%%20" :
		    real[i] == '%' ? "%%25" : "%c", real[i]);
	CTL_OK(&r, "run", url);
	snprintf(want, sizeof want, "[\"%s\",\"%s\"]\n", real, real);
	ck_assert_str_eq(r.out, want);
	ctl_result_free(&r);
	CTL(&r, NULL, "spawn", "https://x/y.js");
	ck_assert_int_eq(r.status, 2);
	assert_one_line(&r, "script https://x/y.js: only file: URLs are supported");
	ctl_result_free(&r);
	CTL(&r, NULL, "run", "file://elsewhere/a.js");
	ck_assert_int_eq(r.status, 2);
	assert_one_line(&r, "script file://elsewhere/a.js: file: URL host must be empty or localhost");
	ctl_result_free(&r);
	CTL(&r, NULL, "spawn", "file:///nonexistent/a%20b.js");
	ck_assert_int_eq(r.status, 1);
	assert_one_line(&r, "/nonexistent/a b.js");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_bad_json_posts_nothing)
{
	struct ctl_result r;
	json_t *j;
	char id[32];

	spawn(id, sizeof id, NULL);
	CTL(&r, NULL, "post", id, "\"fine\"", "{bad", "2");
	ck_assert_int_eq(r.status, 2);
	assert_one_line(&r, "JSON");
	ctl_result_free(&r);
	CTL(&r, "1\n\"two\"\n[3\n", "post", id, "-");
	ck_assert_int_eq(r.status, 2);
	assert_one_line(&r, "line 3");
	ctl_result_free(&r);
	/* Tagged JSON is checked too. */
	CTL(&r, NULL, "post", id, "{\"$type\":\"number\",\"value\":\"lots\"}");
	ck_assert_int_eq(r.status, 2);
	ctl_result_free(&r);
	j = status_json(id);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "msgs_in")), 0);
	json_decref(j);
	/* Stdin lines, blank ones skipped, arrive in order. */
	CTL_OK(&r, "post", id, "-");
	ctl_result_free(&r);
	CTL(&r, "1\n\n\"two\"\n[3]\n", "post", id, "-");
	ck_assert_int_eq(r.status, 0);
	ctl_result_free(&r);
	CTL_OK(&r, "recv", id, "-n", "3");
	ck_assert_str_eq(r.out, "1\n\"two\"\n[3]\n");
	ctl_result_free(&r);
}
END_TEST

/* Far more lines than requests may be in flight: every one is posted, in
 * order (the worker counts them and says where the order broke). */
START_TEST(t_post_many_lines)
{
	static const char count_js[] =
	    "var n = 0;\n"
	    "onmessage = function (e) {\n"
	    "  n++; if (e.data !== n) postMessage('line ' + n + ' was ' + e.data);\n"
	    "  if (n === 100000) postMessage(n);\n"
	    "};\n";
	struct ctl_result r;
	struct pbuf in;
	char path[PATH_MAX];

	ctl_numbered_lines(&in, 100000);
	df_script(&d, "count.js", count_js, path, sizeof path);
	CTL_OK(&r, "spawn", "--name", "counter", path);
	ctl_result_free(&r);
	CTL(&r, (const char *)in.data, "post", "counter", "-");
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ctl_result_free(&r);
	CTL_OK(&r, "recv", "counter", "--timeout", "30");
	ck_assert_str_eq(r.out, "100000\n");
	ctl_result_free(&r);
	pbuf_free(&in);
}
END_TEST

START_TEST(t_unreachable)
{
	static const char *const cmds[][4] = {
		{ "ls", NULL }, { "status", "1", NULL }, { "post", "1", "2", NULL }, { "recv", "1", NULL },
		{ "terminate", "1", NULL }, { "wait", "1", NULL }, { "watch", NULL }, { "ref", "1", NULL },
		{ "logs", "1", NULL },
	};
	const char *spawn_argv[] = { "spawn", echo_path, NULL };
	char sock[PATH_MAX];
	struct ctl_result r;
	size_t i;

	snprintf(sock, sizeof sock, "%s/nobody.sock", d.dir);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		ctl_runv(sock, NULL, T, &r, cmds[i]);
		ck_assert_msg(r.status == 3, "%s: exit %d", cmds[i][0], r.status);
		assert_one_line(&r, "nobody.sock");
		ctl_result_free(&r);
	}
	ctl_runv(sock, NULL, T, &r, spawn_argv);
	ck_assert_int_eq(r.status, 3);
	ctl_result_free(&r);
	/* The environment names the socket when --socket does not. */
	setenv("WORKERSD_SOCKET", sock, 1);
	ctl_run(NULL, NULL, T, &r, "ls", (const char *)NULL);
	ck_assert_int_eq(r.status, 3);
	assert_one_line(&r, "nobody.sock");
	ctl_result_free(&r);
	setenv("WORKERSD_SOCKET", d.sock, 1);
	ctl_run(NULL, NULL, T, &r, "ls", (const char *)NULL);
	ck_assert_int_eq(r.status, 0);
	ctl_result_free(&r);
	unsetenv("WORKERSD_SOCKET");
}
END_TEST

START_TEST(t_timeouts)
{
	struct ctl_result r;
	char id[32];

	spawn(id, sizeof id, NULL);
	CTL(&r, NULL, "recv", id, "--timeout", "0.2");
	ck_assert_int_eq(r.status, 124);
	assert_one_line(&r, id);
	ctl_result_free(&r);
	CTL(&r, NULL, "wait", id, "--timeout=0.25");
	ck_assert_int_eq(r.status, 124);
	ck_assert_str_eq(r.out, "");
	ctl_result_free(&r);
	CTL(&r, NULL, "watch", id, "--timeout", ".1");
	ck_assert_int_eq(r.status, 124);
	ctl_result_free(&r);
	/* A message posted while nobody listened is still there. */
	CTL_OK(&r, "post", id, "\"kept\"");
	ctl_result_free(&r);
	CTL_OK(&r, "recv", id, "--timeout", "10");
	ck_assert_str_eq(r.out, "\"kept\"\n");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_wait_codes)
{
	char path[PATH_MAX], id[32];
	struct ctl_result r;
	const char *argv[] = { "spawn", "--env", NULL, path, NULL };

	df_script(&d, "exit.js", exit_js, path, sizeof path);
	argv[2] = "EXIT_CODE=300";
	ctl_runv(d.sock, NULL, T, &r, argv);
	ck_assert_int_eq(r.status, 0);
	snprintf(id, sizeof id, "%.*s", (int)strlen(r.out) - 1, r.out);
	ctl_result_free(&r);
	CTL(&r, NULL, "wait", id);
	ck_assert_int_eq(r.status, 255);
	ck_assert_str_eq(r.out, "300\n");
	ctl_result_free(&r);
	/* A closed worker's record answers again. */
	CTL(&r, NULL, "wait", id);
	ck_assert_int_eq(r.status, 255);
	ck_assert_str_eq(r.out, "300\n");
	ctl_result_free(&r);

	ctl_run(d.sock, NULL, T, &r, "spawn", "--name=seven", path, (const char *)NULL);
	ck_assert_int_eq(r.status, 0);
	ctl_result_free(&r);
	CTL_OK(&r, "post", "seven", "7");
	ctl_result_free(&r);
	CTL(&r, NULL, "wait", "seven");
	ck_assert_int_eq(r.status, 7);
	ck_assert_str_eq(r.out, "7\n");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_ref_unref)
{
	struct ctl_result r;
	json_t *j;
	char id[32];
	const char *const unref[] = { "--unref", NULL };

	spawn(id, sizeof id, unref);
	j = status_json(id);
	ck_assert(json_is_false(json_object_get(j, "ref")));
	json_decref(j);
	CTL_OK(&r, "ref", id);
	ctl_result_free(&r);
	j = status_json(id);
	ck_assert(json_is_true(json_object_get(j, "ref")));
	json_decref(j);
	CTL_OK(&r, "unref", id);
	ctl_result_free(&r);
	j = status_json(id);
	ck_assert(json_is_false(json_object_get(j, "ref")));
	json_decref(j);
}
END_TEST

START_TEST(t_watch)
{
	struct ctl_proc p;
	struct ctl_result r;
	const char *argv[] = { "watch", NULL, NULL };
	char id[32], *line;

	spawn(id, sizeof id, NULL);
	argv[1] = id;
	/* Keep posting until watch shows a message: then it is subscribed. */
	ck_assert_int_eq(ctl_start(&p, d.sock, argv), 0);
	for (line = NULL; line == NULL || strstr(line, "\"message\"") == NULL;) {
		free(line);
		CTL_OK(&r, "post", id, "{\"n\":1}");
		ctl_result_free(&r);
		line = ctl_read_line(&p, 0.2);
	}
	ck_assert_msg(strstr(line, "{\"event\":\"message\",\"id\":") == line, "%s", line);
	ck_assert_msg(strstr(line, ",\"data\":{\"n\":1}}") != NULL, "%s", line);
	free(line);
	CTL_OK(&r, "terminate", id);
	ctl_result_free(&r);
	ctl_finish(&p, T, &r);
	/* Every named worker closed: watch ended by itself. */
	ck_assert_int_eq(r.status, 0);
	line = strstr(r.out, "{\"event\":\"close\"");
	ck_assert_msg(line != NULL, "%s", r.out);
	ck_assert_msg(strstr(line, "\"code\":0,\"signal\":null,\"reason\":\"terminated\"}\n") != NULL,
	    "%s", line);
	ctl_result_free(&r);
	/* A closed worker: its close at once. */
	CTL_OK(&r, "watch", id);
	ck_assert_msg(strncmp(r.out, "{\"event\":\"close\",\"id\":", 22) == 0, "%s", r.out);
	ck_assert_int_eq(count_lines(r.out), 1);
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_logs)
{
	struct ctl_result r;
	struct ctl_proc p;
	char path[PATH_MAX], id[32];
	const char *argv[] = { "spawn", path, NULL };
	const char *follow[] = { "logs", "-f", id, NULL };
	char *line;

	df_script(&d, "logs.js", logs_js, path, sizeof path);
	ctl_runv(d.sock, NULL, T, &r, argv);
	ck_assert_int_eq(r.status, 0);
	snprintf(id, sizeof id, "%.*s", (int)strlen(r.out) - 1, r.out);
	ctl_result_free(&r);
	/* The answer comes after the top-level logs (same worker, in order). */
	CTL_OK(&r, "post", id, "\"ready\"");
	ctl_result_free(&r);
	CTL_OK(&r, "recv", id);
	ctl_result_free(&r);
	/* A NUL in a log text is a byte of it, as Node writes it. */
	CTL_OK(&r, "logs", id);
	ck_assert_uint_eq(r.out_len, 24);
	ck_assert_mem_eq(r.out, "first line\nsecond 2\na\0b\n", 24);
	ctl_result_free(&r);
	CTL_OK(&r, "logs", "--json", id);
	ck_assert_str_eq(r.out, "{\"level\":\"log\",\"text\":\"first line\"}\n"
	    "{\"level\":\"warn\",\"text\":\"second 2\"}\n"
	    "{\"level\":\"log\",\"text\":\"a\\u0000b\"}\n");
	ctl_result_free(&r);
	ck_assert_int_eq(ctl_start(&p, d.sock, follow), 0);
	line = ctl_read_line(&p, T);
	ck_assert_str_eq(line, "first line");
	free(line);
	line = ctl_read_line(&p, T);
	ck_assert_str_eq(line, "second 2");
	free(line);
	line = ctl_read_line(&p, T);
	ck_assert_str_eq(line, "a");	/* the line, up to its NUL */
	free(line);
	CTL_OK(&r, "post", id, "\"bye\"");
	ctl_result_free(&r);
	ctl_finish(&p, T, &r);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "got bye\n");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_usage)
{
	static const char *const bad[][5] = {
		{ NULL }, { "frobnicate", NULL }, { "recv", NULL }, { "ls", "--bogus", NULL },
		{ "terminate", "1", "--json", NULL }, { "recv", "1", "-n", "x" },
		{ "spawn", "--heap-limit", "12Q", "x.js" }, { "wait", "1", "--timeout", "soon" },
		{ "status", "1", "2", NULL }, { "spawn", "--env", "NOEQUALS", "x.js" },
	};
	struct ctl_result r;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ctl_runv(d.sock, NULL, T, &r, bad[i]);
		ck_assert_msg(r.status == 2, "case %zu: exit %d", i, r.status);
		assert_one_line(&r, "workerctl");
		ctl_result_free(&r);
	}
	CTL_OK(&r, "--version");
	ck_assert_str_eq(r.out, "workerctl " WORKERSD_VERSION "\n");
	ctl_result_free(&r);
	CTL_OK(&r, "--help");
	ck_assert_msg(strstr(r.out, "spawn") != NULL && strstr(r.out, "logs") != NULL, "%s", r.out);
	ctl_result_free(&r);
	CTL_OK(&r, "recv", "--help");
	ck_assert_msg(strstr(r.out, "usage: workerctl recv ID") == r.out, "%s", r.out);
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_watch_everything)
{
	const char *argv[] = { "watch", NULL };
	const char *named[] = { "--name", "later", "--heap-limit", "64M", "--smol", NULL };
	struct ctl_proc p;
	struct ctl_result r;
	char id[32], *line = NULL;
	int tries;

	/* With no id it follows workers spawned after it started: spawn
	 * one, post until watch shows its message. */
	ck_assert_int_eq(ctl_start(&p, d.sock, argv), 0);
	spawn(id, sizeof id, named);
	for (tries = 0; tries < 100; tries++) {
		CTL_OK(&r, "post", "later", "\"seen\"");
		ctl_result_free(&r);
		while ((line = ctl_read_line(&p, 0.2)) != NULL && strstr(line, "\"seen\"") == NULL)
			free(line);
		if (line != NULL)
			break;
	}
	ck_assert_ptr_nonnull(line);
	ck_assert_msg(strstr(line, "{\"event\":\"message\",\"id\":") == line, "%s", line);
	free(line);
	ctl_signal(&p, SIGINT);
	ctl_finish(&p, T, &r);
	ck_assert_int_eq(r.status, 128 + SIGINT);
	ctl_result_free(&r);
}
END_TEST

/* The example workers in docs/examples (tests run from the source tree). */
START_TEST(t_examples)
{
	struct ctl_result r;

	CTL(&r, NULL, "run", "-e", "TICKS=3", "-e", "INTERVAL=5", "docs/examples/counter.js");
	ck_assert_msg(r.status == 0, "counter: %d %s", r.status, r.err);
	ck_assert_int_eq(count_lines(r.out), 3);
	ck_assert_msg(strncmp(r.out, "{\"tick\":1,\"at\":{\"$type\":\"Date\",\"value\":\"", 37) == 0,
	    "%s", r.out);
	ck_assert_msg(strstr(r.out, "{\"tick\":3,") != NULL, "%s", r.out);
	ck_assert_str_eq(r.err, "counted to 3\n");
	ctl_result_free(&r);
	CTL(&r, "\"world\"\n\"again\"\nnull\n", "run", "docs/examples/cjs/main.js");
	ck_assert_msg(r.status == 0, "cjs: %d %s", r.status, r.err);
	ck_assert_str_eq(r.out, "\"hello, world (#1)\"\n\"hello, again (#2)\"\n");
	ctl_result_free(&r);
	CTL(&r, NULL, "run", "--env=EXIT_CODE=5", "docs/examples/exit-code.js");
	ck_assert_int_eq(r.status, 5);
	ctl_result_free(&r);
	CTL(&r, "\"ping\"\n", "run", "--unref", "--timeout", "20", "docs/examples/echo.js");
	ck_assert_int_eq(r.status, 0);
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_recv_worker_closes_first)
{
	char path[PATH_MAX], id[32];
	struct ctl_result r;

	df_script(&d, "two.js", "postMessage(1);\npostMessage({\"two\":2});\n", path, sizeof path);
	ctl_run(d.sock, NULL, T, &r, "spawn", path, (const char *)NULL);
	ck_assert_int_eq(r.status, 0);
	snprintf(id, sizeof id, "%.*s", (int)strlen(r.out) - 1, r.out);
	ctl_result_free(&r);
	CTL(&r, NULL, "recv", id, "-n", "3");
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "1\n{\"two\":2}\n");
	assert_one_line(&r, id);
	ck_assert_msg(strstr(r.err, "2 of 3") != NULL, "%s", r.err);
	ctl_result_free(&r);
}
END_TEST

/* workerctl(1) documents every command and every option --help shows, and
 * renders without groff warnings. */
START_TEST(t_man_page)
{
	static const char *const cmds[] = { "spawn", "post", "recv", "terminate", "wait", "watch",
		"run", "ls", "status", "ref", "unref", "logs" };
	char *man = tsuite_slurp("docs/man/workerctl.1"), *opt, *end, want[64];
	struct ctl_result r;
	size_t i;
	int st;

	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		CTL_OK(&r, cmds[i], "--help");
		snprintf(want, sizeof want, "\n.BI %s ", cmds[i]);
		ck_assert_msg(strstr(man, want) != NULL || (snprintf(want, sizeof want,
		    "\n.BR %s", cmds[i]), strstr(man, want) != NULL), "man lacks %s", cmds[i]);
		for (opt = strstr(r.out, "--"); opt != NULL; opt = strstr(end, "--")) {
			end = opt + 2 + strspn(opt + 2, "abcdefghijklmnopqrstuvwxyz-");
			snprintf(want, sizeof want, "\\-\\-%.*s", (int)(end - opt - 2), opt + 2);
			for (char *q = want + 4; *q != '\0'; q++)
				if (*q == '-') {
					memmove(q + 1, q, strlen(q) + 1);
					*q++ = '\\';
				}
			if (end - opt > 2)
				ck_assert_msg(strstr(man, want) != NULL, "man lacks %s (%s)", want, cmds[i]);
		}
		ctl_result_free(&r);
	}
	free(man);
	if (access("/usr/bin/groff", X_OK) == 0) {
		st = system("groff -ww -man -z docs/man/workerctl.1 2>groff.err && test ! -s groff.err");
		remove("groff.err");
		ck_assert_int_eq(st, 0);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("workerctl");
	TCase *tc = tcase_create("commands");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_spawn_post_recv_terminate);
	tcase_add_test(tc, t_ls_and_status);
	tcase_add_test(tc, t_unknown_worker);
	tcase_add_test(tc, t_missing_script);
	tcase_add_test(tc, t_file_url);
	tcase_add_test(tc, t_bad_json_posts_nothing);
	tcase_add_test(tc, t_post_many_lines);
	tcase_add_test(tc, t_unreachable);
	tcase_add_test(tc, t_timeouts);
	tcase_add_test(tc, t_wait_codes);
	tcase_add_test(tc, t_ref_unref);
	tcase_add_test(tc, t_watch);
	tcase_add_test(tc, t_logs);
	tcase_add_test(tc, t_usage);
	tcase_add_test(tc, t_watch_everything);
	tcase_add_test(tc, t_examples);
	tcase_add_test(tc, t_man_page);
	tcase_add_test(tc, t_recv_worker_closes_first);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
