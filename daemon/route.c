#include "route.h"

#include <event2/buffer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "mpwrite.h"
#include "proto.h"
#include "wd.h"
#include "worker.h"

/* A recv reply stops adding messages past this size (it always holds at
 * least one), so draining a full mailbox never needs a frame-sized copy. */
#define RECV_REPLY_BYTES ((size_t)4 << 20)

static const char *const ev_names[] = { "open", "message", "messageerror", "error", "log", "close" };

static const char *
ev_name(unsigned kind)
{
	return ev_names[__builtin_ctz(kind)];
}

static int
build_ev(struct pbuf *b, const char *event, uint64_t id, uint64_t seq, const struct evfield *f, unsigned nf)
{
	long off = proto_begin(b, MSG_EV, 3 + nf);
	int rc;
	unsigned i;

	if (off == -1)
		return -1;
	rc = proto_key(b, "event") | mpw_cstr(b, event) | proto_key(b, "id") | mpw_uint(b, id) |
	    proto_key(b, "seq") | mpw_uint(b, seq);
	for (i = 0; i < nf && rc == 0; i++)
		rc = proto_key(b, f[i].key) | mpw_raw(b, f[i].raw, f[i].n);
	if (rc != 0 || proto_end(b, off) == -1) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	return 0;
}

int
route_post(struct worker *w, const uint8_t *data, size_t n)
{
	struct pbuf *b = &w->wd->out;
	long off;

	if (dlink_outlen(&w->link) >= w->wd->cfg.queue_bytes)
		return -1;
	off = proto_begin(b, MSG_POST, 1);
	if (off == -1 || proto_key(b, "data") == -1 || mpw_raw(b, data, n) == -1 ||
	    proto_end(b, off) == -1 || dlink_send(&w->link, b->data, b->len) == -1) {
		pbuf_reset(b);
		return -2;
	}
	pbuf_reset(b);
	w->msgs_in++;
	w->bytes_in += n;
	return 0;
}

/* ---- gaps: what a lagging subscriber missed ---- */

static void
gap_note(struct client *c, uint64_t id, uint64_t seq)
{
	struct gap *g;
	size_t i;

	c->lagging = true;
	for (i = 0; i < c->ngaps; i++) {
		if (c->gaps[i].id == id) {
			c->gaps[i].to = seq;
			return;
		}
	}
	if (c->ngaps == c->capgaps) {
		size_t cap = c->capgaps ? c->capgaps * 2 : 8;

		g = realloc(c->gaps, cap * sizeof(*g));
		if (g == NULL) {
			/* It cannot be told what it missed: it must not believe it
			 * saw everything, so it is closed once its output is out. */
			c->closing = true;
			dlink_pause(&c->link);
			return;
		}
		c->gaps = g;
		c->capgaps = cap;
	}
	c->gaps[c->ngaps++] = (struct gap){ id, seq, seq };
}

static void
gap_send(struct client *c, const struct gap *g)
{
	struct pbuf *b = &c->wd->out2;
	size_t base = b->len;
	uint8_t nums[20];
	struct pbuf tmp = { nums, 0, sizeof(nums), sizeof(nums) };
	struct evfield f[2];
	size_t a;

	mpw_uint(&tmp, g->from);
	a = tmp.len;
	mpw_uint(&tmp, g->to);
	f[0] = (struct evfield){ "from", nums, a };
	f[1] = (struct evfield){ "to", nums + a, tmp.len - a };
	if (build_ev(b, "gap", g->id, g->to, f, 2) == 0)
		dlink_send(&c->link, b->data + base, b->len - base);
	pbuf_truncate(b, base);
}

/* Sends and forgets the gap of one worker, if any. */
static void
gap_flush_one(struct client *c, uint64_t id)
{
	size_t i;

	for (i = 0; i < c->ngaps; i++) {
		if (c->gaps[i].id == id) {
			gap_send(c, &c->gaps[i]);
			c->gaps[i] = c->gaps[--c->ngaps];
			return;
		}
	}
}

static bool
has_gap(const struct client *c, uint64_t id)
{
	size_t i;

	for (i = 0; i < c->ngaps; i++)
		if (c->gaps[i].id == id)
			return true;
	return false;
}

/* Lag is per worker (route.h): past the bound, the worker whose event first
 * finds the output full is taken as the flooder and dropped until the output
 * drains; other workers still get through until twice the bound. */
