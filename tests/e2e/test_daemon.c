/*
 * test_daemon.c - workersd end to end: lifecycle order, queue before
 * ready, mailbox, fan-out, terminate, close codes and reasons, close
 * records, owner cleanup.  Each test starts its own daemon on a private
 * socket with the real worker-host.
 */
#include <check.h>
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_util.h"
#include "mpread.h"
#include "mpwrite.h"
#include "tsuite.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";

static struct daemon_fixture d;
static struct rawclient c;

START_TEST(t_order_and_queue_before_ready)
{
	static const char js[] =
	    "var n = 0;\n"
	    "onmessage = function (e) { postMessage(e.data * 2); if (++n === 3) self.close(); };\n";
	struct rawclient sub;
	struct proto_msg m;
	const char *want[] = { "open", "message", "message", "message", "close" };
	int64_t expect[] = { 0, 2, 4, 6 }, v;
	char name[32];
	uint64_t id, seq, last = 0;
	unsigned i = 0;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_open(&sub, d.sock), 0);
	ck_assert_int_eq(rc_subscribe(&sub, NULL, 0, false, &m), MSG_OK);
	/* Posts go out in the same write as the spawn: they must wait for
	 * the worker and arrive in order. */
	id = du_spawn(&d, &c, "double.js", js, "doubler", NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	rc_post_int(&c, id, 1, false, NULL);
	rc_post_int(&c, id, 2, false, NULL);
	ck_assert_int_eq(rc_post_int(&c, id, 3, true, &m), MSG_OK);
	while (i < 5) {
		ck_assert_int_eq(rc_event(&sub, (int)(df_slow(10) * 1000), &m), 1);
		rc_event_name(&m, name, sizeof(name));
		if (strcmp(name, "log") == 0)
			continue;
		ck_assert_str_eq(name, want[i]);
		ck_assert_int_eq(proto_get_uint(&m, "seq", &seq), PF_OK);
		ck_assert_uint_gt(seq, last);
		last = seq;
		if (strcmp(name, "message") == 0) {
			ck_assert_int_eq(rc_data_int(&m, "data", &v), 0);
			ck_assert_int_eq(v, expect[i]);
		}
		if (strcmp(name, "close") == 0) {
			ck_assert_int_eq(rc_int(&m, "code"), 0);
			ck_assert_str_eq(rc_str(&m, "reason", name, sizeof(name)), "exit");
		}
		i++;
	}
	/* Every message was also kept in the mailbox. */
	ck_assert_int_eq(rc_recv(&c, id, 10, false, 5000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 3);
	ck_assert_int_eq(du_msgs_int(&m, 2, &v), 0);
	ck_assert_int_eq(v, 6);
	ck_assert_int_eq(proto_get_bool(&m, "closed", &(bool){ false }), PF_OK);
	rc_close(&sub);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_mailbox_after_poster_left)
{
	struct rawclient a;
	struct proto_msg m;
	int64_t v;
	bool closed = true;
	uint64_t id;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_open(&a, d.sock), 0);
	id = du_spawn(&d, &a, "echo.js", echo_js, "echo", NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	ck_assert_int_eq(rc_post_int(&a, id, 41, true, &m), MSG_OK);
	ck_assert_int_eq(rc_post_int(&a, id, 42, true, &m), MSG_OK);
	rc_close(&a);
	/* Another connection, later, finds both replies waiting. */
	ck_assert_int_eq(rc_recv(&c, id, 1, true, 10000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 1);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, 41);
	ck_assert_int_eq(proto_get_bool(&m, "closed", &closed), PF_OK);
	ck_assert(!closed);
	ck_assert_int_eq(rc_recv(&c, id, 5, true, 10000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, 42);
	/* Nothing left: wait:false answers at once with none. */
	ck_assert_int_eq(rc_recv(&c, id, 1, false, 5000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 0);
	/* A waiting recv is answered when the message comes. */
	{
		uint64_t rid = rc_begin(&c, MSG_RECV, 1);

		mpw_cstr(&c.out, "id");
		mpw_uint(&c.out, id);
		ck_assert_int_eq(rc_end(&c), 0);
		ck_assert_int_eq(rc_reply(&c, rid, 200, &m), 0);
		ck_assert_int_eq(rc_post_int(&c, id, 43, false, NULL), MSG_OK);
		ck_assert_int_eq(rc_reply(&c, rid, 10000, &m), 1);
		ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
		ck_assert_int_eq(v, 43);
	}
	/* A recv waiting on a worker that closes with nothing left gets
	 * closed:true and no message. */
	{
		uint64_t rid = rc_begin(&c, MSG_RECV, 1);

		mpw_cstr(&c.out, "id");
		mpw_uint(&c.out, id);
		ck_assert_int_eq(rc_end(&c), 0);
		ck_assert_int_eq(rc_reply(&c, rid, 200, &m), 0);
		ck_assert_int_eq(rc_simple(&c, MSG_TERMINATE, id, &m), MSG_OK);
		ck_assert_int_eq(rc_reply(&c, rid, 10000, &m), 1);
		ck_assert_uint_eq(du_msgs_count(&m), 0);
		ck_assert_int_eq(proto_get_bool(&m, "closed", &closed), PF_OK);
		ck_assert(closed);
	}
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_fanout)
{
	static const char js[] = "postMessage('a'); postMessage('b'); postMessage('c');\n";
	struct rawclient s1, s2;
	struct proto_msg m;
	struct rawclient *subs[2] = { &s1, &s2 };
	char buf[32], name[32];
	uint64_t id;
	int k;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_open(&s1, d.sock), 0);
	ck_assert_int_eq(rc_open(&s2, d.sock), 0);
	ck_assert_int_eq(rc_subscribe(&s1, NULL, 0, false, &m), MSG_OK);
	ck_assert_int_eq(rc_subscribe(&s2, NULL, 0, false, &m), MSG_OK);
	id = du_spawn(&d, &c, "abc.js", js, NULL, NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	for (k = 0; k < 2; k++) {
		static const char *const want[] = { "a", "b", "c" };
		int i;

		for (i = 0; i < 3; i++) {
			ck_assert(du_wait_event(subs[k], id, "message", 10, &m));
			ck_assert_str_eq(rc_str(&m, "data", buf, sizeof(buf)), want[i]);
		}
		ck_assert(du_wait_event(subs[k], id, "close", 10, &m));
		ck_assert_str_eq(rc_str(&m, "reason", name, sizeof(name)), "exit");
	}
	rc_close(&s1);
	rc_close(&s2);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_terminate_idle_and_spinning)
{
	struct proto_msg m;
	struct close_info ci;
	uint64_t idle, spin;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_subscribe(&c, NULL, 0, false, &m), MSG_OK);
	idle = du_spawn(&d, &c, "echo.js", echo_js, NULL, NULL, false, 0);
	spin = du_spawn(&d, &c, "spin.js", "for (;;) {}\n", NULL, NULL, false, 0);
	ck_assert(du_wait_event(&c, idle, "open", 10, &m));
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, idle, 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 0);
	ck_assert_str_eq(ci.reason, "terminated");
	ck_assert_str_eq(ci.signal, "");
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, spin, 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 0);
	ck_assert_str_eq(ci.reason, "terminated");
	/* Idempotent on a closed worker; an unknown id is an error. */
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, spin, 10, &ci), MSG_OK);
	ck_assert_str_eq(ci.reason, "terminated");
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, 999, 10, &ci), MSG_ERR);
	/* A post to a closed worker is refused. */
	ck_assert_int_eq(rc_post_int(&c, idle, 1, true, &m), MSG_ERR);
	{
		char code[32];

		ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "closed");
	}
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_close_reasons)
{
	struct proto_msg m;
	struct close_info ci;
	uint64_t ex, thr, oom, killed;
	pid_t pid;
	uint64_t upid;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_subscribe(&c, NULL, 0, false, &m), MSG_OK);
	ex = du_spawn(&d, &c, "exit.js", "process.exit(300);\n", NULL, NULL, false, 0);
	thr = du_spawn(&d, &c, "throw.js", "throw new TypeError('boom');\n", NULL, NULL, false, 0);
	oom = du_spawn(&d, &c, "oom.js",
	    "var a = []; for (;;) a.push(new Array(1000).join('x') + a.length);\n",
	    NULL, "heap_limit", false, 4 << 20);
	killed = du_spawn(&d, &c, "idle.js", echo_js, NULL, NULL, false, 0);
	ck_assert(ex && thr && oom && killed);

	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, ex, 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 300);
	ck_assert_str_eq(ci.reason, "exit");

	ck_assert(du_wait_event(&c, thr, "error", 10, &m));
	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, thr, 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 1);
	ck_assert_str_eq(ci.reason, "error");

	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, oom, 30, &ci), MSG_OK);
	ck_assert_str_eq(ci.reason, "oom");

	ck_assert(du_wait_state(&c, killed, "open", 10));
	ck_assert_int_eq(rc_simple(&c, MSG_STATUS, killed, &m), MSG_OK);
	{
		const uint8_t *p;
		size_t n;
		struct mp_reader r;
		struct mp_item k;
		uint32_t i;

		ck_assert_int_eq(proto_get_raw(&m, "worker", &p, &n), PF_OK);
		mp_reader_init(&r, p, n);
		ck_assert_int_eq(mp_next(&r, &k), 0);
		upid = 0;
		for (i = k.len; i > 0 && upid == 0; i--) {
			ck_assert_int_eq(mp_next(&r, &k), 0);
			if (k.kind == MP_STR && k.len == 3 && memcmp(k.ptr, "pid", 3) == 0) {
				ck_assert_int_eq(mp_next(&r, &k), 0);
				upid = k.v.u;
			} else {
				ck_assert_int_eq(mp_skip(&r), 0);
			}
		}
	}
	pid = (pid_t)upid;
	ck_assert_int_gt(pid, 1);
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, killed, 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 137);
	ck_assert_str_eq(ci.reason, "killed");
	ck_assert_str_eq(ci.signal, "SIGKILL");
	du_stop(&d, &c);
}
END_TEST

