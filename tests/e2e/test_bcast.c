/*
 * test_bcast.c - BroadcastChannel across the workers of one daemon: two
 * workers (one posts, one listens, in order, never back to the sender),
 * three (two listeners, another name, a listener that dies and leaves),
 * and a listener too busy to read, whose messages beyond --queue-limit
 * are dropped and reported to it while the sender goes on unhindered.
 * Workers say what they saw by posting ints to the test.
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_util.h"
#include "mpwrite.h"
#include "tsuite.h"

static struct daemon_fixture d;
static struct rawclient c;

/* Posts 0 once subscribed; then data * 10 for each message, and closes
 * its channel (so ends) after 3. */
static const char listener_js[] =
    "var bc = new BroadcastChannel(process.argv[2] || 'news');\n"
    "bc.onmessage = function (e) { postMessage(e.data * 10); if (e.data === 3) bc.close(); };\n"
    "postMessage(0);\n";

/* Posts 1, 2, 3; its own other channel of the name hears them, the
 * posting one does not. */
static const char sender_js[] =
    "var bc = new BroadcastChannel('news'), mine = new BroadcastChannel('news');\n"
    "bc.onmessage = function () { postMessage(-1); };\n"
    "mine.onmessage = function (e) { postMessage(100 + e.data); if (e.data === 3) { mine.close(); bc.close(); } };\n"
    "bc.postMessage(1); bc.postMessage(2); bc.postMessage(3);\n";

static void
setup(void)
{
	du_start(&d, &c, NULL);
}

static void
teardown(void)
{
	du_stop(&d, &c);
}

/* The next n messages of worker id are want[0..n-1]. */
static void
expect_ints(uint64_t id, const int64_t *want, uint32_t n)
{
	struct proto_msg m;
	uint32_t got = 0, i, k;
	int64_t v;

	while (got < n) {
		ck_assert_int_eq(rc_recv(&c, id, n - got, true, 10000, &m), MSG_OK);
		k = du_msgs_count(&m);
		ck_assert_uint_gt(k, 0);
		for (i = 0; i < k; i++, got++) {
			ck_assert_int_eq(du_msgs_int(&m, i, &v), 0);
			ck_assert_msg(v == want[got], "worker %llu: message %u is %lld, not %lld",
			    (unsigned long long)id, got, (long long)v, (long long)want[got]);
		}
	}
}

static void
expect_exit(uint64_t id)
{
	struct close_info ci;

	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, id, 10, &ci), MSG_OK);
	ck_assert_int_eq(ci.code, 0);
	ck_assert_str_eq(ci.reason, "exit");
}

static uint64_t
spawn(const char *file, const char *src)
{
	uint64_t id = du_spawn(&d, &c, file, src, NULL, NULL, false, 0);

	ck_assert_uint_gt(id, 0);
	return id;
}

START_TEST(two_workers)
{
	static const int64_t ready[] = { 0 }, heard[] = { 10, 20, 30 }, own[] = { 101, 102, 103 };
	uint64_t listener = spawn("listener.js", listener_js), sender;

	expect_ints(listener, ready, 1);
	sender = spawn("sender.js", sender_js);
	expect_ints(listener, heard, 3);
	expect_ints(sender, own, 3);
	/* what a worker receives by broadcast is counted as posts are */
	ck_assert_uint_eq(du_status_uint(&c, listener, "msgs_in"), 3);
	ck_assert_uint_eq(du_status_uint(&c, sender, "msgs_in"), 0);
	expect_exit(listener);
	expect_exit(sender);
}
END_TEST

/* The listener on the channel name given as its first argument; path is
 * its script, written once (rewriting it could meet a host reading it). */
static uint64_t
spawn_on(const char *path, const char *name)
{
	struct proto_msg m;
	uint64_t rid;

	rid = rc_begin(&c, MSG_SPAWN, 2);
	ck_assert(proto_key(&c.out, "script") == 0 && mpw_str(&c.out, path, strlen(path)) == 0);
	ck_assert(proto_key(&c.out, "args") == 0 && mpw_array(&c.out, 1) == 0 &&
	    mpw_str(&c.out, name, strlen(name)) == 0);
	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	return (uint64_t)rc_int(&m, "id");
}

