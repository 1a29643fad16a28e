/*
 * host.h - the one context of a worker-host process.
 *
 * Everything the host keeps between callbacks lives in one struct host,
 * created by main() and reachable from any Duktape call through the heap's
 * allocator udata (host_get()).  Modules keep their own state in the
 * sub-structs below; none has globals of its own.  host_build() (host.c)
 * makes one with the event base, the capped heap and the whole runtime in
 * place, the link not yet opened (hlink.h).
 */
#ifndef WH_HOST_H
#define WH_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

#include "alloc.h"
#include "buf.h"
#include "fdpass.h"
#include "frame.h"
#include "msg.h"
#include "msgevent.h"
#include "prefault.h"
#include "random.h"
#include "spin.h"
#include "timers.h"

struct event_base;
struct event;
struct evbuffer;
struct outbox;
struct hchan;
struct hring;
struct lower_ahead;
struct http_client;

struct host {
	duk_context *ctx;
	struct event_base *base;

	/* the daemon link (hlink.c) */
	int fd;
	struct evbuffer *in;
	struct frame_rd rd;	/* sorts what is read into in: large frames in blocks */
	struct outbox *out;
	struct event *rd_ev;
	struct event *wr_ev;
	struct pbuf frame;	/* scratch for building one outgoing frame */
	size_t max_frame;
	int (*on_frame)(struct host *h, const struct proto_msg *m, const char **why);
	bool stopped;		/* no more frames are taken */
	bool held;		/* frames wait: the entry module's top-level awaits run */
	struct fdq fdq;		/* descriptors that came on it, for `channel` and `ring` frames */
	struct hchan *chan;	/* the direct channel (hchan.c); made on the first */
	struct hring *ring;	/* the post ring (hring.c), NULL until one comes */
	struct spin spin;	/* the busy-poll before the loop sleeps (loop.c) */
	struct prefault prefault;	/* what a spare faults ahead (template.c) */
	unsigned long tasks;	/* macrotasks ended, the busy-poll's news */

	/* the init message, kept whole: its fields point into init_doc */
	uint8_t *init_doc;
	struct msg_init init;
	const char *script;	/* NUL-terminated copy of init.script */
	bool smol;

	struct msgevent_keys msgev;	/* msgevent.c's, from the template */
	struct halloc alloc;
	struct timers timers;
	struct host_random random;

	bool closing;		/* close() was called: end after this macrotask */
	bool finishing;		/* exit handlers are running: no second round */
	double t0;		/* monotonic ms at start, origin of performance.now() */
	double wall0;		/* the same instant in ms since the epoch */
	struct lower_ahead *ahead;	/* lower.c's requests in flight; made on first use */
	struct http_client *http;	/* mod_http.c's connections and requests; made on first fetch */
};

/* NULL with err when the loop, the heap or the runtime cannot be made. */
struct host *host_build(char *err, size_t errlen);
/* The host that owns ctx's heap. */
struct host *host_get(duk_context *ctx);
/* Monotonic clock in milliseconds. */

#endif
