/*
 * rt_microtask.c - microtask queue kept in a stash array.
 *
 * Each job takes JOB_SLOTS array slots: the function, its argument count and
 * up to three arguments (Promise reaction jobs carry their record and value
 * this way instead of allocating a closure per job).  head/tail are slot
 * indices kept in a small fixed buffer next to the array.
 */
#include "rt_microtask.h"

#include <string.h>

#define KEY_QUEUE   DUK_HIDDEN_SYMBOL("rtMicrotaskQueue")
#define KEY_POS     DUK_HIDDEN_SYMBOL("rtMicrotaskPos")
#define JOB_SLOTS   5
#define MAX_ARGS    3
/* Slots consumed before the array is shifted down during a long drain. */
#define COMPACT_AT  (4096 * JOB_SLOTS)

struct mtq_pos {
	duk_uarridx_t head;
	duk_uarridx_t tail;
};

/* The position record alone: a fixed buffer the stash holds, so the
 * pointer stays valid after the pop.  Enough to see an empty queue, which
 * is what the end of almost every macrotask sees. */
static struct mtq_pos *
mtq_pos(duk_context *ctx)
{
	struct mtq_pos *pos;

	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_POS);
	pos = duk_require_buffer(ctx, -1, NULL);
	duk_pop_2(ctx);
	return pos;
}

/* Pushes the queue array and returns the position record. */
static struct mtq_pos *
mtq_get(duk_context *ctx)
{
	struct mtq_pos *pos = mtq_pos(ctx);

	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_QUEUE);
	duk_remove(ctx, -2);
	return pos;
}

void
rt_microtask_enqueue_call(duk_context *ctx, duk_idx_t fn_idx, duk_idx_t nargs)
{
	struct mtq_pos *pos;
	duk_idx_t i, q;

	fn_idx = duk_require_normalize_index(ctx, fn_idx);
	if (!duk_is_callable(ctx, fn_idx))
		duk_type_error(ctx, "microtask callback is not a function");
	if (nargs > MAX_ARGS)
		duk_range_error(ctx, "microtask takes at most %d arguments", MAX_ARGS);
	pos = mtq_get(ctx);
	q = duk_get_top_index(ctx);
	if ((pos->tail - pos->head) / JOB_SLOTS >= (duk_uarridx_t)RT_MICROTASK_MAX) {
		duk_pop(ctx);
		duk_range_error(ctx, "microtask queue full (%ld jobs pending)", (long)RT_MICROTASK_MAX);
	}
	duk_dup(ctx, fn_idx);
	duk_put_prop_index(ctx, q, pos->tail);
	duk_push_int(ctx, nargs);
	duk_put_prop_index(ctx, q, pos->tail + 1);
	for (i = 0; i < MAX_ARGS; i++) {
		if (i < nargs)
			duk_dup(ctx, fn_idx + 1 + i);
		else
			duk_push_undefined(ctx);
		duk_put_prop_index(ctx, q, pos->tail + 2 + i);
	}
	pos->tail += JOB_SLOTS;
	duk_pop(ctx);
}

void
rt_microtask_enqueue(duk_context *ctx, duk_idx_t fn_idx)
{
	rt_microtask_enqueue_call(ctx, fn_idx, 0);
}

bool
rt_microtask_pending(duk_context *ctx)
{
	struct mtq_pos *pos = mtq_pos(ctx);

	return pos->head < pos->tail;
}

/* Moves the unconsumed slots to the front so a drain that never empties the
 * queue does not grow the array without end. */
static void
mtq_compact(duk_context *ctx, duk_idx_t q, struct mtq_pos *pos)
{
	duk_uarridx_t i, n = pos->tail - pos->head;

	for (i = 0; i < n; i++) {
		duk_get_prop_index(ctx, q, pos->head + i);
		duk_put_prop_index(ctx, q, i);
	}
	pos->head = 0;
	pos->tail = n;
	duk_set_length(ctx, q, n);
}

/* Pushes the next job's function, undefined this and arguments; returns the
 * argument count. */
static duk_idx_t
mtq_take(duk_context *ctx, duk_idx_t q, struct mtq_pos *pos)
{
	duk_idx_t nargs, i;
	duk_uarridx_t at = pos->head;

	duk_get_prop_index(ctx, q, at);
	duk_push_undefined(ctx);
	duk_get_prop_index(ctx, q, at + 1);
	nargs = (duk_idx_t)duk_get_int(ctx, -1);
	duk_pop(ctx);
	for (i = 0; i < nargs; i++)
		duk_get_prop_index(ctx, q, at + 2 + i);
	/* Drop the queue's references so finished jobs can be collected. */
	for (i = 0; i < JOB_SLOTS; i++) {
		duk_push_undefined(ctx);
		duk_put_prop_index(ctx, q, at + i);
	}
	pos->head += JOB_SLOTS;
	return nargs;
}

int
rt_microtask_drain(duk_context *ctx, rt_error_fn on_error, void *ud)
{
	struct mtq_pos *pos;
	duk_idx_t q, nargs;
	int stop;

	/* tail is 0 only once the queue was emptied and truncated below */
	if (mtq_pos(ctx)->tail == 0)
		return 0;
	for (;;) {
		pos = mtq_get(ctx);
		q = duk_get_top_index(ctx);
		if (pos->head >= pos->tail) {
			pos->head = pos->tail = 0;
			duk_set_length(ctx, q, 0);
			duk_pop(ctx);
			return 0;
		}
		if (pos->head >= COMPACT_AT && pos->head >= pos->tail - pos->head)
			mtq_compact(ctx, q, pos);
		nargs = mtq_take(ctx, q, pos);
		if (duk_pcall_method(ctx, nargs) != DUK_EXEC_SUCCESS && on_error != NULL) {
			stop = on_error(ctx, ud);
			if (stop) {
				duk_pop_2(ctx);
				return -1;
			}
		}
		duk_pop_2(ctx);
	}
}

static duk_ret_t
queue_microtask(duk_context *ctx)
{
	if (!duk_is_callable(ctx, 0))
		duk_type_error(ctx, "queueMicrotask: callback must be a function");
	rt_microtask_enqueue_call(ctx, 0, 0);
	return 0;
}

static duk_ret_t
enqueuer(duk_context *ctx)
{
	duk_idx_t n = duk_get_top(ctx);

	if (n < 1)
		duk_type_error(ctx, "microtask callback is not a function");
	rt_microtask_enqueue_call(ctx, 0, n - 1 > MAX_ARGS ? MAX_ARGS : n - 1);
	return 0;
}

void
rt_microtask_push_enqueuer(duk_context *ctx)
{
	duk_push_c_function(ctx, enqueuer, DUK_VARARGS);
}

void
rt_microtask_install(duk_context *ctx)
{
	struct mtq_pos *pos;

	/* Bare: storing a job runs no setter a script put on Array.prototype. */
	duk_push_heap_stash(ctx);
	duk_push_bare_array(ctx);
	duk_put_prop_literal(ctx, -2, KEY_QUEUE);
	pos = duk_push_fixed_buffer(ctx, sizeof(*pos));
	memset(pos, 0, sizeof(*pos));
	duk_put_prop_literal(ctx, -2, KEY_POS);
	duk_pop(ctx);

	duk_push_global_object(ctx);
	duk_push_string(ctx, "queueMicrotask");
	duk_push_c_function(ctx, queue_microtask, 1);
	duk_push_string(ctx, "name");
	duk_push_string(ctx, "queueMicrotask");
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
	duk_pop(ctx);
}
