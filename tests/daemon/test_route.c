/* The routing module through its interface, without a daemon: workers are
 * plain records on a socketpair and clients are peers on socketpairs
 * whose far ends the test reads.  Fan-out (each event once per client,
 * per-worker seqs), gaps (a lagging client misses events, is told the range,
 * and still gets close), the mailbox with recv and a consumer, and post
 * back-pressure with its retry. */
#include <check.h>
#include <errno.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frame.h"
#include "mpwrite.h"
#include "peer.h"
#include "route.h"
#include "tsuite.h"
#include "worker.h"

struct tclient {
	struct peer peer;
	struct rpeer rp;
	int fd;				/* the client's end */
	struct evbuffer *in;
	uint8_t *doc;			/* the last frame read */
};

struct fx {
	struct wd_config cfg;
	struct event_base *base;
	struct dlink_loop loop;
	struct wpool pool;
	struct router rt;
	struct peers peers;
	struct rpeer *retried;
	unsigned retries;
};

static struct fx fx;

/* The link is linked with --wrap=evbuffer_add (Makefile): while
 * fail_adds > 0 a queueing fails as it does when memory runs out. */
static unsigned fail_adds;
int __real_evbuffer_add(struct evbuffer *b, const void *p, size_t n);
int __wrap_evbuffer_add(struct evbuffer *b, const void *p, size_t n);

int
__wrap_evbuffer_add(struct evbuffer *b, const void *p, size_t n)
{
	if (fail_adds > 0) {
		fail_adds--;
		return -1;
	}
	return __real_evbuffer_add(b, p, n);
}

static void
no_kick(void *arg)
{
}

static void
on_retry(struct rpeer *rp, void *arg)
{
	fx.retried = rp;
	fx.retries++;
}

static void
no_io(struct dlink *l, void *arg)
{
}

static void *op_attach(struct worker *w, void *a) { return route_worker_attach(&fx.rt, w); }
static void op_event(struct worker *w, unsigned k, const struct msg_ev *ev, void *a) { route_worker_event(w, k, ev); }
static bool op_can_take(struct worker *w, void *a) { return route_worker_can_take(w); }
static void op_message(struct worker *w, const uint8_t *d, size_t n, void *a) { route_worker_message(w, d, n); }
static void op_batch(struct worker *w, void *a) { route_worker_serve(w); }
static void op_stats(struct worker *w, uint32_t r, void *a) { }
static void op_room(struct worker *w, void *a) { route_worker_room(w); }
static void op_terminated(struct worker *w, void *a) { route_worker_terminated(w); }
static void op_closed(struct worker *w, void *a) { route_worker_closed(w); }
static void op_freeing(struct worker *w, void *a) { route_worker_detach(w); }
static void op_spawned(struct worker *w, void *a) { route_worker_spawned(w); }
static void op_bcast(struct worker *w, enum msg_type t, const struct msg_bcast *m, void *a) { }

static const struct worker_ops ops = {
	op_attach, op_event, op_can_take, op_message, op_batch, op_stats, op_room, op_terminated,
	op_closed, op_freeing, op_spawned, op_bcast,
};

static void
setup(void)
{
	memset(&fx, 0, sizeof(fx));
	fx.cfg.max_frame = 1 << 20;
	fx.cfg.queue_bytes = 1 << 20;
	fx.cfg.mailbox_msgs = 100;
	fx.cfg.mailbox_bytes = 1 << 20;
	fx.cfg.client_buffer = 1 << 20;
	fx.cfg.records = 10;
	fx.cfg.records_ttl = 60;
	fx.cfg.log_level = L_ERR;
	fx.base = event_base_new();
	ck_assert_ptr_nonnull(fx.base);
	ck_assert_int_eq(dlink_loop_init(&fx.loop, fx.base, 65536, FRAME_MAX_DEFAULT, no_kick, NULL), 0);
	ck_assert_int_eq(wpool_init(&fx.pool, &fx.cfg, &fx.loop, NULL, NULL, NULL, &ops, NULL), 0);
	router_init(&fx.rt, &fx.cfg, on_retry, NULL);
	peers_init(&fx.peers, &fx.cfg, &fx.loop);
}

static void
teardown(void)
{
	peers_free(&fx.peers);
	router_free(&fx.rt);
	wpool_free(&fx.pool);
	dlink_loop_free(&fx.loop);
	event_base_free(fx.base);
}

