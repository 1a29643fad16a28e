/*
 * req.c - what the request handlers share (req.h).
 */
#include "req.h"

#include <stdbool.h>

struct worker *
req_need_worker(struct session *s, enum msg_type t, const struct msg_wid *id, uint64_t rid)
{
	struct worker *w;
	bool bad;

	w = worker_lookup(s->core->pool, id, &bad);
	if (bad) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s id: expected a worker id or name",
		    proto_type_name(t));
		return NULL;
	}
	if (w != NULL && !worker_allows(w, s->uid)) {
		WLOG(s->core->cfg, L_NOTICE, "client %llu (uid %u): %s of worker %llu (uid %u): permission denied",
		    (unsigned long long)s->peer.serial, (unsigned)s->uid, proto_type_name(t),
		    (unsigned long long)w->id, (unsigned)w->uid);
		if (!id->is_name)
			peer_reply_err(&s->peer, rid, PE_PERMISSION, "worker %llu: permission denied",
			    (unsigned long long)id->id);
		else
			peer_reply_err(&s->peer, rid, PE_PERMISSION, "worker %.*s: permission denied",
			    (int)id->name.n, id->name.p);
		return NULL;
	}
	if (w == NULL) {
		if (!id->is_name)
			peer_reply_err(&s->peer, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
			    (unsigned long long)id->id);
		else
			peer_reply_err(&s->peer, rid, PE_NO_SUCH_WORKER, "worker %.*s: no such worker",
			    (int)id->name.n, id->name.p);
	}
	return w;
}

struct worker *
req_target(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_target t;
	const char *why;

	if (msg_read_target(m, &t, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s: %s", proto_type_name(m->type), why);
		return NULL;
	}
	return req_need_worker(s, m->type, &t.id, rid);
}
