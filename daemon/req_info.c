/*
 * req_info.c - status, list and logs.
 */
#include "req.h"

#include "mpwrite.h"

void
req_status(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_need_worker(s, m, rid, "id");

	if (w != NULL)
		stats_request(s->core->st, &s->peer, rid, w);
}

void
req_list(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	stats_request(s->core->st, &s->peer, rid, NULL);
}

void
req_logs(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct pbuf *b = peer_reply_buf(&s->peer);
	struct worker *w;
	bool follow = false;
	long off;
	int rc;

	if (proto_get_bool(m, "follow", &follow) == PF_BAD) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "logs: follow: expected a boolean");
		return;
	}
	w = req_need_worker(s, m, rid, "id");
	if (w == NULL)
		return;
	off = proto_begin(b, MSG_OK, 2);
	rc = off == -1 ? -1 : proto_key(b, "rid") | mpw_uint(b, rid) | proto_key(b, "lines") |
	    worker_write_logs(w, b);
	if (rc != 0 || proto_end(b, off) == -1) {
		pbuf_reset(b);
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: logs too large", (unsigned long long)w->id);
		return;
	}
	peer_send_buf(&s->peer, b);
	if (follow && route_subscribe(&s->rp, w, EV_LOG | EV_CLOSE, false) != 0)
		peer_fail(&s->peer, rid, PE_INTERNAL, "logs: follow: cannot subscribe");
}
