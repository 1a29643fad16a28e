/*
 * test_client.c - libworkerclient against a real daemon: connecting (and
 * failing to), the blocking calls with their error codes and timeouts,
 * events through wc_next_event, and the libevent form (wc_attach +
 * wc_call_async) driving a worker from callbacks.
 */
#include <check.h>
#include <event2/event.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_util.h"
#include "workerclient.h"
#include "tsuite.h"
#include "wc_util.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";

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
	return wu_connect(&d, "test_client");
}

static int
post(struct wc_conn *c, const char *wid, const char *json, struct wc_error *err)
{
	return wc_post_json(c, wid, json, strlen(json), err);
}

START_TEST(t_unreachable)
{
	struct wc_error err;
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/none.sock", d.dir);
	ck_assert_ptr_null(wc_connect(path, NULL, 1, &err));
	ck_assert_int_eq(err.code, WC_E_UNREACHABLE);
	ck_assert_msg(strstr(err.msg, "none.sock") != NULL, "%s", err.msg);
	ck_assert_str_eq(wc_code_name(err.code), "unreachable");
}
END_TEST

START_TEST(t_blocking_calls)
{
	struct wc_spawn_opts o = { .script = echo_path, .name = "blk" };
	struct wc_request recv = { .op = WC_RECV, .wid = "blk", .n = 2 };
	struct wc_request status = { .op = WC_STATUS, .wid = "blk" };
	struct wc_conn *c = conn();
	struct wc_reply r;
	struct wc_error err;
	struct wc_close cl;
	uint64_t id;
	char *s;

	ck_assert_str_eq(wc_server(c), "workersd " WORKERSD_VERSION);
	ck_assert_uint_gt(wc_max_frame(c), 1024);
	ck_assert_int_eq(wc_spawn(c, &o, &id, &err), 0);
	ck_assert_uint_gt(id, 0);
	ck_assert_int_eq(wc_spawn(c, &o, NULL, &err), -1);
	ck_assert_int_eq(err.code, WC_E_NAME_TAKEN);
	ck_assert_int_eq(post(c, "blk", "{\"a\":[1,2]}", &err), 0);
	ck_assert_int_eq(post(c, "blk", "{\"$type\":\"Set\",\"values\":[1]}", &err), 0);
	ck_assert_int_eq(post(c, "blk", "{nope", &err), -1);
	ck_assert_int_eq(err.code, WC_E_USAGE);
	/* A recv answers with what has arrived, 1 to n messages: the second
	 * echo may need a second recv. */
	ck_assert_int_eq(wc_call(c, &recv, df_slow(10), &r), 0);
	ck_assert_uint_ge(r.nmsgs, 1);
	s = wc_value_json(&r.msgs[0], &err);
	ck_assert_str_eq(s, "{\"a\":[1,2]}");
	free(s);
	if (r.nmsgs == 1) {
		wc_reply_free(&r);
		recv.n = 1;
		ck_assert_int_eq(wc_call(c, &recv, df_slow(10), &r), 0);
		ck_assert_uint_eq(r.nmsgs, 1);
		s = wc_value_json(&r.msgs[0], &err);
	} else {
		ck_assert_uint_eq(r.nmsgs, 2);
		s = wc_value_json(&r.msgs[1], &err);
	}
	ck_assert_str_eq(s, "{\"$type\":\"Set\",\"values\":[1]}");
	free(s);
	wc_reply_free(&r);
	/* Nothing left: a short timeout passes. */
	recv.n = 1;
	ck_assert_int_eq(wc_call(c, &recv, 0.1, &r), -1);
	ck_assert_int_eq(r.err.code, WC_E_TIMEOUT);
	wc_reply_free(&r);
	ck_assert_int_eq(wc_call(c, &status, df_slow(10), &r), 0);
	ck_assert_uint_eq(r.nworkers, 1);
	ck_assert_uint_eq(r.workers[0].id, id);
	ck_assert_str_eq(r.workers[0].name, "blk");
	ck_assert_str_eq(r.workers[0].state, "open");
	ck_assert_uint_eq(r.workers[0].msgs_in, 2);
	wc_reply_free(&r);
	ck_assert_int_eq(wc_set_ref(c, "blk", false, &err), 0);
	ck_assert_int_eq(wc_terminate(c, "blk", df_slow(10), &cl, &err), 0);
	ck_assert_int_eq(cl.code, 0);
	ck_assert_str_eq(cl.reason, "terminated");
	ck_assert_str_eq(cl.signal, "");
	ck_assert_int_eq(wc_wait(c, "424242", df_slow(10), &cl, &err), -1);
	ck_assert_int_eq(err.code, WC_E_NO_SUCH_WORKER);
	ck_assert_msg(strstr(err.msg, "424242") != NULL, "%s", err.msg);
	wc_close(c);
}
END_TEST

