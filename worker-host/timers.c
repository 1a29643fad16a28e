#include "timers.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <event2/event.h>

#include "clock.h"
#include "host.h"
#include "loop.h"
#include "report.h"
#include "rt_define.h"

#define TIMEOUT_MAX 2147483647.0

struct timer {
	uint32_t id;
	bool ref;
	double when;
	double delay;
	double repeat;		/* 0: fires once */
	uint64_t seq;
	size_t idx;		/* position in the heap */
};

#define K_TABLE DUK_HIDDEN_SYMBOL("timers")
#define K_PROTO DUK_HIDDEN_SYMBOL("timerProto")
#define K_PTR DUK_HIDDEN_SYMBOL("ptr")
#define K_FN DUK_HIDDEN_SYMBOL("fn")
#define K_ARGS DUK_HIDDEN_SYMBOL("args")
#define K_ID DUK_HIDDEN_SYMBOL("id")

static bool
before(const struct timer *a, const struct timer *b)
{
	return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void
place(struct timers *ts, size_t i, struct timer *t)
{
	ts->heap[i] = t;
	t->idx = i;
}

static void
sift_up(struct timers *ts, size_t i)
{
	struct timer *t = ts->heap[i];

	while (i > 0 && before(t, ts->heap[(i - 1) / 2])) {
		place(ts, i, ts->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	place(ts, i, t);
}

static void
sift_down(struct timers *ts, size_t i)
{
	struct timer *t = ts->heap[i];
	size_t c;

	while ((c = 2 * i + 1) < ts->len) {
		if (c + 1 < ts->len && before(ts->heap[c + 1], ts->heap[c]))
			c++;
		if (!before(ts->heap[c], t))
			break;
		place(ts, i, ts->heap[c]);
		i = c;
	}
	place(ts, i, t);
}

/* Room for one more timer, so that heap_push() cannot fail later. */
static int
heap_reserve(struct timers *ts)
{
	struct timer **n;
	size_t cap;

	if (ts->len < ts->cap)
		return 0;
	cap = ts->cap ? ts->cap * 2 : 64;
	if ((n = realloc(ts->heap, cap * sizeof(*n))) == NULL)
		return -1;
	ts->heap = n;
	ts->cap = cap;
	return 0;
}

static void
heap_push(struct timers *ts, struct timer *t)
{
	place(ts, ts->len++, t);
	sift_up(ts, t->idx);
	if (t->ref)
		ts->refd++;
}

static void
heap_remove(struct timers *ts, struct timer *t)
{
	size_t i = t->idx;
	struct timer *last = ts->heap[--ts->len];

	if (t->ref)
		ts->refd--;
	if (i == ts->len)
		return;
	place(ts, i, last);
	sift_down(ts, i);
	sift_up(ts, last->idx);
}

static void
schedule(struct timers *ts, struct timer *t, double from, double after)
{
	t->when = from + after;
	t->seq = ts->next_seq++;
}

/* A pending timer got a new deadline: move it in place, no allocation. */
static void
reschedule(struct timers *ts, struct timer *t, double from, double after)
{
	schedule(ts, t, from, after);
	sift_down(ts, t->idx);
	sift_up(ts, t->idx);
}

/* Pushes stash[K_TABLE]. */
static void
push_table(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_TABLE);
	duk_remove(ctx, -2);
}

/* The timer behind a handle object, or NULL once it has fired or been
 * cleared. */
static struct timer *
handle_timer(duk_context *ctx, duk_idx_t idx)
{
	struct timer *t;

	if (!duk_is_object(ctx, idx))
		return NULL;
	duk_get_prop_string(ctx, idx, K_PTR);
	t = duk_get_pointer(ctx, -1);
	duk_pop(ctx);
	return t;
}

/* Timer for a handle or a numeric id (clearTimeout accepts both). */
static struct timer *
lookup(duk_context *ctx, duk_idx_t idx)
{
	struct timer *t;

	if (duk_is_object(ctx, idx))
		return handle_timer(ctx, idx);
	if (!duk_is_number(ctx, idx) && !duk_is_string(ctx, idx))
		return NULL;
	idx = duk_normalize_index(ctx, idx);
	push_table(ctx);
	duk_dup(ctx, idx);
	duk_to_number(ctx, -1);
	duk_get_prop(ctx, -2);
	t = handle_timer(ctx, -1);
	duk_pop_2(ctx);
	return t;
}

/* Takes a timer out for good: off the heap, out of the table, its handle
 * detached. */
static void
discard(duk_context *ctx, struct timers *ts, struct timer *t)
{
	heap_remove(ts, t);
	push_table(ctx);
	duk_push_uint(ctx, t->id);
	if (duk_get_prop(ctx, -2)) {
		duk_push_pointer(ctx, NULL);
		duk_put_prop_string(ctx, -2, K_PTR);
	}
	duk_pop(ctx);
	duk_push_uint(ctx, t->id);
	duk_del_prop(ctx, -2);
	duk_pop(ctx);
	free(t);
}

static double
clamp_delay(duk_context *ctx, duk_idx_t idx)
{
	double d = duk_to_number(ctx, idx);

	if (!(d >= 1 && d <= TIMEOUT_MAX))
		return 1;
	return d;
}

/* setTimeout(fn, delay, ...args) and friends: kind 0 timeout, 1 interval,
 * 2 immediate. */
static duk_ret_t
add_timer(duk_context *ctx, int kind)
{
	struct host *h = host_get(ctx);
	struct timers *ts = &h->timers;
	duk_idx_t n = duk_get_top(ctx), first = kind == 2 ? 1 : 2, i;
	struct timer *t;
	double delay = 0;

	if (!duk_is_callable(ctx, 0))
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "The \"callback\" argument must be of type function");
	if (kind != 2)
		delay = n > 1 ? clamp_delay(ctx, 1) : 1;
	if (ts->len >= TIMERS_MAX)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "too many timers (limit %lu)", (unsigned long)TIMERS_MAX);
	if (heap_reserve(ts) == -1)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");

	/* the handle first: nothing of C's is at stake if building it throws */
	duk_push_object(ctx);
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_PROTO);
	duk_set_prototype(ctx, -3);
	duk_pop(ctx);
	duk_dup(ctx, 0);
	duk_put_prop_string(ctx, -2, K_FN);
	duk_push_array(ctx);
	for (i = first; i < n; i++) {
		duk_dup(ctx, i);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)(i - first));
	}
	duk_put_prop_string(ctx, -2, K_ARGS);
	duk_push_uint(ctx, ts->next_id);
	duk_put_prop_string(ctx, -2, K_ID);
	/* the table keeps the handle (and so the callback) alive */
	push_table(ctx);
	duk_push_uint(ctx, ts->next_id);
	duk_dup(ctx, -3);
	duk_put_prop(ctx, -3);
	duk_pop(ctx);

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	t->id = ts->next_id++;
	if (ts->next_id == 0)
		ts->next_id = 1;
	t->ref = true;
	t->delay = delay;
	t->repeat = kind == 1 ? delay : 0;
	schedule(ts, t, mono_ms(), delay);
	heap_push(ts, t);
	duk_push_pointer(ctx, t);
	duk_put_prop_string(ctx, -2, K_PTR);
	timers_arm(h);
	return 1;
}

