/*
 * req_info.c - status, list and logs.
 */
#include "req.h"


void
req_status(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_target(s, m, rid);

	if (w != NULL)
		stats_request(s->core->st, &s->peer, rid, w, s->uid);
}

void
req_list(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	stats_request(s->core->st, &s->peer, rid, NULL, s->uid);
}

void
req_logs(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct pbuf *b = peer_reply_buf(&s->peer);
	struct pbuf lines;
	struct msg_logs_ok ok = { .rid = rid };
	struct msg_logs req;
	struct worker *w;
	const char *why;
	int rc;

	if (msg_read_logs(m, &req, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s", why);
		return;
	}
	w = req_need_worker(s, m->type, &req.id, rid);
	if (w == NULL)
		return;
	pbuf_init(&lines);
	rc = worker_write_logs(w, &lines);
	if (rc == 0)
		rc = msg_list_from(&ok.lines, lines.data, lines.len);
	if (rc == 0)
		rc = msg_write_logs_ok(b, &ok);
	pbuf_free(&lines);
	if (rc != 0) {
		pbuf_reset(b);
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: logs too large", (unsigned long long)w->id);
		return;
	}
	peer_send_buf(&s->peer, b);
	if (req.follow && route_subscribe(&s->rp, w, EV_LOG | EV_CLOSE, false) != 0)
		peer_fail(&s->peer, rid, PE_INTERNAL, "logs: follow: cannot subscribe");
}
