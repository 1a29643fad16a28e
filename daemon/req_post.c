/*
 * req_post.c - post, recv, channel and ring: messages to and from a
 * worker, through the daemon or, for the client that owns or consumes it,
 * on a direct channel (docs/protocol.md 2.9), or with their bytes in a
 * post ring (2.10).
 */
#include "req.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ring.h"

#define RECV_MAX 1024

/* A ring post's bytes are in the connection's ring on w already: the
 * daemon cannot refuse it without the two ends losing their places. */
static bool
ring_post_ok(struct session *s, struct worker *w, const struct msg_post *req, uint64_t rid)
{
	if (w->ring_peer != s->peer.serial) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "worker %llu: this connection has no post ring there",
		    (unsigned long long)w->id);
		return false;
	}
	if (req->ring > w->ring_size) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "worker %llu: a ring post of %llu bytes in a ring of %llu",
		    (unsigned long long)w->id, (unsigned long long)req->ring, (unsigned long long)w->ring_size);
		return false;
	}
	return true;
}

/* 1 when the post must wait for room (wait:true): the frame stays unread. */
int
req_post(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_post req;
	struct worker *w;
	struct wpost post;
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
	if (req.ring != 0 && !ring_post_ok(s, w, &req, rid))
		return 0;
	/* the request is the first frame of the client's input: a large one
	 * is a block of its own, whose data the worker's frame references */
	post = req.ring != 0 ? (struct wpost){ .n = req.ring, .ring = true }
	    : (struct wpost){ req.data.p, req.data.n, dlink_in_block(&s->peer.link), false };
	rc = route_post(&s->rp, w, &post, req.wait || req.ring != 0);
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

/* The worker a channel or ring request may have: open, and owned or
 * consumed by this connection; NULL once the error is sent. */
static struct worker *
direct_target(struct session *s, const struct proto_msg *m, uint64_t rid, const char *what)
{
	struct worker *w;

	if ((w = req_target(s, m, rid)) == NULL)
		return NULL;
	if (!worker_takes_posts(w)) {
		peer_reply_err(&s->peer, rid, PE_CLOSED, "worker %llu: closed", (unsigned long long)w->id);
		return NULL;
	}
	if (!(w->owned_by_client && w->owner == &s->owned) && !route_consumes(&s->rp, w)) {
		WLOG(s->core->cfg, L_NOTICE, "client %llu: %s to worker %llu: neither its owner nor attached",
		    (unsigned long long)s->peer.serial, what, (unsigned long long)w->id);
		peer_reply_err(&s->peer, rid, PE_PERMISSION,
		    "worker %llu: permission denied (a %s is for the client that owns or consumes it)",
		    (unsigned long long)w->id, what);
		return NULL;
	}
	return w;
}

/* The daemon keeps no end: one goes to the host, one to the client, and
 * from then on only the host's `channel_end` tells it anything. */
void
req_channel(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w;
	int sv[2], rc;

	if ((w = direct_target(s, m, rid, "direct channel")) == NULL)
		return;
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

/* The daemon makes the memory, so that it knows its size is sealed and
 * neither end can shrink it under the other (ring.h). */
void
req_ring(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_ring req;
	struct worker *w;
	const char *why;
	int fd, mine;

	if (msg_read_ring(m, &req, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s", why);
		return;
	}
	if (!ring_size_ok(req.size)) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "ring: size %llu is not a multiple of 4096 in [%zu, %zu]",
		    (unsigned long long)req.size, RING_MIN, RING_MAX);
		return;
	}
	if ((w = direct_target(s, m, rid, "post ring")) == NULL)
		return;
	if (w->ring_peer != 0) {
		peer_reply_err(&s->peer, rid, PE_LIMIT, "worker %llu: already has a post ring", (unsigned long long)w->id);
		return;
	}
	if ((fd = ring_create(req.size)) == -1 || (mine = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1) {
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: ring: %s", (unsigned long long)w->id,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return;
	}
	s->had_ring = true;
	if (worker_ring(w, fd, req.size, s->peer.serial) != 0) {
		close(mine);
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: out of memory", (unsigned long long)w->id);
		return;
	}
	if (peer_reply_ok_fd(&s->peer, rid, mine) == -1)
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: cannot pass the ring",
		    (unsigned long long)w->id);
}