static duk_ret_t set_timeout(duk_context *ctx) { return add_timer(ctx, 0); }
static duk_ret_t set_interval(duk_context *ctx) { return add_timer(ctx, 1); }
static duk_ret_t set_immediate(duk_context *ctx) { return add_timer(ctx, 2); }

static duk_ret_t
clear_timer(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct timer *t = lookup(ctx, 0);

	if (t != NULL) {
		discard(ctx, &h->timers, t);
		timers_arm(h);
	}
	return 0;
}

/* ref() and unref(): both return the handle, as Node's do. */
static duk_ret_t
set_ref(duk_context *ctx, bool ref)
{
	struct host *h = host_get(ctx);
	struct timer *t;

	duk_push_this(ctx);
	t = handle_timer(ctx, -1);
	if (t != NULL && t->ref != ref) {
		t->ref = ref;
		if (ref)
			h->timers.refd++;
		else
			h->timers.refd--;
	}
	return 1;
}

static duk_ret_t
handle_ref(duk_context *ctx)
{
	return set_ref(ctx, true);
}

static duk_ret_t
handle_unref(duk_context *ctx)
{
	return set_ref(ctx, false);
}

static duk_ret_t
handle_has_ref(duk_context *ctx)
{
	struct timer *t;

	duk_push_this(ctx);
	t = handle_timer(ctx, -1);
	duk_push_boolean(ctx, t != NULL && t->ref);
	return 1;
}

