/*
 * rt_buffer.c - loads js/buffer.js once per heap, makes its Buffer the
 * global one and keeps the module object for require("buffer")
 * (rt_buffer.h).
 */
#include "rt_buffer.h"

#include "js_buffer.h"

#define KEY_MODULE DUK_HIDDEN_SYMBOL("rtBufferModule")

void
rt_buffer_install(duk_context *ctx)
{
	duk_push_string(ctx, "buffer.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_buffer, js_buffer_len);
	duk_call(ctx, 0);
	duk_call(ctx, 0);
	duk_get_prop_literal(ctx, -1, "Buffer");
	duk_put_global_literal(ctx, "Buffer");
	duk_push_heap_stash(ctx);
	duk_swap_top(ctx, -2);
	duk_put_prop_literal(ctx, -2, KEY_MODULE);
	duk_pop(ctx);
}

void
rt_buffer_push_module(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_MODULE);
	duk_remove(ctx, -2);
}
