/*
 * bcast.c - BroadcastChannel fan-out and its losses (bcast.h).
 */
#include "bcast.h"

#include <string.h>

#include "log.h"

void
bcast_init(struct bcast *bc, const struct wd_config *cfg)
{
	bc->cfg = cfg;
	bctab_init(&bc->tab, BC_NAMES_MAX, BC_SUBS_MAX);
	pbuf_init(&bc->scratch);
}

void
bcast_free(struct bcast *bc)
{
	bctab_free(&bc->tab);
	pbuf_free(&bc->scratch);
}

void
bcast_trim(struct bcast *bc)
{
	if (bc->scratch.cap > SCRATCH_KEEP)
		pbuf_free(&bc->scratch);
}

static void
join(struct bcast *bc, struct worker *w, const struct msg_bcast *m)
{
	int rc = bctab_join(&bc->tab, &w->bc, m->name.p, m->name.n);
	const char *why;
	struct msg_bcast refused;

	if (rc == BCT_OK)
		return;
	why = bctab_strerror(rc);
	WLOG(bc->cfg, L_WARNING, "worker %llu: BroadcastChannel %.*s: %s", (unsigned long long)w->id,
	    (int)(m->name.n > 64 ? 64 : m->name.n), m->name.p, why);
	refused = (struct msg_bcast){ .name = m->name, .msg = { why, strlen(why) } };
	(void)worker_send_bcast(w, MSG_BC_REFUSED, &refused);
}

/* To every other subscriber of the sender's user, one frame shared by all
 * (a broadcast costs the daemon one copy, however many get it); one that
 * is lagging, whose queue is full, or that cannot take it misses it
 * (counted). */
static void
post(struct bcast *bc, struct worker *w, const struct msg_bcast *m)
{
	struct bcchan *c = bctab_find(&bc->tab, w->uid, m->name.p, m->name.n);
	struct msg_bcast out = { .name = m->name, .data = m->data };
	struct dlink_shared *f = NULL;
	struct bcsub *s;

	if (c == NULL || (c->nsubs == 1 && TAILQ_FIRST(&c->subs)->member->owner == w))
		return;
	if (msg_write_bcast(&bc->scratch, MSG_BC_MESSAGE, &out) == 0)
		f = dlink_shared_new(bc->scratch.data, bc->scratch.len);
	pbuf_reset(&bc->scratch);
	TAILQ_FOREACH(s, &c->subs, chan_entry) {
		if (s->member->owner == w)
			continue;
		if (f == NULL || s->lost > 0 || worker_send_shared(s->member->owner, f) != 0)
			bcsub_lose(s);
	}
	if (f != NULL)
		dlink_shared_drop(f);
}

void
bcast_frame(struct bcast *bc, struct worker *w, enum msg_type type, const struct msg_bcast *m)
{
	switch (type) {
	case MSG_BC_JOIN:
		join(bc, w, m);
		break;
	case MSG_BC_LEAVE:
		bctab_leave(&bc->tab, &w->bc, m->name.p, m->name.n);
		break;
	default:
		post(bc, w, m);
		break;
	}
}

void
bcast_room(struct bcast *bc, struct worker *w)
{
	struct bcsub *s;
	struct msg_bcast lost;

	if (w->bc.nlost == 0 || worker_queued(w) > bc->cfg->queue_bytes / 2)
		return;
	TAILQ_FOREACH(s, &w->bc.subs, member_entry) {
		if (s->lost == 0)
			continue;
		lost = (struct msg_bcast){ .name = { s->chan->name, s->chan->len }, .count = bcsub_take_lost(s) };
		if (worker_send_bcast(w, MSG_BC_LOST, &lost) == -2)
			return;
	}
}

void
bcast_gone(struct bcast *bc, struct worker *w)
{
	if (w->bc.n == 0)
		return;
	WLOG(bc->cfg, L_DEBUG, "worker %llu: leaves its %u BroadcastChannel names", (unsigned long long)w->id, w->bc.n);
	bctab_leave_all(&bc->tab, &w->bc);
}
