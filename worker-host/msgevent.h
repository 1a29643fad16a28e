/*
 * msgevent.h - the host's message event at the global scope, built and
 * delivered from C where that costs least.
 *
 * A worker whose only message listener is a plain handler attribute
 * (`onmessage = fn`, the common worker; web_events.js keeps that handler
 * in a slot of the global's handler table, null otherwise) gets its MessageEvent
 * made here, in the layout web_events.js's getters read (its keys come
 * from internal.messageKeys), and fn called directly: the same event,
 * states and errors as dispatch() gives, without the JS frames between.
 * Every other case goes to internal.dispatchMessage, the general dispatch.
 *
 * msgevent_install() runs once, after the JS halves are evaluated (in the
 * template, so a forked worker inherits what it cached and adds nothing
 * to its own memory).
 */
#ifndef WH_MSGEVENT_H
#define WH_MSGEVENT_H

#include <stdbool.h>

#include <duktape.h>

struct host;

/* Heap pointers to what internal.messageKeys names, and the global
 * scope's handler table: taken once in the template, kept alive by the
 * stash, so every worker forked from it shares them. */
struct msgevent_keys {
	void *handlers, *lone, *flags, *time, *target, *data;
	void *proto;
	duk_int_t dispatching, done;
	bool ready;
};

/* native.eventData, the getter of MessageEvent.prototype.data. */
void msgevent_natives(duk_context *ctx, duk_idx_t native);
void msgevent_install(duk_context *ctx);
/* Dispatches the decoded message on the stack top as the host's message
 * event; it is replaced by the result or by what the handler threw.
 * Returns duk_pcall()'s code, as globals_call() does. */
int msgevent_dispatch(struct host *h);
/* Whether a lone onmessage handler is set: a message listener, known
 * without calling into the script. */
bool msgevent_lone_handler(struct host *h);

#endif
