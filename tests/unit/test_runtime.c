/*
 * test_runtime.c - the runtime built-ins on a bare Duktape heap: microtask
 * and Promise ordering, unhandled rejections, Map/Set/WeakMap, TextEncoder/
 * TextDecoder and console value formatting.
 *
 * Snippets push strings onto a global `log`; the test compares
 * log.join(' ') after the microtask queue has drained.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <duktape.h>

#include "rt_collections.h"
#include "rt_define.h"
#include "rt_error.h"
#include "rt_inspect.h"
#include "rt_microtask.h"
#include "rt_promise.h"
#include "rt_text.h"
#include "tsuite.h"

static duk_context *ctx;

static duk_ret_t
log_push(duk_context *c)
{
	duk_uarridx_t n;

	duk_push_global_object(c);
	duk_get_prop_string(c, -1, "log");
	n = (duk_uarridx_t)duk_get_length(c, -1);
	duk_dup(c, 0);
	duk_safe_to_string(c, -1);
	duk_put_prop_index(c, -2, n);
	return 0;
}

static duk_ret_t
fmt(duk_context *c)
{
	rt_format_args(c, 0, duk_get_top(c));
	return 1;
}

static void
setup(void)
{
	ctx = duk_create_heap_default();
	ck_assert_ptr_nonnull(ctx);
	rt_error_install(ctx);
	rt_microtask_install(ctx);
	rt_promise_install(ctx);
	rt_collections_install(ctx);
	rt_text_install(ctx);
	rt_inspect_install(ctx);
	duk_push_array(ctx);
	duk_put_global_string(ctx, "log");
	duk_push_c_function(ctx, log_push, 1);
	duk_put_global_string(ctx, "say");
	duk_push_c_function(ctx, fmt, DUK_VARARGS);
	duk_put_global_string(ctx, "fmt");
}

static void
teardown(void)
{
	duk_destroy_heap(ctx);
	ctx = NULL;
}

/* Counts job errors and logs them so a test sees them in order. */
static int
on_job_error(duk_context *c, void *ud)
{
	int *n = ud;

	(*n)++;
	duk_push_global_object(c);
	duk_get_prop_string(c, -1, "say");
	duk_push_sprintf(c, "ERR:%s", duk_safe_to_string(c, -3));
	duk_call(c, 1);
	duk_pop_2(c);
	return 0;
}

