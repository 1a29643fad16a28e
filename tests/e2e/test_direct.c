/*
 * test_direct.c - the direct channel (docs/protocol.md 2.9) against a real
 * daemon through libworkerclient: messages both ways in order, clone values
 * that JSON cannot hold, the worker's messages leaving the daemon path while
 * the channel is open and coming back to it once the channel is closed, the
 * worker's exit ending the channel with every message read before its close
 * event, who may open one, a second refused, a bad frame answered, and the
 * libevent form.  Every wait is for an event or a reply, bounded.
 */
#include <check.h>
#include <event2/event.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_util.h"
#include "workerclient.h"
#include "tsuite.h"
#include "wc_util.h"

static const char echo_js[] =
    "onmessage = function (e) {\n"
    "  if (e.data === 'bye') { postMessage('last1'); postMessage('last2'); process.exit(7); }\n"
    "  postMessage(e.data);\n"
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

static struct wc_conn *
conn(void)
{
	return wu_connect(&d, "test_direct");
}

static void
spawn_owned(struct wc_conn *c, char *wid, size_t len)
{
	wu_spawn_owned(c, echo_path, wid, len);
}

static struct wc_chan *
chan(struct wc_conn *c, const char *wid)
{
	struct wc_error err;
	struct wc_chan *ch = wc_channel_open(c, wid, df_slow(10), &err);

	ck_assert_msg(ch != NULL, "channel: %s", err.msg);
	return ch;
}

static void
chan_post(struct wc_chan *ch, const char *json)
{
	struct wc_error err;

	ck_assert_msg(wc_chan_post_json(ch, json, strlen(json), &err) == 0, "post %s: %s", json, err.msg);
}

/* The next message on ch, as tagged JSON. */
static char *
chan_next(struct wc_chan *ch)
{
	struct wc_value v;
	struct wc_error err;
	char *s;

	ck_assert_msg(wc_chan_recv(ch, df_slow(10), &v, &err) == 1, "recv: %s", err.msg);
	s = wc_value_json(&v, &err);
	ck_assert_msg(s != NULL, "json: %s", err.msg);
	return s;
}

static void
expect_next(struct wc_chan *ch, const char *json)
{
	char *s = chan_next(ch);

	ck_assert_str_eq(s, json);
	free(s);
}

/* The next event of kind on c, skipping others (open, log). */
static void
next_event(struct wc_conn *c, enum wc_ev kind, struct wc_event *ev)
{
	struct wc_error err;

	for (;;) {
		ck_assert_msg(wc_next_event(c, df_slow(10), ev, &err) == 0, "event: %s", err.msg);
		if (ev->kind == kind)
			return;
		ck_assert_msg(ev->kind != WC_EV_MESSAGE && ev->kind != WC_EV_CLOSE,
		    "unexpected %s event", ev->name);
		wc_event_free(ev);
	}
}

START_TEST(t_both_ways)
{
	static const char *const values[] = {
		"1", "\"two\"", "[3,{\"four\":null}]",
		"{\"$type\":\"Map\",\"entries\":[[1,{\"$type\":\"Set\",\"values\":[\"a\"]}]]}",
		"{\"$type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}",
		"{\"$type\":\"undefined\"}", "{\"$type\":\"number\",\"value\":\"NaN\"}",
		"{\"$type\":\"Uint8Array\",\"base64\":\"AQID\"}",
		"{\"$type\":\"Error\",\"name\":\"TypeError\",\"message\":\"m\",\"stack\":\"s\"}",
	};
	const size_t nv = sizeof values / sizeof values[0];
	struct wc_conn *c = conn();
	struct wc_chan *ch;
	struct wc_error err;
	char wid[32], json[32];
	size_t i;

	spawn_owned(c, wid, sizeof wid);
	ch = chan(c, wid);
	for (i = 0; i < nv; i++)
		chan_post(ch, values[i]);
	for (i = 0; i < 200; i++) {
		snprintf(json, sizeof json, "%zu", i);
		chan_post(ch, json);
	}
	for (i = 0; i < nv; i++)
		expect_next(ch, values[i]);
	for (i = 0; i < 200; i++) {
		snprintf(json, sizeof json, "%zu", i);
		expect_next(ch, json);
	}
	/* the client's busy-poll is bounded, and off or on the replies come */
	ck_assert_uint_eq(wc_chan_busy_poll(ch, 5000), 1000);
	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(wc_chan_busy_poll(ch, i == 0 ? 0 : 50), i == 0 ? 0 : 50);
		chan_post(ch, "\"polled\"");
		expect_next(ch, "\"polled\"");
	}
	/* a post through the daemon is delivered too, and its answer comes
	 * here: the worker's messages all take the channel */
	ck_assert_int_eq(wc_post_json(c, wid, "\"via daemon\"", 12, &err), 0);
	expect_next(ch, "\"via daemon\"");
	wc_chan_close(ch);
	wc_close(c);
}
END_TEST

