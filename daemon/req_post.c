/*
 * req_post.c - post and recv: messages to and from a worker.
 */
#include "req.h"

#define RECV_MAX 1024

/* 1 when the post must wait for room (wait:true): the frame stays unread. */
int
req_post(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	const uint8_t *data;
	size_t n;
	struct worker *w;
	bool wait = false;
	int rc;

	if (proto_get_raw(m, "data", &data, &n) != PF_OK || proto_get_bool(m, "wait", &wait) == PF_BAD) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "post: data missing or wait not a boolean");
		return 0;
	}
	w = req_need_worker(s, m, rid, "id");
	if (w == NULL)
		return 0;
	if (!worker_takes_posts(w)) {
		peer_reply_err(&s->peer, rid, PE_CLOSED, "worker %llu: closed", (unsigned long long)w->id);
		return 0;
	}
	rc = route_post(&s->rp, w, data, n, wait);
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
	uint64_t n = 1;
	bool wait = true;
	struct worker *w;

	if (proto_get_uint(m, "n", &n) == PF_BAD || n < 1 || n > RECV_MAX ||
	    proto_get_bool(m, "wait", &wait) == PF_BAD) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "recv: n must be 1..%d and wait a boolean", RECV_MAX);
		return;
	}
	w = req_need_worker(s, m, rid, "id");
	if (w != NULL)
		route_recv(&s->rp, rid, w, (uint32_t)n, wait);
}