static bool
must_drop(const struct client *c, uint64_t id)
{
	if (has_gap(c, id))
		return true;
	if (!client_over(c))
		return false;
	return c->ngaps == 0 || dlink_outlen(&c->link) >= 2 * c->wd->cfg.client_buffer;
}

static void
deliver(struct client *c, uint64_t id, uint64_t seq, unsigned kind, bool must, const struct pbuf *frame)
{
	c->stamp = c->wd->ev_stamp;
	if (c->dead)
		return;
	if (!must && kind != EV_CLOSE && must_drop(c, id)) {
		gap_note(c, id, seq);
		return;
	}
	if (kind == EV_CLOSE && c->ngaps > 0)
		gap_flush_one(c, id);
	/* An event that cannot be queued is lost: the client is told so. */
	if (dlink_send(&c->link, frame->data, frame->len) == -1)
		gap_note(c, id, seq);
}

uint64_t
route_event(struct worker *w, unsigned kind, const struct evfield *f, unsigned nf)
{
	struct wd *wd = w->wd;
	struct pbuf *b = &wd->out;
	uint64_t seq = ++w->seq;
	uint64_t stamp = ++wd->ev_stamp;
	struct sub *s;
	struct client *c;

	if (TAILQ_EMPTY(&w->subs) && TAILQ_EMPTY(&wd->all_subs))
		return seq;
	if (build_ev(b, ev_name(kind), w->id, seq, f, nf) == -1) {
		pbuf_reset(b);
		return seq;
	}
	if (w->consumer != NULL)
		deliver(w->consumer->c, w->id, seq, kind, true, b);
	TAILQ_FOREACH(s, &w->subs, wq)
		if ((s->mask & kind) && s->c->stamp != stamp)
			deliver(s->c, w->id, seq, kind, false, b);
	TAILQ_FOREACH(c, &wd->all_subs, all_entry)
		if (c->stamp != stamp)
			deliver(c, w->id, seq, kind, false, b);
	pbuf_reset(b);
	return seq;
}

/* ---- mailbox ---- */

bool
route_can_accept(struct worker *w)
{
	if (w->consumer != NULL)
		return !client_over(w->consumer->c);
	if (!mailbox_full(&w->mb))
		return true;
	route_serve(w);
	return !mailbox_full(&w->mb);
}

void
route_message(struct worker *w, const uint8_t *data, size_t n)
{
	struct evfield f = { "data", data, n };
	uint64_t seq;

	w->msgs_out++;
	w->bytes_out += n;
	seq = route_event(w, EV_MESSAGE, &f, 1);
	if (w->consumer != NULL)
		return;
	if (mailbox_push(&w->mb, seq, data, n) == -1)
		worker_fault(w, "out of memory for its mailbox");
}

void
route_drop_mailbox(struct worker *w)
{
	mailbox_clear(&w->mb);
}

/* {t:ok, rid, msgs:[...], closed}: 1..n messages, as many as fit in
 * RECV_REPLY_BYTES (a single larger message goes alone). */
static void
reply_msgs(struct client *c, uint64_t rid, struct worker *w, uint32_t n)
{
	struct wd *wd = w->wd;
	struct pbuf *acc = &wd->out2, *b = &wd->out;
	size_t budget = RECV_REPLY_BYTES < wd->cfg.max_frame - 1024 ? RECV_REPLY_BYTES : wd->cfg.max_frame - 1024;
	uint32_t k = 0;
	uint64_t seq;
	long off;
	int rc;

	pbuf_reset(acc);
	while (k < n && mailbox_count(&w->mb) > 0) {
		if (k > 0 && acc->len + mailbox_peek_len(&w->mb) > budget)
			break;
		if (mailbox_take(&w->mb, acc, &seq) == -1)
			break;
		k++;
	}
	off = proto_begin(b, MSG_OK, 3);
	rc = off == -1 ? -1 : proto_key(b, "rid") | mpw_uint(b, rid) | proto_key(b, "msgs") |
	    mpw_array(b, k) | mpw_raw(b, acc->data, acc->len) | proto_key(b, "closed") |
	    mpw_bool(b, w->state == WS_CLOSED && mailbox_count(&w->mb) == 0) | proto_end(b, off);
	pbuf_reset(acc);
	if (rc != 0) {
		pbuf_reset(b);
		client_reply_err(c, rid, PE_INTERNAL, "worker %llu: reply too large",
		    (unsigned long long)w->id);
		return;
	}
	client_send_out(c);
}

