/*
 * req_sub.c - subscribe and unsubscribe.
 */
#include "req.h"

#include <stdlib.h>

/* Resolves every element of "ids" into ws (caller frees); -1 after replying. */
static int
resolve_ids(struct session *s, const struct proto_msg *m, uint64_t rid, struct worker ***ws, uint32_t *count)
{
	const uint8_t *p;
	size_t n;
	struct mp_reader r;
	struct mp_item it;
	uint32_t i;
	bool bad;
	int rc = proto_get_raw(m, "ids", &p, &n);

	*ws = NULL;
	*count = 0;
	if (rc == PF_ABSENT)
		return 0;
	mp_reader_init(&r, p, n);
	if (rc == PF_BAD || mp_next(&r, &it) == -1 || it.kind != MP_ARRAY) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s: ids: expected an array", proto_type_name(m->type));
		return -1;
	}
	if (it.len == 0)
		return 0;
	*ws = calloc(it.len, sizeof(**ws));
	if (*ws == NULL) {
		peer_reply_err(&s->peer, rid, PE_INTERNAL, "out of memory");
		return -1;
	}
	*count = it.len;
	for (i = 0; i < *count; i++) {
		if (mp_next(&r, &it) == -1 || ((*ws)[i] = worker_lookup_item(s->core->pool, &it, &bad)) == NULL) {
			if (bad || r.err != NULL)
				peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s: ids: expected worker ids or names",
				    proto_type_name(m->type));
			else if (it.kind == MP_UINT)
				peer_reply_err(&s->peer, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
				    (unsigned long long)it.v.u);
			else
				peer_reply_err(&s->peer, rid, PE_NO_SUCH_WORKER, "worker %.*s: no such worker",
				    (int)it.len, (const char *)it.ptr);
			free(*ws);
			*ws = NULL;
			return -1;
		}
	}
	return 0;
}

void
req_subscribe(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker **ws;
	uint32_t n, i;
	bool consume = false;

	if (proto_get_bool(m, "consume", &consume) == PF_BAD) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "subscribe: consume: expected a boolean");
		return;
	}
	if (resolve_ids(s, m, rid, &ws, &n) == -1)
		return;
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
	struct worker **ws;
	uint32_t n, i;

	if (proto_field(m, "ids") == NULL) {
		route_unsubscribe_all(&s->rp);
		peer_reply_ok(&s->peer, rid);
		return;
	}
	if (resolve_ids(s, m, rid, &ws, &n) == -1)
		return;
	for (i = 0; i < n; i++)
		route_unsubscribe(&s->rp, ws[i]);
	free(ws);
	peer_reply_ok(&s->peer, rid);
}