START_TEST(t_close_reverts)
{
	struct wc_conn *c = conn(), *watcher = conn();
	struct wc_chan *ch;
	struct wc_event ev;
	struct wc_error err;
	char wid[32], *s;
	const char *ids[1] = { wid };

	spawn_owned(c, wid, sizeof wid);
	ck_assert_int_eq(wc_subscribe(watcher, ids, 1, false, &err), 0);
	ch = chan(c, wid);
	chan_post(ch, "\"direct\"");
	expect_next(ch, "\"direct\"");
	wc_chan_close(ch);
	/* the worker lives on; its answers come through the daemon again */
	ck_assert_int_eq(wc_post_json(c, wid, "\"after\"", 7, &err), 0);
	next_event(c, WC_EV_MESSAGE, &ev);
	s = wc_value_json(&ev.data, &err);
	ck_assert_str_eq(s, "\"after\"");
	free(s);
	wc_event_free(&ev);
	/* a watcher saw no message of the channel's: "after" is its first */
	next_event(watcher, WC_EV_MESSAGE, &ev);
	s = wc_value_json(&ev.data, &err);
	ck_assert_str_eq(s, "\"after\"");
	free(s);
	wc_event_free(&ev);
	wc_close(watcher);
	/* and a new channel can be had */
	ch = chan(c, wid);
	chan_post(ch, "\"again\"");
	expect_next(ch, "\"again\"");
	wc_chan_close(ch);
	wc_close(c);
}
END_TEST