static void
waiter_free(struct waiter *wt)
{
	TAILQ_REMOVE(&wt->w->waiters, wt, wq);
	TAILQ_REMOVE(&wt->c->waiters, wt, cq);
	wt->c->npending--;
	free(wt);
}

void
route_serve(struct worker *w)
{
	struct waiter *wt;

	while (mailbox_count(&w->mb) > 0) {
		TAILQ_FOREACH(wt, &w->waiters, wq)
			if (wt->kind == WAIT_RECV)
				break;
		if (wt == NULL)
			return;
		reply_msgs(wt->c, wt->rid, w, wt->n);
		waiter_free(wt);
	}
}

void
route_reply_close(struct client *c, uint64_t rid, struct worker *w)
{
	struct pbuf *b = &w->wd->out;
	long off = proto_begin(b, MSG_OK, 4);
	const char *sig = w->signal > 0 ? sigabbrev_np(w->signal) : NULL;
	char name[32];
	int rc;

	if (off == -1)
		return;
	rc = proto_key(b, "rid") | mpw_uint(b, rid) | proto_key(b, "code") | mpw_int(b, w->code) |
	    proto_key(b, "reason") | mpw_cstr(b, proto_reason_name(w->reason)) | proto_key(b, "signal");
	if (sig != NULL) {
		snprintf(name, sizeof(name), "SIG%s", sig);
		rc |= mpw_cstr(b, name);
	} else {
		rc |= mpw_nil(b);
	}
	if (rc != 0 || proto_end(b, off) == -1) {
		pbuf_reset(b);
		return;
	}
	client_send_out(c);
}

/* The close event's fields, written into b. */
static void
close_fields(struct worker *w, struct pbuf *b, struct evfield f[3])
{
	size_t a, s;
	const char *sig = w->signal > 0 ? sigabbrev_np(w->signal) : NULL;
	char name[32];

	pbuf_reset(b);
	mpw_int(b, w->code);
	a = b->len;
	if (sig != NULL) {
		snprintf(name, sizeof(name), "SIG%s", sig);
		mpw_cstr(b, name);
	} else {
		mpw_nil(b);
	}
	s = b->len;
	mpw_cstr(b, proto_reason_name(w->reason));
	f[0] = (struct evfield){ "code", b->data, a };
	f[1] = (struct evfield){ "signal", b->data + a, s - a };
	f[2] = (struct evfield){ "reason", b->data + s, b->len - s };
}

static void
sub_free(struct sub *s)
{
	if (s->w->consumer == s)
		s->w->consumer = NULL;
	TAILQ_REMOVE(&s->w->subs, s, wq);
	TAILQ_REMOVE(&s->c->subs, s, cq);
	free(s);
}

void
route_closed(struct worker *w)
{
	struct pbuf *b = &w->wd->out2;
	struct evfield f[3];
	struct waiter *wt;
	struct sub *s;

	close_fields(w, b, f);
	route_event(w, EV_CLOSE, f, 3);
	pbuf_reset(b);
	while ((wt = TAILQ_FIRST(&w->waiters)) != NULL) {
		if (wt->kind == WAIT_RECV)
			reply_msgs(wt->c, wt->rid, w, wt->n);
		else
			route_reply_close(wt->c, wt->rid, w);
		waiter_free(wt);
	}
	while ((s = TAILQ_FIRST(&w->subs)) != NULL)
		sub_free(s);
}

void
route_detach_worker(struct worker *w)
{
	struct waiter *wt;
	struct sub *s;

	while ((wt = TAILQ_FIRST(&w->waiters)) != NULL)
		waiter_free(wt);
	while ((s = TAILQ_FIRST(&w->subs)) != NULL)
		sub_free(s);
}

/* ---- requests ---- */

static void
maybe_unblock(struct worker *w)
{
	if (w->blocked && route_can_accept(w))
		worker_unblock(w);
}

static void
add_waiter(struct client *c, uint64_t rid, struct worker *w, enum waiter_kind kind, uint32_t n)
{
	struct waiter *wt;

	if (c->npending >= CLIENT_PENDING_MAX) {
		client_reply_err(c, rid, PE_LIMIT, "worker %llu: this connection has %u requests waiting already",
		    (unsigned long long)w->id, c->npending);
		return;
	}
	wt = calloc(1, sizeof(*wt));
	if (wt == NULL) {
		client_reply_err(c, rid, PE_INTERNAL, "worker %llu: out of memory", (unsigned long long)w->id);
		return;
	}
	*wt = (struct waiter){ .c = c, .w = w, .rid = rid, .kind = kind, .n = n };
	TAILQ_INSERT_TAIL(&w->waiters, wt, wq);
	TAILQ_INSERT_TAIL(&c->waiters, wt, cq);
	c->npending++;
}

