/*
 * route.h - what flows between workers and clients: posts, the mailbox,
 * subscribers and their events, and requests waiting for an event.
 *
 * Posts are forwarded as opaque bytes; the bytes waiting for a worker
 * (held while it starts, or unread by a busy host) are bounded by
 * --queue-limit: past it a post gets `queue_full`.  Every message a worker
 * posts is kept in its mailbox (bounded by --mailbox-limit messages and
 * --mailbox-bytes) until a `recv` takes it or a consuming subscriber
 * receives it; a full mailbox, or a consuming subscriber whose output
 * passes --client-buffer-limit, stops reading that worker (back-pressure,
 * nothing dropped).  Events carry a per-worker seq; a plain subscriber whose
 * output passes --client-buffer-limit misses events (except `close`) and
 * is sent a `gap` event naming the range once its output has drained to
 * half the bound.  Lag is per worker: past the bound only the worker whose
 * event first found the output full (the flooder) misses events, others'
 * still go out until twice the bound, past which every worker misses events.
 */
#ifndef WD_ROUTE_H
#define WD_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

struct wd;
struct worker;
struct client;

enum {
	EV_OPEN = 1, EV_MESSAGE = 2, EV_MESSAGEERROR = 4, EV_ERROR = 8, EV_LOG = 16,
	EV_CLOSE = 32, EV_ALL = 63
};

struct sub {
	TAILQ_ENTRY(sub) wq;
	TAILQ_ENTRY(sub) cq;
	struct client *c;
	struct worker *w;
	unsigned mask;
	bool consume;
};

enum waiter_kind { WAIT_RECV, WAIT_CLOSE };

struct waiter {
	TAILQ_ENTRY(waiter) wq;
	TAILQ_ENTRY(waiter) cq;
	struct client *c;
	struct worker *w;
	uint64_t rid;
	enum waiter_kind kind;
	uint32_t n;
};

/* One extra field of an event: key and its raw msgpack value. */
struct evfield {
	const char *key;
	const uint8_t *raw;
	size_t n;
};

/* Queues a post for the worker; -1 when its queue is full. */
int route_post(struct worker *w, const uint8_t *data, size_t n);
/* Sends an event (kind EV_*) with extra fields to the worker's subscribers;
 * returns its seq. */
uint64_t route_event(struct worker *w, unsigned kind, const struct evfield *f, unsigned nf);
/* May another message from the worker be taken now? */
bool route_can_accept(struct worker *w);
/* A message from the worker: event, then consumer or mailbox. */
void route_message(struct worker *w, const uint8_t *data, size_t n);
/* Answers pending recv requests from the mailbox. */
void route_serve(struct worker *w);
/* The worker has closed: `close` event, then every waiter answered. */
void route_closed(struct worker *w);
/* Drops the worker's undelivered messages (terminate). */
void route_drop_mailbox(struct worker *w);
/* Detaches every subscriber and waiter of a worker being freed. */
void route_detach_worker(struct worker *w);

/* Request side (client.c). */
void route_recv(struct client *c, uint64_t rid, struct worker *w, uint32_t n, bool wait);
void route_wait_close(struct client *c, uint64_t rid, struct worker *w);
/* Writes the close reply fields of a closed worker: {t:ok, rid, code, reason, signal}. */
void route_reply_close(struct client *c, uint64_t rid, struct worker *w);
/* 0 once subscribed (events due at once are queued first); -1 when another
 * client consumes the worker, -2 when out of memory. The caller must tell
 * the client: a failure is never silent. */
int route_subscribe(struct client *c, struct worker *w, unsigned mask, bool consume);
void route_unsubscribe(struct client *c, struct worker *w);
void route_client_gone(struct client *c);
/* The client's output drained: gaps, consumed workers. */
void route_client_drained(struct client *c);

#endif
