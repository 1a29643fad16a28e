/*
 * route.h - what flows between workers and clients: posts, the mailbox,
 * subscribers and their events with the gaps of lagging ones, and
 * requests waiting for an event.  This module owns all of that state: its
 * per-worker part (struct rworker, the worker's `up`) and its per-client
 * part (struct rpeer, embedded in the connection but written only here).
 *
 * Posts are forwarded as opaque bytes; the bytes waiting for a worker
 * (held while it starts, or unread by a busy host) are bounded by
 * --queue-limit: past it a post gets `queue_full`, or with wait:true the
 * client's request waits for room and the router's retry callback says
 * when to read it again.  Every message a worker posts is kept in its
 * mailbox (mailbox.h) until a `recv` takes it or a consuming subscriber
 * receives it; a full mailbox, or a consuming subscriber whose output
 * passes --client-buffer-limit, stops reading that worker (back-pressure,
 * nothing dropped).  Events carry a per-worker seq; a plain subscriber whose
 * output passes --client-buffer-limit misses events (except `close`) and
 * is sent a `gap` event naming the range once its output has drained to
 * half the bound.  Lag is per worker: past the bound only the worker whose
 * event first found the output full (the flooder) misses events, others'
 * still go out until twice the bound, past which every worker misses events.
 *
 * The route_worker_* calls are the worker layer's news (worker_ops), made
 * from the loop; the others are requests.  Nothing here calls back into
 * the worker layer's reading: a worker that may be read again is queued
 * (worker_resume), a client that may post again is handed to the retry
 * callback, which must only queue it too.
 */
#ifndef WD_ROUTE_H
#define WD_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include "buf.h"
#include "config.h"
#include "peer.h"
#include "worker.h"

struct rpeer;
struct sub;
struct waiter;
struct gap;
TAILQ_HEAD(rpeer_list, rpeer);
TAILQ_HEAD(sub_list, sub);
TAILQ_HEAD(waiter_list, waiter);

typedef void (*route_retry_cb)(struct rpeer *rp, void *arg);

struct router {
	const struct wd_config *cfg;
	struct rpeer_list all_subs;	/* subscribed to every worker */
	uint64_t ev_stamp;		/* one per event: a client gets it once */
	route_retry_cb retry;
	void *arg;
	/* Scratch, each filled and emptied within one call: */
	struct pbuf ev;			/* the event being fanned out */
	struct pbuf acc;		/* the values of a recv reply */
	struct pbuf out;		/* a reply */
};

struct rpeer {
	struct router *rt;
	struct peer *peer;
	TAILQ_ENTRY(rpeer) all_entry;	/* rt->all_subs */
	TAILQ_ENTRY(rpeer) post_entry;	/* post_blocked->posters */
	struct rworker *post_blocked;	/* a post wait:true waits for room there */
	bool sub_all;			/* of the workers uid may see (worker_allows) */
	uid_t uid;
	uint64_t stamp;			/* last event delivered (dedupe) */
	struct sub_list subs;
	struct waiter_list waiters;
	struct gap *gaps;
	size_t ngaps, capgaps;
	bool lagging;
	bool stalled;			/* a worker it consumes stopped for its output */
};

void router_init(struct router *rt, const struct wd_config *cfg, route_retry_cb retry, void *arg);
void router_free(struct router *rt);
/* Lets go of scratch a huge frame made big (end of the loop iteration). */
void router_trim(struct router *rt);

/* The worker layer's news (worker_ops). */
void *route_worker_attach(struct router *rt, struct worker *w);
/* fields: the event's own (NULL: none); kind, id and seq are filled in. */
void route_worker_event(struct worker *w, unsigned kind, const struct msg_ev *fields);
bool route_worker_can_take(struct worker *w);
void route_worker_message(struct worker *w, const uint8_t *data, size_t n);
/* Answers waiting recvs from the mailbox. */
void route_worker_serve(struct worker *w);
void route_worker_room(struct worker *w);
void route_worker_terminated(struct worker *w);
/* Its pid is known: waiting spawns get their ok. */
void route_worker_spawned(struct worker *w);
/* `close` event, then every waiter answered and every subscriber dropped. */
void route_worker_closed(struct worker *w);
void route_worker_detach(struct worker *w);

/* A client connection. */
void rpeer_init(struct rpeer *rp, struct router *rt, struct peer *p, uid_t uid);
/* Drops its subscriptions, waiters and gaps. */
void rpeer_gone(struct rpeer *rp);
/* Its output drained: gaps, consumed workers. */
void rpeer_drained(struct rpeer *rp);
/* Is one of its posts waiting for room? */
bool rpeer_post_waiting(const struct rpeer *rp);

/* Requests. */
/* 0 posted, 1 waiting for room (wait:true; the retry callback comes),
 * -1 queue full, -2 out of memory. */
int route_post(struct rpeer *rp, struct worker *w, const struct wpost *p, bool wait);
void route_recv(struct rpeer *rp, uint64_t rid, struct worker *w, uint32_t n, bool wait);
void route_wait_close(struct rpeer *rp, uint64_t rid, struct worker *w);
/* The ok of a spawn ({id, name, pid}): now when the pid is known, else
 * once it is; a worker that closes before has its spawn fail. */
void route_wait_spawned(struct rpeer *rp, uint64_t rid, struct worker *w);
/* Does another client consume the worker?  Does this one? */
bool route_consumed_elsewhere(const struct rpeer *rp, struct worker *w);
bool route_consumes(const struct rpeer *rp, struct worker *w);
/* 0 once subscribed (events due at once are queued first); -1 when another
 * client consumes the worker, -2 when out of memory. The caller must tell
 * the client: a failure is never silent. */
int route_subscribe(struct rpeer *rp, struct worker *w, unsigned mask, bool consume);
void route_subscribe_all(struct rpeer *rp);
void route_unsubscribe(struct rpeer *rp, struct worker *w);
void route_unsubscribe_all(struct rpeer *rp);

#endif
