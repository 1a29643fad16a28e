/*
 * route.c - posts, mailboxes, subscriptions with their gaps, and waiting
 * requests (route.h).
 */
#include "route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailbox.h"
#include "msg.h"

/* A recv reply stops adding messages past this size (it always holds at
 * least one), so draining a full mailbox never needs a frame-sized copy. */
#define RECV_REPLY_BYTES ((size_t)4 << 20)

struct rworker {
	struct router *rt;
	struct worker *w;
	uint64_t seq;			/* events so far */
	struct mailbox mb;
	struct sub_list subs;
	struct sub *consumer;
	struct waiter_list waiters;
	struct rpeer_list posters;	/* clients stopped by post wait:true */
};

struct sub {
	TAILQ_ENTRY(sub) wq;
	TAILQ_ENTRY(sub) cq;
	struct rpeer *rp;
	struct rworker *rw;
	unsigned mask;
	bool consume;
};

enum waiter_kind { WAIT_RECV, WAIT_CLOSE, WAIT_SPAWN };

struct waiter {
	TAILQ_ENTRY(waiter) wq;
	TAILQ_ENTRY(waiter) cq;
	struct rpeer *rp;
	struct rworker *rw;
	uint64_t rid;
	enum waiter_kind kind;
	uint32_t n;
};

/* What a lagging subscriber missed of one worker. */
struct gap {
	uint64_t id, from, to;
};

static struct rworker *
rw_of(const struct worker *w)
{
	return w->up;
}

void
router_init(struct router *rt, const struct wd_config *cfg, route_retry_cb retry, void *arg)
{
	*rt = (struct router){ .cfg = cfg, .retry = retry, .arg = arg };
	TAILQ_INIT(&rt->all_subs);
	pbuf_init(&rt->ev);
	pbuf_init(&rt->acc);
	pbuf_init(&rt->out);
}

void
router_free(struct router *rt)
{
	pbuf_free(&rt->ev);
	pbuf_free(&rt->acc);
	pbuf_free(&rt->out);
}

void
router_trim(struct router *rt)
{
	struct pbuf *b[] = { &rt->ev, &rt->acc, &rt->out };
	size_t i;

	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (b[i]->cap > SCRATCH_KEEP)
			pbuf_free(b[i]);
}

/* The ev frame of worker id's event number seq; kind is one EV_* bit. */
static int
build_ev(struct pbuf *b, unsigned kind, uint64_t id, uint64_t seq, const struct msg_ev *fields)
{
	struct msg_ev ev = *fields;

	ev.kind = (enum msg_ev_kind)__builtin_ctz(kind);
	ev.id = id;
	ev.seq = seq;
	return msg_write_ev(b, &ev);
}

/* ---- posts ---- */

int
route_post(struct rpeer *rp, struct worker *w, const struct wpost *p, bool wait)
{
	struct rworker *rw = rw_of(w);
	int rc = worker_post(w, p);

	if (rc != -1 || !wait)
		return rc;
	rp->post_blocked = rw;
	TAILQ_INSERT_TAIL(&rw->posters, rp, post_entry);
	return 1;
}

bool
rpeer_post_waiting(const struct rpeer *rp)
{
	return rp->post_blocked != NULL;
}

static void
post_unblock(struct rpeer *rp)
{
	TAILQ_REMOVE(&rp->post_blocked->posters, rp, post_entry);
	rp->post_blocked = NULL;
}

void
route_worker_room(struct worker *w)
{
	struct rworker *rw = rw_of(w);
	struct rpeer *rp;

	/* The retry callback only queues the client: a retry that blocks
	 * again joins the list later, not while we walk it. */
	while ((rp = TAILQ_FIRST(&rw->posters)) != NULL) {
		post_unblock(rp);
		rw->rt->retry(rp, rw->rt->arg);
	}
}

/* ---- gaps: what a lagging subscriber missed ---- */