static bool
gone(void *arg)
{
	struct proto_msg m;

	return rc_simple(&c, MSG_STATUS, *(uint64_t *)arg, &m) == MSG_ERR;
}

START_TEST(t_close_records)
{
	/* The ttl must outlast a spawn and exit of the next worker under ASan on
	 * a loaded machine, or the record checked below is already gone. */
	static const char *const flags[] = { "--records=2", "--records-ttl=3", NULL };
	struct proto_msg m;
	struct close_info ci;
	char st[32];
	uint64_t ids[4];
	int i;

	du_start(&d, &c, flags);
	for (i = 0; i < 4; i++) {
		ids[i] = du_spawn(&d, &c, "exit7.js", "process.exitCode = 7;\n", NULL, NULL, false, 0);
		ck_assert_uint_ne(ids[i], 0);
		ck_assert_int_eq(du_close_req(&c, MSG_WAIT, ids[i], 10, &ci), MSG_OK);
		ck_assert_int_eq(ci.code, 7);
	}
	/* The newest two are kept: status and wait still answer. */
	ck_assert_str_eq(du_state(&c, ids[3], st, sizeof(st)), "closed");
	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, ids[2], 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 7);
	ck_assert_int_eq(rc_simple(&c, MSG_STATUS, ids[0], &m), MSG_ERR);
	/* And they expire after --records-ttl. */
	ck_assert(df_wait_until(gone, &ids[3], 10));
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_owner_connection_cleanup)
{
	struct rawclient a;
	struct proto_msg m;
	struct close_info ci;
	uint64_t own, keep;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_open(&a, d.sock), 0);
	own = du_spawn(&d, &a, "echo.js", echo_js, NULL, "owner", true, 0);
	keep = du_spawn(&d, &a, "echo2.js", echo_js, NULL, NULL, false, 0);
	ck_assert(own && keep);
	rc_close(&a);
	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, own, 10, &ci), MSG_OK);
	ck_assert_str_eq(ci.reason, "terminated");
	/* The other worker of that connection belongs to the daemon. */
	ck_assert_int_eq(rc_post_int(&c, keep, 5, true, &m), MSG_OK);
	ck_assert_int_eq(rc_recv(&c, keep, 1, true, 10000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 1);
	du_stop(&d, &c);
}
END_TEST