void
route_recv(struct client *c, uint64_t rid, struct worker *w, uint32_t n, bool wait)
{
	if (mailbox_count(&w->mb) > 0 || w->state == WS_CLOSED || !wait) {
		reply_msgs(c, rid, w, n);
		maybe_unblock(w);
		return;
	}
	add_waiter(c, rid, w, WAIT_RECV, n);
}

void
route_wait_close(struct client *c, uint64_t rid, struct worker *w)
{
	if (w->state == WS_CLOSED) {
		route_reply_close(c, rid, w);
		return;
	}
	add_waiter(c, rid, w, WAIT_CLOSE, 0);
}

/* A consuming subscriber takes over what the mailbox holds, as events. */
static void
hand_over_mailbox(struct client *c, struct worker *w)
{
	struct pbuf *acc = &w->wd->out2, *b = &w->wd->out;
	struct evfield f;
	uint64_t seq;

	while (mailbox_count(&w->mb) > 0) {
		pbuf_reset(acc);
		if (mailbox_take(&w->mb, acc, &seq) == -1)
			break;
		f = (struct evfield){ "data", acc->data, acc->len };
		if (build_ev(b, "message", w->id, seq, &f, 1) == 0)
			dlink_send(&c->link, b->data, b->len);
		pbuf_reset(b);
	}
	pbuf_reset(acc);
}

static void
send_close_event(struct client *c, struct worker *w)
{
	struct pbuf *b = &w->wd->out2;
	struct evfield f[3];

	close_fields(w, b, f);
	if (build_ev(&w->wd->out, "close", w->id, w->seq, f, 3) == 0)
		client_send_out(c);
	pbuf_reset(&w->wd->out);
	pbuf_reset(b);
}

int
route_subscribe(struct client *c, struct worker *w, unsigned mask, bool consume)
{
	struct sub *s;

	if (consume && w->consumer != NULL && w->consumer->c != c)
		return -1;
	if (w->state == WS_CLOSED) {
		if (consume)
			hand_over_mailbox(c, w);
		if (mask & EV_CLOSE)
			send_close_event(c, w);
		return 0;
	}
	TAILQ_FOREACH(s, &c->subs, cq)
		if (s->w == w && s->mask == mask && s->consume == consume)
			return 0;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -2;
	*s = (struct sub){ .c = c, .w = w, .mask = mask, .consume = consume };
	TAILQ_INSERT_TAIL(&w->subs, s, wq);
	TAILQ_INSERT_TAIL(&c->subs, s, cq);
	if (consume) {
		w->consumer = s;
		hand_over_mailbox(c, w);
		maybe_unblock(w);
	}
	return 0;
}

void
route_unsubscribe(struct client *c, struct worker *w)
{
	struct sub *s, *next;

	for (s = TAILQ_FIRST(&c->subs); s != NULL; s = next) {
		next = TAILQ_NEXT(s, cq);
		if (s->w == w)
			sub_free(s);
	}
	maybe_unblock(w);
}

void
route_client_gone(struct client *c)
{
	struct sub *s;
	struct worker *w;

	while ((s = TAILQ_FIRST(&c->subs)) != NULL) {
		w = s->w;
		sub_free(s);
		maybe_unblock(w);
	}
	while (!TAILQ_EMPTY(&c->waiters))
		waiter_free(TAILQ_FIRST(&c->waiters));
	free(c->gaps);
	c->gaps = NULL;
	c->ngaps = c->capgaps = 0;
}

void
route_client_drained(struct client *c)
{
	struct sub *s;
	size_t i;

	if (c->dead)
		return;
	if (c->lagging && dlink_outlen(&c->link) <= c->wd->cfg.client_buffer / 2) {
		for (i = 0; i < c->ngaps; i++)
			gap_send(c, &c->gaps[i]);
		c->ngaps = 0;
		c->lagging = false;
	}
again:
	TAILQ_FOREACH(s, &c->subs, cq) {
		if (s->consume && s->w->blocked && route_can_accept(s->w)) {
			worker_unblock(s->w);
			goto again;
		}
	}
}
