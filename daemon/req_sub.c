/*
 * req_sub.c - subscribe and unsubscribe.
 */
#include "req.h"

#include <stdlib.h>

/* Resolves every element of ids into ws (caller frees); -1 after replying. */
static int
resolve_ids(struct session *s, enum msg_type t, const struct msg_list *ids, uint64_t rid,
    struct worker ***ws, uint32_t *count)
{
	struct msg_iter it;
	struct msg_wid wid;
	const char *why;
	uint32_t i;

	*ws = NULL;
	*count = 0;
	if (ids->count == 0)
		return 0;
	*ws = calloc(ids->count, sizeof(**ws));
	if (*ws == NULL) {
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "out of memory");
		return -1;
	}
	msg_iter_init(&it, ids);
	for (i = 0; i < ids->count; i++) {
		if (msg_next_wid(&it, &wid, &why) != 1 || ((*ws)[i] = req_need_worker(s, t, &wid, rid)) == NULL) {
			free(*ws);
			*ws = NULL;
			return -1;
		}
	}
	*count = ids->count;
	return 0;
}

/* Reads a subscribe or unsubscribe; -1 after replying. */
static int
read_sub(struct session *s, const struct proto_msg *m, uint64_t rid, struct msg_subscribe *req)
{
	const char *why;

	if (msg_read_subscribe(m, req, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s: %s", proto_type_name(m->type), why);
		return -1;
	}
	return 0;
}

void
req_subscribe(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_subscribe req;
	struct worker **ws;
	uint32_t n, i;
	bool consume;

	if (read_sub(s, m, rid, &req) == -1 || resolve_ids(s, m->type, &req.ids, rid, &ws, &n) == -1)
		return;
	consume = req.consume;
	if (consume && n != 1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "subscribe: consume names exactly one worker");
		free(ws);
		return;
	}
	if (consume && route_consumed_elsewhere(&s->rp, ws[0])) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "worker %llu: already has a consuming subscriber",
		    (unsigned long long)ws[0]->id);
		free(ws);
		return;
	}
	if (n == 0)
		route_subscribe_all(&s->rp);
	/* Ok only once every subscription exists: a client told ok must be
	 * subscribed. */
	for (i = 0; i < n; i++) {
		if (route_subscribe(&s->rp, ws[i], EV_ALL, consume) != 0) {
			peer_reply_err(&s->peer, rid, PE_INTERNAL, "worker %llu: cannot subscribe",
			    (unsigned long long)ws[i]->id);
			free(ws);
			return;
		}
	}
	peer_reply_ok(&s->peer, rid);
	free(ws);
}

void
req_unsubscribe(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_subscribe req;
	struct worker **ws;
	uint32_t n, i;

	if (read_sub(s, m, rid, &req) == -1)
		return;
	if (req.ids.items == NULL) {
		route_unsubscribe_all(&s->rp);
		peer_reply_ok(&s->peer, rid);
		return;
	}
	if (resolve_ids(s, m->type, &req.ids, rid, &ws, &n) == -1)
		return;
	for (i = 0; i < n; i++)
		route_unsubscribe(&s->rp, ws[i]);
	free(ws);
	peer_reply_ok(&s->peer, rid);
}
