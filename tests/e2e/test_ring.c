/*
 * test_ring.c - the post ring (docs/protocol.md 2.10) against a real daemon
 * through libworkerclient: ring posts and plain posts arriving in the order
 * they were sent, records that wrap round the ring's end, a writer that
 * waits for the worker to free room many times over, and what is refused:
 * a bad size, a second ring, a connection that neither owns nor consumes
 * the worker, a post larger than the ring, a ring post from a connection
 * without the ring; bytes that are no clone value (a messageerror, the
 * ring going on); a daemon-owned worker given a new ring once the
 * connection that had the first is gone; and the libevent form, whose
 * posts fail at once on a full ring instead of blocking the loop.  Every wait is for an event or a
 * reply, bounded.
 */
#include <check.h>
#include <event2/event.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "daemon_util.h"
#include "mpwrite.h"
#include "tsuite.h"
#include "wc_util.h"
#include "workerclient.h"

/* Each ArrayBuffer or view is logged as ab:length:first byte:last byte,
 * anything else as its JSON with ' for "; 'tally' posts the log and
 * empties it. */
static const char log_js[] =
    "var log = [];\n"
    "onmessage = function (e) {\n"
    "  var d = e.data;\n"
    "  if (d === 'tally') { postMessage(log.join(',')); log = []; return; }\n"
    "  if (d instanceof ArrayBuffer || ArrayBuffer.isView(d)) {\n"
    "    var u = new Uint8Array(d);\n"
    "    log.push('ab:' + u.length + ':' + u[0] + ':' + u[u.length - 1]);\n"
    "  } else log.push(JSON.stringify(d).replace(/\"/g, \"'\"));\n"
    "};\n";

static struct daemon_fixture d;
static char log_path[PATH_MAX];

static void
setup(void)
{
	du_start_with(&d, "log.js", log_js, log_path, sizeof log_path);
}

static void
teardown(void)
{
	du_finish(&d);
}

static struct wc_conn *
conn(void)
{
	return wu_connect(&d, "test_ring");
}

static void
spawn_owned(struct wc_conn *c, char *wid, size_t len)
{
	wu_spawn_owned(c, log_path, wid, len);
}

static struct wc_ring *
ring(struct wc_conn *c, const char *wid, size_t size)
{
	struct wc_error err;
	struct wc_ring *r = wc_ring_open(c, wid, size, df_slow(10), &err);

	ck_assert_msg(r != NULL, "ring: %s", err.msg);
	return r;
}

/* An ArrayBuffer of n bytes, byte i being (seed + i) % 251, through r. */
static void
ring_ab(struct wc_ring *r, size_t n, unsigned seed)
{
	struct wc_error err;
	uint8_t *bytes = malloc(n);
	struct pbuf v;

	ck_assert_ptr_nonnull(bytes);
	for (size_t i = 0; i < n; i++)
		bytes[i] = (uint8_t)((seed + i) % 251);
	pbuf_init(&v);
	ck_assert_int_eq(mpw_bin(&v, bytes, n), 0);
	ck_assert_msg(wc_ring_post_clone(r, v.data, v.len, df_slow(10), &err) == 0, "ring post: %s", err.msg);
	pbuf_free(&v);
	free(bytes);
}

static void
log_add(struct pbuf *want, const char *entry)
{
	if (want->len > 0)
		ck_assert_int_eq(pbuf_append(want, ",", 1), 0);
	ck_assert_int_eq(pbuf_append(want, entry, strlen(entry)), 0);
}

static void
log_ab(struct pbuf *want, size_t n, unsigned seed)
{
	char s[64];

	snprintf(s, sizeof s, "ab:%zu:%u:%u", n, seed % 251, (unsigned)((seed + n - 1) % 251));
	log_add(want, s);
}

static void
post_json(struct wc_conn *c, const char *wid, const char *json)
{
	struct wc_error err;

	ck_assert_msg(wc_post_json(c, wid, json, strlen(json), &err) == 0, "post %s: %s", json, err.msg);
}

