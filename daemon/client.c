/*
 * client.c - client connections: accept, hello, reading requests and
 * dispatching them to the handlers (client.h).
 */
#include "client.h"

#include <errno.h>
#include <event2/buffer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frame.h"

static void client_on_read(struct dlink *l, void *arg);
static void client_on_drain(struct dlink *l, void *arg);
static void client_input(struct client *c);

void
clients_init(struct clients *cl, struct core *core, struct dlink_loop *loop)
{
	*cl = (struct clients){ .cfg = core->cfg, .core = core };
	peers_init(&cl->peers, core->cfg, loop);
	TAILQ_INIT(&cl->live);
	TAILQ_INIT(&cl->dead);
	TAILQ_INIT(&cl->retry);
}

static void
reject(struct clients *cl, int fd, enum proto_err code, const char *msg)
{
	struct pbuf b;

	WLOG(cl->cfg, L_NOTICE, "refused a connection: %s", msg);
	pbuf_init(&b);
	if (proto_write_err(&b, 0, code, "%s", msg) == 0 &&
	    send(fd, b.data, b.len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		WLOG(cl->cfg, L_DEBUG, "refused connection: %s", strerror(errno));
	pbuf_free(&b);
	close(fd);
}

static void
new_client(struct clients *cl, int fd, uid_t uid, gid_t gid)
{
	struct client *c = calloc(1, sizeof(*c));

	if (c == NULL) {
		reject(cl, fd, PE_INTERNAL, "out of memory");
		return;
	}
	c->cl = cl;
	c->uid = uid;
	c->s.uid = uid;
	c->s.gid = gid;
	c->s.core = cl->core;
	if (peer_open(&cl->peers, &c->s.peer, fd, ++cl->next_serial, client_on_read, client_on_drain, c) == -1) {
		free(c);
		return;
	}
	rpeer_init(&c->s.rp, cl->core->rt, &c->s.peer, uid);
	worker_owner_init(&c->s.owned);
	TAILQ_INSERT_TAIL(&cl->live, c, entry);
	cl->n++;
	WLOG(cl->cfg, L_DEBUG, "client %llu: connected, uid %u", (unsigned long long)c->s.peer.serial,
	    (unsigned)uid);
}

int
clients_accept(struct clients *cl, const struct listener *lis)
{
	char msg[128];
	uid_t uid;
	gid_t gid;
	int fd;

	for (;;) {
		fd = accept4(lis->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EAGAIN)
				return 0;
			WLOG(cl->cfg, L_WARNING, "accept: %s", strerror(errno));
			return -1;
		}
		if (!listener_peer_allowed(lis, fd, &uid, &gid)) {
			snprintf(msg, sizeof(msg), "uid %u may not use this daemon", (unsigned)uid);
			reject(cl, fd, PE_PERMISSION, msg);
			continue;
		}
		if (cl->n >= cl->cfg->max_clients) {
			snprintf(msg, sizeof(msg), "client limit reached (%u connections, --max-clients)",
			    cl->cfg->max_clients);
			reject(cl, fd, PE_LIMIT, msg);
			continue;
		}
		new_client(cl, fd, uid, gid);
	}
}

static void
client_kill(struct client *c)
{
	struct clients *cl = c->cl;

	if (c->dead)
		return;
	c->dead = true;
	WLOG(cl->cfg, L_DEBUG, "client %llu: gone", (unsigned long long)c->s.peer.serial);
	if (c->retry) {
		TAILQ_REMOVE(&cl->retry, c, retry_entry);
		c->retry = false;
	}
	stats_peer_gone(cl->core->st, &c->s.peer);
	rpeer_gone(&c->s.rp);
	if (c->s.had_ring)
		wpool_ring_gone(cl->core->pool, c->s.peer.serial);
	worker_owner_gone(&c->s.owned);
	peer_close(&c->s.peer);
	TAILQ_REMOVE(&cl->live, c, entry);
	cl->n--;
	TAILQ_INSERT_TAIL(&cl->dead, c, entry);
	cl->peers.loop->kick(cl->peers.loop->kick_arg);
}

void
clients_free_dead(struct clients *cl)
{
	struct client *c;

	while ((c = TAILQ_FIRST(&cl->dead)) != NULL) {
		TAILQ_REMOVE(&cl->dead, c, entry);
		free(c);
	}
	peers_trim(&cl->peers);
}

void
clients_free(struct clients *cl)
{
	while (!TAILQ_EMPTY(&cl->live))
		client_kill(TAILQ_FIRST(&cl->live));
	clients_free_dead(cl);
	peers_free(&cl->peers);
}

bool
clients_flushed(const struct clients *cl)
{
	const struct client *c;

	TAILQ_FOREACH(c, &cl->live, entry)
		if (peer_outlen(&c->s.peer) > 0)
			return false;
	return true;
}

void
clients_set_exiting(struct clients *cl)
{
	cl->exiting = true;
}

static void
req_hello(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct pbuf *b = peer_reply_buf(&c->s.peer);
	struct msg_welcome w = { .v = PROTO_VERSION, .server = { "workersd " WORKERSD_VERSION,
	    sizeof("workersd " WORKERSD_VERSION) - 1 }, .pid = (uint64_t)getpid(),
	    .max_frame = c->cl->cfg->max_frame };
	struct msg_hello h;
	const char *why;
	uint64_t v;

	if (msg_read_hello(m, &h, &why) == -1) {
		peer_fail(&c->s.peer, rid, PE_BAD_REQUEST, why);
		return;
	}
	v = h.v;
	if (v != PROTO_VERSION) {
		char msg[96];

		snprintf(msg, sizeof(msg), "protocol version %llu is not spoken here (this daemon speaks %d)",
		    (unsigned long long)v, PROTO_VERSION);
		peer_fail(&c->s.peer, 0, PE_VERSION, msg);
		return;
	}
	if (msg_write_welcome(b, &w) == -1) {
		pbuf_reset(b);
		return;
	}
	peer_send_buf(&c->s.peer, b);
	c->hello = true;
}

/* 1 when the request must be read again later (a post waiting for room). */
static int
dispatch(struct client *c, const struct proto_msg *m)
{
	struct session *s = &c->s;
	uint64_t rid = m->has_rid ? m->rid : 0;

	if (!c->hello) {
		if (m->type != MSG_HELLO)
			peer_fail(&s->peer, rid, PE_BAD_REQUEST, "the first message must be hello");
		else
			req_hello(c, m, rid);
		return 0;
	}
	switch (m->type) {
	case MSG_SPAWN: req_spawn(s, m, rid); break;
	case MSG_POST: return req_post(s, m, rid);
	case MSG_RECV: req_recv(s, m, rid); break;
	case MSG_CHANNEL: req_channel(s, m, rid); break;
	case MSG_RING: req_ring(s, m, rid); break;
	case MSG_TERMINATE: req_terminate(s, m, rid); break;
	case MSG_WAIT: req_wait(s, m, rid); break;
	case MSG_SUBSCRIBE: req_subscribe(s, m, rid); break;
	case MSG_UNSUBSCRIBE: req_unsubscribe(s, m, rid); break;
	case MSG_LIST: req_list(s, m, rid); break;
	case MSG_STATUS: req_status(s, m, rid); break;
	case MSG_REF:
	case MSG_UNREF: req_ref(s, m, rid); break;
	case MSG_LOGS: req_logs(s, m, rid); break;
	default:
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "unknown request type %s",
		    m->type == MSG_UNKNOWN ? "(not in the protocol)" : proto_type_name(m->type));
	}
	return 0;
}

