/*
 * test_daemon_flow.c - workersd end to end under load and at the edges of
 * its life: back-pressure from a worker flooding 1 GiB at a client that
 * does not read, a lagging subscriber's gap, a consuming subscriber, 200
 * workers at once, ref/unref and the SIGTERM stop with --stop-timeout,
 * and no orphan after kill -9 of the daemon.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "daemon_util.h"
#include "mpread.h"
#include "mpwrite.h"
#include "tsuite.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";

static struct daemon_fixture d;
static struct rawclient c;

struct blocked_arg {
	uint64_t id;
	uint64_t at_least;
};

static bool
stalled(void *arg)
{
	struct blocked_arg *b = arg;
	uint64_t n = du_status_uint(&c, b->id, "msgs_out");

	return n != UINT64_MAX && n >= b->at_least;
}

#define FLOOD_MSGS 16384
#define MiB ((size_t)1 << 20)
/* The daemon's RSS bound while a worker floods it; valgrind and ASan's
 * quarantine of freed memory add their own. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_BOUND ((size_t)512 * MiB)
#else
#define RSS_BOUND ((size_t)(df_slow(1) > 1 ? 256 * MiB : 64 * MiB))
#endif

START_TEST(t_backpressure_flood)
{
	static const char *const flags[] = { "--mailbox-bytes=4M", NULL };
	static const char js[] =
	    "var pad = new Array(65536 - 64).join('x');\n"
	    "for (var i = 0; i < 16384; i++) postMessage([i, pad]);\n";
	struct proto_msg m;
	struct blocked_arg b;
	uint64_t got = 0, before, after;
	uint32_t i, n;
	int64_t v;
	size_t rss, peak = 0;
	bool closed = false;

	du_start(&d, &c, flags);
	b.id = du_spawn(&d, &c, "flood.js", js, NULL, NULL, false, 0);
	ck_assert_uint_ne(b.id, 0);
	/* The mailbox fills (4 MiB is 64 such messages), then the daemon
	 * stops reading the worker. */
	b.at_least = 64;
	ck_assert(df_wait_until(stalled, &b, 30));
	before = du_status_uint(&c, b.id, "msgs_out");
	ck_assert_uint_lt(before, 80);
	{
		/* Nothing more may get through while nobody reads: watch the
		 * counter for a bounded while (the worker would otherwise push
		 * thousands in that time). */
		double until = mono_s() + 0.3;

		do
			after = du_status_uint(&c, b.id, "msgs_out");
		while (after == before && mono_s() < until);
	}
	ck_assert_uint_eq(before, after);
	ck_assert_uint_lt(df_rss(d.pid), RSS_BOUND);
	/* Now take everything: all 16384, in order. */
	while (!closed) {
		ck_assert_int_eq(rc_recv(&c, b.id, 1024, true, 60000, &m), MSG_OK);
		n = du_msgs_count(&m);
		for (i = 0; i < n; i++) {
			ck_assert_int_eq(du_msgs_int(&m, i, &v), 0);
			ck_assert_int_eq(v, (int64_t)got);
			got++;
		}
		ck_assert_int_eq(proto_get_bool(&m, "closed", &closed), PF_OK);
		if ((got & 1023) == 0) {
			rss = df_rss(d.pid);
			if (rss > peak)
				peak = rss;
		}
	}
	ck_assert_uint_eq(got, FLOOD_MSGS);
	ck_assert_uint_lt(peak, RSS_BOUND);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_gap_and_consumer)
{
	static const char *const flags[] = { "--client-buffer-limit=64K", NULL };
	static const char js[] =
	    "var pad = new Array(16384).join('y');\n"
	    "for (var i = 0; i < 2000; i++) postMessage([i, pad]);\n";
	struct rawclient lag;
	struct proto_msg m;
	char path[PATH_MAX], name[32];
	uint64_t rid_spawn, rid_sub, id = 0, seq, covered = 0, want;
	int64_t v;
	int msgs = 0;
	bool saw_gap = false, done = false;

	du_start(&d, &c, flags);
	ck_assert_int_eq(rc_open(&lag, d.sock), 0);
	ck_assert_int_eq(rc_subscribe(&lag, NULL, 0, false, &m), MSG_OK);
	/* Spawn and consume in one write, by name, so no message can slip
	 * into the mailbox before the subscription. */
	df_script(&d, "flood.js", js, path, sizeof(path));
	rid_spawn = rc_begin(&c, MSG_SPAWN, 2);
	mpw_cstr(&c.out, "script");
	mpw_cstr(&c.out, path);
	mpw_cstr(&c.out, "name");
	mpw_cstr(&c.out, "flood");
	rid_sub = rc_begin(&c, MSG_SUBSCRIBE, 2);
	mpw_cstr(&c.out, "ids");
	mpw_array(&c.out, 1);
	mpw_cstr(&c.out, "flood");
	mpw_cstr(&c.out, "consume");
	mpw_bool(&c.out, true);
	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid_spawn, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
	ck_assert_int_eq(rc_reply(&c, rid_sub, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	/* The consumer gets every message, in order. */
	while (!done) {
		ck_assert_int_eq(rc_event(&c, 30000, &m), 1);
		rc_event_name(&m, name, sizeof(name));
		if (strcmp(name, "message") == 0) {
			ck_assert_int_eq(du_msgs_int(&m, 0, &v), -1);
			{
				const uint8_t *p;
				size_t n;
				struct mp_reader r;
				struct mp_item it;

				ck_assert_int_eq(proto_get_raw(&m, "data", &p, &n), PF_OK);
				mp_reader_init(&r, p, n);
				ck_assert_int_eq(mp_next(&r, &it), 0);
				ck_assert_int_eq(mp_next(&r, &it), 0);
				ck_assert_int_eq(mp_item_int64(&it, &v), 0);
			}
			ck_assert_int_eq(v, msgs);
			msgs++;
		}
		done = strcmp(name, "close") == 0;
	}
	ck_assert_int_eq(msgs, 2000);
	/* Consumed messages are not kept. */
	ck_assert_int_eq(rc_recv(&c, id, 1, false, 5000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 0);
	/* The subscriber that never read missed some: a gap says which, and
	 * what it saw plus the gaps cover every seq up to close. */
	done = false;
	while (!done) {
		ck_assert_int_eq(rc_event(&lag, 30000, &m), 1);
		rc_event_name(&m, name, sizeof(name));
		ck_assert_int_eq(proto_get_uint(&m, "seq", &seq), PF_OK);
		if (strcmp(name, "gap") == 0) {
			ck_assert_int_eq(proto_get_uint(&m, "from", &want), PF_OK);
			ck_assert_uint_eq(want, covered + 1);
			ck_assert_int_eq(proto_get_uint(&m, "to", &covered), PF_OK);
			saw_gap = true;
			continue;
		}
		ck_assert_uint_eq(seq, covered + 1);
		covered = seq;
		done = strcmp(name, "close") == 0;
	}
	ck_assert(saw_gap);
	rc_close(&lag);
	du_stop(&d, &c);
}
END_TEST

/* Lag is per worker: a subscriber that fell behind a flooding worker still
 * gets a quiet worker's events, and only the flooder has a gap. */
START_TEST(t_gap_per_worker)
{
	static const char *const flags[] = { "--client-buffer-limit=64K", "--mailbox-limit=10000000",
		"--mailbox-bytes=4G", NULL };
	static const char flood_js[] =
	    "var pad = new Array(4096).join('z');\n"
	    "function f() { for (var i = 0; i < 64; i++) postMessage(pad); setTimeout(f, 0); }\n"
	    "f();\n";
	struct rawclient lag;
	struct proto_msg m;
	char path[PATH_MAX], name[32];
	uint64_t flood, echo, id;
	struct blocked_arg b;
	bool saw_reply = false, saw_gap = false;

	du_start(&d, &c, flags);
	ck_assert_int_eq(rc_open(&lag, d.sock), 0);
	ck_assert_int_eq(rc_subscribe(&lag, NULL, 0, false, &m), MSG_OK);
	df_script(&d, "flood.js", flood_js, path, sizeof(path));
	flood = rc_spawn_id(&c, path, "flood");
	df_script(&d, "echo.js", echo_js, path, sizeof(path));
	echo = rc_spawn_id(&c, path, "echo");
	/* The subscriber does not read until the flood is far past its bound. */
	b = (struct blocked_arg){ flood, 2000 };
	ck_assert(df_wait_until(stalled, &b, 30));
	rc_post_int(&c, echo, 42, false, NULL);
	ck_assert_int_eq(rc_recv(&c, echo, 1, true, 10000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 1);
	/* Now it reads, while the flood goes on. */
	while (!saw_reply) {
		ck_assert_int_eq(rc_event(&lag, 10000, &m), 1);
		rc_event_name(&m, name, sizeof(name));
		ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
		if (strcmp(name, "gap") == 0) {
			ck_assert_uint_eq(id, flood);
			saw_gap = true;
		}
		saw_reply = id == echo && strcmp(name, "message") == 0;
	}
	ck_assert(saw_gap);
	rc_close(&lag);
	du_stop(&d, &c);
}
END_TEST

/* The ok of a subscribe comes once the subscription exists, so the events
 * it delivers at once (a closed worker's close) come before it. */
START_TEST(t_subscribe_ok_follows_subscription)
{
	struct rawclient late;
	struct proto_msg m;
	struct close_info ci;
	char name[32];
	uint64_t id, rid;

	du_start(&d, &c, NULL);
	id = du_spawn(&d, &c, "quit.js", "close();", "quit", NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, id, 10, &ci), MSG_OK);
	ck_assert_int_eq(rc_open(&late, d.sock), 0);
	rid = rc_begin(&late, MSG_SUBSCRIBE, 1);
	mpw_cstr(&late.out, "ids");
	mpw_array(&late.out, 1);
	mpw_uint(&late.out, id);
	ck_assert_int_eq(rc_end(&late), 0);
	ck_assert_int_eq(rc_read(&late, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_EV);
	ck_assert_str_eq(rc_event_name(&m, name, sizeof name), "close");
	ck_assert_int_eq(rc_read(&late, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_uint_eq(m.rid, rid);
	rc_close(&late);
	du_stop(&d, &c);
}
END_TEST

/* A worker that posts and then computes for ever: the message reaches a
 * client that waits for it before deciding to terminate the worker. */
START_TEST(t_post_then_compute)
{
	struct proto_msg m;
	struct close_info ci;
	uint64_t id;

	du_start(&d, &c, NULL);
	id = du_spawn(&d, &c, "spin.js", "postMessage('started'); for (;;) {}", "spin", NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	ck_assert_int_eq(rc_recv(&c, id, 1, true, 10000, &m), MSG_OK);
	ck_assert_uint_eq(du_msgs_count(&m), 1);
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, id, 10, &ci), MSG_OK);
	ck_assert_str_eq(ci.reason, "terminated");
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_post_wait_and_attach)
{
	static const char *const flags[] = { "--queue-limit=64K", NULL };
	/* Busy for a while before it reads anything, so posts pile up. */
	static const char js[] =
	    "var n = 0, t = Date.now(); while (Date.now() - t < 300) {}\n"
	    "onmessage = function (e) { n++; if (e.data === 'last') { postMessage(n); self.close(); } };\n";
	struct proto_msg m;
	char path[PATH_MAX], big[16384], name[32];
	uint64_t rid, id;
	int64_t v;
	int i;
	bool saw_open = false;

	memset(big, 'w', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	du_start(&d, &c, flags);
	df_script(&d, "slow.js", js, path, sizeof(path));
	rid = rc_begin(&c, MSG_SPAWN, 2);
	mpw_cstr(&c.out, "script");
	mpw_cstr(&c.out, path);
	mpw_cstr(&c.out, "attach");
	mpw_bool(&c.out, true);
	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
	/* 500 x 16 KiB through a 64 KiB queue: wait:true slows the poster
	 * down instead of refusing it. */
	for (i = 0; i < 500; i++) {
		c.off = proto_begin(&c.out, MSG_POST, 3);
		mpw_cstr(&c.out, "id");
		mpw_uint(&c.out, id);
		mpw_cstr(&c.out, "data");
		mpw_cstr(&c.out, big);
		mpw_cstr(&c.out, "wait");
		mpw_bool(&c.out, true);
		ck_assert_int_eq(rc_end(&c), 0);
	}
	rid = rc_begin(&c, MSG_POST, 3);
	mpw_cstr(&c.out, "id");
	mpw_uint(&c.out, id);
	mpw_cstr(&c.out, "data");
	mpw_cstr(&c.out, "last");
	mpw_cstr(&c.out, "wait");
	mpw_bool(&c.out, true);
	ck_assert_int_eq(rc_end(&c), 0);
	ck_assert_int_eq(rc_reply(&c, rid, 30000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	/* attach: this connection consumes the worker's events from open on. */
	for (;;) {
		ck_assert_int_eq(rc_event(&c, 30000, &m), 1);
		rc_event_name(&m, name, sizeof(name));
		if (strcmp(name, "open") == 0)
			saw_open = true;
		if (strcmp(name, "message") == 0)
			break;
	}
	ck_assert(saw_open);
	ck_assert_int_eq(rc_data_int(&m, "data", &v), 0);
	ck_assert_int_eq(v, 501);
	du_stop(&d, &c);
}
END_TEST

/* Posts of sizes around the daemon's and the host's block threshold
 * (16 KiB), evbuffer chains and socket reads, up to 4 MiB, sent back to
 * back so that frames split across reads everywhere: each must reach the
 * worker byte for byte (it answers a hash of every byte, seeded with the
 * length), through the zero-copy path (frame.h's blocks, dlink_send_ref)
 * and the copying one alike. */
static const size_t exact_sizes[] = {
	1, 2, 3, 100, 4095, 4096, 4097, 16383, 16384, 16385, 65535, 65536, 65536, 65536, 65537,
	7, 65536, 131072, 262144, 262143, 1 << 20, 4 << 20, 65536, 16384, 1, 200000,
};
#define EXACT_N (sizeof(exact_sizes) / sizeof(exact_sizes[0]))

static uint8_t
exact_byte(unsigned i, size_t k)
{
	return (uint8_t)(k * 131 + i * 7 + (k >> 16));
}

START_TEST(t_post_sizes_exact)
{
	static const char js[] =
	    "onmessage = function (e) {\n"
	    "  var u = new Uint8Array(e.data), h = u.length >>> 0, i;\n"
	    "  for (i = 0; i < u.length; i++) h = (h * 31 + u[i]) >>> 0;\n"
	    "  postMessage(h);\n"
	    "};\n";
	struct proto_msg m;
	uint64_t id;
	uint8_t *blob = malloc((size_t)4 << 20);
	uint32_t want[EXACT_N], n;
	unsigned got = 0;
	int64_t v;

	du_start(&d, &c, NULL);
	id = du_spawn(&d, &c, "exact.js", js, NULL, NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	for (unsigned i = 0; i < EXACT_N; i++) {
		uint32_t h = (uint32_t)exact_sizes[i];

		for (size_t k = 0; k < exact_sizes[i]; k++) {
			blob[k] = exact_byte(i, k);
			h = h * 31 + blob[k];
		}
		want[i] = h;
		c.off = proto_begin(&c.out, MSG_POST, 3);
		mpw_cstr(&c.out, "id");
		mpw_uint(&c.out, id);
		mpw_cstr(&c.out, "data");
		mpw_bin(&c.out, blob, exact_sizes[i]);
		mpw_cstr(&c.out, "wait");
		mpw_bool(&c.out, true);
		ck_assert_int_eq(rc_end(&c), 0);
	}
	while (got < EXACT_N) {
		ck_assert_int_eq(rc_recv(&c, id, EXACT_N, true, 60000, &m), MSG_OK);
		n = du_msgs_count(&m);
		for (uint32_t i = 0; i < n; i++, got++) {
			ck_assert_int_eq(du_msgs_int(&m, i, &v), 0);
			ck_assert_msg((uint32_t)v == want[got], "post %u (%zu bytes): hash %lld, want %u", got,
			    exact_sizes[got], (long long)v, want[got]);
		}
	}
	free(blob);
	du_stop(&d, &c);
}
END_TEST

#define MANY 200

START_TEST(t_many_workers)
{
	struct proto_msg m;
	char path[PATH_MAX];
	uint64_t rids[MANY], ids[MANY];
	int64_t v;
	int i;

	du_start(&d, &c, NULL);
	df_script(&d, "echo.js", echo_js, path, sizeof(path));
	for (i = 0; i < MANY; i++) {
		rids[i] = rc_begin(&c, MSG_SPAWN, 1);
		mpw_cstr(&c.out, "script");
		mpw_cstr(&c.out, path);
	}
	ck_assert_int_eq(rc_end(&c), 0);
	for (i = 0; i < MANY; i++) {
		ck_assert_int_eq(rc_reply(&c, rids[i], 30000, &m), 1);
		ck_assert_int_eq(m.type, MSG_OK);
		ck_assert_int_eq(proto_get_uint(&m, "id", &ids[i]), PF_OK);
	}
	for (i = 0; i < MANY; i++)
		rc_post_int(&c, ids[i], i, false, NULL);
	for (i = 0; i < MANY; i++) {
		ck_assert_int_eq(rc_recv(&c, ids[i], 1, true, 30000, &m), MSG_OK);
		ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
		ck_assert_int_eq(v, i);
	}
	ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &m), MSG_OK);
	for (i = 0; i < MANY; i++) {
		rids[i] = rc_begin(&c, MSG_TERMINATE, 1);
		mpw_cstr(&c.out, "id");
		mpw_uint(&c.out, ids[i]);
	}
	ck_assert_int_eq(rc_end(&c), 0);
	for (i = 0; i < MANY; i++) {
		ck_assert_int_eq(rc_reply(&c, rids[i], 30000, &m), 1);
		ck_assert_int_eq(m.type, MSG_OK);
	}
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_ref_unref_shutdown)
{
	static const char *const flags[] = { "--stop-timeout=1", NULL };
	struct rawclient sub;
	struct proto_msg m;
	struct close_info ci;
	char path[PATH_MAX], code[32];
	uint64_t keep, quick, drop, id;
	double t0, t_keep = 0;
	int closes = 0;

	du_start(&d, &c, flags);
	ck_assert_int_eq(rc_open(&sub, d.sock), 0);
	ck_assert_int_eq(rc_subscribe(&sub, NULL, 0, false, &m), MSG_OK);
	/* keep: unref'd at spawn, then ref'd; drop: the other way round;
	 * quick: ref'd and done by itself in 300 ms. */
	keep = du_spawn(&d, &c, "keep.js", echo_js, NULL, "ref", false, 0);
	drop = du_spawn(&d, &c, "drop.js", echo_js, NULL, NULL, false, 0);
	quick = du_spawn(&d, &c, "quick.js", "setTimeout(function () {}, 300);\n", NULL, NULL, false, 0);
	ck_assert(keep && drop && quick);
	ck_assert_int_eq(rc_simple(&c, MSG_REF, keep, &m), MSG_OK);
	ck_assert_int_eq(rc_simple(&c, MSG_UNREF, drop, &m), MSG_OK);
	ck_assert(du_wait_event(&sub, keep, "open", 10, &m));
	t0 = mono_s();
	kill(d.pid, SIGTERM);
	while (closes < 3) {
		ck_assert_int_eq(rc_event(&sub, (int)(df_slow(10) * 1000), &m), 1);
		if (strcmp(rc_event_name(&m, code, sizeof(code)), "close") != 0)
			continue;
		ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
		du_close_info(&m, &ci);
		closes++;
		if (id == drop) {
			ck_assert_str_eq(ci.reason, "terminated");
			ck_assert_double_lt(mono_s() - t0, 0.9);
			/* The daemon is stopping now: no new spawns. */
			df_script(&d, "late.js", echo_js, path, sizeof(path));
			ck_assert_int_eq(rc_spawn(&c, path, NULL, NULL, false, &m), MSG_ERR);
			ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "shutting_down");
		} else if (id == quick) {
			ck_assert_str_eq(ci.reason, "exit");
			ck_assert_int_eq(ci.code, 0);
		} else {
			ck_assert_uint_eq(id, keep);
			ck_assert_str_eq(ci.reason, "terminated");
			t_keep = mono_s() - t0;
		}
	}
	ck_assert_double_ge(t_keep, 0.9);
	rc_close(&sub);
	rc_close(&c);
	ck_assert_int_eq(df_wait_exit(&d, 10), 0);
	df_cleanup(&d);
}
END_TEST

struct pids {
	pid_t p[3];
};

static bool
all_gone(void *arg)
{
	struct pids *ps = arg;
	int i;

	for (i = 0; i < 3; i++)
		if (df_pid_alive(ps->p[i]))
			return false;
	return true;
}

START_TEST(t_no_orphans)
{
	struct pids ps;
	struct proto_msg m;
	uint64_t id;
	int i;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_subscribe(&c, NULL, 0, false, &m), MSG_OK);
	for (i = 0; i < 3; i++) {
		id = du_spawn(&d, &c, i == 2 ? "spin.js" : "echo.js", i == 2 ? "for (;;) {}\n" : echo_js,
		    NULL, NULL, false, 0);
		ck_assert_uint_ne(id, 0);
		ck_assert(du_wait_event(&c, id, "open", 10, &m));
		ps.p[i] = (pid_t)du_status_uint(&c, id, "pid");
		ck_assert(df_pid_alive(ps.p[i]));
	}
	rc_close(&c);
	kill(d.pid, SIGKILL);
	ck_assert_int_eq(df_wait_exit(&d, 10), 128 + SIGKILL);
	ck_assert(df_wait_until(all_gone, &ps, 10));
	df_cleanup(&d);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("daemon_flow");
	TCase *tc = tcase_create("flow");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, t_backpressure_flood);
	tcase_add_test(tc, t_gap_and_consumer);
	tcase_add_test(tc, t_gap_per_worker);
	tcase_add_test(tc, t_post_wait_and_attach);
	tcase_add_test(tc, t_post_then_compute);
	tcase_add_test(tc, t_post_sizes_exact);
	tcase_add_test(tc, t_subscribe_ok_follows_subscription);
	tcase_add_test(tc, t_many_workers);
	tcase_add_test(tc, t_ref_unref_shutdown);
	tcase_add_test(tc, t_no_orphans);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