static void
gap_note(struct rpeer *rp, uint64_t id, uint64_t seq)
{
	struct gap *g;
	size_t i;

	rp->lagging = true;
	for (i = 0; i < rp->ngaps; i++) {
		if (rp->gaps[i].id == id) {
			rp->gaps[i].to = seq;
			return;
		}
	}
	if (rp->ngaps == rp->capgaps) {
		size_t cap = rp->capgaps ? rp->capgaps * 2 : 8;

		g = realloc(rp->gaps, cap * sizeof(*g));
		if (g == NULL) {
			/* It cannot be told what it missed: it must not believe it
			 * saw everything, so it is closed once its output is out. */
			peer_close_when_written(rp->peer);
			return;
		}
		rp->gaps = g;
		rp->capgaps = cap;
	}
	rp->gaps[rp->ngaps++] = (struct gap){ id, seq, seq };
}

static void
gap_send(struct rpeer *rp, const struct gap *g)
{
	/* Small enough for the stack: no scratch shared with the event being
	 * fanned out. */
	uint8_t frame[128];
	struct pbuf b = { frame, 0, sizeof(frame), sizeof(frame) };
	struct msg_ev ev = { .kind = MEV_GAP, .id = g->id, .seq = g->to, .from = g->from, .to = g->to };

	if (msg_write_ev(&b, &ev) == 0)
		peer_send(rp->peer, b.data, b.len);
}

/* Sends and forgets the gap of one worker, if any. */
static void
gap_flush_one(struct rpeer *rp, uint64_t id)
{
	size_t i;

	for (i = 0; i < rp->ngaps; i++) {
		if (rp->gaps[i].id == id) {
			gap_send(rp, &rp->gaps[i]);
			rp->gaps[i] = rp->gaps[--rp->ngaps];
			return;
		}
	}
}

static bool
has_gap(const struct rpeer *rp, uint64_t id)
{
	size_t i;

	for (i = 0; i < rp->ngaps; i++)
		if (rp->gaps[i].id == id)
			return true;
	return false;
}

/* Lag is per worker (route.h): past the bound, the worker whose event first
 * finds the output full is taken as the flooder and dropped until the output
 * drains; other workers still get through until twice the bound. */
static bool
must_drop(const struct rpeer *rp, uint64_t id)
{
	if (has_gap(rp, id))
		return true;
	if (!peer_over(rp->peer))
		return false;
	return rp->ngaps == 0 || peer_outlen(rp->peer) >= 2 * rp->rt->cfg->client_buffer;
}

static void
deliver(struct rpeer *rp, uint64_t id, uint64_t seq, unsigned kind, bool must, const struct pbuf *frame)
{
	rp->stamp = rp->rt->ev_stamp;
	if (rp->peer->gone)
		return;
	if (!must && kind != EV_CLOSE && must_drop(rp, id)) {
		gap_note(rp, id, seq);
		return;
	}
	if (kind == EV_CLOSE && rp->ngaps > 0)
		gap_flush_one(rp, id);
	/* An event that cannot be queued is lost: the client is told so. */
	if (peer_send(rp->peer, frame->data, frame->len) == -1)
		gap_note(rp, id, seq);
}

static uint64_t
fan_out(struct rworker *rw, unsigned kind, const struct msg_ev *fields)
{
	struct router *rt = rw->rt;
	struct pbuf *b = &rt->ev;
	uint64_t seq = ++rw->seq;
	uint64_t stamp = ++rt->ev_stamp;
	struct sub *s;
	struct rpeer *rp;

	if (TAILQ_EMPTY(&rw->subs) && TAILQ_EMPTY(&rt->all_subs))
		return seq;
	if (build_ev(b, kind, rw->w->id, seq, fields) == -1) {
		pbuf_reset(b);
		return seq;
	}
	if (rw->consumer != NULL)
		deliver(rw->consumer->rp, rw->w->id, seq, kind, true, b);
	TAILQ_FOREACH(s, &rw->subs, wq)
		if ((s->mask & kind) && s->rp->stamp != stamp)
			deliver(s->rp, rw->w->id, seq, kind, false, b);
	TAILQ_FOREACH(rp, &rt->all_subs, all_entry)
		if (rp->stamp != stamp && worker_allows(rw->w, rp->uid))
			deliver(rp, rw->w->id, seq, kind, false, b);
	pbuf_reset(b);
	return seq;
}