/* A file: URL as the script, with no cwd: the worker sees the decoded path
 * in process.argv[1] and __filename; other URLs are refused by name. */
START_TEST(t_file_url_script)
{
	static const char *refused[][3] = {
		{ "https://x/y.js", "bad_request", "script https://x/y.js: only file: URLs are supported" },
		{ "data:text/javascript,1", "bad_request", "only file: URLs are supported" },
		{ "file://host/a.js", "bad_request", "file: URL host must be empty or localhost" },
		{ "file:///a%2Fb.js", "bad_request", "must not include encoded / characters" },
		{ "file:///nonexistent/a%20b.js", "no_such_script", "/nonexistent/a b.js" },
	};
	char path[PATH_MAX], real[PATH_MAX], js[PATH_MAX * 4], url[PATH_MAX * 3], code[32], msg[256];
	struct proto_msg m;
	uint64_t rid, id;
	int64_t v;
	size_t i, n;

	du_start(&d, &c, NULL);
	df_script(&d, "a b.js", "", path, sizeof(path));
	ck_assert_ptr_nonnull(realpath(path, real));
	/* The URL percent-encodes every byte but letters, digits and '/'; the
	 * script checks the paths it sees against JS's own decoding of it. */
	n = (size_t)snprintf(url, sizeof(url), "file://localhost");
	for (i = 0; real[i] != '\0'; i++)
		n += (size_t)snprintf(url + n, sizeof(url) - n, isalnum((unsigned char)real[i]) ||
		    real[i] == '/' ? "%c" : "%%%02X", (unsigned char)real[i]);
	snprintf(js, sizeof(js), "var p = decodeURIComponent('%s');\n"
	    "postMessage(process.argv[1] === p && __filename === p ? 1 : 0);\n", url + 16);
	df_script(&d, "a b.js", js, path, sizeof(path));
	rid = rc_begin(&c, MSG_SPAWN, 1);
	mpw_cstr(&c.out, "script");
	mpw_cstr(&c.out, url);
	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid, 10000, &m), 1);
	ck_assert_msg(m.type == MSG_OK, "spawn %s: %s", url, rc_str(&m, "msg", msg, sizeof(msg)));
	ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
	ck_assert_int_eq(rc_recv(&c, id, 1, true, 10000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, 1);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		ck_assert_int_eq(rc_spawn(&c, refused[i][0], NULL, NULL, false, &m), MSG_ERR);
		ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), refused[i][1]);
		rc_str(&m, "msg", msg, sizeof(msg));
		ck_assert_msg(strstr(msg, refused[i][2]) != NULL, "%s: %s", refused[i][0], msg);
	}
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_names_and_errors)
{
	struct proto_msg m;
	char code[32];
	uint64_t id;

	du_start(&d, &c, NULL);
	id = du_spawn(&d, &c, "echo.js", echo_js, "svc", NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	ck_assert_uint_eq(du_spawn(&d, &c, "echo.js", echo_js, "svc", NULL, false, 0), 0);
	ck_assert_int_eq(rc_spawn(&c, "/nonexistent/x.js", NULL, NULL, false, &m), MSG_ERR);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "no_such_script");
	ck_assert_int_eq(rc_spawn(&c, d.dir, NULL, NULL, false, &m), MSG_ERR);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "no_such_script");
	ck_assert_int_eq(rc_simple(&c, MSG_STATUS, 12345, &m), MSG_ERR);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "no_such_worker");
	/* A name works wherever an id does. */
	{
		uint64_t rid = rc_begin(&c, MSG_POST, 2);
		int64_t v;

		mpw_cstr(&c.out, "id");
		mpw_cstr(&c.out, "svc");
		mpw_cstr(&c.out, "data");
		mpw_int(&c.out, 9);
		ck_assert_int_eq(rc_end(&c), 0);
		ck_assert_int_eq(rc_reply(&c, rid, 5000, &m), 1);
		ck_assert_msg(m.type == MSG_OK, "post to svc: %s", rc_err_code(&m, code, sizeof(code)));
		ck_assert_int_eq(rc_recv(&c, id, 1, true, 10000, &m), MSG_OK);
		ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
		ck_assert_int_eq(v, 9);
	}
	/* Unknown request types get bad_request and the connection lives. */
	{
		uint64_t rid = rc_begin(&c, MSG_INIT, 0);

		ck_assert_int_eq(rc_end(&c), 0);
		ck_assert_int_eq(rc_reply(&c, rid, 5000, &m), 1);
		ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "bad_request");
	}
	ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &m), MSG_OK);
	du_stop(&d, &c);
}
END_TEST

