#include "report.h"

#include <stdbool.h>
#include <string.h>

#include "globals.h"
#include "host.h"
#include "link.h"
#include "loop.h"
#include "mpwrite.h"
#include "wire.h"

/* Writes key: d[key] as a str. */
static int
put_str_field(struct host *h, duk_idx_t d, const char *key)
{
	int rc;

	duk_get_prop_string(h->ctx, d, key);
	rc = proto_key(&h->frame, key) == -1 || wire_put_str(&h->frame, h->ctx, -1) == -1 ? -1 : 0;
	duk_pop(h->ctx);
	return rc;
}

void
report_plain_error(struct host *h, const char *name, const char *message)
{
	if (link_begin(h, MSG_ERROR, 1) == -1 || proto_key(&h->frame, "error") == -1 ||
	    mpw_map(&h->frame, 6) == -1 ||
	    mpw_cstr(&h->frame, "name") == -1 || mpw_cstr(&h->frame, name) == -1 ||
	    mpw_cstr(&h->frame, "message") == -1 || wire_put_cesu(&h->frame, message, strlen(message)) == -1 ||
	    mpw_cstr(&h->frame, "stack") == -1 || mpw_cstr(&h->frame, "") == -1 ||
	    mpw_cstr(&h->frame, "filename") == -1 || mpw_cstr(&h->frame, h->script) == -1 ||
	    mpw_cstr(&h->frame, "lineno") == -1 || mpw_uint(&h->frame, 0) == -1 ||
	    mpw_cstr(&h->frame, "colno") == -1 || mpw_uint(&h->frame, 0) == -1) {
		link_abort(h);
		return;
	}
	(void)link_commit(h);
}

void
report_error_frame(struct host *h, duk_idx_t idx)
{
	duk_context *ctx = h->ctx;
	duk_idx_t d;

	duk_dup(ctx, idx);
	if (globals_call(ctx, "describeError", 1) != 0 || !duk_is_object(ctx, -1)) {
		duk_pop(ctx);
		report_plain_error(h, "Error", "uncaught exception (its description failed)");
		return;
	}
	d = duk_get_top_index(ctx);
	duk_get_prop_string(ctx, d, "lineno");
	duk_get_prop_string(ctx, d, "colno");
	if (link_begin(h, MSG_ERROR, 1) == -1 || proto_key(&h->frame, "error") == -1 ||
	    mpw_map(&h->frame, 6) == -1 ||
	    put_str_field(h, d, "name") == -1 || put_str_field(h, d, "message") == -1 ||
	    put_str_field(h, d, "stack") == -1 || put_str_field(h, d, "filename") == -1 ||
	    proto_key(&h->frame, "lineno") == -1 || mpw_uint(&h->frame, duk_to_uint32(ctx, -2)) == -1 ||
	    proto_key(&h->frame, "colno") == -1 || mpw_uint(&h->frame, duk_to_uint32(ctx, -1)) == -1 ||
	    link_commit(h) == -1) {
		link_abort(h);
		report_plain_error(h, "Error", "uncaught exception (its description failed)");
	}
	duk_pop_3(ctx);
}

static duk_ret_t
get_message(duk_context *ctx, void *udata)
{
	duk_get_prop_string(ctx, -1, "message");
	return 1;
}

/* Duktape's own "alloc failed" error, seen even if the allocator's flag
 * was cleared by a later allocation during collection. */
static bool
is_alloc_failure(struct host *h)
{
	duk_context *ctx = h->ctx;
	const char *m;
	bool yes;

	if (h->alloc.exhausted)
		return true;
	if (!duk_is_error(ctx, -1))
		return false;
	if (duk_safe_call(ctx, get_message, NULL, 0, 1) != 0) {
		duk_pop(ctx);
		return false;
	}
	m = duk_get_string(ctx, -1);
	yes = m != NULL && strcmp(m, "alloc failed") == 0;
	duk_pop(ctx);
	return yes;
}

/* Sends the error, runs the exit listeners, ends with 1. */
static noreturn void
fatal_uncaught(struct host *h)
{
	duk_context *ctx = h->ctx;

	if (is_alloc_failure(h))
		loop_oom(h);
	report_error_frame(h, -1);
	if (!h->finishing) {
		h->finishing = true;
		duk_push_int(ctx, 1);
		(void)globals_call(ctx, "exit", 1);
	}
	loop_finish(h, 1, CR_ERROR);
}

void
report_uncaught(struct host *h)
{
	duk_context *ctx = h->ctx;

	if (is_alloc_failure(h))
		loop_oom(h);
	if (h->finishing)
		fatal_uncaught(h);
	duk_dup(ctx, -1);
	if (globals_call(ctx, "dispatchUncaught", 1) != 0) {
		/* a handler threw: that error is the one that ends the worker */
		fatal_uncaught(h);
	}
	if (!duk_to_boolean(ctx, -1)) {
		duk_pop(ctx);
		fatal_uncaught(h);
	}
	duk_pop_2(ctx);
}

void
report_rejection(struct host *h)
{
	duk_context *ctx = h->ctx;

	duk_dup(ctx, -1);
	if (globals_call(ctx, "emitRejection", 1) != 0) {
		/* the listener threw: that error goes on instead */
		duk_remove(ctx, -2);
		report_uncaught(h);
		return;
	}
	if (duk_to_boolean(ctx, -1)) {
		duk_pop_2(ctx);
		return;
	}
	duk_pop(ctx);
	report_uncaught(h);
}

duk_ret_t
report_throw_clone_error(duk_context *ctx, const char *msg)
{
	static const char prefix[] = "DataCloneError: ";

	/* the codec may already name the error; the name says it once */
	if (strncmp(msg, prefix, sizeof(prefix) - 1) == 0)
		msg += sizeof(prefix) - 1;
	duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", msg);
	duk_push_string(ctx, "DataCloneError");
	duk_put_prop_string(ctx, -2, "name");
	duk_push_int(ctx, 25);
	duk_put_prop_string(ctx, -2, "code");
	return duk_throw(ctx);
}
