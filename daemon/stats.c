#include "stats.h"

#include <event2/event.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "mpwrite.h"
#include "wd.h"
#include "worker.h"

struct statq {
	TAILQ_ENTRY(statq) entry;
	struct wd *wd;
	struct client *c;
	uint64_t rid;
	uint64_t wid;		/* 0: every live worker */
	uint32_t round;
	unsigned remaining;
	struct event *timer;
};

static uint64_t
rss_of(const struct worker *w)
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
	return (uint64_t)res * (uint64_t)w->wd->page_size;
}

static int
write_status(struct pbuf *b, const struct worker *w)
{
	bool closed = w->state == WS_CLOSED;
	double end = closed ? w->ended : wd_now(w->wd);
	const char *sig = w->signal > 0 ? sigabbrev_np(w->signal) : NULL;
	char name[32];
	int rc;

	rc = mpw_map(b, closed ? 17 : 14) |
	    mpw_cstr(b, "id") | mpw_uint(b, w->id) |
	    mpw_cstr(b, "name") | mpw_cstr(b, w->name) |
	    mpw_cstr(b, "script") | mpw_cstr(b, w->script) |
	    mpw_cstr(b, "pid") | mpw_uint(b, (uint64_t)w->pid) |
	    mpw_cstr(b, "state") | mpw_cstr(b, worker_state_name(w->state)) |
	    mpw_cstr(b, "owner") | mpw_cstr(b, w->owned_by_client ? "client" : "daemon") |
	    mpw_cstr(b, "ref") | mpw_bool(b, w->ref) |
	    mpw_cstr(b, "uptime_s") | mpw_double(b, end - w->started) |
	    mpw_cstr(b, "rss_bytes") | mpw_uint(b, rss_of(w)) |
	    mpw_cstr(b, "heap_bytes") | mpw_uint(b, w->heap_bytes) |
	    mpw_cstr(b, "msgs_in") | mpw_uint(b, w->msgs_in) |
	    mpw_cstr(b, "msgs_out") | mpw_uint(b, w->msgs_out) |
	    mpw_cstr(b, "bytes_in") | mpw_uint(b, w->bytes_in) |
	    mpw_cstr(b, "bytes_out") | mpw_uint(b, w->bytes_out);
	if (!closed)
		return rc;
	rc |= mpw_cstr(b, "code") | mpw_int(b, w->code) |
	    mpw_cstr(b, "reason") | mpw_cstr(b, proto_reason_name(w->reason)) |
	    mpw_cstr(b, "signal");
	if (sig == NULL)
		return rc | mpw_nil(b);
	snprintf(name, sizeof(name), "SIG%s", sig);
	return rc | mpw_cstr(b, name);
}

static struct worker *
find(struct wd *wd, uint64_t id)
{
	struct tnode *t = table_first(&wd->by_id, id);

	return t != NULL ? TABLE_ENTRY(t, struct worker, by_id) : NULL;
}

static void
reply(struct wd *wd, struct client *c, uint64_t rid, uint64_t wid)
{
	struct pbuf *b = &wd->out;
	struct worker *w;
	long off = proto_begin(b, MSG_OK, 2);
	int rc;

	if (off == -1)
		return;
	rc = proto_key(b, "rid") | mpw_uint(b, rid);
	if (wid != 0) {
		w = find(wd, wid);
		if (w == NULL) {
			pbuf_reset(b);
			client_reply_err(c, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
			    (unsigned long long)wid);
			return;
		}
		rc |= proto_key(b, "worker") | write_status(b, w);
	} else {
		rc |= proto_key(b, "workers") | mpw_array(b, wd->nlive);
		TAILQ_FOREACH(w, &wd->live, entry)
			rc |= write_status(b, w);
	}
	if (rc != 0 || proto_end(b, off) == -1) {
		pbuf_reset(b);
		client_reply_err(c, rid, PE_INTERNAL, "status: reply too large");
		return;
	}
	client_send_out(c);
}

static void
statq_free(struct statq *q)
{
	TAILQ_REMOVE(&q->wd->statqs, q, entry);
	q->c->npending--;
	if (q->timer != NULL)
		event_free(q->timer);
	free(q);
}

static void
complete(struct statq *q)
{
	reply(q->wd, q->c, q->rid, q->wid);
	statq_free(q);
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct statq *q = arg;

	complete(q);
}

static bool
ask(struct worker *w, uint32_t round)
{
	struct pbuf *b = &w->wd->out;
	long off;

	if (w->state != WS_OPEN || !dlink_is_open(&w->link))
		return false;
	if (w->stats_pending)
		return true;
	off = proto_begin(b, MSG_STATS, 0);
	if (off == -1 || proto_end(b, off) == -1 || dlink_send(&w->link, b->data, b->len) == -1) {
		pbuf_reset(b);
		return false;
	}
	pbuf_reset(b);
	w->stats_pending = true;
	w->stats_round = round;
	return true;
}

void
stats_request(struct client *c, uint64_t rid, struct worker *w)
{
	struct wd *wd = c->wd;
	struct statq *q;
	struct worker *t;
	struct timeval tv;
	double to = wd->cfg.stats_timeout;

	q = c->npending < CLIENT_PENDING_MAX ? calloc(1, sizeof(*q)) : NULL;
	if (q == NULL) {
		reply(wd, c, rid, w != NULL ? w->id : 0);
		return;
	}
	*q = (struct statq){ .wd = wd, .c = c, .rid = rid, .wid = w != NULL ? w->id : 0,
	    .round = ++wd->stats_round };
	TAILQ_INSERT_TAIL(&wd->statqs, q, entry);
	c->npending++;
	if (w != NULL) {
		q->remaining += ask(w, q->round);
	} else {
		TAILQ_FOREACH(t, &wd->live, entry)
			q->remaining += ask(t, q->round);
	}
	if (q->remaining == 0 || (q->timer = evtimer_new(wd->base, on_timeout, q)) == NULL) {
		complete(q);
		return;
	}
	tv.tv_sec = (time_t)to;
	tv.tv_usec = (suseconds_t)((to - (double)tv.tv_sec) * 1e6);
	evtimer_add(q->timer, &tv);
}

void
stats_answered(struct worker *w)
{
	struct statq *q, *next;
	uint32_t round = w->stats_round;

	if (!w->stats_pending)
		return;
	w->stats_pending = false;
	for (q = TAILQ_FIRST(&w->wd->statqs); q != NULL; q = next) {
		next = TAILQ_NEXT(q, entry);
		if ((q->wid == 0 || q->wid == w->id) && q->round >= round && --q->remaining == 0)
			complete(q);
	}
}

void
stats_client_gone(struct client *c)
{
	struct statq *q, *next;

	for (q = TAILQ_FIRST(&c->wd->statqs); q != NULL; q = next) {
		next = TAILQ_NEXT(q, entry);
		if (q->c == c)
			statq_free(q);
	}
}

void
stats_free_all(struct wd *wd)
{
	while (!TAILQ_EMPTY(&wd->statqs))
		statq_free(TAILQ_FIRST(&wd->statqs));
}