START_TEST(t_worker_exit)
{
	struct wc_conn *c = conn();
	struct wc_chan *ch;
	struct wc_event ev;
	struct wc_value v;
	struct wc_error err;
	char wid[32];

	spawn_owned(c, wid, sizeof wid);
	ch = chan(c, wid);
	chan_post(ch, "\"bye\"");
	/* close still comes on the connection, and once it has, the channel
	 * holds every message, then its end */
	next_event(c, WC_EV_CLOSE, &ev);
	ck_assert_int_eq(ev.close.code, 7);
	ck_assert_str_eq(ev.close.reason, "exit");
	wc_event_free(&ev);
	expect_next(ch, "\"last1\"");
	expect_next(ch, "\"last2\"");
	ck_assert_int_eq(wc_chan_recv(ch, df_slow(10), &v, &err), 0);
	ck_assert_int_eq(wc_chan_post_json(ch, "1", 1, &err), -1);
	ck_assert_int_eq(err.code, WC_E_CLOSED);
	wc_chan_close(ch);
	/* a closed worker gets none */
	ck_assert_ptr_null(wc_channel_open(c, wid, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_CLOSED);
	wc_close(c);
}
END_TEST

START_TEST(t_who_may)
{
	struct wc_spawn_opts o = { .script = echo_path, .name = "dmn" };
	struct wc_conn *a = conn(), *b = conn();
	const char *ids[1] = { "dmn" };
	struct wc_chan *ch;
	struct wc_error err;
	char wid[32];

	/* a client-owned worker: its owner may, another client of the same
	 * user may not */
	spawn_owned(a, wid, sizeof wid);
	ck_assert_ptr_null(wc_channel_open(b, wid, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_PERMISSION);
	ck_assert_msg(strstr(err.msg, "permission denied") != NULL, "%s", err.msg);
	/* a daemon-owned worker: only once consumed */
	ck_assert_int_eq(wc_spawn(a, &o, NULL, &err), 0);
	ck_assert_ptr_null(wc_channel_open(a, "dmn", df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_PERMISSION);
	ck_assert_int_eq(wc_subscribe(b, ids, 1, true, &err), 0);
	ck_assert_ptr_null(wc_channel_open(a, "dmn", df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_PERMISSION);
	ch = chan(b, "dmn");
	chan_post(ch, "\"consumer\"");
	expect_next(ch, "\"consumer\"");
	wc_chan_close(ch);
	ck_assert_ptr_null(wc_channel_open(a, "nope", df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_NO_SUCH_WORKER);
	ck_assert_int_eq(wc_terminate(a, "dmn", df_slow(10), NULL, &err), 0);
	wc_close(b);
	wc_close(a);
}
END_TEST

START_TEST(t_one_at_a_time)
{
	struct wc_conn *c = conn();
	struct wc_chan *ch;
	struct wc_error err;
	char wid[32];

	spawn_owned(c, wid, sizeof wid);
	ch = chan(c, wid);
	ck_assert_ptr_null(wc_channel_open(c, wid, df_slow(10), &err));
	ck_assert_int_eq(err.code, WC_E_LIMIT);
	ck_assert_msg(strstr(err.msg, "already has a direct channel") != NULL, "%s", err.msg);
	/* the first one still works */
	chan_post(ch, "\"first\"");
	expect_next(ch, "\"first\"");
	wc_chan_close(ch);
	wc_close(c);
}
END_TEST

START_TEST(t_bad_frame)
{
	/* a frame of the right form but a type the channel does not take */
	static const uint8_t stats[] = { 0, 0, 0, 9, 0x81, 0xa1, 't', 0xa5, 's', 't', 'a', 't', 's' };
	struct wc_request req = { .op = WC_CHANNEL };
	struct wc_conn *c = conn();
	struct wc_chan *ch;
	struct wc_event ev;
	struct wc_reply r;
	struct wc_value v;
	struct wc_error err;
	char wid[32];

	spawn_owned(c, wid, sizeof wid);
	req.wid = wid;
	ck_assert_msg(wc_call(c, &req, df_slow(10), &r) == 0, "channel: %s", r.err.msg);
	ck_assert_int_ge(r.fd, 0);
	ck_assert_int_eq(write(r.fd, stats, sizeof stats), (ssize_t)sizeof stats);
	ch = wc_chan_from_fd(r.fd, wc_max_frame(c), &err);
	wc_reply_free(&r);
	ck_assert_int_eq(wc_chan_recv(ch, df_slow(10), &v, &err), -1);
	ck_assert_int_eq(err.code, WC_E_BAD_REQUEST);
	ck_assert_msg(strstr(err.msg, "only post frames") != NULL, "%s", err.msg);
	wc_chan_close(ch);
	/* the worker goes on; once an answer through the daemon shows that
	 * it has said channel_end, a new channel works */
	ck_assert_int_eq(wc_post_json(c, wid, "\"x\"", 3, &err), 0);
	next_event(c, WC_EV_MESSAGE, &ev);
	wc_event_free(&ev);
	ch = chan(c, wid);
	chan_post(ch, "\"fine\"");
	expect_next(ch, "\"fine\"");
	wc_chan_close(ch);
	wc_close(c);
}
END_TEST

struct async {
	struct event_base *base;
	struct wc_chan *ch;
	int got;
	bool ended;
	bool bad;
};

static void
on_message(struct wc_chan *ch, const struct wc_value *v, void *arg)
{
	struct async *s = arg;
	struct wc_error err;
	char *j = wc_value_json(v, &err), want[16];

	snprintf(want, sizeof want, s->got < 100 ? "%d" : "\"last%d\"", s->got < 100 ? s->got : s->got - 99);
	s->bad |= j == NULL || strcmp(j, want) != 0;
	free(j);
	if (++s->got == 100)
		wc_chan_post_json(ch, "\"bye\"", 5, &err);
}

static void
on_end(struct wc_chan *ch, const struct wc_error *err, void *arg)
{
	struct async *s = arg;

	s->ended = true;
	s->bad |= err != NULL;
	event_base_loopbreak(s->base);
}

START_TEST(t_libevent_form)
{
	struct wc_chan_handlers h = { .on_message = on_message, .on_end = on_end };
	struct async s = { .base = event_base_new() };
	struct wc_conn *c = conn();
	struct wc_error err;
	char wid[32], json[16];
	int i;

	spawn_owned(c, wid, sizeof wid);
	s.ch = chan(c, wid);
	ck_assert_int_eq(wc_chan_attach(s.ch, s.base, &h, &s, &err), 0);
	for (i = 0; i < 100; i++) {
		snprintf(json, sizeof json, "%d", i);
		ck_assert_int_eq(wc_chan_post_json(s.ch, json, strlen(json), &err), 0);
	}
	event_base_dispatch(s.base);
	/* 100 echoes, then last1 and last2 (not numbers), then EOF */
	ck_assert(s.ended);
	ck_assert_int_eq(s.got, 102);
	ck_assert(!s.bad);
	wc_chan_close(s.ch);
	event_base_free(s.base);
	wc_close(c);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("direct");
	TCase *tc = tcase_create("channel");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_both_ways);
	tcase_add_test(tc, t_close_reverts);
	tcase_add_test(tc, t_worker_exit);
	tcase_add_test(tc, t_who_may);
	tcase_add_test(tc, t_one_at_a_time);
	tcase_add_test(tc, t_bad_frame);
	tcase_add_test(tc, t_libevent_form);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
