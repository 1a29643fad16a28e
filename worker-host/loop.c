#include "loop.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "globals.h"
#include "host.h"
#include "link.h"
#include "mpwrite.h"
#include "report.h"
#include "rt_microtask.h"
#include "rt_promise.h"
#include "utf8.h"

noreturn void
loop_finish(struct host *h, int32_t code, enum close_reason reason)
{
	h->finishing = true;
	if (link_begin(h, MSG_EXIT, 2) == 0 && proto_key(&h->frame, "code") == 0 &&
	    mpw_int(&h->frame, code) == 0 && proto_key(&h->frame, "reason") == 0 &&
	    mpw_cstr(&h->frame, proto_reason_name(reason)) == 0)
		(void)link_commit(h);
	(void)link_flush_sync(h);
	_exit(code & 0xff);
}

noreturn void
loop_oom(struct host *h)
{
	char msg[128];

	h->finishing = true;
	snprintf(msg, sizeof(msg), "out of memory: heap limit of %zu bytes reached", h->alloc.cap);
	report_plain_error(h, "RangeError", msg);
	loop_finish(h, 1, CR_OOM);
}

noreturn void
loop_end(struct host *h)
{
	duk_context *ctx = h->ctx;
	int32_t code;

	if (h->finishing)
		loop_finish(h, 0, CR_EXIT);
	h->finishing = true;
	if (globals_call(ctx, "exit", 0) != 0) {
		if (h->alloc.exhausted)
			loop_oom(h);
		report_error_frame(h, -1);
		loop_finish(h, 1, CR_ERROR);
	}
	code = duk_to_int32(ctx, -1);
	loop_finish(h, code, CR_EXIT);
}

void
loop_close(struct host *h)
{
	h->closing = true;
	link_stop(h);
}

static int
on_job_error(duk_context *ctx, void *ud)
{
	duk_dup(ctx, -1);
	report_uncaught(ud);
	return 0;
}

void
loop_task_end(struct host *h)
{
	duk_context *ctx = h->ctx;

	for (;;) {
		(void)rt_microtask_drain(ctx, on_job_error, h);
		/* a rejection counts as unhandled once the queue is empty */
		if (!rt_promise_take_unhandled(ctx))
			break;
		report_rejection(h);
	}
	if (h->alloc.exhausted)
		loop_oom(h);
	if (h->smol)
		duk_gc(ctx, 0);
	if (h->closing && !h->finishing)
		loop_end(h);
}

static bool
alive(struct host *h)
{
	duk_context *ctx = h->ctx;
	bool listening = false;

	if (h->timers.refd > 0 || rt_microtask_pending(ctx))
		return true;
	if (!h->stopped) {
		if (globals_call(ctx, "hasMessageListener", 0) == 0)
			listening = duk_to_boolean(ctx, -1);
		duk_pop(ctx);
	}
	return listening;
}

noreturn void
loop_run(struct host *h)
{
	duk_context *ctx = h->ctx;
	bool ran;

	for (;;) {
		while (alive(h)) {
			if (rt_microtask_pending(ctx)) {
				loop_task_end(h);
				continue;
			}
			timers_arm(h);
			event_base_loop(h->base, EVLOOP_ONCE);
		}
		if (globals_call(ctx, "beforeExit", 0) != 0) {
			report_uncaught(h);
			ran = true;
		} else {
			ran = duk_to_boolean(ctx, -1);
			duk_pop(ctx);
		}
		loop_task_end(h);
		if (!ran || !alive(h))
			loop_end(h);
	}
}

static void
send_messageerror(struct host *h, const char *name, const char *msg)
{
	if (!utf8_valid((const uint8_t *)msg, strlen(msg)))
		msg = "the message could not be decoded";
	if (link_begin(h, MSG_MESSAGEERROR, 1) == 0 && proto_key(&h->frame, "error") == 0 &&
	    mpw_map(&h->frame, 2) == 0 &&
	    mpw_cstr(&h->frame, "name") == 0 && mpw_cstr(&h->frame, name) == 0 &&
	    mpw_cstr(&h->frame, "message") == 0 && mpw_cstr(&h->frame, msg) == 0)
		(void)link_commit(h);
	else
		link_abort(h);
}

static void
on_post(struct host *h, const struct proto_msg *m)
{
	duk_context *ctx = h->ctx;
	const uint8_t *p;
	size_t n;
	char err[256];
	int rc;

	if (h->closing)
		return;
	if (proto_get_raw(m, "data", &p, &n) != PF_OK)
		link_fail("post without data");
	if (globals_decode(ctx, p, n, err, sizeof(err)) == 0) {
		rc = globals_call(ctx, "dispatchMessage", 1);
	} else {
		if (h->alloc.exhausted)
			loop_oom(h);
		send_messageerror(h, "DataCloneError", err);
		duk_push_string(ctx, "DataCloneError");
		duk_push_string(ctx, err);
		rc = globals_call(ctx, "dispatchMessageError", 2);
	}
	if (rc != 0)
		report_uncaught(h);
	else
		duk_pop(ctx);
	loop_task_end(h);
}

static void
on_stats(struct host *h)
{
	if (link_begin(h, MSG_STATS, 1) == 0 && proto_key(&h->frame, "heap_bytes") == 0 &&
	    mpw_uint(&h->frame, h->alloc.used) == 0)
		(void)link_commit(h);
	else
		link_abort(h);
}

void
loop_on_frame(struct host *h, const struct proto_msg *m)
{
	switch (m->type) {
	case MSG_POST:
		on_post(h, m);
		break;
	case MSG_STATS:
		on_stats(h);
		break;
	default:
		/* later protocol versions may add messages; this one ignores them */
		break;
	}
}
