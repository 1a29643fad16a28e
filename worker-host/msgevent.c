/*
 * msgevent.c - the global scope's message event for a lone onmessage,
 * built and delivered from C (msgevent.h), in the layout of web_events.js:
 * the keys internal.messageKeys names are taken once, in the template, as
 * heap pointers kept in struct host; the event is a bare object given
 * its four slots and MessageEvent.prototype, the handler called directly.
 */
#include "msgevent.h"

#include <stdbool.h>

#include "clock.h"
#include "globals.h"
#include "host.h"

#define K_KEYS DUK_HIDDEN_SYMBOL("messageKeys")


static void *
key_ptr(duk_context *ctx, duk_idx_t keys, const char *name)
{
	void *p;

	duk_get_prop_string(ctx, keys, name);
	p = duk_get_heapptr(ctx, -1);
	duk_pop(ctx);
	return p;
}

/* The global's handler table (events.js made it), kept alive as a value
 * of the stashed object. */
static void *
handler_table(duk_context *ctx, duk_idx_t keys)
{
	duk_push_global_object(ctx);
	duk_get_prop_string(ctx, keys, "handlers");
	duk_get_prop(ctx, -2);
	duk_remove(ctx, -2);
	if (!duk_is_object(ctx, -1)) {
		duk_pop(ctx);
		return NULL;
	}
	duk_put_prop_string(ctx, keys, "handlerTable");
	return key_ptr(ctx, keys, "handlerTable");
}

/* MessageEvent.prototype.data: this[kData], as the JS getter read it,
 * without a JS frame or the closure's lookup of kData. */
static duk_ret_t
event_data(duk_context *ctx)
{
	const struct msgevent_keys *K = &host_get(ctx)->msgev;

	duk_push_this(ctx);
	if (duk_is_null_or_undefined(ctx, -1))
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "cannot read property 'data' of %s", duk_is_null(ctx, -1) ? "null" : "undefined");
	if (!K->ready)
		return 0;
	duk_push_heapptr(ctx, K->data);
	duk_get_prop(ctx, -2);
	return 1;
}

void
msgevent_natives(duk_context *ctx, duk_idx_t native)
{
	duk_push_c_function(ctx, event_data, 0);
	duk_put_prop_string(ctx, native, "eventData");
}

void
msgevent_install(duk_context *ctx)
{
	struct msgevent_keys *K = &host_get(ctx)->msgev;
	duk_idx_t keys;

	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, DUK_HIDDEN_SYMBOL("internal"));
	duk_get_prop_string(ctx, -1, "messageKeys");
	keys = duk_get_top_index(ctx);
	if (!duk_is_object(ctx, keys)) {
		duk_pop_3(ctx);
		return;
	}
	K->handlers = handler_table(ctx, keys);
	K->lone = key_ptr(ctx, keys, "lone");
	K->flags = key_ptr(ctx, keys, "flags");
	K->time = key_ptr(ctx, keys, "time");
	K->target = key_ptr(ctx, keys, "target");
	K->data = key_ptr(ctx, keys, "data");
	K->proto = key_ptr(ctx, keys, "proto");
	duk_get_prop_string(ctx, keys, "dispatching");
	K->dispatching = duk_get_int(ctx, -1);
	duk_get_prop_string(ctx, keys, "done");
	K->done = duk_get_int(ctx, -1);
	duk_pop_2(ctx);
	K->ready = K->handlers && K->lone && K->flags && K->time && K->target && K->data && K->proto;
	duk_dup(ctx, keys);
	duk_put_prop_string(ctx, -4, K_KEYS);
	duk_pop_3(ctx);
}

/* Pushes obj[key] (obj an object), as a JS read would. */
static void
get(duk_context *ctx, duk_idx_t obj, void *key)
{
	duk_push_heapptr(ctx, key);
	duk_get_prop(ctx, obj < 0 ? obj - 1 : obj);
}

/* obj[key] = the value on top (popped). */
static void
put(duk_context *ctx, duk_idx_t obj, void *key)
{
	duk_push_heapptr(ctx, key);
	duk_swap_top(ctx, -2);
	duk_put_prop(ctx, obj);
}

/* The event messageEvent() makes, already at the target as dispatch()
 * leaves it before calling a listener.  Built bare, so that no put walks
 * the prototype chain, and given MessageEvent.prototype once complete;
 * its type is the prototype's. */
static void
push_event(struct host *h, duk_idx_t data, duk_idx_t global)
{
	const struct msgevent_keys *K = &h->msgev;
	duk_context *ctx = h->ctx;
	duk_idx_t ev = duk_push_bare_object(ctx);

	duk_push_int(ctx, K->dispatching);
	put(ctx, ev, K->flags);
	duk_push_number(ctx, mono_ms() - h->t0);
	put(ctx, ev, K->time);
	duk_dup(ctx, global);
	put(ctx, ev, K->target);
	duk_dup(ctx, data);
	put(ctx, ev, K->data);
	duk_push_heapptr(ctx, K->proto);
	duk_set_prototype(ctx, ev);
}

/* The event leaves the target as dispatch() leaves it: not dispatching
 * (so no current target), no phase, the propagation flags cleared.
 * Nothing the handler could do leaves another flag (the event is not
 * cancelable, nor dispatched again while dispatching), so the flags are
 * known without reading them. */
static void
end_dispatch(struct host *h, duk_idx_t ev)
{
	const struct msgevent_keys *K = &h->msgev;
	duk_context *ctx = h->ctx;

	duk_push_int(ctx, K->dispatching & K->done);
	put(ctx, ev, K->flags);
}

/* Inside the protected call, so that a throw from any step (a handler
 * that froze the event, say) is the host's to report, as it was from the
 * JS dispatch.  The handler's own throw is rethrown once the event is
 * reset, as dispatch() does. */
static duk_ret_t
deliver_safe(duk_context *ctx, void *udata)
{
	struct host *h = udata;
	const struct msgevent_keys *K = &h->msgev;
	duk_idx_t data = duk_get_top_index(ctx), global, ev;
	int rc;

	if (K->ready) {
		duk_push_heapptr(ctx, K->handlers);
		get(ctx, -1, K->lone);
	}
	if (!K->ready || !duk_is_function(ctx, -1)) {
		duk_set_top(ctx, data + 1);
		if (globals_call(ctx, "dispatchMessage", 1) != 0)
			return duk_throw(ctx);
		return 1;
	}
	duk_remove(ctx, -2);
	duk_push_global_object(ctx);
	global = data + 2;
	push_event(h, data, global);
	ev = duk_get_top_index(ctx);
	duk_dup(ctx, data + 1);
	duk_dup(ctx, global);
	duk_dup(ctx, ev);
	/* not cancelable: what it returns is ignored */
	rc = duk_pcall_method(ctx, 1);
	end_dispatch(h, ev);
	if (rc != DUK_EXEC_SUCCESS)
		return duk_throw(ctx);
	return 1;
}

int
msgevent_dispatch(struct host *h)
{
	return duk_safe_call(h->ctx, deliver_safe, h, 1, 1);
}

bool
msgevent_lone_handler(struct host *h)
{
	duk_context *ctx = h->ctx;
	bool yes;

	if (!h->msgev.ready)
		return false;
	duk_push_heapptr(ctx, h->msgev.handlers);
	get(ctx, -1, h->msgev.lone);
	yes = duk_is_function(ctx, -1);
	duk_pop_2(ctx);
	return yes;
}
