/*
 * rt_promise.h - ES2015 Promise on the microtask queue.
 *
 * rt_promise_install() defines the globals Promise and AggregateError
 * (needs rt_microtask_install() first).  Promise jobs run through
 * rt_microtask_drain(), in spec order.
 *
 * Unhandled rejections: a promise rejected while it has no handler is
 * tracked; attaching a handler before it is taken un-tracks it.  After a
 * drain, the host calls rt_promise_take_unhandled() until it returns 0:
 * each call pushes the reason of the oldest still-unhandled rejection and
 * returns 1, or pushes nothing and returns 0.  The tracking list is emptied
 * by every call that returns 0, so it only grows between drains.
 */
#ifndef RT_PROMISE_H
#define RT_PROMISE_H

#include <duktape.h>

/* Internal slots of a promise (hidden, so scripts cannot see them);
 * STATE is 0 pending, 1 fulfilled, 2 rejected. */
#define RT_PROMISE_KEY_STATE     DUK_HIDDEN_SYMBOL("rtPromiseState")
#define RT_PROMISE_KEY_VALUE     DUK_HIDDEN_SYMBOL("rtPromiseValue")
#define RT_PROMISE_KEY_REACTIONS DUK_HIDDEN_SYMBOL("rtPromiseReactions")
#define RT_PROMISE_KEY_HANDLED   DUK_HIDDEN_SYMBOL("rtPromiseHandled")

void rt_promise_install(duk_context *ctx);
int rt_promise_take_unhandled(duk_context *ctx);

#endif