/* A request whose field is missing or of the wrong type is refused with
 * bad_request naming the field (the schema's reason), and the connection
 * lives on. */
static void
expect_refusal(uint64_t rid, const char *want)
{
	struct proto_msg m;
	char code[32], msg[256];

	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid, 5000, &m), 1);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "bad_request");
	ck_assert_msg(strstr(rc_str(&m, "msg", msg, sizeof(msg)), want) != NULL, "msg: %s (want %s)", msg, want);
}

START_TEST(t_bad_fields_named)
{
	struct proto_msg m;
	uint64_t rid;

	du_start(&d, &c, NULL);
	rid = rc_begin(&c, MSG_POST, 3);
	mpw_cstr(&c.out, "id");
	mpw_uint(&c.out, 1);
	mpw_cstr(&c.out, "wait");
	mpw_cstr(&c.out, "yes");
	mpw_cstr(&c.out, "data");
	mpw_int(&c.out, 1);
	expect_refusal(rid, "\"wait\" must be a bool");
	rid = rc_begin(&c, MSG_RECV, 1);
	mpw_cstr(&c.out, "n");
	mpw_uint(&c.out, 1);
	expect_refusal(rid, "\"id\" is missing");
	rid = rc_begin(&c, MSG_SPAWN, 2);
	mpw_cstr(&c.out, "script");
	mpw_cstr(&c.out, "/x.js");
	mpw_cstr(&c.out, "args");
	mpw_uint(&c.out, 5);
	expect_refusal(rid, "\"args\" must be an array of str");
	rid = rc_begin(&c, MSG_SUBSCRIBE, 1);
	mpw_cstr(&c.out, "ids");
	mpw_cstr(&c.out, "all");
	expect_refusal(rid, "\"ids\" must be");
	ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &m), MSG_OK);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_logs_and_status)
{
	static const char js[] =
	    "console.log('one'); console.warn('two');\n"
	    "onmessage = function (e) { console.info('got ' + e.data); self.close(); };\n";
	struct proto_msg m;
	const uint8_t *p;
	size_t n;
	struct mp_reader r;
	struct mp_item it;
	char name[32];
	uint64_t id, rid;

	du_start(&d, &c, NULL);
	id = du_spawn(&d, &c, "logs.js", js, NULL, NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	ck_assert(du_wait_state(&c, id, "open", 10));
	ck_assert_uint_gt(du_status_uint(&c, id, "heap_bytes"), 0);
	ck_assert_uint_gt(du_status_uint(&c, id, "rss_bytes"), 0);
	/* Poll until both top-level lines are kept, then follow. */
	for (;;) {
		rid = rc_begin(&c, MSG_LOGS, 2);
		mpw_cstr(&c.out, "id");
		mpw_uint(&c.out, id);
		mpw_cstr(&c.out, "follow");
		mpw_bool(&c.out, false);
		ck_assert_int_eq(rc_end(&c), 0);
		ck_assert_int_eq(rc_reply(&c, rid, 5000, &m), 1);
		ck_assert_int_eq(proto_get_raw(&m, "lines", &p, &n), PF_OK);
		mp_reader_init(&r, p, n);
		ck_assert_int_eq(mp_next(&r, &it), 0);
		if (it.len == 2)
			break;
	}
	rid = rc_begin(&c, MSG_LOGS, 2);
	mpw_cstr(&c.out, "id");
	mpw_uint(&c.out, id);
	mpw_cstr(&c.out, "follow");
	mpw_bool(&c.out, true);
	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid, 5000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_int_eq(rc_post_int(&c, id, 5, false, NULL), MSG_OK);
	ck_assert(du_wait_event(&c, id, "log", 10, &m));
	ck_assert_str_eq(rc_str(&m, "text", name, sizeof(name)), "got 5");
	ck_assert_str_eq(rc_str(&m, "level", name, sizeof(name)), "info");
	/* A follower gets log and close only. */
	ck_assert_int_eq(rc_event(&c, 10000, &m), 1);
	ck_assert_str_eq(rc_event_name(&m, name, sizeof(name)), "close");
	du_stop(&d, &c);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("daemon");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_order_and_queue_before_ready);
	tcase_add_test(tc, t_file_url_script);
	tcase_add_test(tc, t_mailbox_after_poster_left);
	tcase_add_test(tc, t_fanout);
	tcase_add_test(tc, t_terminate_idle_and_spinning);
	tcase_add_test(tc, t_close_reasons);
	tcase_add_test(tc, t_close_records);
	tcase_add_test(tc, t_owner_connection_cleanup);
	tcase_add_test(tc, t_names_and_errors);
	tcase_add_test(tc, t_bad_fields_named);
	tcase_add_test(tc, t_logs_and_status);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
