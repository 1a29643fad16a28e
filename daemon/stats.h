/*
 * stats.h - `status` and `list` replies, and the queries waiting for them.
 *
 * rss_bytes is read from /proc/<pid>/statm; heap_bytes comes from the host
 * (`stats` request).  A reply waits until every open worker it covers has
 * answered, or --stats-timeout has passed, whichever is first; a worker
 * that did not answer in time shows its last known value.  Nothing blocks
 * the loop while waiting.  A waiting query takes one of the peer's pending
 * slots (peer.h); without one it is answered at once.
 */
#ifndef WD_STATS_H
#define WD_STATS_H

#include <stdint.h>
#include <sys/queue.h>

#include "buf.h"
#include "config.h"
#include "peer.h"
#include "worker.h"

struct event_base;
struct statq;
TAILQ_HEAD(statq_list, statq);

struct stats {
	const struct wd_config *cfg;
	struct event_base *base;
	struct wpool *pool;
	long page_size;
	struct statq_list qs;
	uint32_t round;
	struct pbuf out;		/* a reply, built and sent at once */
};

void stats_init(struct stats *st, const struct wd_config *cfg, struct event_base *base, struct wpool *pool);
void stats_free(struct stats *st);
/* w NULL: every live worker uid may see (list); else that worker (status). */
void stats_request(struct stats *st, struct peer *p, uint64_t rid, struct worker *w, uid_t uid);
/* The host answered the `stats` of `round` (or closed). */
void stats_answered(struct stats *st, struct worker *w, uint32_t round);
void stats_peer_gone(struct stats *st, struct peer *p);

#endif