/* Runs src, drains microtasks, returns log.join(' ') (static buffer). */
static const char *
run(const char *src)
{
	static char out[8192];
	int errors = 0;

	if (duk_peval_string(ctx, src) != 0)
		ck_abort_msg("eval failed: %s\nin: %s", duk_safe_to_stacktrace(ctx, -1), src);
	duk_pop(ctx);
	ck_assert_int_eq(rt_microtask_drain(ctx, on_job_error, &errors), 0);
	ck_assert(!rt_microtask_pending(ctx));
	duk_peval_string(ctx, "log.join(' ')");
	snprintf(out, sizeof(out), "%s", duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
	duk_peval_string(ctx, "log = []");
	duk_pop(ctx);
	return out;
}

#define CHECK_LOG(src, want) ck_assert_str_eq(run(src), want)

/* ---- rt_error ---- */

/* The cause is installed, the constructor's own frame is not on the
 * stack, and what the engine throws is still an instance of the
 * replaced globals. */
START_TEST(error_cause)
{
	CHECK_LOG("function maker() { return new RangeError('m', { cause: 'c' }); }\n"
	    "var e = maker(), d = Object.getOwnPropertyDescriptor(e, 'cause');\n"
	    "say([e.cause, d.enumerable, d.writable, e instanceof RangeError, e instanceof Error].join());\n"
	    "say(e.stack.split('\\n')[1].indexOf('maker') >= 0);\n"
	    "say('cause' in new Error('x', {}) || 'cause' in Error('x'));\n"
	    "say(TypeError('t', { cause: 1 }).cause);\n"
	    "try { null.x; } catch (t) { say(t instanceof TypeError && t.constructor === TypeError); }\n"
	    "say(Object.getPrototypeOf(URIError) === Error && Error.prototype.constructor === Error);",
	    "c,false,true,true,true true false 1 true true");
}
END_TEST

/* ---- rt_def_lazy ---- */

/* A lazy value's builder: counts its calls in the global `built`. */
static duk_ret_t
build_counted(duk_context *c)
{
	duk_push_global_object(c);
	duk_get_prop_string(c, -1, "built");
	duk_push_int(c, duk_get_int(c, -1) + 1);
	duk_put_prop_string(c, -3, "built");
	duk_pop_2(c);
	duk_push_object(c);
	duk_push_string(c, "made");
	duk_put_prop_string(c, -2, "what");
	return 1;
}

START_TEST(lazy_builds_once_on_first_read)
{
	duk_push_int(ctx, 0);
	duk_put_global_string(ctx, "built");
	duk_push_object(ctx);
	rt_def_lazy(ctx, -1, "thing", build_counted);
	duk_put_global_string(ctx, "holder");
	CHECK_LOG("say(built); say(Object.keys(holder).length); say(holder.thing.what); say(built);"
	    "say(holder.thing === holder.thing); say(built);"
	    "var d = Object.getOwnPropertyDescriptor(holder, 'thing');"
	    "say([typeof d.get, d.writable, d.enumerable, d.configurable].join())",
	    "0 0 made 1 true 1 undefined,true,false,true");
}
END_TEST

/* ---- microtasks and Promise (expected orders checked against Node 20) ---- */

START_TEST(microtask_fifo)
{
	CHECK_LOG("queueMicrotask(function(){ say('a'); queueMicrotask(function(){ say('c'); }); });"
	    "queueMicrotask(function(){ say('b'); });", "a b c");
}
END_TEST

START_TEST(microtask_errors_continue)
{
	CHECK_LOG("queueMicrotask(function(){ throw new Error('boom'); });"
	    "queueMicrotask(function(){ say('after'); });", "ERR:Error: boom after");
}
END_TEST

static int
stop_on_error(duk_context *c, void *ud)
{
	(void)c;
	(void)ud;
	return 1;
}

START_TEST(microtask_stop)
{
	duk_idx_t top = duk_get_top(ctx);

	duk_peval_string(ctx, "queueMicrotask(function(){ throw 1; });"
	    "queueMicrotask(function(){ say('later'); });");
	duk_pop(ctx);
	ck_assert_int_eq(rt_microtask_drain(ctx, stop_on_error, NULL), -1);
	ck_assert_int_eq(duk_get_top(ctx), top);
	ck_assert(rt_microtask_pending(ctx));
	CHECK_LOG("", "later");
	ck_assert_int_eq(duk_get_top(ctx), top);
}
END_TEST

START_TEST(microtask_from_c)
{
	duk_idx_t top = duk_get_top(ctx);

	duk_peval_string(ctx, "(function(){ say('c1:' + arguments.length); queueMicrotask(function(){ say('c3'); }); })");
	rt_microtask_enqueue(ctx, -1);
	duk_peval_string(ctx, "(function(a, b){ say('c2:' + a + b + arguments.length); })");
	duk_push_int(ctx, 4);
	duk_push_string(ctx, "x");
	rt_microtask_enqueue_call(ctx, -3, 2);
	duk_pop_n(ctx, 4);
	ck_assert(rt_microtask_pending(ctx));
	ck_assert_int_eq(duk_get_top(ctx), top);
	CHECK_LOG("", "c1:0 c2:4x2 c3");
	ck_assert(!rt_microtask_pending(ctx));
}
END_TEST

START_TEST(microtask_type_error)
{
	CHECK_LOG("try { queueMicrotask(1); } catch (e) { say(e.name); }", "TypeError");
}
END_TEST

START_TEST(promise_then_vs_microtask)
{
	CHECK_LOG("Promise.resolve().then(function(){ say('p1'); }).then(function(){ say('p2'); });"
	    "queueMicrotask(function(){ say('m1'); });"
	    "Promise.resolve().then(function(){ say('p3'); });"
	    "say('sync');", "sync p1 m1 p3 p2");
}
END_TEST

/* The well-known ordering puzzle: resolving with a promise costs two ticks. */
START_TEST(promise_resolve_with_promise_ticks)
{
	CHECK_LOG("new Promise(function(r){ r(Promise.resolve(1)); }).then(function(v){ say('A' + v); });"
	    "Promise.resolve().then(function(){ say('t1'); }).then(function(){ say('t2'); })"
	    ".then(function(){ say('t3'); });", "t1 t2 A1 t3");
}
END_TEST

START_TEST(promise_nested_then)
{
	CHECK_LOG("Promise.resolve(1).then(function(v){ say('a' + v);"
	    "  return new Promise(function(r){ queueMicrotask(function(){ r(v + 1); }); }); })"
	    ".then(function(v){ say('b' + v); throw new TypeError('x'); })"
	    ".then(function(){ say('skipped'); })"
	    ".catch(function(e){ say('c' + e.name); return 'v'; })"
	    ".then(function(v){ say('d' + v); });", "a1 b2 cTypeError dv");
}
END_TEST

START_TEST(promise_executor_throws)
{
	CHECK_LOG("new Promise(function(){ throw new Error('E'); }).then(null, function(e){ say(e.message); });"
	    "new Promise(function(res, rej){ res(1); rej(2); throw 3; }).then(function(v){ say('v' + v); });"
	    "try { Promise(function(){}); } catch (e) { say(e.name); }"
	    "try { new Promise(1); } catch (e) { say(e.name); }",
	    "TypeError TypeError E v1");
}
END_TEST

START_TEST(promise_combinators)
{
	CHECK_LOG("Promise.all([1, Promise.resolve(2), { then: function(r){ r(3); } }])"
	    ".then(function(v){ say('all:' + v.join('/')); });"
	    "Promise.all([]).then(function(v){ say('empty:' + v.length); });"
	    "Promise.all([1, Promise.reject('no'), 3]).catch(function(e){ say('allrej:' + e); });"
	    "Promise.race([new Promise(function(){}), Promise.resolve('r')])"
	    ".then(function(v){ say('race:' + v); });"
	    "Promise.allSettled([1, Promise.reject(2)]).then(function(a){"
	    "  say('settled:' + a[0].status + a[0].value + a[1].status + a[1].reason); });"
	    "Promise.any([Promise.reject(1), Promise.resolve(2)]).then(function(v){ say('any:' + v); });"
	    "Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function(e){"
	    "  say('anyrej:' + (e instanceof AggregateError) + e.errors.join('/')); });",
	    "empty:0 allrej:no race:r settled:fulfilled1rejected2 any:2 anyrej:true1/2 all:1/2/3");
}
END_TEST

START_TEST(promise_iterable_input)
{
	CHECK_LOG("Promise.all(new Set([1, 2, 2, 3])).then(function(v){ say(v.join('')); });"
	    "Promise.all(5).catch(function(e){ say(e.name); });", "TypeError 123");
}
END_TEST

START_TEST(promise_finally)
{
	CHECK_LOG("Promise.resolve(7).finally(function(){ say('f1'); return 99; })"
	    ".then(function(v){ say('v' + v); });"
	    "Promise.reject(8).finally(function(){ say('f2'); })"
	    ".catch(function(e){ say('e' + e); });"
	    "Promise.resolve(1).finally(function(){ throw 'F'; })"
	    ".catch(function(e){ say('e' + e); });",
	    "f1 f2 eF v7 e8");
}
END_TEST

START_TEST(promise_thenables)
{
	CHECK_LOG("Promise.resolve({ then: function(ok){ ok('t'); ok('twice'); } })"
	    ".then(function(v){ say(v); });"
	    "Promise.resolve({ then: function(){ throw 'thrown'; } })"
	    ".catch(function(e){ say(e); });"
	    "var bad = {}; Object.defineProperty(bad, 'then', { get: function(){ throw 'getter'; } });"
	    "Promise.resolve(bad).catch(function(e){ say(e); });"
	    "var p = Promise.resolve(5); say(String(Promise.resolve(p) === p));"
	    "var r2, q = new Promise(function(r){ r2 = r; }); r2(q); q.catch(function(e){ say(e.name); });",
	    "true getter TypeError t thrown");
}
END_TEST

START_TEST(promise_shape)
{
	CHECK_LOG("say(Object.prototype.toString.call(Promise.resolve()));"
	    "say(Object.keys(Promise.resolve()).length);"
	    "say(Promise.prototype.then.name + Promise.prototype['catch'].name);"
	    "say(Object.keys(Promise.prototype).length);"
	    "try { Promise.prototype.then.call({}); } catch (e) { say(e.name); }",
	    "[object Promise] 0 thencatch 0 TypeError");
}
END_TEST

START_TEST(promise_subclass_es5)
{
	CHECK_LOG("function P(ex) { Promise.call(this, ex); }"
	    "P.prototype = Object.create(Promise.prototype); P.prototype.constructor = P;"
	    "P.resolve = Promise.resolve;"
	    "var p = new P(function(r){ r(1); });"
	    "var t = p.then(function(v){ say('v' + v); });"
	    "say(String(t instanceof P));", "true v1");
}
END_TEST

static int
count_unhandled(void)
{
	int n = 0;

	while (rt_promise_take_unhandled(ctx)) {
		duk_push_global_object(ctx);
		duk_get_prop_string(ctx, -1, "say");
		duk_push_sprintf(ctx, "U:%s", duk_safe_to_string(ctx, -3));
		duk_call(ctx, 1);
		duk_pop_3(ctx);
		n++;
	}
	return n;
}

START_TEST(promise_unhandled)
{
	duk_idx_t top = duk_get_top(ctx);

	run("Promise.reject(new Error('lost'));"
	    "var late = Promise.reject('late'); late.catch(function(){});"
	    "new Promise(function(_, rej){ rej('chained'); }).then(function(){});"
	    "Promise.reject('handled').then(null, function(){});"
	    "Promise.reject(undefined);");
	ck_assert_int_eq(count_unhandled(), 3);
	ck_assert_int_eq(duk_get_top(ctx), top);
	CHECK_LOG("", "U:Error: lost U:undefined U:chained");
	ck_assert_int_eq(count_unhandled(), 0);
	ck_assert_int_eq(duk_get_top(ctx), top);
}
END_TEST

START_TEST(promise_unhandled_handled_in_microtask)
{
	run("var p = Promise.reject('x');"
	    "queueMicrotask(function(){ p.catch(function(){ say('caught'); }); });");
	ck_assert_int_eq(count_unhandled(), 0);
}
END_TEST

START_TEST(promise_long_chain)
{
	CHECK_LOG("var p = Promise.resolve(0);"
	    "for (var i = 0; i < 20000; i++) p = p.then(function(v){ return v + 1; });"
	    "p.then(function(v){ say(v); });", "20000");
}
END_TEST

/* ---- Map, Set, WeakMap, WeakSet ---- */

START_TEST(map_basics)
{
	CHECK_LOG("var m = new Map([['a', 1], [2, 'two']]); var o = {}, f = function(){};"
	    "say(m.set(o, 'obj') === m); m.set(f, 'fn'); m.set('a', 'A');"
	    "say(m.size); say(m.get('a')); say(m.get(2)); say(m.get('2')); say(m.get(o)); say(m.get({}));"
	    "say(m.has(f)); say(m.delete(f)); say(m.delete(f)); say(m.has(f)); say(m.size);"
	    "var ks = []; m.forEach(function(v, k, mm){ ks.push(String(k) + '=' + v + (mm === m)); }); say(ks.join(','));"
	    "m.clear(); say(m.size); say(m.get('a'));",
	    "true 4 A two undefined obj undefined true true false false 3 "
	    "a=Atrue,2=twotrue,[object Object]=objtrue 0 undefined");
}
END_TEST

START_TEST(map_same_value_zero)
{
	CHECK_LOG("var m = new Map(); m.set(NaN, 'nan'); m.set(-0, 'zero');"
	    "say(m.get(NaN)); say(m.get(0/0)); say(m.get(0)); say(m.get(+0)); say(1/m.keys().next().value);"
	    "say(1/Array.prototype.slice.call([m.keys().next(), m.keys().next()])[0].value);"
	    "var k = m.keys(); k.next(); say(1/k.next().value); say(m.size);"
	    "var s = new Set([NaN, NaN, 0, -0, '0', null, undefined, null]); say(s.size);"
	    "var t = new Set([true, 1, '1']); say(t.size);",
	    "nan nan zero zero NaN NaN Infinity 2 5 3");
}
END_TEST

START_TEST(map_iteration_order_and_mutation)
{
	CHECK_LOG("var m = new Map(); for (var i = 0; i < 6; i++) m.set('k' + i, i);"
	    "var it = m.entries(), out = [], e;"
	    "while (!(e = it.next()).done) { out.push(e.value.join(':'));"
	    "  if (e.value[0] === 'k1') { m.delete('k2'); m.delete('k0'); m.set('new', 9); }"
	    "  if (e.value[0] === 'k3') m.set('k1', 'again'); }"
	    "say(out.join(','));"
	    "say(String(it.next().done)); m.set('late', 1); say(String(it.next().done));"
	    "var s = new Set([1, 2, 3]), seen = [];"
	    "s.forEach(function(v){ seen.push(v); if (v === 1) { s.delete(2); s.add(4); } }); say(seen.join(''));",
	    "k0:0,k1:1,k3:3,k4:4,k5:5,new:9 true true 134");
}
END_TEST

START_TEST(map_iterator_survives_rehash_and_clear)
{
	CHECK_LOG("var m = new Map(); for (var i = 0; i < 100; i++) m.set(i, i);"
	    "var it = m.keys(); for (i = 0; i < 50; i++) it.next();"
	    "for (i = 0; i < 99; i++) m.delete(i);"
	    "for (i = 100; i < 300; i++) m.set(i, i);"
	    "var a = it.next().value, b = it.next().value; say(a + ',' + b);"
	    "var it2 = m.values(); it2.next(); m.clear(); m.set('x', 'after');"
	    "say(it2.next().value); say(String(it2.next().done));"
	    "var s = new Set(); for (i = 0; i < 1000; i++) s.add(i); var n = 0;"
	    "s.forEach(function(v){ n++; s.delete(v); if (v < 500) s.add(v + 100000); });"
	    "say(n); say(s.size);",
	    "99,100 after true 1500 0");
}
END_TEST

START_TEST(map_iterators_protocol)
{
	CHECK_LOG("var m = new Map([[1, 'a']]); var it = m[Symbol.iterator]();"
	    "say(it[Symbol.iterator]() === it); say(Object.prototype.toString.call(it));"
	    "say(Map.prototype[Symbol.iterator] === Map.prototype.entries);"
	    "say(Set.prototype.keys === Set.prototype.values);"
	    "say(JSON.stringify(new Set(['x']).entries().next()));"
	    "say(Object.prototype.toString.call(m)); say(Object.prototype.toString.call(new Set()));"
	    "say(Object.keys(Map.prototype).length); say(Map.prototype.get.name);"
	    "var m2 = new Map(m); say(m2.get(1));"
	    "var src = {}; src[Symbol.iterator] = function(){ var i = 0; return { next: function(){"
	    "  return i < 2 ? { value: [i, i * 10], done: !!(i++ === 5) } : { done: true }; } }; };"
	    "say(new Map(src).get(1)); say(new Set('ab\\uD83D\\uDE00').size);",
	    "true [object Map Iterator] true true {\"value\":[\"x\",\"x\"],\"done\":false} "
	    "[object Map] [object Set] 0 get a 10 3");
}
END_TEST

START_TEST(map_errors)
{
	CHECK_LOG("try { Map(); } catch (e) { say(e.name); }"
	    "try { Map.prototype.get.call({}, 1); } catch (e) { say(e.name); }"
	    "try { Map.prototype.get.call(new Set(), 1); } catch (e) { say(e.name); }"
	    "try { new Map([1]); } catch (e) { say(e.name); }"
	    "try { new Set(5); } catch (e) { say(e.name); }"
	    "try { new Map().forEach(3); } catch (e) { say(e.name); }"
	    "var closed = 0, src = {}; src[Symbol.iterator] = function(){ return {"
	    "  next: function(){ return { value: 7, done: false }; },"
	    "  'return': function(){ closed++; return {}; } }; };"
	    "try { new Map(src); } catch (e) { say(e.name + closed); }",
	    "TypeError TypeError TypeError TypeError TypeError TypeError TypeError1");
}
END_TEST

START_TEST(map_es5_subclass)
{
	CHECK_LOG("function M(init) { var self = Map.call(this, init) || this; self.extra = 1; return self; }"
	    "M.prototype = Object.create(Map.prototype); M.prototype.constructor = M;"
	    "var m = new M([['a', 1]]); m.set('b', 2);"
	    "say(m instanceof Map); say(m.size); say(m.get('a') + m.get('b')); say(m.extra);"
	    "try { Map.call(m); } catch (e) { say(e.name); }"
	    "var frozen = Object.freeze(new Map()); for (var i = 0; i < 100; i++) frozen.set(i, 2);"
	    "var it = Object.freeze(frozen.keys()); it.next();"
	    "say(frozen.get(1) + ' ' + it.next().value + ' ' + Object.isFrozen(frozen) + Object.isFrozen(it));",
	    "true 2 3 1 TypeError 2 1 truetrue");
}
END_TEST

START_TEST(weakmap_semantics)
{
	CHECK_LOG("var wm = new WeakMap(), a = {}, b = function(){}, fz = Object.freeze({});"
	    "say(wm.set(a, 1) === wm); wm.set(b, 2); wm.set(fz, 3);"
	    "say(wm.get(a) + wm.get(b) + wm.get(fz)); say(wm.has(a)); say(wm.get({}));"
	    "var child = Object.create(a); say(wm.has(child)); say(wm.get(child));"
	    "var wm2 = new WeakMap([[a, 'other']]); say(wm2.get(a)); say(wm.get(a));"
	    "say(wm.delete(a)); say(wm.has(a)); say(wm.delete(a)); say(wm2.get(a));"
	    "try { wm.set('str', 1); } catch (e) { say(e.name); }"
	    "try { wm.set(Symbol.for('s'), 1); } catch (e) { say(e.name); }"
	    "say(wm.get(1)); say(wm.has(null)); say(wm.delete(2));"
	    "say(Object.getOwnPropertyNames(a).length + Object.getOwnPropertySymbols(a).length);"
	    "say(JSON.stringify(a));"
	    "var t = {}, p = new Proxy(t, {}); wm.set(p, 'proxy'); wm.set(t, 'target');"
	    "say(wm.get(p) + wm.get(t)); say(wm.delete(p)); say(wm.has(p)); say(wm.get(t));"
	    "var ws = new WeakSet([a]); say(ws.has(a)); say(ws.has(b)); say(ws.add(b) === ws); say(ws.has(b));"
	    "say(ws.delete(a)); say(ws.has(a));"
	    "say(Object.prototype.toString.call(wm) + Object.prototype.toString.call(ws));"
	    "try { WeakMap.prototype.get.call(new Map(), a); } catch (e) { say(e.name); }"
	    "try { WeakSet.prototype.has.call(wm, a); } catch (e) { say(e.name); }"
	    "var sealed = Object.seal({}); ws.add(sealed); ws.add(fz);"
	    "say(Object.isFrozen(fz) + ' ' + Object.isSealed(sealed) + ' ' + Object.isExtensible(sealed));",
	    "true 6 true undefined false undefined other 1 true false false other TypeError TypeError "
	    "undefined false false 0 {} proxytarget true false target true false true true true false "
	    "[object WeakMap][object WeakSet] TypeError TypeError true true false");
}
END_TEST

/* An entry must not keep its key alive once the key is unreachable: the
 * value is only reachable through the key. */
START_TEST(weakmap_is_weak)
{
	CHECK_LOG("var wm = new WeakMap(), dead = 0;"
	    "for (var i = 0; i < 200; i++) { var k = {}, v = {};"
	    "  Duktape.fin(v, function(){ dead++; }); wm.set(k, v); }"
	    "k = v = null; Duktape.gc(); Duktape.gc(); say(dead >= 199);", "true");
}
END_TEST

/* This process's CPU time: what the machine's other load does not change
 * (the script runs in this process). */
static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* 1e5 set+get of string and of object keys; prints the cost per pair and
 * fails if it is far from O(1): an O(n) lookup would cost milliseconds per
 * pair here.  CPU time, so a busy machine does not fail it; the bound is
 * generous for sanitizers and scales with CK_TIMEOUT_MULTIPLIER (valgrind). */
START_TEST(map_speed)
{
	static const char *const src[] = {
		"var m = new Map(), n = 100000, i, s = 0;"
		"for (i = 0; i < n; i++) m.set('key' + i, i);"
		"for (i = 0; i < n; i++) s += m.get('key' + i);"
		"say(s === n * (n - 1) / 2);",
		"var m = new Map(), n = 100000, i, s = 0, keys = [];"
		"for (i = 0; i < n; i++) keys.push({});"
		"var t0 = Date.now();"
		"for (i = 0; i < n; i++) m.set(keys[i], i);"
		"for (i = 0; i < n; i++) s += m.get(keys[i]);"
		"say(s === n * (n - 1) / 2);",
	};
	static const char *const name[] = { "string", "object" };
	const char *mult = getenv("CK_TIMEOUT_MULTIPLIER");
	double bound = 50 * (mult != NULL && atof(mult) > 1 ? atof(mult) : 1);
	size_t i;
	double t0, us;

	for (i = 0; i < 2; i++) {
		t0 = now_us();
		CHECK_LOG(src[i], "true");
		us = (now_us() - t0) / 1e5;
		printf("map_speed: %s keys: %.2f us per set+get\n", name[i], us);
		ck_assert_msg(us < bound, "%s keys: %.2f us per set+get", name[i], us);
	}
}
END_TEST

/* ---- TextEncoder / TextDecoder ---- */

/* Byte lists print as hex pairs so results compare as plain strings. */
#define HEX_FN "function hex(u){ var s = []; for (var i = 0; i < u.length; i++)" \
	" s.push((u[i] < 16 ? '0' : '') + u[i].toString(16)); return s.join(''); }"

START_TEST(text_encode)
{
	CHECK_LOG(HEX_FN "var e = new TextEncoder(); say(e.encoding);"
	    "say(hex(e.encode('a\u00e9\u20ac'))); say(hex(e.encode('\\uD83D\\uDE00x')));"
	    "say(hex(e.encode('\\uD800'))); say(hex(e.encode('a\\uDC00\\uD800b')));"
	    "say(hex(e.encode('\\uDE00\\uD83D'))); say(e.encode().length); say(hex(e.encode(12)));"
	    "var u = e.encode('\\uD83D\\uDE00'); say(Object.prototype.toString.call(u) + u.byteLength);"
	    "say(hex(e.encode('\\u0000z')));",
	    "utf-8 61c3a9e282ac f09f988078 efbfbd 61efbfbdefbfbd62 efbfbdefbfbd 0 3132 "
	    "[object Uint8Array]4 007a");
}
END_TEST

START_TEST(text_encode_many_astral)
{
	/* Duktape's own encoder overran its buffer exactly here. */
	CHECK_LOG("var s = ''; for (var i = 0; i < 1000; i++) s += '\\uD83D\\uDE00';"
	    "var u = new TextEncoder().encode(s); say(u.length);"
	    "say(new TextDecoder().decode(u) === s);", "4000 true");
}
END_TEST

START_TEST(text_encode_into)
{
	CHECK_LOG(HEX_FN "var e = new TextEncoder(), d = new Uint8Array(5);"
	    "var r = e.encodeInto('a\\uD83D\\uDE00b', d); say(r.read + '/' + r.written + ' ' + hex(d));"
	    "d = new Uint8Array(4); r = e.encodeInto('ab\\uD83D\\uDE00', d); say(r.read + '/' + r.written);"
	    "var big = new Uint8Array(8), sub = big.subarray(2, 6);"
	    "r = e.encodeInto('\\u20acz!', sub); say(r.read + '/' + r.written + ' ' + hex(big));"
	    "try { e.encodeInto('x', []); } catch (x) { say(x.name); }",
	    "3/5 61f09f9880 2/2 2/4 0000e282ac7a0000 TypeError");
}
END_TEST

START_TEST(text_decode)
{
	CHECK_LOG("var d = new TextDecoder(); function u(a) { return new Uint8Array(a); }"
	    "function cps(s) { var r = []; for (var i = 0; i < s.length; i++) r.push(s.charCodeAt(i).toString(16)); return r.join(','); }"
	    "say(d.decode(u([0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80])) === 'a\\u00e9\\uD83D\\uDE00');"
	    "say(cps(d.decode(u([0xff, 0x61, 0xc3, 0xe2, 0x82, 0x41, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98]))));"
	    "say(cps(d.decode(u([0xef, 0xbb, 0xbf, 0x68, 0x69]))));"
	    "say(cps(new TextDecoder('utf-8', { ignoreBOM: true }).decode(u([0xef, 0xbb, 0xbf, 0x68]))));"
	    "say(cps(d.decode(u([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]))));"
	    "var buf = u([0x78, 0xf0, 0x9f, 0x98, 0x80, 0x79, 0x7a]);"
	    "say(cps(d.decode(buf.subarray(1, 6)))); say(d.decode(buf.buffer).length);"
	    "say(d.decode(new DataView(buf.buffer, 5, 2))); say(d.decode().length);"
	    "say(cps(d.decode(u([0x80, 0x81, 0x82, 0xff]))));"
	    "say(typeof d.decode(u([0x80, 0x82])) === 'string');",
	    "true fffd,61,fffd,fffd,41,fffd,fffd,fffd,fffd 68,69 feff,68 feff d83d,de00,79 "
	    "5 yz 0 fffd,fffd,fffd,fffd true");
}
END_TEST

START_TEST(text_decode_fatal_and_stream)
{
	CHECK_LOG("function u(a) { return new Uint8Array(a); }"
	    "var f = new TextDecoder('UTF8 ', { fatal: true }); say(f.fatal + ' ' + f.ignoreBOM + ' ' + f.encoding);"
	    "try { f.decode(u([0x61, 0xc3])); } catch (e) { say(e.name); }"
	    "try { f.decode(u([0xed, 0xa0, 0x80])); } catch (e) { say(e.name); }"
	    "say(f.decode(u([0x61, 0x62])));"
	    "var s = new TextDecoder(), out = '';"
	    "out += s.decode(u([0xef, 0xbb]), { stream: true });"
	    "out += s.decode(u([0xbf, 0xf0, 0x9f]), { stream: true });"
	    "out += s.decode(u([0x98, 0x80, 0xef, 0xbb, 0xbf]), { stream: true });"
	    "out += s.decode(u([0xe2]));"
	    "say(out === '\\uD83D\\uDE00\\uFEFF\\uFFFD');"
	    "say(s.decode(u([0xef, 0xbb, 0xbf, 0x31])));"
	    "try { new TextDecoder('latin-1'); } catch (e) { say(e.name); }"
	    "try { s.decode('str'); } catch (e) { say(e.name); }"
	    "try { TextDecoder(); } catch (e) { say(e.name); }"
	    "say(Object.prototype.toString.call(s) + typeof TextDecoder.prototype.decode);",
	    "true false utf-8 TypeError TypeError ab true 1 RangeError TypeError TypeError "
	    "[object TextDecoder]function");
}
END_TEST

/* ---- console formatting ---- */

/* Expected strings were produced by Node 20's util.format on the same
 * expressions. */
static const struct {
	const char *js;
	const char *want;
} node_cases[] = {
	{ "fmt('%s %d %i %f', 'a', '42.5', '42.5', '4.5e1')",
	  "a 42.5 42 45" },
	{ "fmt('%% %s %s', 'a')",
	  "% a %s" },
	{ "fmt('%%')",
	  "%%" },
	{ "fmt('%j', {a: [1, 'x']})",
	  "{\"a\":[1,\"x\"]}" },
	{ "fmt('%s|%d', -0, -0)",
	  "-0|-0" },
	{ "fmt('%s', [1, [2, [3]]])",
	  "[ 1, [Array] ]" },
	{ "fmt('a', 1, 'b', {c: 'd'})",
	  "a 1 b { c: 'd' }" },
	{ "fmt('%c x', 'color:red')",
	  " x" },
	{ "fmt('%x', 1)",
	  "%x 1" },
	{ "fmt(1, 'two', null, undefined, true)",
	  "1 two null undefined true" },
	{ "fmt('%s', {toString: function () { return 'custom'; }})",
	  "custom" },
	{ "fmt({a: 1, b: 'x'})",
	  "{ a: 1, b: 'x' }" },
	{ "fmt([1, 2, 3])",
	  "[ 1, 2, 3 ]" },
	{ "fmt([])",
	  "[]" },
	{ "fmt({})",
	  "{}" },
	{ "fmt({a: {b: {c: {}}}})",
	  "{ a: { b: { c: {} } } }" },
	{ "fmt({a: {b: {c: {d: 1}}}})",
	  "{ a: { b: { c: [Object] } } }" },
	{ "fmt('%o', {a: {b: {c: {d: {e: 1}}}}})",
	  "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}" },
	{ "fmt(new Map([['a', 1]]))",
	  "Map(1) { 'a' => 1 }" },
	{ "fmt(new Map([['a', 1], [{}, [2]]]), new Set([1, 'x']))",
	  "Map(2) { 'a' => 1, {} => [ 2 ] } Set(2) { 1, 'x' }" },
	{ "fmt(new Map(), new Set())",
	  "Map(0) {} Set(0) {}" },
	{ "fmt(new Set([1, 2]))",
	  "Set(2) { 1, 2 }" },
	{ "fmt([1, 2, 3, 4, 5, 6, 7])",
	  "[\n  1, 2, 3, 4,\n  5, 6, 7\n]" },
	{ "fmt(new Array(120).join('7').split('').map(Number))",
	  "[\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,\n  7, 7, 7, 7,\n  ... 19 more items\n]" },
	{ "fmt(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'cccccccccccccccccccccccccccccc'])",
	  "[\n  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',\n  'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',\n  'cccccccccccccccccccccccccccccc'\n]" },
	{ "fmt({ 'a-b': 1, _ok: \"it's\", n: null, u: undefined, z: -0 })",
	  "{ 'a-b': 1, _ok: \"it's\", n: null, u: undefined, z: -0 }" },
	{ "fmt([ , 1, , , 2])",
	  "[ <1 empty item>, 1, <2 empty items>, 2 ]" },
	{ "fmt(new Array(5))",
	  "[ <5 empty items> ]" },
	{ "fmt(function foo() {}, function () {})",
	  "[Function: foo] [Function (anonymous)]" },
	{ "fmt(Object.create(null))",
	  "[Object: null prototype] {}" },
	{ "fmt(new Uint8Array([1, 2, 3]), new ArrayBuffer(3))",
	  "Uint8Array(3) [ 1, 2, 3 ] ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }" },
	{ "fmt(new Date(0), new Date(NaN), /x/g)",
	  "1970-01-01T00:00:00.000Z Invalid Date /x/g" },
	{ "fmt(new Number(3), new String('s'), new Boolean(false))",
	  "[Number: 3] [String: 's'] [Boolean: false]" },
	{ "fmt(Promise.resolve(4), new Promise(function () {}))",
	  "Promise { 4 } Promise { <pending> }" },
	{ "fmt(new WeakMap(), new WeakSet())",
	  "WeakMap { <items unknown> } WeakSet { <items unknown> }" },
	{ "fmt({ s: 'a\\nb\\u0001\\u007f', q: 'it\\'s \"q\"' })",
	  "{ s: 'a\\nb\\x01\\x7F', q: `it's \"q\"` }" },
	{ "fmt([1.5, -0, NaN, Infinity])",
	  "[ 1.5, -0, NaN, Infinity ]" },
	{ "fmt(new Float64Array([1.5, 2]))",
	  "Float64Array(2) [ 1.5, 2 ]" },
	{ "fmt(Object.defineProperty({}, 'g', { get: function () { throw new Error('no'); }, enumerable: true }))",
	  "{ g: [Getter] }" },
	{ "fmt(Object.defineProperty({}, 'gs', { get: function () {}, set: function () {}, enumerable: true }))",
	  "{ gs: [Getter/Setter] }" },
	{ "fmt({ f: function named() {}, arr: [[1, [2, [3]]]] })",
	  "{ f: [Function: named], arr: [ [ 1, [Array] ] ] }" },
	{ "fmt([{ a: 1, b: { c: [1, 2] } }])",
	  "[ { a: 1, b: { c: [Array] } } ]" },
	{ "fmt(new Map([[1, { a: { b: { c: 1 } } }]]))",
	  "Map(1) { 1 => { a: { b: [Object] } } }" },
	{ "fmt(Object.assign([1, 2], { k: 3 }))",
	  "[ 1, 2, k: 3 ]" },
	{ "fmt(Object.assign(function g() {}, { p: 1 }))",
	  "[Function: g] { p: 1 }" },
	{ "fmt(['x'.repeat ? 'x' : 'x'])",
	  "[ 'x' ]" },
	{ "fmt({ big: new Array(30).join('abcdef ') })",
	  "{\n  big: 'abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef abcdef '\n}" },
	{ "(function () { var o = { x: 1 }; o.self = o; o.arr = [o]; return fmt(o); })()",
	  "<ref *1> { x: 1, self: [Circular *1], arr: [ [Circular *1] ] }" },
	{ "(function () { var a = { n: 'a' }, b = { n: 'b', a: a }; a.b = b; return fmt([a, b]); })()",
	  "[\n  <ref *1> { n: 'a', b: { n: 'b', a: [Circular *1] } },\n  <ref *2> { n: 'b', a: <ref *1> { n: 'a', b: [Circular *2] } }\n]" },
	{ "(function () { var m = new Map(); m.set('me', m); return fmt(m); })()",
	  "<ref *1> Map(1) { 'me' => [Circular *1] }" },
	{ "(function () { function Foo() { this.a = 1; } return fmt(new Foo(), [new Foo()]); })()",
	  "Foo { a: 1 } [ Foo { a: 1 } ]" },
	{ "(function () { function Foo() {} Foo.prototype.constructor = Foo; return fmt(Object.create(Foo.prototype)); })()",
	  "Foo {}" },
	{ "fmt({ [Symbol('k')]: 2, s: Symbol('a') })",
	  "{ s: Symbol(a), [Symbol(k)]: 2 }" },
	{ "fmt(new DataView(new ArrayBuffer(2)))",
	  "DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}" },
	{ "fmt('%s', new Map([[1, 2]]))",
	  "Map(1) { 1 => 2 }" },
	{ "fmt('%s', new Date(0))",
	  "1970-01-01T00:00:00.000Z" },
	{ "fmt('%d', '0x10', '%i', 'abc')",
	  "16 %i abc" },
	{ "fmt('%i|%f|%d', 'abc', 'x', {})",
	  "NaN|NaN|NaN" },
	{ "fmt('%O', [[[[1]]]])",
	  "[ [ [ [Array] ] ] ]" },
	{ "fmt({ a: 'x'.repeat(10005) }).slice(-30)",
	  "xxxxxx'... 5 more characters\n}" },
	{ "fmt(new Array(1000).join('x').split('').map(function (c, i) { return i; })).length",
	  "442" },
	{ "fmt('%s', 42, 'x')",
	  "42 x" },
	{ "fmt('%s')",
	  "%s" },
	{ "fmt()",
	  "" },
	{ "fmt('')",
	  "" },
	{ "fmt(undefined)",
	  "undefined" },
	{ "fmt('a\\nb')",
	  "a\nb" },
	{ "fmt(['a\\nb'])",
	  "[ 'a\\nb' ]" },
	{ "fmt(-0, 0, [-0])",
	  "-0 0 [ -0 ]" },
	{ "fmt(new Set([[1, 2], { a: 1 }]))",
	  "Set(2) { [ 1, 2 ], { a: 1 } }" },
	{ "fmt([undefined, null, true])",
	  "[ undefined, null, true ]" },
	{ "fmt({ 'key with space': 1, 'ünï': 2, '1a': 3, $d: 4 })",
	  "{ 'key with space': 1, 'ünï': 2, '1a': 3, '$d': 4 }" },
	{ "fmt([new Map([[{ a: 1 }, new Set([1])]])])",
	  "[ Map(1) { { a: 1 } => Set(1) { 1 } } ]" },
	{ "fmt({ a: [ { b: { c: {} } } ] })",
	  "{ a: [ { b: [Object] } ] }" },
	{ "fmt({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20, u: 21 })",
	  "{\n  a: 1,\n  b: 2,\n  c: 3,\n  d: 4,\n  e: 5,\n  f: 6,\n  g: 7,\n  h: 8,\n  i: 9,\n  j: 10,\n  k: 11,\n  l: 12,\n  m: 13,\n  n: 14,\n  o: 15,\n  p: 16,\n  q: 17,\n  r: 18,\n  s: 19,\n  t: 20,\n  u: 21\n}" },
	{ "fmt(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew'])",
	  "[\n  'apple',\n  'banana',\n  'cherry',\n  'date',\n  'elderberry',\n  'fig',\n  'grape',\n  'honeydew'\n]" },
	{ "fmt([1.25, 100, -3, 4000, 5, 60, 7.5])",
	  "[\n  1.25, 100, -3,\n  4000,   5, 60,\n   7.5\n]" },
	{ "fmt(new Uint8Array(200))",
	  "Uint8Array(200) [\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0,\n  ... 100 more items\n]" },
	{ "fmt(new Uint8Array([1, 20, 300, 4, 5, 6, 7, 8]))",
	  "Uint8Array(8) [\n  1, 20, 44, 4,\n  5,  6,  7, 8\n]" },
	{ "fmt([1, 22, 333, 4444, 55555, 666666, 7777777, 88888888])",
	  "[\n        1,       22,\n      333,     4444,\n    55555,   666666,\n  7777777, 88888888\n]" },
	{ "fmt(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg'])",
	  "[\n  'a',       'bb',\n  'ccc',     'dddd',\n  'eeeee',   'ffffff',\n  'ggggggg'\n]" },
	{ "fmt({ list: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota'] })",
	  "{\n  list: [\n    'alpha',   'beta',\n    'gamma',   'delta',\n    'epsilon', 'zeta',\n    'eta',     'theta',\n    'iota'\n  ]\n}" },
	{ "fmt(new Map([['key-one', { nested: true, value: 'some long string here' }], ['key-two', [1, 2, 3]]]))",
	  "Map(2) {\n  'key-one' => { nested: true, value: 'some long string here' },\n  'key-two' => [ 1, 2, 3 ]\n}" },
	{ "fmt({ m: new Map([[1, new Set(['a'])]]), s: new Set() })",
	  "{ m: Map(1) { 1 => Set(1) { 'a' } }, s: Set(0) {} }" },
	{ "fmt([[1, 2, [3, 4, [5, [6]]]], { a: [{ b: 1 }] }])",
	  "[ [ 1, 2, [ 3, 4, [Array] ] ], { a: [ [Object] ] } ]" },
	{ "fmt([undefined, , null])",
	  "[ undefined, <1 empty item>, null ]" },
	{ "fmt(new Array(101).join('a,').split(','))",
	  "[\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',\n  'a', 'a', 'a', 'a',\n  ... 1 more item\n]" },
	{ "fmt({ a: 'x', b: { c: 'y', d: { e: 'z', f: { g: 1 } } } })",
	  "{ a: 'x', b: { c: 'y', d: { e: 'z', f: [Object] } } }" },
	{ "fmt([new Date(86400000), /re/i, new Error('e').message])",
	  "[ 1970-01-02T00:00:00.000Z, /re/i, 'e' ]" },
	{ "fmt({ 'quoted key': { 'nested-key': 'v' }, valid_id: 1, $dollar: 2, '': 3 })",
	  "{\n  'quoted key': { 'nested-key': 'v' },\n  valid_id: 1,\n  '$dollar': 2,\n  '': 3\n}" },
	{ "fmt([0.1, 1e21, 1e-7, -1.5])",
	  "[ 0.1, 1e+21, 1e-7, -1.5 ]" },
	{ "fmt({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28] })",
	  "{\n  a: [\n     1,  2,  3,  4,  5,  6,  7,  8,\n     9, 10, 11, 12, 13, 14, 15, 16,\n    17, 18, 19, 20, 21, 22, 23, 24,\n    25, 26, 27, 28\n  ]\n}" },
	{ "fmt('%s and %s', 'one', { two: 2 }, 'three', 4)",
	  "one and { two: 2 } three 4" },
	{ "fmt('%d%%', 50)",
	  "50%" },
	{ "fmt('%j', undefined)",
	  "undefined" },
	{ "fmt('%s', Symbol('x'), Symbol())",
	  "Symbol(x) Symbol()" },
	{ "fmt(new Set([new Map([[1, 2]]), [1], { a: 1 }, 'str']))",
	  "Set(4) { Map(1) { 1 => 2 }, [ 1 ], { a: 1 }, 'str' }" },
	{ "fmt([[[[]]]], [[[[1]]]])",
	  "[ [ [ [] ] ] ] [ [ [ [Array] ] ] ]" },
};

START_TEST(inspect_like_node)
{
	duk_idx_t top = duk_get_top(ctx);

	if (duk_peval_string(ctx, node_cases[_i].js) != 0)
		ck_abort_msg("%s: %s", node_cases[_i].js, duk_safe_to_string(ctx, -1));
	ck_assert_msg(strcmp(duk_safe_to_string(ctx, -1), node_cases[_i].want) == 0,
	    "%s\n got: %s\nwant: %s", node_cases[_i].js, duk_safe_to_string(ctx, -1), node_cases[_i].want);
	duk_pop(ctx);
	ck_assert_int_eq(duk_get_top(ctx), top);
}
END_TEST

START_TEST(inspect_errors)
{
	CHECK_LOG("say(fmt(new Error('boom')).split('\\n')[0]);"
	    "var lines = fmt({ e: new TypeError('inner') }).split('\\n');"
	    "say(lines[0] + '|' + lines[1] + '|' + /^      at /.test(lines[2]));"
	    "var e = new RangeError('x'); e.code = 'E1'; var t = fmt(e);"
	    "say(t.indexOf('RangeError: x\\n') === 0 && /\\{\\n  code: 'E1'\\n\\}$/.test(t));"
	    "say(fmt(new AggregateError([1], 'agg')).split('\\n')[0]);"
	    "var bare = Object.create(Error.prototype); say(fmt(bare).split('\\n')[0]);",
	    "Error: boom {|  e: TypeError: inner|true true AggregateError: agg Error");
}
END_TEST

/* Odd objects never make formatting throw. */
START_TEST(inspect_odd_objects)
{
	CHECK_LOG("say(fmt(new Proxy({}, { ownKeys: function(){ throw new Error('trap'); } })));"
	    "say(fmt([new Proxy([], { get: function(){ throw 1; } })]));"
	    "say(fmt(Object.defineProperty({}, 'g', { get: function(){ throw 1; }, enumerable: true })));"
	    "say(fmt('%s', Object.defineProperty({}, 'toString', { value: function(){ throw 1; } })));"
	    "say(fmt('%j', (function(){ var o = {}; o.o = o; return o; })()));"
	    "var hostile = {}; Object.defineProperty(hostile, Symbol.toStringTag, { get: function(){ throw 1; } });"
	    "say(fmt(hostile)); say(fmt(Math)); say(fmt(new Buffer('hi')));"
	    "function Bar() { this.x = 1; } say(fmt(new Bar()));"
	    "say(fmt(Promise.reject(3))); say(fmt(new Map([[1, 2]]).keys()));"
	    "var c = { n: 1 }; c.c = c; Map = null; Object.keys = null; say(fmt(c));",
	    "[Uninspectable: Error: trap] [ [Uninspectable: 1] ] { g: [Getter] } {} [Circular] {} "
	    "Object [Math] {} <Buffer 68 69> Bar { x: 1 } Promise { <rejected> 3 } Object [Map Iterator] {} "
	    "<ref *1> { n: 1, c: [Circular *1] }");
	ck_assert_int_eq(rt_promise_take_unhandled(ctx), 1);
	duk_pop(ctx);
}
END_TEST

/* Expected layouts as Node 20 prints them.  Output stays bounded: 1000 keys at most per object, a character budget
 * per call and a hard cap on the final string. */
START_TEST(inspect_bounded)
{
	CHECK_LOG("var o = {}; for (var i = 0; i < 5000; i++) o['k' + i] = i;"
	    "say(/\\.\\.\\. 4000 more properties\\n\\}$/.test(fmt(o)));"
	    "var a = [], big = new Array(9000).join('y'); for (i = 0; i < 100; i++) a.push(big);"
	    "var w = {}; for (i = 0; i < 100; i++) w['k' + i] = a; var t = fmt(w);"
	    "say(t.length > 100000 && t.length < 2000000);"
	    "var huge = new Array(3000000).join('z'); t = fmt(huge);"
	    "say(t.length < 1100000 && /more characters$/.test(t));"
	    "var deep = {}, cur = deep; for (i = 0; i < 10000; i++) { cur.n = {}; cur = cur.n; }"
	    "say(fmt('%o', deep));",
	    "true true true {\n  n: {\n    n: { n: { n: { n: [Object] } } }\n  }\n}");
}
END_TEST

START_TEST(inspect_value_depth)
{
	duk_idx_t top;

	duk_peval_string(ctx, "({ a: { b: { c: { d: 1 } } }, s: 'str' })");
	top = duk_get_top(ctx);
	ck_assert_int_eq(rt_inspect_value(ctx, -1, 0), 0);
	ck_assert_str_eq(duk_get_string(ctx, -1), "{ a: [Object], s: 'str' }");
	duk_pop(ctx);
	ck_assert_int_eq(rt_inspect_value(ctx, -1, 5), 0);
	ck_assert_str_eq(duk_get_string(ctx, -1), "{\n  a: { b: { c: { d: 1 } } },\n  s: 'str'\n}");
	duk_pop(ctx);
	ck_assert_int_eq(rt_format_args(ctx, -1, 1), 0);
	ck_assert_str_eq(duk_get_string(ctx, -1), "{ a: { b: { c: [Object] } }, s: 'str' }");
	duk_pop(ctx);
	ck_assert_int_eq(rt_format_args(ctx, 0, 0), 0);
	ck_assert_str_eq(duk_get_string(ctx, -1), "");
	duk_pop(ctx);
	ck_assert_int_eq(duk_get_top(ctx), top);
}
END_TEST

static Suite *
runtime_suite(void)
{
	Suite *s = suite_create("runtime");
	TCase *tc = tcase_create("promise");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, error_cause);
	tcase_add_test(tc, microtask_fifo);
	tcase_add_test(tc, microtask_errors_continue);
	tcase_add_test(tc, microtask_stop);
	tcase_add_test(tc, microtask_from_c);
	tcase_add_test(tc, microtask_type_error);
	tcase_add_test(tc, promise_then_vs_microtask);
	tcase_add_test(tc, promise_resolve_with_promise_ticks);
	tcase_add_test(tc, promise_nested_then);
	tcase_add_test(tc, promise_executor_throws);
	tcase_add_test(tc, promise_combinators);
	tcase_add_test(tc, promise_iterable_input);
	tcase_add_test(tc, promise_finally);
	tcase_add_test(tc, promise_thenables);
	tcase_add_test(tc, promise_shape);
	tcase_add_test(tc, promise_subclass_es5);
	tcase_add_test(tc, promise_unhandled);
	tcase_add_test(tc, promise_unhandled_handled_in_microtask);
	tcase_add_test(tc, promise_long_chain);
	suite_add_tcase(s, tc);

	tc = tcase_create("collections");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, map_basics);
	tcase_add_test(tc, map_same_value_zero);
	tcase_add_test(tc, map_iteration_order_and_mutation);
	tcase_add_test(tc, map_iterator_survives_rehash_and_clear);
	tcase_add_test(tc, map_iterators_protocol);
	tcase_add_test(tc, map_errors);
	tcase_add_test(tc, map_es5_subclass);
	tcase_add_test(tc, weakmap_semantics);
	tcase_add_test(tc, weakmap_is_weak);
	tcase_add_test(tc, map_speed);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, text_encode);
	tcase_add_test(tc, text_encode_many_astral);
	tcase_add_test(tc, text_encode_into);
	tcase_add_test(tc, text_decode);
	tcase_add_test(tc, text_decode_fatal_and_stream);
	suite_add_tcase(s, tc);

	tc = tcase_create("define");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lazy_builds_once_on_first_read);
	suite_add_tcase(s, tc);

	tc = tcase_create("inspect");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, inspect_like_node, 0, (int)(sizeof(node_cases) / sizeof(node_cases[0])));
	tcase_add_test(tc, inspect_errors);
	tcase_add_test(tc, inspect_odd_objects);
	tcase_add_test(tc, inspect_bounded);
	tcase_add_test(tc, inspect_value_depth);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(runtime_suite());
}