/* A file: URL is passed on for the daemon to decode; any other URL is a
 * usage error before anything is sent. */
START_TEST(t_spawn_file_url)
{
	char url[PATH_MAX + 32], real[PATH_MAX];
	struct wc_spawn_opts o = { .script = url, .name = "url" };
	struct wc_request status = { .op = WC_STATUS, .wid = "url" };
	struct wc_conn *c = conn();
	struct wc_reply r;
	struct wc_error err;
	uint64_t id;

	snprintf(url, sizeof url, "file://localhost%s?ignored#too", echo_path);
	ck_assert_ptr_nonnull(realpath(echo_path, real));
	ck_assert_msg(wc_spawn(c, &o, &id, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(wc_call(c, &status, df_slow(10), &r), 0);
	ck_assert_uint_eq(r.nworkers, 1);
	ck_assert_str_eq(r.workers[0].script, real);
	wc_reply_free(&r);
	o.script = "http://x/y.js";
	ck_assert_int_eq(wc_spawn(c, &o, &id, &err), -1);
	ck_assert_int_eq(err.code, WC_E_USAGE);
	ck_assert_str_eq(err.msg, "script http://x/y.js: only file: URLs are supported");
	wc_close(c);
}
END_TEST

START_TEST(t_events_blocking)
{
	struct wc_spawn_opts o = { .script = echo_path };
	struct wc_conn *c = conn();
	struct wc_event ev;
	struct wc_error err;
	char wid[32], *line;
	const char *ids[1] = { wid };
	uint64_t id, seq = 0;
	bool closed = false;

	ck_assert_int_eq(wc_spawn(c, &o, &id, &err), 0);
	snprintf(wid, sizeof wid, "%llu", (unsigned long long)id);
	ck_assert_int_eq(wc_subscribe(c, ids, 1, false, &err), 0);
	ck_assert_int_eq(post(c, wid, "\"ping\"", &err), 0);
	ck_assert_int_eq(wc_terminate(c, wid, df_slow(10), NULL, &err), 0);
	/* The events came while the calls waited: they were queued. */
	while (!closed) {
		ck_assert_int_eq(wc_next_event(c, df_slow(10), &ev, &err), 0);
		ck_assert_uint_eq(ev.id, id);
		ck_assert_uint_gt(ev.seq, seq);
		seq = ev.seq;
		if (ev.kind == WC_EV_MESSAGE) {
			line = wc_event_json(&ev, &err);
			ck_assert_msg(strstr(line, "{\"event\":\"message\",\"id\":") == line, "%s", line);
			ck_assert_msg(strstr(line, ",\"data\":\"ping\"}") != NULL, "%s", line);
			free(line);
		}
		closed = ev.kind == WC_EV_CLOSE;
		if (closed)
			ck_assert_str_eq(ev.close.reason, "terminated");
		wc_event_free(&ev);
	}
	ck_assert_int_eq(wc_next_event(c, 0.05, &ev, &err), -1);
	ck_assert_int_eq(err.code, WC_E_TIMEOUT);
	wc_close(c);
}
END_TEST

struct async_state {
	struct event_base *base;
	struct wc_conn *c;
	char wid[32];
	int messages;
	int replies;
	bool closed;
	char last[64];
	enum wc_code failure;
};

static void
on_reply(struct wc_conn *c, const struct wc_reply *r, void *arg)
{
	struct async_state *s = arg;

	s->replies++;
	if (r->err.code != WC_OK)
		s->failure = r->err.code;
}

static void
on_spawned(struct wc_conn *c, const struct wc_reply *r, void *arg)
{
	struct async_state *s = arg;
	const char *ids[1] = { s->wid };
	struct wc_request sub = { .op = WC_SUBSCRIBE, .wids = ids, .nwids = 1, .consume = true };
	struct wc_request post = { .op = WC_POST, .wid = s->wid };
	static const uint8_t values[3] = { 0x01, 0x02, 0x03 };	/* msgpack 1, 2, 3 */
	struct wc_error err;
	int i;

	ck_assert_int_eq(r->err.code, WC_OK);
	snprintf(s->wid, sizeof s->wid, "%llu", (unsigned long long)r->id);
	ck_assert_int_eq(wc_call_async(c, &sub, on_reply, s, &err), 0);
	for (i = 0; i < 3; i++) {
		post.data = &values[i];
		post.data_len = 1;
		ck_assert_int_eq(wc_call_async(c, &post, on_reply, s, &err), 0);
	}
}

static void
on_event(struct wc_conn *c, const struct wc_event *ev, void *arg)
{
	struct async_state *s = arg;
	struct wc_request term = { .op = WC_TERMINATE, .wid = s->wid };
	struct wc_error err;
	char *v;

	if (ev->kind == WC_EV_MESSAGE) {
		v = wc_value_json(&ev->data, &err);
		snprintf(s->last, sizeof s->last, "%s", v);
		free(v);
		if (++s->messages == 3)
			ck_assert_int_eq(wc_call_async(c, &term, on_reply, s, &err), 0);
	}
	if (ev->kind == WC_EV_CLOSE) {
		s->closed = true;
		event_base_loopbreak(s->base);
	}
}

static void
on_error(struct wc_conn *c, const struct wc_error *err, void *arg)
{
	struct async_state *s = arg;

	s->failure = err->code;
	event_base_loopbreak(s->base);
}

START_TEST(t_libevent_form)
{
	struct async_state s = { .failure = WC_OK };
	struct wc_spawn_opts o = { .script = echo_path, .client_owned = true, .attach = true };
	struct wc_request spawn = { .op = WC_SPAWN, .spawn = &o };
	struct wc_handlers h = { .on_event = on_event, .on_error = on_error };
	struct wc_reply r;
	struct wc_error err;

	s.base = event_base_new();
	s.c = conn();
	ck_assert_int_eq(wc_call_async(s.c, &spawn, on_spawned, &s, &err), -1);
	ck_assert_int_eq(err.code, WC_E_USAGE);
	ck_assert_int_eq(wc_attach(s.c, s.base, &h, &s, &err), 0);
	ck_assert_int_eq(wc_call(s.c, &spawn, 1, &r), -1);
	ck_assert_int_eq(r.err.code, WC_E_USAGE);
	wc_reply_free(&r);
	ck_assert_int_eq(wc_call_async(s.c, &spawn, on_spawned, &s, &err), 0);
	event_base_dispatch(s.base);
	ck_assert_int_eq(s.failure, WC_OK);
	ck_assert(s.closed);
	ck_assert_int_eq(s.messages, 3);
	ck_assert_str_eq(s.last, "3");
	/* subscribe, three posts and terminate were answered */
	ck_assert_int_eq(s.replies, 5);
	wc_close(s.c);
	event_base_free(s.base);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("client");
	TCase *tc = tcase_create("libworkerclient");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_unreachable);
	tcase_add_test(tc, t_blocking_calls);
	tcase_add_test(tc, t_spawn_file_url);
	tcase_add_test(tc, t_events_blocking);
	tcase_add_test(tc, t_libevent_form);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