static bool
left(void *arg)
{
	char *log = df_stderr(&d), want[96];
	bool found;

	snprintf(want, sizeof(want), "worker %llu: leaves its 1 BroadcastChannel names", *(unsigned long long *)arg);
	found = strstr(log, want) != NULL;
	free(log);
	return found;
}

START_TEST(three_workers)
{
	static const int64_t ready[] = { 0 }, heard[] = { 10, 20, 30 }, own[] = { 101, 102, 103 };
	static const int64_t other[] = { 70 };
	char path[PATH_MAX];
	uint64_t a, b, elsewhere, dead, sender;
	struct close_info ci;
	unsigned long long gone;

	ck_assert_ptr_nonnull(df_script(&d, "listen_on.js", listener_js, path, sizeof(path)));
	a = spawn_on(path, "news");
	b = spawn_on(path, "news");
	elsewhere = spawn_on(path, "sport");
	dead = spawn_on(path, "news");

	expect_ints(a, ready, 1);
	expect_ints(b, ready, 1);
	expect_ints(elsewhere, ready, 1);
	expect_ints(dead, ready, 1);
	/* a listener that dies leaves its names */
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, dead, 10, &ci), MSG_OK);
	gone = dead;
	ck_assert(df_wait_until(left, &gone, 10));
	sender = spawn("sender.js", sender_js);
	expect_ints(a, heard, 3);
	expect_ints(b, heard, 3);
	expect_ints(sender, own, 3);
	expect_exit(a);
	expect_exit(b);
	expect_exit(sender);
	/* "sport" heard nothing of "news": its first message is this one */
	sender = spawn("sport.js", "new BroadcastChannel('sport').postMessage(7); close();\n");
	expect_ints(elsewhere, other, 1);
	expect_exit(sender);
}
END_TEST

/* The listener is stuck (spinning until the sender's flag file exists)
 * while 16 MiB of broadcasts go out against a 256 KiB queue: what did not
 * fit is dropped, the sender is never held up, and once the listener reads
 * again it is told how many it missed: heard + missed is all of them. */
START_TEST(lost_when_full)
{
	static const char *const flags[] = { "--queue-limit=256K", NULL };
	char listener[2048 + PATH_MAX], sender[1024 + PATH_MAX], flag[PATH_MAX];
	static const int64_t ready[] = { 0 }, sent[] = { 1 };
	struct proto_msg m;
	uint64_t lid, sid;
	int64_t v;

	du_stop(&d, &c);
	du_start(&d, &c, flags);
	snprintf(flag, sizeof(flag), "%s/flood.done", d.dir);
	snprintf(listener, sizeof(listener),
	    "var fs = require('fs'), bc = new BroadcastChannel('flood'), heard = 0, missed = 0, stuck = false;\n"
	    "function check() { if (heard + missed === 257) { postMessage(heard * 1000 + missed); bc.close(); } }\n"
	    "bc.onmessage = function (e) {\n"
	    "  if (!stuck) { stuck = true; while (!fs.existsSync('%s')) {} }\n"
	    "  heard++; check();\n"
	    "};\n"
	    "bc.onmessageerror = function (e) { missed += Number(/: (\\d+) messages? w/.exec(e.data.message)[1]); check(); };\n"
	    "postMessage(0);\n", flag);
	snprintf(sender, sizeof(sender),
	    "var bc = new BroadcastChannel('flood'), pad = new Array(65536).join('x');\n"
	    "for (var i = 0; i < 256; i++) bc.postMessage([i, pad]);\n"
	    "require('fs').writeFileSync('%s', 'done');\n"
	    "bc.postMessage('end'); bc.close(); postMessage(1);\n", flag);
	lid = spawn("listener.js", listener);
	expect_ints(lid, ready, 1);
	sid = spawn("sender.js", sender);
	expect_ints(sid, sent, 1);
	expect_exit(sid);
	ck_assert_int_eq(rc_recv(&c, lid, 1, true, 30000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_msg(v % 1000 > 0 && v / 1000 > 0, "heard %lld, missed %lld", (long long)(v / 1000),
	    (long long)(v % 1000));
	expect_exit(lid);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("bcast");
	TCase *tc = tcase_create("bcast");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, two_workers);
	tcase_add_test(tc, three_workers);
	tcase_add_test(tc, lost_when_full);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