static void
client_input(struct client *c)
{
	struct peer *p = &c->s.peer;
	struct dlink *l = &p->link;
	const uint8_t *doc;
	size_t len;
	const char *err = NULL;
	char what[160];
	struct proto_msg m;
	int rc;

	while (!c->dead && !p->closing && !l->paused && !rpeer_post_waiting(&c->s.rp)) {
		rc = frame_peek(l->in, c->cl->cfg->max_frame, &doc, &len, &err);
		if (rc == FRAME_MORE)
			break;
		if (rc == FRAME_ERR || proto_parse(doc, len, &m, &err) == -1) {
			snprintf(what, sizeof(what), "bad frame: %s", err);
			peer_fail(p, 0, PE_BAD_REQUEST, what);
			return;
		}
		if (dispatch(c, &m) == 1) {
			dlink_pause(l);
			return;
		}
		if (c->dead)
			return;
		frame_drain(l->in, len);
		if (peer_over(p))
			dlink_pause(l);
	}
	if (l->eof && !c->dead && !p->closing && !l->paused)
		client_kill(c);
}

/* Reads the client's pending requests again (its post may fit now). */
static void
client_retry(struct client *c)
{
	if (c->dead || c->s.peer.closing || peer_over(&c->s.peer))
		return;
	dlink_resume(&c->s.peer.link);
	client_input(c);
}

void
client_post_room(struct rpeer *rp, void *arg)
{
	struct clients *cl = arg;
	struct client *c = (struct client *)(void *)((char *)rp - offsetof(struct client, s.rp));

	if (c->dead || c->retry)
		return;
	c->retry = true;
	TAILQ_INSERT_TAIL(&cl->retry, c, retry_entry);
	cl->peers.loop->kick(cl->peers.loop->kick_arg);
}

bool
clients_run(struct clients *cl)
{
	struct client *c;
	bool any = false;

	while ((c = TAILQ_FIRST(&cl->retry)) != NULL) {
		TAILQ_REMOVE(&cl->retry, c, retry_entry);
		c->retry = false;
		any = true;
		client_retry(c);
	}
	return any;
}

static void
client_on_read(struct dlink *l, void *arg)
{
	client_input(arg);
}

static void
client_on_drain(struct dlink *l, void *arg)
{
	struct client *c = arg;
	struct peer *p = &c->s.peer;

	if (c->cl->exiting)
		c->cl->peers.loop->kick(c->cl->peers.loop->kick_arg);
	if (l->write_failed || (p->closing && dlink_outlen(l) == 0)) {
		client_kill(c);
		return;
	}
	if (l->paused && !p->closing && !rpeer_post_waiting(&c->s.rp) && !peer_over(p)) {
		dlink_resume(l);
		client_input(c);
		if (c->dead)
			return;
	}
	rpeer_drained(&c->s.rp);
}
