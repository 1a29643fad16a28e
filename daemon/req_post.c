/*
 * req_post.c - post and recv: messages to and from a worker.
 */
#include "req.h"

#define RECV_MAX 1024

/* 1 when the post must wait for room (wait:true): the frame stays unread. */
int
req_post(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_post req;
	struct worker *w;
	const char *why;
	int rc;

	if (msg_read_post(m, &req, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s", why);
		return 0;
	}
	w = req_need_worker(s, m->type, &req.id, rid);
	if (w == NULL)
		return 0;
	if (!worker_takes_posts(w)) {
		peer_reply_err(&s->peer, rid, PE_CLOSED, "worker %llu: closed", (unsigned long long)w->id);
		return 0;
	}
	rc = route_post(&s->rp, w, req.data.p, req.data.n, req.wait);
	if (rc == 1)
		return 1;
	if (rc == -1) {
		peer_reply_err(&s->peer, rid, PE_QUEUE_FULL, "worker %llu: queue full (%zu bytes waiting, --queue-limit)",
		    (unsigned long long)w->id, worker_queued(w));
		return 0;
	}
	if (rc != 0) {
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: out of memory", (unsigned long long)w->id);
		return 0;
	}
	if (m->has_rid)
		peer_reply_ok(&s->peer, rid);
	return 0;
}

void
req_recv(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_recv req;
	struct worker *w;
	const char *why;

	if (msg_read_recv(m, &req, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s", why);
		return;
	}
	if (req.n < 1 || req.n > RECV_MAX) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "recv: n must be 1..%d", RECV_MAX);
		return;
	}
	w = req_need_worker(s, m->type, &req.id, rid);
	if (w != NULL)
		route_recv(&s->rp, rid, w, (uint32_t)req.n, req.wait);
}
