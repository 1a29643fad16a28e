#include "report.h"

#include <stdbool.h>
#include <string.h>

#include "globals.h"
#include "host.h"
#include "hlink.h"
#include "loop.h"
#include "wire.h"

static void
send_error(struct host *h, const struct msg_error *e)
{
	if (msg_write_fault(link_frame(h), MSG_ERROR, &(struct msg_fault){ *e }) == 0)
		(void)link_commit(h);
}

void
report_plain_error(struct host *h, const char *name, const char *message)
{
	struct msg_error e = {
		.name = { name, strlen(name) }, .stack = { "", 0 },
		.filename = { h->script, strlen(h->script) }, .has_pos = true,
	};
	struct pbuf text;

	pbuf_init(&text);
	if (wire_utf8(&text, message, strlen(message)) == 0) {
		e.message = (struct msg_str){ text.len > 0 ? (const char *)text.data : "", text.len };
		send_error(h, &e);
	}
	pbuf_free(&text);
}

static const char *const described[] = { "name", "message", "stack", "filename" };

/* The fields of describeError()'s result at d, as UTF-8 in one buffer. */
static int
take_described(struct host *h, duk_idx_t d, struct pbuf *text, struct msg_error *e)
{
	struct msg_str *out[] = { &e->name, &e->message, &e->stack, &e->filename };
	size_t at[4];
	int rc = 0;

	for (int i = 0; i < 4 && rc == 0; i++) {
		at[i] = text->len;
		duk_get_prop_string(h->ctx, d, described[i]);
		rc = wire_utf8_at(text, h->ctx, -1);
		duk_pop(h->ctx);
	}
	if (rc == -1)
		return -1;
	for (int i = 0; i < 4; i++) {
		out[i]->p = text->len > 0 ? (const char *)text->data + at[i] : "";
		out[i]->n = (i < 3 ? at[i + 1] : text->len) - at[i];
	}
	duk_get_prop_string(h->ctx, d, "lineno");
	e->lineno = duk_to_uint32(h->ctx, -1);
	duk_get_prop_string(h->ctx, d, "colno");
	e->colno = duk_to_uint32(h->ctx, -1);
	duk_pop_2(h->ctx);
	e->has_pos = true;
	return 0;
}

void
report_error_frame(struct host *h, duk_idx_t idx)
{
	duk_context *ctx = h->ctx;
	struct msg_error e = { .has_pos = false };
	struct pbuf text;
	int rc;

	duk_dup(ctx, idx);
	if (globals_call(ctx, "describeError", 1) != 0 || !duk_is_object(ctx, -1)) {
		duk_pop(ctx);
		report_plain_error(h, "Error", "uncaught exception (its description failed)");
		return;
	}
	pbuf_init(&text);
	rc = take_described(h, duk_get_top_index(ctx), &text, &e);
	if (rc == 0)
		rc = msg_write_fault(link_frame(h), MSG_ERROR, &(struct msg_fault){ e }) == -1 ? -1 :
		    link_commit(h);
	pbuf_free(&text);
	if (rc == -1)
		report_plain_error(h, "Error", "uncaught exception (its description failed)");
	duk_pop(ctx);
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
	duk_push_string(ctx, msg);
	duk_push_string(ctx, "DataCloneError");
	/* a DOMException (web_events.js); should making it throw, that is
	 * thrown instead */
	(void)globals_call(ctx, "domException", 2);
	return duk_throw(ctx);
}