void
route_worker_event(struct worker *w, unsigned kind, const struct msg_ev *fields)
{
	static const struct msg_ev none;

	fan_out(rw_of(w), kind, fields != NULL ? fields : &none);
}

/* ---- the worker's side ---- */

void *
route_worker_attach(struct router *rt, struct worker *w)
{
	struct rworker *rw = calloc(1, sizeof(*rw));

	if (rw == NULL)
		return NULL;
	rw->rt = rt;
	rw->w = w;
	mailbox_init(&rw->mb, rt->cfg->mailbox_msgs, rt->cfg->mailbox_bytes);
	TAILQ_INIT(&rw->subs);
	TAILQ_INIT(&rw->waiters);
	TAILQ_INIT(&rw->posters);
	return rw;
}

bool
route_worker_can_take(struct worker *w)
{
	struct rworker *rw = rw_of(w);

	if (rw->consumer != NULL) {
		/* rpeer_drained resumes what a peer's drain may let go */
		if (!peer_over(rw->consumer->rp->peer))
			return true;
		rw->consumer->rp->stalled = true;
		return false;
	}
	if (!mailbox_full(&rw->mb))
		return true;
	route_worker_serve(w);
	return !mailbox_full(&rw->mb);
}

void
route_worker_message(struct worker *w, const uint8_t *data, size_t n)
{
	struct rworker *rw = rw_of(w);
	struct msg_ev ev = { .data = { data, n } };
	uint64_t seq = fan_out(rw, EV_MESSAGE, &ev);

	if (rw->consumer != NULL)
		return;
	if (mailbox_push(&rw->mb, seq, data, n) == -1)
		worker_fault(w, "out of memory for its mailbox");
}

void
route_worker_terminated(struct worker *w)
{
	mailbox_clear(&rw_of(w)->mb);
}

/* {t:ok, rid, msgs:[...], closed}: 1..n messages, as many as fit in
 * RECV_REPLY_BYTES (a single larger message goes alone). */
static void
reply_msgs(struct rpeer *rp, uint64_t rid, struct rworker *rw, uint32_t n)
{
	struct router *rt = rw->rt;
	struct pbuf *acc = &rt->acc, *b = &rt->out;
	size_t budget = RECV_REPLY_BYTES < rt->cfg->max_frame - 1024 ? RECV_REPLY_BYTES :
	    rt->cfg->max_frame - 1024;
	uint32_t k = 0;
	uint64_t seq;
	struct msg_recv_ok ok = { .rid = rid };
	int rc;

	pbuf_reset(acc);
	while (k < n && mailbox_count(&rw->mb) > 0) {
		if (k > 0 && acc->len + mailbox_peek_len(&rw->mb) > budget)
			break;
		if (mailbox_take(&rw->mb, acc, &seq) == -1)
			break;
		k++;
	}
	ok.msgs = (struct msg_list){ .count = k, .items = acc->data, .len = acc->len };
	ok.closed = rw->w->state == WS_CLOSED && mailbox_count(&rw->mb) == 0;
	rc = msg_write_recv_ok(b, &ok);
	pbuf_reset(acc);
	if (rc != 0) {
		pbuf_reset(b);
		peer_reply_err(rp->peer, rid, PE_INTERNAL, "worker %llu: reply too large",
		    (unsigned long long)rw->w->id);
		return;
	}
	peer_send_buf(rp->peer, b);
}

static void
waiter_free(struct waiter *wt)
{
	TAILQ_REMOVE(&wt->rw->waiters, wt, wq);
	TAILQ_REMOVE(&wt->rp->waiters, wt, cq);
	peer_pending_done(wt->rp->peer);
	free(wt);
}