/* Posts 'tally' and checks the log the worker answers with. */
static void
expect_log(struct wc_conn *c, const char *wid, const char *want, size_t len)
{
	struct wc_event ev;
	struct wc_error err;
	char *got;

	post_json(c, wid, "\"tally\"");
	for (;;) {
		ck_assert_msg(wc_next_event(c, df_slow(20), &ev, &err) == 0, "event: %s", err.msg);
		if (ev.kind == WC_EV_MESSAGE)
			break;
		ck_assert_msg(ev.kind != WC_EV_CLOSE && ev.kind != WC_EV_ERROR, "unexpected %s event", ev.name);
		wc_event_free(&ev);
	}
	got = wc_value_json(&ev.data, &err);
	ck_assert_msg(got != NULL, "json: %s", err.msg);
	/* the log is a JSON string: quotes round want */
	ck_assert_msg(strlen(got) == len + 2, "log %s, want %.*s", got, (int)len, want);
	ck_assert_msg(memcmp(got + 1, want, len) == 0, "log %.200s, want %.200s", got, want);
	free(got);
	wc_event_free(&ev);
}

START_TEST(t_in_order)
{
	struct wc_conn *c = conn();
	struct wc_ring *r;
	struct wc_error err;
	struct pbuf want, v;
	char wid[32];

	spawn_owned(c, wid, sizeof wid);
	r = ring(c, wid, 64 << 10);
	pbuf_init(&want);
	/* 40,000 bytes twice: the second does not fit before the end and
	 * goes to the start of the next lap */
	ring_ab(r, 40000, 1);
	log_ab(&want, 40000, 1);
	post_json(c, wid, "\"plain\"");
	log_add(&want, "'plain'");
	ring_ab(r, 40000, 2);
	log_ab(&want, 40000, 2);
	ring_ab(r, 1, 3);
	log_ab(&want, 1, 3);
	/* any clone value may go through the ring, not only bytes */
	pbuf_init(&v);
	mpw_map(&v, 1);
	mpw_cstr(&v, "k");
	mpw_cstr(&v, "through the ring");
	ck_assert_int_eq(wc_ring_post_clone(r, v.data, v.len, df_slow(10), &err), 0);
	pbuf_free(&v);
	log_add(&want, "{'k':'through the ring'}");
	/* a record that ends exactly at the ring's end */
	ring_ab(r, 65536 - 5, 4);
	log_ab(&want, 65536 - 5, 4);
	expect_log(c, wid, (const char *)want.data, want.len);
	pbuf_free(&want);
	wc_ring_close(r);
	wc_close(c);
}
END_TEST

START_TEST(t_waits_for_room)
{
	struct wc_conn *c = conn();
	struct wc_ring *r;
	struct pbuf want;
	char wid[32];
	size_t n;

	spawn_owned(c, wid, sizeof wid);
	r = ring(c, wid, 64 << 10);
	pbuf_init(&want);
	/* 12 MB through a 64 KiB ring: the writer waits for the worker again
	 * and again, and every record still arrives whole and in order */
	for (unsigned i = 0; i < 400; i++) {
		n = 20000 + (i * 7919) % 40000;
		ring_ab(r, n, i);
		log_ab(&want, n, i);
	}
	expect_log(c, wid, (const char *)want.data, want.len);
	pbuf_free(&want);
	wc_ring_close(r);
	wc_close(c);
}
END_TEST