static void
pair(int sv[2])
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(fcntl(sv[0], F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(fcntl(sv[1], F_SETFL, O_NONBLOCK), 0);
}

static void
client_open(struct tclient *tc, uint64_t serial)
{
	int sv[2];

	memset(tc, 0, sizeof(*tc));
	pair(sv);
	ck_assert_int_eq(peer_open(&fx.peers, &tc->peer, sv[0], serial, no_io, no_io, tc), 0);
	rpeer_init(&tc->rp, &fx.rt, &tc->peer, 0);
	tc->fd = sv[1];
	tc->in = evbuffer_new();
}

static void
client_close(struct tclient *tc)
{
	rpeer_gone(&tc->rp);
	peer_close(&tc->peer);
	close(tc->fd);
	evbuffer_free(tc->in);
	free(tc->doc);
}

/* A worker as the worker layer would have it, open, on a socketpair whose
 * far end (the host's) is *host. */
static struct worker *
worker_open(uint64_t id, int *host)
{
	struct worker *w = calloc(1, sizeof(*w));
	int sv[2];

	ck_assert_ptr_nonnull(w);
	pair(sv);
	w->pool = &fx.pool;
	w->id = id;
	w->state = WS_OPEN;
	ck_assert_int_eq(dlink_open(&fx.loop, &w->link, sv[0], no_io, no_io, w), 0);
	worker_set_up(w, route_worker_attach(&fx.rt, w));
	ck_assert_ptr_nonnull(w->up);
	*host = sv[1];
	return w;
}

static void
worker_gone(struct worker *w, int host)
{
	route_worker_detach(w);
	if (w->ready)
		TAILQ_REMOVE(&fx.pool.ready, w, ready_entry);
	dlink_close(&w->link);
	close(host);
	free(w);
}

static void
fill(struct evbuffer *in, int fd)
{
	ssize_t n;

	dlink_flush_dirty(&fx.loop);
	while ((n = evbuffer_read(in, fd, 65536)) > 0)
		;
	ck_assert(n == 0 || errno == EAGAIN);
}

/* The next frame the client was sent; false when there is none. */
static bool
next(struct tclient *tc, struct proto_msg *m)
{
	const uint8_t *doc;
	size_t len;
	const char *err;

	fill(tc->in, tc->fd);
	if (frame_peek(tc->in, fx.cfg.max_frame, &doc, &len, &err) != FRAME_READY)
		return false;
	free(tc->doc);
	tc->doc = malloc(len);
	memcpy(tc->doc, doc, len);
	frame_drain(tc->in, len);
	ck_assert_int_eq(proto_parse(tc->doc, len, m, &err), 0);
	return true;
}

static uint64_t
uint_of(const struct proto_msg *m, const char *key)
{
	uint64_t v;

	ck_assert_int_eq(proto_get_uint(m, key, &v), PF_OK);
	return v;
}

/* Expects an `ev` frame: event name, worker id, seq. */
static void
expect_ev(struct tclient *tc, const char *event, uint64_t id, uint64_t seq, struct proto_msg *m)
{
	const char *s;
	size_t n;

	ck_assert_msg(next(tc, m), "no frame where %s %llu/%llu was due", event, (unsigned long long)id,
	    (unsigned long long)seq);
	ck_assert_int_eq(m->type, MSG_EV);
	ck_assert_int_eq(proto_get_str(m, "event", &s, &n), PF_OK);
	ck_assert_msg(n == strlen(event) && memcmp(s, event, n) == 0, "got %.*s, wanted %s", (int)n, s, event);
	ck_assert_uint_eq(uint_of(m, "id"), id);
	ck_assert_uint_eq(uint_of(m, "seq"), seq);
}

static bool
ev_is(const struct proto_msg *m, const char *event)
{
	const char *s;
	size_t n;

	return m->type == MSG_EV && proto_get_str(m, "event", &s, &n) == PF_OK && n == strlen(event) &&
	    memcmp(s, event, n) == 0;
}

static void
expect_nothing(struct tclient *tc)
{
	struct proto_msg m;

	ck_assert(!next(tc, &m));
}

static void
send_log(struct worker *w, const char *text)
{
	struct msg_ev ev = { .text = { text, strlen(text) } };

	route_worker_event(w, EV_LOG, &ev);
}

static void
send_msg(struct worker *w, uint8_t v)
{
	route_worker_message(w, &v, 1);	/* a positive fixint */
}

START_TEST(fan_out_once_each)
{
	struct tclient a, b;
	struct proto_msg m;
	struct worker *w1, *w2;
	int h1, h2;

	client_open(&a, 1);
	client_open(&b, 2);
	w1 = worker_open(1, &h1);
	w2 = worker_open(2, &h2);
	ck_assert_int_eq(route_subscribe(&a.rp, w1, EV_ALL, false), 0);
	/* The same subscription again is the one it has. */
	ck_assert_int_eq(route_subscribe(&a.rp, w1, EV_ALL, false), 0);
	/* Subscribed twice over (all, and w1): still each event once. */
	route_subscribe_all(&b.rp);
	ck_assert_int_eq(route_subscribe(&b.rp, w1, EV_ALL, false), 0);
	ck_assert_int_eq(route_subscribe(&a.rp, w2, EV_LOG, false), 0);

	route_worker_event(w1, EV_OPEN, NULL);
	route_worker_event(w2, EV_OPEN, NULL);
	send_msg(w1, 5);
	send_log(w2, "hi");

	expect_ev(&a, "open", 1, 1, &m);
	expect_ev(&a, "message", 1, 2, &m);
	expect_ev(&a, "log", 2, 2, &m);
	expect_nothing(&a);
	expect_ev(&b, "open", 1, 1, &m);
	expect_ev(&b, "open", 2, 1, &m);
	expect_ev(&b, "message", 1, 2, &m);
	expect_ev(&b, "log", 2, 2, &m);
	expect_nothing(&b);

	route_unsubscribe_all(&b.rp);
	send_msg(w1, 6);
	expect_ev(&a, "message", 1, 3, &m);
	expect_nothing(&b);

	/* An unsubscribe drops the client's own subscription, no other. */
	ck_assert_int_eq(route_subscribe(&b.rp, w1, EV_ALL, false), 0);
	route_unsubscribe(&a.rp, w1);
	send_msg(w1, 7);
	send_log(w2, "still");
	expect_ev(&a, "log", 2, 3, &m);
	expect_nothing(&a);
	expect_ev(&b, "message", 1, 4, &m);
	expect_nothing(&b);

	worker_gone(w1, h1);
	worker_gone(w2, h2);
	client_close(&a);
	client_close(&b);
}
END_TEST

START_TEST(gaps_per_worker)
{
	struct tclient a;
	struct proto_msg m;
	struct worker *w1, *w2;
	uint64_t seq, first_dropped = 0;
	int h1, h2, i;

	fx.cfg.client_buffer = 300;
	client_open(&a, 1);
	w1 = worker_open(1, &h1);
	w2 = worker_open(2, &h2);
	ck_assert_int_eq(route_subscribe(&a.rp, w1, EV_ALL, false), 0);
	ck_assert_int_eq(route_subscribe(&a.rp, w2, EV_ALL, false), 0);

	/* Nothing is written meanwhile: w1 floods the output past the bound. */
	for (i = 0; i < 40; i++)
		send_log(w1, "a line of the flooding worker");
	ck_assert(peer_over(&a.peer));
	ck_assert_uint_lt(peer_outlen(&a.peer), 2 * fx.cfg.client_buffer);
	/* Lag is per worker: w2 still gets through below twice the bound. */
	send_log(w2, "quiet");

	for (seq = 1; next(&a, &m); seq++) {
		uint64_t id = uint_of(&m, "id");

		if (id == 2) {
			first_dropped = seq;
			break;
		}
		ck_assert_uint_eq(uint_of(&m, "seq"), seq);
	}
	ck_assert_uint_gt(first_dropped, 1);
	ck_assert_uint_lt(first_dropped, 40);
	expect_nothing(&a);

	/* Drained: the gap names exactly what was missed, then events flow. */
	rpeer_drained(&a.rp);
	expect_ev(&a, "gap", 1, 40, &m);
	ck_assert_uint_eq(uint_of(&m, "from"), first_dropped);
	ck_assert_uint_eq(uint_of(&m, "to"), 40);
	send_log(w1, "after");
	expect_ev(&a, "log", 1, 41, &m);
	expect_nothing(&a);

	/* Close is never missed, and a pending gap goes out before it. */
	for (i = 0; i < 40; i++)
		send_log(w1, "a line of the flooding worker");
	w1->state = WS_CLOSED;
	w1->reason = CR_TERMINATED;
	route_worker_closed(w1);
	do
		ck_assert(next(&a, &m));
	while (!ev_is(&m, "gap"));
	ck_assert_uint_gt(uint_of(&m, "from"), 42);
	ck_assert_uint_eq(uint_of(&m, "to"), 81);
	expect_ev(&a, "close", 1, 82, &m);
	expect_nothing(&a);

	worker_gone(w1, h1);
	worker_gone(w2, h2);
	client_close(&a);
}
END_TEST

/* An event that cannot be queued for a client is a gap, never a silent
 * loss: the client is told what it missed once its output drains. */
START_TEST(failed_send_is_a_gap)
{
	struct tclient a;
	struct proto_msg m;
	struct worker *w;
	int h;

	client_open(&a, 1);
	w = worker_open(1, &h);
	ck_assert_int_eq(route_subscribe(&a.rp, w, EV_ALL, false), 0);
	fail_adds = 1;
	send_log(w, "lost");
	ck_assert_uint_eq(fail_adds, 0);
	send_log(w, "held back behind the gap");
	expect_nothing(&a);
	rpeer_drained(&a.rp);
	expect_ev(&a, "gap", 1, 2, &m);
	ck_assert_uint_eq(uint_of(&m, "from"), 1);
	ck_assert_uint_eq(uint_of(&m, "to"), 2);
	send_log(w, "after");
	expect_ev(&a, "log", 1, 3, &m);
	expect_nothing(&a);
	worker_gone(w, h);
	client_close(&a);
}
END_TEST

/* Expects {t:ok, rid, msgs:[values...]} with single-byte values. */
static void
expect_msgs(struct tclient *tc, uint64_t rid, const uint8_t *want, unsigned n)
{
	struct proto_msg m;
	const uint8_t *p;
	size_t len;

	ck_assert(next(tc, &m));
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_uint_eq(m.rid, rid);
	ck_assert_int_eq(proto_get_raw(&m, "msgs", &p, &len), PF_OK);
	ck_assert_uint_eq(len, 1 + n);
	ck_assert_uint_eq(p[0], 0x90 + n);
	if (n > 0)
		ck_assert_int_eq(memcmp(p + 1, want, n), 0);
}

START_TEST(mailbox_recv_consume)
{
	static const uint8_t one_two[] = { 1, 2 }, three[] = { 3 }, four[] = { 4 };
	struct tclient a, b;
	struct proto_msg m;
	struct worker *w;
	int h;

	fx.cfg.mailbox_msgs = 2;
	client_open(&a, 1);
	client_open(&b, 2);
	w = worker_open(1, &h);
	send_msg(w, 1);
	ck_assert(route_worker_can_take(w));
	send_msg(w, 2);
	/* Full: the worker layer stops reading. */
	ck_assert(!route_worker_can_take(w));
	w->blocked = true;

	route_recv(&a.rp, 7, w, 2, true);
	expect_msgs(&a, 7, one_two, 2);
	/* The recv made room: the worker is queued to be read, not read here. */
	ck_assert(w->ready);
	w->blocked = false;

	send_msg(w, 3);
	route_recv(&a.rp, 8, w, 5, true);
	expect_msgs(&a, 8, three, 1);
	/* Nothing there: the recv waits for the next message. */
	route_recv(&a.rp, 9, w, 1, true);
	ck_assert_uint_eq(a.peer.npending, 1);
	expect_nothing(&a);
	send_msg(w, 4);
	route_worker_serve(w);
	expect_msgs(&a, 9, four, 1);
	ck_assert_uint_eq(a.peer.npending, 0);

	/* A consumer takes over what the mailbox holds, as events with the
	 * seqs they had, and later messages skip the mailbox. */
	send_msg(w, 5);
	ck_assert_int_eq(route_subscribe(&b.rp, w, EV_ALL, true), 0);
	ck_assert(route_consumed_elsewhere(&a.rp, w));
	ck_assert_int_eq(route_subscribe(&a.rp, w, EV_ALL, true), -1);
	expect_ev(&b, "message", 1, 5, &m);
	send_msg(w, 6);
	expect_ev(&b, "message", 1, 6, &m);
	route_recv(&a.rp, 10, w, 1, false);
	expect_msgs(&a, 10, NULL, 0);

	worker_gone(w, h);
	client_close(&a);
	client_close(&b);
}
END_TEST

/* A worker whose consumer's output is over its bound stops being read, and
 * is queued to be read again once a drain brings that output under it. */
START_TEST(consumer_drain_resumes)
{
	static uint8_t big[600];
	struct tclient a;
	struct proto_msg m;
	struct worker *w1, *w2;
	int h1, h2;

	fx.cfg.client_buffer = 512;
	client_open(&a, 1);
	w1 = worker_open(1, &h1);
	w2 = worker_open(2, &h2);
	ck_assert_int_eq(route_subscribe(&a.rp, w1, EV_ALL, true), 0);
	ck_assert_int_eq(route_subscribe(&a.rp, w2, EV_ALL, true), 0);
	big[0] = 0xc5;			/* bin 16 of the rest */
	big[1] = (sizeof(big) - 3) >> 8;
	big[2] = (sizeof(big) - 3) & 0xff;
	route_worker_message(w1, big, sizeof(big));
	ck_assert(peer_over(&a.peer));
	ck_assert(!route_worker_can_take(w1));
	w1->blocked = true;		/* as the worker layer does */
	rpeer_drained(&a.rp);
	ck_assert(!w1->ready);

	fill(a.in, a.fd);
	ck_assert(!peer_over(&a.peer));
	rpeer_drained(&a.rp);
	ck_assert(w1->ready);
	ck_assert(!w2->ready);
	ck_assert(next(&a, &m));
	ck_assert(ev_is(&m, "message"));

	worker_gone(w1, h1);
	worker_gone(w2, h2);
	client_close(&a);
}
END_TEST

START_TEST(post_back_pressure)
{
	uint8_t data[32];
	struct tclient a;
	struct worker *w;
	struct evbuffer *host_in = evbuffer_new();
	const uint8_t *doc;
	size_t len;
	const char *err;
	struct proto_msg m;
	struct wpost post = { .data = data, .n = sizeof(data) };
	int h, n = 0, rc;

	data[0] = 0xc4;		/* bin 8 of 30 bytes */
	data[1] = 30;
	memset(data + 2, 'x', 30);
	fx.cfg.queue_bytes = 100;
	client_open(&a, 1);
	w = worker_open(1, &h);
	while ((rc = route_post(&a.rp, w, &post, false)) == 0)
		n++;
	ck_assert_int_eq(rc, -1);
	ck_assert_int_gt(n, 0);
	ck_assert_uint_ge(worker_queued(w), fx.cfg.queue_bytes);
	ck_assert_uint_eq(w->msgs_in, (uint64_t)n);

	/* wait:true: the post waits, and the client is retried on room. */
	ck_assert_int_eq(route_post(&a.rp, w, &post, true), 1);
	ck_assert(rpeer_post_waiting(&a.rp));
	ck_assert_uint_eq(fx.retries, 0);
	route_worker_room(w);
	ck_assert_uint_eq(fx.retries, 1);
	ck_assert_ptr_eq(fx.retried, &a.rp);
	ck_assert(!rpeer_post_waiting(&a.rp));

	/* The host gets the posts, data untouched. */
	fill(host_in, h);
	while (frame_peek(host_in, fx.cfg.max_frame, &doc, &len, &err) == FRAME_READY) {
		const uint8_t *p;
		size_t pn;

		ck_assert_int_eq(proto_parse(doc, len, &m, &err), 0);
		ck_assert_int_eq(m.type, MSG_POST);
		ck_assert_int_eq(proto_get_raw(&m, "data", &p, &pn), PF_OK);
		ck_assert_uint_eq(pn, sizeof(data));
		ck_assert_int_eq(memcmp(p, data, pn), 0);
		frame_drain(host_in, len);
		n--;
	}
	ck_assert_int_eq(n, 0);

	/* A client that goes away while waiting leaves no trace. */
	ck_assert_int_eq(route_post(&a.rp, w, &post, true), 0);
	evbuffer_free(host_in);
	worker_gone(w, h);
	client_close(&a);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("route");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fan_out_once_each);
	tcase_add_test(tc, gaps_per_worker);
	tcase_add_test(tc, failed_send_is_a_gap);
	tcase_add_test(tc, mailbox_recv_consume);
	tcase_add_test(tc, consumer_drain_resumes);
	tcase_add_test(tc, post_back_pressure);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
