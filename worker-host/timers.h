/*
 * timers.h - setTimeout/setInterval/setImmediate and their handles.
 *
 * Timers fire in (deadline, creation) order, so equal delays fire in the
 * order they were created.  Delays follow Node and Bun: anything that is not
 * a number in [1, 2^31-1] ms becomes 1 ms, and there is no nesting clamp.
 * One libevent timer is armed for the earliest deadline; each callback is
 * one macrotask.  Handles are objects with ref()/unref()/hasRef()/refresh()/
 * close() and a numeric Symbol.toPrimitive (the id clearTimeout also takes).
 * At most TIMERS_MAX timers may be pending; one more throws RangeError.
 */
#ifndef WH_TIMERS_H
#define WH_TIMERS_H

#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

#define TIMERS_MAX ((size_t)1 << 20)

struct event;
struct host;
struct timer;

struct timers {
	struct timer **heap;	/* min-heap on (when, seq) */
	size_t len;
	size_t cap;
	size_t refd;		/* pending timers that keep the loop alive */
	uint32_t next_id;
	uint64_t next_seq;
	struct event *ev;
};

/* Defines the timer globals; runs inside a protected call. */
void timers_install(duk_context *ctx);
/* Re-arms the libevent timer for the earliest deadline. */
void timers_arm(struct host *h);

#endif
