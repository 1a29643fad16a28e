/*
 * bcast.h - BroadcastChannel across the workers of this daemon: the
 * subscriptions (bctab.h) and the fan-out.
 *
 * A host joins a name when its worker opens the first BroadcastChannel of
 * it and leaves with the last; a worker that closes or dies leaves all of
 * its names.  Each bc_post is sent as opaque bytes, a bc_message frame, to
 * every other worker of the same user subscribed to the name (never back
 * to the sender: its host delivers to its own other channels), in the
 * order posted; the daemon keeps one copy of a message, however many
 * hosts it goes to (dlink_shared).  Broadcasts are never back-pressured to the sender (one
 * stuck subscriber must not stall the others, and two workers
 * broadcasting to each other could otherwise wait for each other): a
 * subscriber whose host queue is past --queue-limit misses the message, as
 * a post gets `queue_full`, and keeps missing that name's messages until
 * its queue has drained to half the bound; then it is sent one bc_lost
 * {name, count} frame before anything newer.  A join beyond the bounds of
 * msg.h (BC_NAMES_MAX names per worker, BC_SUBS_MAX subscribers per name,
 * BC_NAME_MAX bytes) is answered with bc_refused {name, msg} and logged.
 *
 * The calls are the worker layer's news (worker_ops.bcast, .room,
 * .closed), made from the loop; nothing here reads a worker.
 */
#ifndef WD_BCAST_H
#define WD_BCAST_H

#include "bctab.h"
#include "buf.h"
#include "config.h"
#include "worker.h"

struct bcast {
	const struct wd_config *cfg;
	struct bctab tab;
	struct pbuf scratch;		/* the frame of one broadcast, filled and emptied in one call */
};

void bcast_init(struct bcast *bc, const struct wd_config *cfg);
void bcast_free(struct bcast *bc);
/* Lets go of scratch a huge broadcast made big (end of the loop iteration). */
void bcast_trim(struct bcast *bc);
/* A bc_join, bc_leave or bc_post from w's host. */
void bcast_frame(struct bcast *bc, struct worker *w, enum msg_type type, const struct msg_bcast *m);
/* w's queue has room: the bc_lost frames it is owed, once at half the bound. */
void bcast_room(struct bcast *bc, struct worker *w);
/* w has closed (or is being freed): it leaves every name. */
void bcast_gone(struct bcast *bc, struct worker *w);

#endif
