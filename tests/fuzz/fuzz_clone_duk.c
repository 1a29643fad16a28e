/* libFuzzer target: arbitrary bytes through the structured-clone decoder
 * into a Duktape heap that has the worker's whole ECMAScript runtime (the
 * Map, Set, Promise ... clone_duk_init() captures).  Whatever decodes must
 * encode again, and the encoding is a fixed point: decoding it and
 * encoding that gives the same bytes.  The decoder and the tagged-JSON
 * printer share one reader, so they accept the same inputs, but for what
 * only the engine can refuse: a type Duktape lacks (BigInt and its
 * arrays) and what the engine throws on (a RegExp source it cannot
 * compile), both refused with their reason.  The
 * value stack must be where it was.  Any crash, leak, sanitizer report or
 * abort is a bug. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <duktape.h>

#include "buf.h"
#include "clone_duk.h"
#include "clone_json.h"
#include "rt_collections.h"
#include "rt_es.h"
#include "rt_microtask.h"
#include "rt_promise.h"
#include "rt_text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer calls in with no context of ours: the heap lives here. */
static duk_context *heap;

static void
on_fatal(void *udata, const char *msg)
{
	abort();
}

static duk_ret_t
install(duk_context *ctx, void *udata)
{
	rt_microtask_install(ctx);
	rt_promise_install(ctx);
	rt_collections_install(ctx);
	rt_text_install(ctx);
	rt_es_install(ctx);
	clone_duk_init(ctx);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if ((heap = duk_create_heap(NULL, NULL, NULL, NULL, on_fatal)) == NULL ||
	    duk_safe_call(heap, install, NULL, 0, 1) != 0)
		abort();
	duk_pop(heap);
	return 0;
}

/* Encodes the stack top into out (emptied first); aborts when it cannot:
 * anything the decoder made is cloneable. */
static void
encode_top(struct pbuf *out)
{
	char err[256];

	pbuf_reset(out);
	if (clone_encode(heap, -1, DUK_INVALID_INDEX, out, err, sizeof(err)) != 0)
		abort();
}

/* A refusal that is the engine's, not the reader's. */
static bool
engine_refused(const char *why)
{
	return strstr(why, "cannot be represented") != NULL || strstr(why, "Error: ") != NULL;
}

static bool
json_accepts(const uint8_t *p, size_t n)
{
	char err[256];
	char *text = clone_to_json(p, n, err, sizeof(err));

	free(text);
	return text != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	duk_idx_t top = duk_get_top(heap);
	struct pbuf once, twice;
	char err[256];
	int rc;

	rc = clone_decode(heap, data, size, err, sizeof(err));
	if (json_accepts(data, size) ? rc != 0 && !engine_refused(err) : rc == 0)
		abort();
	if (rc != 0) {
		if (duk_get_top(heap) != top)
			abort();
		return 0;
	}
	pbuf_init(&once);
	pbuf_init(&twice);
	encode_top(&once);
	duk_pop(heap);
	if (clone_decode(heap, once.data, once.len, err, sizeof(err)) != 0)
		abort();
	encode_top(&twice);
	duk_pop(heap);
	if (once.len != twice.len || memcmp(once.data, twice.data, once.len) != 0)
		abort();
	if (duk_get_top(heap) != top)
		abort();
	pbuf_free(&once);
	pbuf_free(&twice);
	return 0;
}
