/*
 * peer.c - writing to a client connection: frames, replies, the output
 * bound and the pending-request count (peer.h).
 */
#include "peer.h"

#include <stdarg.h>
#include <unistd.h>


void
peers_init(struct peers *ps, const struct wd_config *cfg, struct dlink_loop *loop)
{
	*ps = (struct peers){ .cfg = cfg, .loop = loop };
	pbuf_init(&ps->reply);
}

void
peers_free(struct peers *ps)
{
	pbuf_free(&ps->reply);
}

void
peers_trim(struct peers *ps)
{
	if (ps->reply.cap > SCRATCH_KEEP)
		pbuf_free(&ps->reply);
}

int
peer_open(struct peers *ps, struct peer *p, int fd, uint64_t serial, dlink_cb on_read, dlink_cb on_drain,
    void *arg)
{
	*p = (struct peer){ .ps = ps, .serial = serial };
	return dlink_open(ps->loop, &p->link, fd, on_read, on_drain, arg);
}

void
peer_close(struct peer *p)
{
	p->gone = true;
	dlink_close(&p->link);
}

int
peer_send(struct peer *p, const void *data, size_t n)
{
	return p->gone ? 0 : dlink_send(&p->link, data, n);
}

struct pbuf *
peer_reply_buf(struct peer *p)
{
	return &p->ps->reply;
}

void
peer_send_buf(struct peer *p, struct pbuf *b)
{
	peer_send(p, b->data, b->len);
	pbuf_reset(b);
}

void
peer_reply_ok(struct peer *p, uint64_t rid)
{
	struct pbuf *b = &p->ps->reply;

	if (msg_write_ok(b, &(struct msg_ok){ rid }) == 0)
		peer_send(p, b->data, b->len);
	pbuf_reset(b);
}

int
peer_reply_ok_fd(struct peer *p, uint64_t rid, int fd)
{
	struct pbuf *b = &p->ps->reply;
	int rc = -1;

	if (!p->gone && msg_write_ok(b, &(struct msg_ok){ rid }) == 0)
		rc = dlink_send_fd(&p->link, b->data, b->len, fd);
	else
		close(fd);
	pbuf_reset(b);
	return rc;
}

void
peer_reply_err(struct peer *p, uint64_t rid, enum proto_err code, const char *fmt, ...)
{
	struct pbuf *b = &p->ps->reply;
	va_list ap;

	va_start(ap, fmt);
	if (proto_write_verr(b, rid, code, fmt, ap) == 0)
		peer_send(p, b->data, b->len);
	pbuf_reset(b);
	va_end(ap);
}

void
peer_close_when_written(struct peer *p)
{
	p->closing = true;
	dlink_pause(&p->link);
	dlink_mark_dirty(&p->link);
}

void
peer_fail(struct peer *p, uint64_t rid, enum proto_err code, const char *what)
{
	WLOG(p->ps->cfg, L_NOTICE, "client %llu: %s; closing the connection", (unsigned long long)p->serial, what);
	peer_reply_err(p, rid, code, "%s", what);
	peer_close_when_written(p);
}

bool
peer_over(const struct peer *p)
{
	return dlink_outlen(&p->link) > p->ps->cfg->client_buffer;
}

size_t
peer_outlen(const struct peer *p)
{
	return dlink_outlen(&p->link);
}

int
peer_pending_take(struct peer *p)
{
	if (p->npending >= PEER_PENDING_MAX)
		return -1;
	p->npending++;
	return 0;
}

void
peer_pending_done(struct peer *p)
{
	p->npending--;
}