START_TEST(t_refused)
{
	struct wc_spawn_opts o = { .script = log_path, .name = "dmn" };
	struct wc_conn *a = conn(), *b = conn();
	struct wc_request req = { .op = WC_POST, .ring_len = 10 };
	struct wc_ring *r;
	struct wc_reply rep;
	struct wc_error err;
	uint8_t big[70000] = { 0 };
	char wid[32];

	spawn_owned(a, wid, sizeof wid);
	ck_assert_ptr_null(wc_ring_open(a, wid, 1000, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_BAD_REQUEST);
	ck_assert_msg(strstr(err.msg, "not a multiple of 4096") != NULL, "%s", err.msg);
	ck_assert_ptr_null(wc_ring_open(b, wid, 64 << 10, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_PERMISSION);
	/* a ring post from a connection without the ring */
	req.wid = wid;
	ck_assert_int_eq(wc_call(b, &req, df_slow(10), &rep), -1);
	ck_assert_int_eq(rep.err.code, WC_E_BAD_REQUEST);
	ck_assert_msg(strstr(rep.err.msg, "no post ring there") != NULL, "%s", rep.err.msg);
	wc_reply_free(&rep);
	r = ring(a, wid, 64 << 10);
	ck_assert_ptr_null(wc_ring_open(a, wid, 64 << 10, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_LIMIT);
	ck_assert_msg(strstr(err.msg, "already has a post ring") != NULL, "%s", err.msg);
	ck_assert_int_eq(wc_ring_post_clone(r, big, sizeof big, df_slow(10), &err), -1);
	ck_assert_int_eq(err.code, WC_E_USAGE);
	/* the ring still works after all that */
	ring_ab(r, 5, 9);
	expect_log(a, wid, "ab:5:9:13", 9);
	/* a daemon-owned worker: only once consumed */
	ck_assert_int_eq(wc_spawn(a, &o, NULL, &err), 0);
	ck_assert_ptr_null(wc_ring_open(a, "dmn", 64 << 10, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_PERMISSION);
	ck_assert_int_eq(wc_terminate(a, "dmn", df_slow(10), NULL, &err), 0);
	wc_ring_close(r);
	wc_close(b);
	wc_close(a);
}
END_TEST

/* Bytes in the ring that are no clone value, or a bin whose header claims
 * more than the record holds: a messageerror, and the worker and the ring
 * go on. */
START_TEST(t_bad_bytes)
{
	static const uint8_t reserved[] = { 0xc1 }, short_bin[] = { 0xc5, 0x01, 0x00, 1, 2, 3 };
	struct wc_conn *c = conn();
	struct wc_ring *r;
	struct wc_event ev;
	struct wc_error err;
	struct pbuf want;
	char wid[32];

	spawn_owned(c, wid, sizeof wid);
	r = ring(c, wid, 64 << 10);
	ck_assert_int_eq(wc_ring_post_clone(r, reserved, sizeof reserved, df_slow(10), &err), 0);
	ck_assert_int_eq(wc_ring_post_clone(r, short_bin, sizeof short_bin, df_slow(10), &err), 0);
	for (int errors = 0; errors < 2;) {
		ck_assert_msg(wc_next_event(c, df_slow(10), &ev, &err) == 0, "event: %s", err.msg);
		ck_assert_msg(ev.kind != WC_EV_MESSAGE && ev.kind != WC_EV_CLOSE && ev.kind != WC_EV_ERROR,
		    "unexpected %s event", ev.name);
		if (ev.kind == WC_EV_MESSAGEERROR) {
			ck_assert_str_eq(ev.err_name, "DataCloneError");
			errors++;
		}
		wc_event_free(&ev);
	}
	pbuf_init(&want);
	ring_ab(r, 3000, 5);
	log_ab(&want, 3000, 5);
	expect_log(c, wid, (const char *)want.data, want.len);
	pbuf_free(&want);
	wc_ring_close(r);
	wc_close(c);
}
END_TEST

/* A daemon-owned worker outlives the connection that had its ring: the
 * host is told to drop it, and the next consumer gets a ring of its own. */
START_TEST(t_next_consumer)
{
	struct wc_spawn_opts o = { .script = log_path, .name = "dmn" };
	const char *ids[1] = { "dmn" };
	struct wc_conn *a = conn(), *b;
	struct wc_ring *r;
	struct wc_error err;
	struct pbuf want;
	int tries = 0;

	ck_assert_int_eq(wc_spawn(a, &o, NULL, &err), 0);
	ck_assert_int_eq(wc_subscribe(a, ids, 1, true, &err), 0);
	r = ring(a, "dmn", 64 << 10);
	pbuf_init(&want);
	ring_ab(r, 50000, 1);
	log_ab(&want, 50000, 1);
	expect_log(a, "dmn", (const char *)want.data, want.len);
	wc_ring_close(r);
	wc_close(a);
	b = conn();
	ck_assert_int_eq(wc_subscribe(b, ids, 1, true, &err), 0);
	/* the daemon drops a's ring when it has read a's end, which b's
	 * requests may overtake: asked again until then (each try a round
	 * trip to the daemon), bounded */
	while ((r = wc_ring_open(b, "dmn", 128 << 10, df_slow(10), &err)) == NULL) {
		ck_assert_msg(err.code == WC_E_LIMIT, "ring: %s", err.msg);
		ck_assert_msg(++tries < 100000, "the first ring is still there");
	}
	/* a new ring, its positions from 0 on both sides */
	pbuf_reset(&want);
	ring_ab(r, 100000, 2);
	log_ab(&want, 100000, 2);
	ring_ab(r, 7, 3);
	log_ab(&want, 7, 3);
	expect_log(b, "dmn", (const char *)want.data, want.len);
	pbuf_free(&want);
	ck_assert_int_eq(wc_terminate(b, "dmn", df_slow(10), NULL, &err), 0);
	wc_ring_close(r);
	wc_close(b);
}
END_TEST

struct async {
	struct event_base *base;
	char wid[32];
	char *log;
	bool failed;
};

static void
on_event(struct wc_conn *c, const struct wc_event *ev, void *arg)
{
	struct async *s = arg;
	struct wc_error err;

	if (ev->kind != WC_EV_MESSAGE)
		return;
	s->log = wc_value_json(&ev->data, &err);
	event_base_loopbreak(s->base);
}

static void
on_error(struct wc_conn *c, const struct wc_error *err, void *arg)
{
	struct async *s = arg;

	s->failed = true;
	event_base_loopbreak(s->base);
}

/* The libevent form: the ring asked for with wc_call_async() and wrapped
 * from the reply's fd, posts that never block the loop. */
static void
on_ring(struct wc_conn *c, const struct wc_reply *rep, void *arg)
{
	static const uint8_t tally[] = { 0xa5, 't', 'a', 'l', 'l', 'y' };
	struct wc_request post = { .op = WC_POST, .data = tally, .data_len = sizeof tally };
	struct async *s = arg;
	struct wc_ring *r;
	struct wc_error err;
	uint8_t big[70000];
	struct pbuf v;

	if (rep->err.code != WC_OK || (r = wc_ring_from_fd(c, s->wid, rep->fd, 256 << 10, &err)) == NULL) {
		s->failed = true;
		event_base_loopbreak(s->base);
		return;
	}
	memset(big, 9, sizeof big);
	pbuf_init(&v);
	mpw_bin(&v, big, sizeof big);
	/* three fit in 256 KiB; the fourth finds it full and fails at once */
	for (int i = 0; i < 3; i++)
		s->failed |= wc_ring_post_clone(r, v.data, v.len, 0, &err) != 0;
	s->failed |= wc_ring_post_clone(r, v.data, v.len, 0, &err) != -1 || err.code != WC_E_TIMEOUT;
	post.wid = s->wid;
	s->failed |= wc_send_noreply(c, &post, &err) != 0;
	pbuf_free(&v);
	wc_ring_close(r);
}

START_TEST(t_libevent_form)
{
	struct wc_handlers h = { .on_event = on_event, .on_error = on_error };
	struct wc_request req = { .op = WC_RING, .ring_size = 256 << 10 };
	struct async s = { .base = event_base_new() };
	struct wc_conn *c = conn();
	struct wc_error err;

	spawn_owned(c, s.wid, sizeof s.wid);
	req.wid = s.wid;
	ck_assert_int_eq(wc_attach(c, s.base, &h, &s, &err), 0);
	ck_assert_int_eq(wc_call_async(c, &req, on_ring, &s, &err), 0);
	event_base_dispatch(s.base);
	ck_assert(!s.failed);
	ck_assert_ptr_nonnull(s.log);
	ck_assert_str_eq(s.log, "\"ab:70000:9:9,ab:70000:9:9,ab:70000:9:9\"");
	free(s.log);
	wc_close(c);
	event_base_free(s.base);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("ring");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_in_order);
	tcase_add_test(tc, t_waits_for_room);
	tcase_add_test(tc, t_refused);
	tcase_add_test(tc, t_bad_bytes);
	tcase_add_test(tc, t_next_consumer);
	tcase_add_test(tc, t_libevent_form);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