void
route_worker_serve(struct worker *w)
{
	struct rworker *rw = rw_of(w);
	struct waiter *wt;

	while (mailbox_count(&rw->mb) > 0) {
		TAILQ_FOREACH(wt, &rw->waiters, wq)
			if (wt->kind == WAIT_RECV)
				break;
		if (wt == NULL)
			return;
		reply_msgs(wt->rp, wt->rid, rw, wt->n);
		waiter_free(wt);
	}
}

static const char *
signal_name(const struct worker *w, char *buf, size_t len)
{
	const char *sig = w->signal > 0 ? sigabbrev_np(w->signal) : NULL;

	if (sig == NULL)
		return NULL;
	snprintf(buf, len, "SIG%s", sig);
	return buf;
}

static struct msg_str
cstr(const char *s)
{
	return (struct msg_str){ s, s != NULL ? strlen(s) : 0 };
}

static void
reply_close(struct rpeer *rp, uint64_t rid, struct worker *w)
{
	struct pbuf *b = &rp->rt->out;
	char name[32];
	struct msg_close_ok ok = { .rid = rid, .code = w->code,
	    .reason = cstr(proto_reason_name(w->reason)), .signal = cstr(signal_name(w, name, sizeof(name))) };

	if (msg_write_close_ok(b, &ok) == -1) {
		pbuf_reset(b);
		return;
	}
	peer_send_buf(rp->peer, b);
}

static void
reply_spawned(struct rpeer *rp, uint64_t rid, struct worker *w)
{
	struct pbuf *b = &rp->rt->out;
	struct msg_spawn_ok ok = { .rid = rid, .id = w->id, .name = cstr(w->name), .pid = (uint64_t)w->pid };

	if (msg_write_spawn_ok(b, &ok) == -1) {
		pbuf_reset(b);
		return;
	}
	peer_send_buf(rp->peer, b);
}

/* The close event's fields. */
static struct msg_ev
close_fields(struct worker *w, char *name, size_t len)
{
	return (struct msg_ev){ .code = w->code, .signal = cstr(signal_name(w, name, len)),
	    .reason = cstr(proto_reason_name(w->reason)) };
}

static void
sub_free(struct sub *s)
{
	if (s->rw->consumer == s)
		s->rw->consumer = NULL;
	TAILQ_REMOVE(&s->rw->subs, s, wq);
	TAILQ_REMOVE(&s->rp->subs, s, cq);
	free(s);
}

void
route_worker_closed(struct worker *w)
{
	struct rworker *rw = rw_of(w);
	char name[32];
	struct msg_ev ev = close_fields(w, name, sizeof(name));
	struct waiter *wt;
	struct sub *s;

	fan_out(rw, EV_CLOSE, &ev);
	while ((wt = TAILQ_FIRST(&rw->waiters)) != NULL) {
		if (wt->kind == WAIT_RECV)
			reply_msgs(wt->rp, wt->rid, rw, wt->n);
		else if (wt->kind == WAIT_SPAWN)
			peer_reply_err(wt->rp->peer, wt->rid, PE_SPAWN_FAILED,
			    "worker %llu: its host could not be started: %s", (unsigned long long)w->id,
			    w->why[0] != '\0' ? w->why : "it closed first");
		else
			reply_close(wt->rp, wt->rid, w);
		waiter_free(wt);
	}
	while ((s = TAILQ_FIRST(&rw->subs)) != NULL)
		sub_free(s);
}

void
route_worker_spawned(struct worker *w)
{
	struct rworker *rw = rw_of(w);
	struct waiter *wt, *next;

	for (wt = TAILQ_FIRST(&rw->waiters); wt != NULL; wt = next) {
		next = TAILQ_NEXT(wt, wq);
		if (wt->kind != WAIT_SPAWN)
			continue;
		reply_spawned(wt->rp, wt->rid, w);
		waiter_free(wt);
	}
}

