/*
 * stats.c - status and list replies, waiting for heap sizes (stats.h).
 */
#include "stats.h"

#include <event2/event.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


struct statq {
	TAILQ_ENTRY(statq) entry;
	struct stats *st;
	struct peer *p;
	uint64_t rid;
	uint64_t wid;		/* 0: every live worker uid may see */
	uid_t uid;
	uint32_t round;
	unsigned remaining;
	struct event *timer;
};

static uint64_t
rss_of(const struct worker *w, long page_size)
{
	char path[64], buf[128];
	unsigned long size, res;
	ssize_t n;
	int fd;

	if (w->state == WS_CLOSED || w->reaped)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/statm", (int)w->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "%lu %lu", &size, &res) != 2)
		return 0;
	return (uint64_t)res * (uint64_t)page_size;
}

static struct msg_str
cstr(const char *s)
{
	return (struct msg_str){ s, s != NULL ? strlen(s) : 0 };
}

/* The status of w; its strings live in w, or in sig (32 bytes). */
static struct msg_status
status_of(const struct worker *w, long page_size, char *sig)
{
	bool closed = w->state == WS_CLOSED;
	double end = closed ? w->ended : wd_now();
	const char *abbrev = w->signal > 0 ? sigabbrev_np(w->signal) : NULL;

	if (abbrev != NULL)
		snprintf(sig, 32, "SIG%s", abbrev);
	return (struct msg_status){
		.id = w->id, .name = cstr(w->name), .script = cstr(w->script), .pid = (uint64_t)w->pid,
		.state = cstr(worker_state_name(w->state)),
		.owner = cstr(w->owned_by_client ? "client" : "daemon"), .ref = w->ref,
		.uptime_s = end - w->started, .rss_bytes = rss_of(w, page_size),
		.heap_bytes = w->heap_bytes, .msgs_in = w->msgs_in, .msgs_out = w->msgs_out,
		.bytes_in = w->bytes_in, .bytes_out = w->bytes_out,
		.closed = closed, .code = w->code, .reason = cstr(proto_reason_name(w->reason)),
		.signal = cstr(abbrev != NULL ? sig : NULL),
	};
}

static int
write_reply(struct stats *st, struct pbuf *b, uint64_t rid, const struct worker *one, uid_t uid)
{
	struct msg_list_ok list = { .rid = rid };
	const struct worker *w;
	struct pbuf items;
	char sig[32];
	int rc = 0;

	if (one != NULL)
		return msg_write_status_ok(b, &(struct msg_status_ok){ rid, status_of(one, st->page_size, sig) });
	pbuf_init(&items);
	TAILQ_FOREACH(w, &st->pool->live, entry) {
		struct msg_status s;

		if (!worker_allows(w, uid))
			continue;
		s = status_of(w, st->page_size, sig);
		if ((rc = msg_write_status(&items, &s)) != 0)
			break;
		list.workers.count++;
	}
	list.workers.items = items.data;
	list.workers.len = items.len;
	if (rc == 0)
		rc = msg_write_list_ok(b, &list);
	pbuf_free(&items);
	return rc;
}

static void
reply(struct stats *st, struct peer *p, uint64_t rid, uint64_t wid, uid_t uid)
{
	struct pbuf *b = &st->out;
	struct worker *w = NULL;

	if (wid != 0 && (w = worker_by_id(st->pool, wid)) == NULL) {
		peer_reply_err(p, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
		    (unsigned long long)wid);
		return;
	}
	if (write_reply(st, b, rid, w, uid) != 0) {
		pbuf_reset(b);
		peer_reply_err(p, rid, PE_INTERNAL, "status: reply too large");
		return;
	}
	peer_send_buf(p, b);
	/* A list of many workers must not pin its memory for good. */
	if (b->cap > SCRATCH_KEEP)
		pbuf_free(b);
}

static void
statq_free(struct statq *q)
{
	TAILQ_REMOVE(&q->st->qs, q, entry);
	peer_pending_done(q->p);
	if (q->timer != NULL)
		event_free(q->timer);
	free(q);
}

static void
complete(struct statq *q)
{
	reply(q->st, q->p, q->rid, q->wid, q->uid);
	statq_free(q);
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct statq *q = arg;

	complete(q);
}

void
stats_init(struct stats *st, const struct wd_config *cfg, struct event_base *base, struct wpool *pool)
{
	*st = (struct stats){ .cfg = cfg, .base = base, .pool = pool, .page_size = sysconf(_SC_PAGESIZE) };
	TAILQ_INIT(&st->qs);
	pbuf_init(&st->out);
}

void
stats_free(struct stats *st)
{
	while (!TAILQ_EMPTY(&st->qs))
		statq_free(TAILQ_FIRST(&st->qs));
	pbuf_free(&st->out);
}

void
stats_request(struct stats *st, struct peer *p, uint64_t rid, struct worker *w, uid_t uid)
{
	struct statq *q;
	struct worker *t;
	struct timeval tv;

	if (peer_pending_take(p) == -1) {
		reply(st, p, rid, w != NULL ? w->id : 0, uid);
		return;
	}
	q = calloc(1, sizeof(*q));
	if (q == NULL) {
		peer_pending_done(p);
		reply(st, p, rid, w != NULL ? w->id : 0, uid);
		return;
	}
	*q = (struct statq){ .st = st, .p = p, .rid = rid, .wid = w != NULL ? w->id : 0,
	    .uid = uid, .round = ++st->round };
	TAILQ_INSERT_TAIL(&st->qs, q, entry);
	if (w != NULL) {
		q->remaining += worker_ask_stats(w, q->round);
	} else {
		TAILQ_FOREACH(t, &st->pool->live, entry)
			if (worker_allows(t, uid))
				q->remaining += worker_ask_stats(t, q->round);
	}
	if (q->remaining == 0 || (q->timer = evtimer_new(st->base, on_timeout, q)) == NULL) {
		complete(q);
		return;
	}
	tv = wd_tv(st->cfg->stats_timeout);
	evtimer_add(q->timer, &tv);
}

void
stats_answered(struct stats *st, struct worker *w, uint32_t round)
{
	struct statq *q, *next;

	for (q = TAILQ_FIRST(&st->qs); q != NULL; q = next) {
		next = TAILQ_NEXT(q, entry);
		if ((q->wid == 0 || q->wid == w->id) && q->round >= round && --q->remaining == 0)
			complete(q);
	}
}

void
stats_peer_gone(struct stats *st, struct peer *p)
{
	struct statq *q, *next;

	for (q = TAILQ_FIRST(&st->qs); q != NULL; q = next) {
		next = TAILQ_NEXT(q, entry);
		if (q->p == p)
			statq_free(q);
	}
}
