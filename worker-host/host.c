/*
 * host.c - building the one context of a worker-host process (host.h): the
 * event base, the counting allocator, the Duktape heap and the whole
 * runtime, everything that is the same in every worker, so a template can
 * build it once and the fuzzers can build it without a daemon.
 */
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

#include "clone_duk.h"
#include "console.h"
#include "globals.h"
#include "hotnames.h"
#include "loop.h"
#include "report.h"
#include "rt_buffer.h"
#include "rt_collections.h"
#include "rt_error.h"
#include "rt_es.h"
#include "rt_inspect.h"
#include "rt_intl.h"
#include "rt_lang.h"
#include "rt_microtask.h"
#include "rt_promise.h"
#include "rt_proxy.h"
#include "rt_regexp.h"
#include "rt_text.h"

struct host *
host_get(duk_context *ctx)
{
	duk_memory_functions f;

	duk_get_memory_functions(ctx, &f);
	return (struct host *)((char *)f.udata - offsetof(struct host, alloc));
}

static noreturn void
on_fatal(void *udata, const char *msg)
{
	struct host *h = (struct host *)((char *)udata - offsetof(struct host, alloc));

	fprintf(stderr, "worker-host: fatal: %s\n", msg ? msg : "unknown");
	if (h->alloc.exhausted)
		loop_oom(h);
	report_plain_error(h, "Error", msg ? msg : "fatal engine error");
	loop_finish(h, 1, CR_ERROR);
}

static duk_ret_t
install_all(duk_context *ctx, void *udata)
{
	hotnames_install(ctx);
	rt_microtask_install(ctx);
	rt_promise_install(ctx);
	rt_collections_install(ctx);
	rt_text_install(ctx);
	rt_regexp_install(ctx);
	rt_inspect_install(ctx);
	rt_es_install(ctx);
	rt_proxy_install(ctx);
	rt_buffer_install(ctx);
	rt_lang_install(ctx);
	rt_intl_install(ctx);
	clone_duk_init(ctx);
	timers_install(ctx);
	console_install(ctx);
	globals_install(ctx);
	random_install(ctx);
	rt_error_install(ctx);
	return 0;
}

struct host *
host_build(char *err, size_t errlen)
{
	struct host *h = calloc(1, sizeof(*h));

	if (h == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((h->base = event_base_new()) == NULL) {
		snprintf(err, errlen, "cannot create the event loop");
		return NULL;
	}
	halloc_init(&h->alloc, HALLOC_DEFAULT_CAP);
	h->ctx = duk_create_heap(halloc_alloc, halloc_realloc, halloc_free, &h->alloc, on_fatal);
	if (h->ctx == NULL) {
		snprintf(err, errlen, "cannot create the JavaScript heap");
		return NULL;
	}
	if (duk_safe_call(h->ctx, install_all, NULL, 0, 1) != 0) {
		snprintf(err, errlen, "setting up the global scope: %s", duk_safe_to_string(h->ctx, -1));
		return NULL;
	}
	duk_pop(h->ctx);
	return h;
}