void
route_worker_detach(struct worker *w)
{
	struct rworker *rw = rw_of(w);
	struct waiter *wt;
	struct sub *s;

	while ((wt = TAILQ_FIRST(&rw->waiters)) != NULL)
		waiter_free(wt);
	while ((s = TAILQ_FIRST(&rw->subs)) != NULL)
		sub_free(s);
	route_worker_room(w);
	mailbox_free(&rw->mb);
	free(rw);
	worker_set_up(w, NULL);
}

/* ---- requests ---- */

static void
maybe_resume(struct worker *w)
{
	if (w->blocked && route_worker_can_take(w))
		worker_resume(w);
}

static void
add_waiter(struct rpeer *rp, uint64_t rid, struct rworker *rw, enum waiter_kind kind, uint32_t n)
{
	struct waiter *wt;

	if (peer_pending_take(rp->peer) == -1) {
		peer_reply_err(rp->peer, rid, PE_LIMIT, "worker %llu: this connection has %u requests waiting already",
		    (unsigned long long)rw->w->id, rp->peer->npending);
		return;
	}
	wt = calloc(1, sizeof(*wt));
	if (wt == NULL) {
		peer_pending_done(rp->peer);
		peer_reply_err(rp->peer, rid, PE_INTERNAL, "worker %llu: out of memory", (unsigned long long)rw->w->id);
		return;
	}
	*wt = (struct waiter){ .rp = rp, .rw = rw, .rid = rid, .kind = kind, .n = n };
	TAILQ_INSERT_TAIL(&rw->waiters, wt, wq);
	TAILQ_INSERT_TAIL(&rp->waiters, wt, cq);
}

void
route_recv(struct rpeer *rp, uint64_t rid, struct worker *w, uint32_t n, bool wait)
{
	struct rworker *rw = rw_of(w);

	if (mailbox_count(&rw->mb) > 0 || w->state == WS_CLOSED || !wait) {
		reply_msgs(rp, rid, rw, n);
		maybe_resume(w);
		return;
	}
	add_waiter(rp, rid, rw, WAIT_RECV, n);
}

void
route_wait_close(struct rpeer *rp, uint64_t rid, struct worker *w)
{
	if (w->state == WS_CLOSED) {
		reply_close(rp, rid, w);
		return;
	}
	add_waiter(rp, rid, rw_of(w), WAIT_CLOSE, 0);
}

void
route_wait_spawned(struct rpeer *rp, uint64_t rid, struct worker *w)
{
	if (w->pid != 0) {
		reply_spawned(rp, rid, w);
		return;
	}
	add_waiter(rp, rid, rw_of(w), WAIT_SPAWN, 0);
}

/* A consuming subscriber takes over what the mailbox holds, as events. */
static void
hand_over_mailbox(struct rpeer *rp, struct rworker *rw)
{
	struct pbuf *acc = &rw->rt->acc, *b = &rw->rt->out;
	struct msg_ev ev;
	uint64_t seq;

	while (mailbox_count(&rw->mb) > 0) {
		pbuf_reset(acc);
		if (mailbox_take(&rw->mb, acc, &seq) == -1)
			break;
		ev = (struct msg_ev){ .data = { acc->data, acc->len } };
		if (build_ev(b, EV_MESSAGE, rw->w->id, seq, &ev) == 0)
			peer_send(rp->peer, b->data, b->len);
		pbuf_reset(b);
	}
	pbuf_reset(acc);
}

static void
send_close_event(struct rpeer *rp, struct rworker *rw)
{
	char name[32];
	struct msg_ev ev = close_fields(rw->w, name, sizeof(name));

	if (build_ev(&rw->rt->out, EV_CLOSE, rw->w->id, rw->seq, &ev) == 0)
		peer_send_buf(rp->peer, &rw->rt->out);
	pbuf_reset(&rw->rt->out);
}

bool
route_consumed_elsewhere(const struct rpeer *rp, struct worker *w)
{
	const struct sub *c = rw_of(w)->consumer;

	return c != NULL && c->rp != rp;
}

bool
route_consumes(const struct rpeer *rp, struct worker *w)
{
	const struct sub *c = rw_of(w)->consumer;

	return c != NULL && c->rp == rp;
}

