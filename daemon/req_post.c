/*
 * req_post.c - post, recv and channel: messages to and from a worker,
 * through the daemon or, for the client that owns or consumes it, on a
 * direct channel (docs/protocol.md 2.9).
 */
#include "req.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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
	/* the request is the first frame of the client's input: a large one
	 * is a block of its own, whose data the worker's frame references */
	rc = route_post(&s->rp, w, req.data.p, req.data.n, dlink_in_block(&s->peer.link), req.wait);
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

/* The daemon keeps no end: one goes to the host, one to the client, and
 * from then on only the host's `channel_end` tells it anything. */
void
req_channel(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w;
	int sv[2], rc;

	if ((w = req_target(s, m, rid)) == NULL)
		return;
	if (!worker_takes_posts(w)) {
		peer_reply_err(&s->peer, rid, PE_CLOSED, "worker %llu: closed", (unsigned long long)w->id);
		return;
	}
	if (!(w->owned_by_client && w->owner == &s->owned) && !route_consumes(&s->rp, w)) {
		WLOG(s->core->cfg, L_NOTICE, "client %llu: channel to worker %llu: neither its owner nor attached",
		    (unsigned long long)s->peer.serial, (unsigned long long)w->id);
		peer_reply_err(&s->peer, rid, PE_PERMISSION,
		    "worker %llu: permission denied (a direct channel is for the client that owns or consumes it)",
		    (unsigned long long)w->id);
		return;
	}
	if (w->direct) {
		peer_reply_err(&s->peer, rid, PE_LIMIT, "worker %llu: already has a direct channel",
		    (unsigned long long)w->id);
		return;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: socketpair: %s",
		    (unsigned long long)w->id, strerror(errno));
		return;
	}
	/* the host's end first: should the client's fail, the host sees
	 * EOF at once and says channel_end */
	if ((rc = worker_channel(w, sv[0])) != 0) {
		close(sv[1]);
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: out of memory", (unsigned long long)w->id);
		return;
	}
	if (peer_reply_ok_fd(&s->peer, rid, sv[1]) == -1)
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: cannot pass the channel",
		    (unsigned long long)w->id);
}
