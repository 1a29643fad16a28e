/*
 * req.c - what the request handlers share (req.h).
 */
#include "req.h"

#include <stdbool.h>

/* Looks up the wid in `key`; replies with the error itself when absent. */
struct worker *
req_need_worker(struct session *s, const struct proto_msg *m, uint64_t rid, const char *key)
{
	const struct proto_field *f = proto_field(m, key);
	struct worker *w;
	bool bad;

	w = worker_lookup(s->core->pool, m, key, &bad);
	if (bad) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s %s: expected a worker id or name",
		    proto_type_name(m->type), key);
		return NULL;
	}
	if (w == NULL) {
		if (f->item.kind == MP_UINT)
			peer_reply_err(&s->peer, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
			    (unsigned long long)f->item.v.u);
		else
			peer_reply_err(&s->peer, rid, PE_NO_SUCH_WORKER, "worker %.*s: no such worker",
			    (int)f->item.len, (const char *)f->item.ptr);
	}
	return w;
}