int
route_subscribe(struct rpeer *rp, struct worker *w, unsigned mask, bool consume)
{
	struct rworker *rw = rw_of(w);
	struct sub *s;

	if (consume && route_consumed_elsewhere(rp, w))
		return -1;
	if (w->state == WS_CLOSED) {
		if (consume)
			hand_over_mailbox(rp, rw);
		if (mask & EV_CLOSE)
			send_close_event(rp, rw);
		return 0;
	}
	/* the worker's subscribers, not the client's: a client may follow
	 * thousands of workers, a worker has few followers */
	TAILQ_FOREACH(s, &rw->subs, wq)
		if (s->rp == rp && s->mask == mask && s->consume == consume)
			return 0;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -2;
	*s = (struct sub){ .rp = rp, .rw = rw, .mask = mask, .consume = consume };
	TAILQ_INSERT_TAIL(&rw->subs, s, wq);
	TAILQ_INSERT_TAIL(&rp->subs, s, cq);
	if (consume) {
		rw->consumer = s;
		hand_over_mailbox(rp, rw);
		maybe_resume(w);
	}
	return 0;
}

void
route_subscribe_all(struct rpeer *rp)
{
	if (rp->sub_all)
		return;
	rp->sub_all = true;
	TAILQ_INSERT_TAIL(&rp->rt->all_subs, rp, all_entry);
}

void
route_unsubscribe(struct rpeer *rp, struct worker *w)
{
	struct rworker *rw = rw_of(w);
	struct sub *s, *next;

	for (s = TAILQ_FIRST(&rw->subs); s != NULL; s = next) {
		next = TAILQ_NEXT(s, wq);
		if (s->rp == rp)
			sub_free(s);
	}
	maybe_resume(w);
}

void
route_unsubscribe_all(struct rpeer *rp)
{
	if (rp->sub_all)
		TAILQ_REMOVE(&rp->rt->all_subs, rp, all_entry);
	rp->sub_all = false;
	while (!TAILQ_EMPTY(&rp->subs))
		route_unsubscribe(rp, TAILQ_FIRST(&rp->subs)->rw->w);
}

void
rpeer_init(struct rpeer *rp, struct router *rt, struct peer *p, uid_t uid)
{
	*rp = (struct rpeer){ .rt = rt, .peer = p, .uid = uid };
	TAILQ_INIT(&rp->subs);
	TAILQ_INIT(&rp->waiters);
}

void
rpeer_gone(struct rpeer *rp)
{
	struct sub *s;
	struct worker *w;

	if (rp->sub_all)
		TAILQ_REMOVE(&rp->rt->all_subs, rp, all_entry);
	rp->sub_all = false;
	if (rp->post_blocked != NULL)
		post_unblock(rp);
	while ((s = TAILQ_FIRST(&rp->subs)) != NULL) {
		w = s->rw->w;
		sub_free(s);
		maybe_resume(w);
	}
	while (!TAILQ_EMPTY(&rp->waiters))
		waiter_free(TAILQ_FIRST(&rp->waiters));
	free(rp->gaps);
	rp->gaps = NULL;
	rp->ngaps = rp->capgaps = 0;
}

void
rpeer_drained(struct rpeer *rp)
{
	struct sub *s;
	size_t i;

	if (rp->peer->gone)
		return;
	if (rp->lagging && peer_outlen(rp->peer) <= rp->rt->cfg->client_buffer / 2) {
		for (i = 0; i < rp->ngaps; i++)
			gap_send(rp, &rp->gaps[i]);
		rp->ngaps = 0;
		rp->lagging = false;
	}
	/* Only a stalled peer has workers to resume: walking every one it
	 * follows on each write would cost a client of 10,000 workers that
	 * much per write. */
	if (!rp->stalled || peer_over(rp->peer))
		return;
	rp->stalled = false;
	TAILQ_FOREACH(s, &rp->subs, cq)
		if (s->consume)
			maybe_resume(s->rw->w);
}