static duk_ret_t
handle_refresh(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct timer *t;

	duk_push_this(ctx);
	t = handle_timer(ctx, -1);
	if (t != NULL) {
		reschedule(&h->timers, t, mono_ms(), t->delay);
		timers_arm(h);
	}
	return 1;
}

static duk_ret_t
handle_close(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct timer *t;

	duk_push_this(ctx);
	t = handle_timer(ctx, -1);
	if (t != NULL) {
		discard(ctx, &h->timers, t);
		timers_arm(h);
	}
	return 1;
}

static duk_ret_t
handle_id(duk_context *ctx)
{
	duk_push_this(ctx);
	duk_get_prop_string(ctx, -1, K_ID);
	return 1;
}

/* Runs one due timer as a macrotask. */
static void
run_one(struct host *h, struct timer *t, double now)
{
	duk_context *ctx = h->ctx;
	duk_idx_t base = duk_get_top(ctx), n, i;

	push_table(ctx);
	duk_push_uint(ctx, t->id);
	duk_get_prop(ctx, -2);			/* handle */
	duk_get_prop_string(ctx, -1, K_FN);	/* fn */
	duk_dup(ctx, -2);			/* this */
	duk_get_prop_string(ctx, -3, K_ARGS);
	n = (duk_idx_t)duk_get_length(ctx, -1);
	duk_require_stack(ctx, n);
	for (i = 0; i < n; i++)
		duk_get_prop_index(ctx, base + 4, (duk_uarridx_t)i);
	duk_remove(ctx, base + 4);
	if (t->repeat > 0)
		reschedule(&h->timers, t, now, t->repeat);
	else
		discard(ctx, &h->timers, t);
	if (duk_pcall_method(ctx, n) != 0)
		report_uncaught(h);
	else
		duk_pop(ctx);
	duk_set_top(ctx, base);
	loop_task_end(h);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct host *h = arg;
	struct timers *ts = &h->timers;
	double now = mono_ms();

	while (ts->len > 0 && ts->heap[0]->when <= now && !h->closing)
		run_one(h, ts->heap[0], now);
	timers_arm(h);
}

void
timers_arm(struct host *h)
{
	struct timers *ts = &h->timers;
	struct timeval tv;
	double ms;

	if (ts->len == 0 || h->closing) {
		evtimer_del(ts->ev);
		return;
	}
	ms = ts->heap[0]->when - mono_ms();
	if (ms < 0)
		ms = 0;
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)ceil(fmod(ms, 1000) * 1000);
	if (tv.tv_usec >= 1000000) {
		tv.tv_sec++;
		tv.tv_usec -= 1000000;
	}
	evtimer_add(ts->ev, &tv);
}

static void
install_proto(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_push_object(ctx);
	rt_def_method(ctx, -1, "ref", handle_ref, 0);
	rt_def_method(ctx, -1, "unref", handle_unref, 0);
	rt_def_method(ctx, -1, "hasRef", handle_has_ref, 0);
	rt_def_method(ctx, -1, "refresh", handle_refresh, 0);
	rt_def_method(ctx, -1, "close", handle_close, 0);
	rt_push_wellknown(ctx, "toPrimitive");
	rt_push_native(ctx, "[Symbol.toPrimitive]", handle_id, 1);
	rt_def_hidden(ctx, -3);
	rt_def_tag(ctx, -1, "Timeout");
	duk_put_prop_string(ctx, -2, K_PROTO);
	duk_push_object(ctx);
	duk_put_prop_string(ctx, -2, K_TABLE);
	duk_pop(ctx);
}

void
timers_install(duk_context *ctx)
{
	struct host *h = host_get(ctx);

	h->timers.next_id = 1;
	h->timers.ev = evtimer_new(h->base, on_timer, h);
	if (h->timers.ev == NULL)
		(void)duk_error(ctx, DUK_ERR_ERROR, "timers: out of memory");
	install_proto(ctx);
	duk_push_global_object(ctx);
	rt_def_method(ctx, -1, "setTimeout", set_timeout, DUK_VARARGS);
	rt_def_method(ctx, -1, "setInterval", set_interval, DUK_VARARGS);
	rt_def_method(ctx, -1, "setImmediate", set_immediate, DUK_VARARGS);
	rt_def_method(ctx, -1, "clearTimeout", clear_timer, 1);
	rt_def_method(ctx, -1, "clearInterval", clear_timer, 1);
	rt_def_method(ctx, -1, "clearImmediate", clear_timer, 1);
	duk_pop(ctx);
}
