/*
 * bctab.h - BroadcastChannel subscriptions: which workers listen on which
 * channel.  A channel is a (uid, name) pair, the uid being the worker's
 * owner's (worker.h), so workers of different users never share one: the
 * "origin" of the standard.
 *
 * Each worker embeds one struct bcmember (its subscriptions); a struct
 * bcsub ties one member to one channel and sits on both lists.  Channels
 * exist while they have subscribers.  Bounds, given to bctab_init(): at
 * most max_names channels per member and max_subs members per channel;
 * names are at most BC_NAME_MAX bytes (msg.h).  A refused join changes
 * nothing.  The lost count of a subscription is what the router dropped
 * for it (its worker's queue was full) and has not reported yet.  Only
 * this module writes these structs; the others read them (a channel's
 * subs list, a sub's member and owner) and call the functions below.
 * Nothing here allocates except bctab_join().
 */
#ifndef WD_BCTAB_H
#define WD_BCTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/types.h>

#include "table.h"

struct bcsub;
TAILQ_HEAD(bcsub_list, bcsub);

struct bcchan {
	struct tnode node;		/* bctab.chans, by hash of uid and name */
	uid_t uid;
	char *name;
	size_t len;
	struct bcsub_list subs;		/* in joining order */
	unsigned nsubs;
};

struct bcmember {
	struct bcsub_list subs;
	unsigned n;
	unsigned nlost;			/* subs whose lost count is not 0 */
	uid_t uid;
	void *owner;			/* the worker */
};

struct bcsub {
	TAILQ_ENTRY(bcsub) chan_entry;
	TAILQ_ENTRY(bcsub) member_entry;
	struct bcchan *chan;
	struct bcmember *member;
	uint64_t lost;
};

struct bctab {
	struct table chans;
	unsigned max_names, max_subs;
};

enum { BCT_OK = 0, BCT_NAMES = -1, BCT_SUBS = -2, BCT_NAME = -3, BCT_NOMEM = -4 };

void bctab_init(struct bctab *t, unsigned max_names, unsigned max_subs);
/* Frees every channel and subscription (members are not touched). */
void bctab_free(struct bctab *t);
void bcmember_init(struct bcmember *m, void *owner, uid_t uid);
/* BCT_OK when m is subscribed (already, or now), else why not. */
int bctab_join(struct bctab *t, struct bcmember *m, const char *name, size_t len);
/* Nothing when m is not subscribed. */
void bctab_leave(struct bctab *t, struct bcmember *m, const char *name, size_t len);
void bctab_leave_all(struct bctab *t, struct bcmember *m);
struct bcchan *bctab_find(const struct bctab *t, uid_t uid, const char *name, size_t len);
/* One more message dropped for s / the count, now reset to 0. */
void bcsub_lose(struct bcsub *s);
uint64_t bcsub_take_lost(struct bcsub *s);
/* One line for a refusal code ("too many subscribers"). */
const char *bctab_strerror(int code);

#endif
