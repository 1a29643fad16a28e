/*
 * test_clone_duk.c - the Duktape side of the structured clone: every kind
 * round-trips with identity, uncloneable values throw and emit nothing,
 * hostile bytes are refused with the value stack balanced.
 */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <duktape.h>

#include "buf.h"
#include "clone.h"
#include "clone_corpus.h"
#include "clone_duk.h"
#include "clone_json.h"
#include "tsuite.h"

/* Duktape has no Map/Set: the worker runtime installs native ones.  This
 * slow ES5 stand-in has the same methods, enough for the codec. */
static const char shim_js[] =
	"(function (g) {\n"
	"  function find(a, k) { for (var i = 0; i < a.length; i++) { var x = a[i];\n"
	"    if (x === k || (x !== x && k !== k)) return i; } return -1; }\n"
	"  function hide(o, k, v) { Object.defineProperty(o, k, { value: v }); }\n"
	"  function Map() { if (!(this instanceof Map)) throw new TypeError('Map');\n"
	"    hide(this, '_k', []); hide(this, '_v', []); }\n"
	"  Map.prototype.set = function (k, v) { if (!(this instanceof Map)) throw new TypeError('not a Map');\n"
	"    var i = find(this._k, k); if (i < 0) { this._k.push(k); this._v.push(v); } else this._v[i] = v;\n"
	"    return this; };\n"
	"  Map.prototype.get = function (k) { var i = find(this._k, k); return i < 0 ? undefined : this._v[i]; };\n"
	"  Map.prototype.forEach = function (cb, t) { if (!(this instanceof Map)) throw new TypeError('not a Map');\n"
	"    for (var i = 0; i < this._k.length; i++) cb.call(t, this._v[i], this._k[i], this); };\n"
	"  function Set() { if (!(this instanceof Set)) throw new TypeError('Set'); hide(this, '_k', []); }\n"
	"  Set.prototype.add = function (k) { if (!(this instanceof Set)) throw new TypeError('not a Set');\n"
	"    if (find(this._k, k) < 0) this._k.push(k); return this; };\n"
	"  Set.prototype.has = function (k) { return find(this._k, k) >= 0; };\n"
	"  Set.prototype.forEach = function (cb, t) { if (!(this instanceof Set)) throw new TypeError('not a Set');\n"
	"    for (var i = 0; i < this._k.length; i++) cb.call(t, this._k[i], this._k[i], this); };\n"
	"  g.Map = Map; g.Set = Set;\n"
	"  g.WeakMap = function WeakMap() {}; g.WeakSet = function WeakSet() {};\n"
	"  g.Promise = function Promise() {};\n"
	"})(this);\n";

/* same(a, b): true, or a string saying where a and its clone b differ.
 * Pairs of objects are remembered, so identity and cycles are checked. */
static const char same_js[] =
	"(function (g) {\n"
	"  var D = Date, RX = RegExp, AB = ArrayBuffer, MP = Map, ST = Set, ER = Error, U8 = Uint8Array;\n"
	"  var keysOf = Object.keys, gp = Object.getPrototypeOf, isArr = Array.isArray, isView = ArrayBuffer.isView;\n"
	"  var toStr = Object.prototype.toString;\n"
	"  var cls = function (x) { return toStr.call(x); };\n"
	"  function entries(m) { var r = []; m.forEach(function (v, k) { r.push([k, v]); }); return r; }\n"
	"  function same(a, b, s, path) {\n"
	"    if (typeof a !== typeof b) return path + ': type ' + typeof a + ' vs ' + typeof b;\n"
	"    if (typeof a === 'number') {\n"
	"      if (a !== a) return b !== b ? true : path + ': NaN';\n"
	"      if (a === 0 && b === 0) return 1 / a === 1 / b ? true : path + ': sign of zero';\n"
	"      return a === b ? true : path + ': ' + a + ' vs ' + b; }\n"
	"    if (a === null || typeof a !== 'object') return a === b ? true : path + ': ' + String(a) + ' vs ' + String(b);\n"
	"    if (b === null) return path + ': null';\n"
	"    var i = s.as.indexOf(a);\n"
	"    if (i >= 0) return s.bs[i] === b ? true : path + ': identity lost';\n"
	"    if (s.bs.indexOf(b) >= 0) return path + ': objects merged';\n"
	"    if (a === b) return path + ': not copied';\n"
	"    s.as.push(a); s.bs.push(b);\n"
	"    var r, k, ka, kb;\n"
	"    if (cls(a) !== cls(b)) return path + ': ' + cls(a) + ' vs ' + cls(b);\n"
	"    if (a instanceof D) return String(a.getTime()) === String(b.getTime()) ? true : path + ': date';\n"
	"    if (a instanceof RX) return a.source === b.source && String(a.global) + a.ignoreCase + a.multiline ===\n"
	"      String(b.global) + b.ignoreCase + b.multiline && b.lastIndex === 0 && gp(b) === RX.prototype ? true : path + ': regexp';\n"
	"    if (cls(a) === '[object Boolean]' || cls(a) === '[object Number]' || cls(a) === '[object String]')\n"
	"      return same(a.valueOf(), b.valueOf(), s, path + '.valueOf');\n"
	"    if (a instanceof ER) {\n"
	"      if (a.name !== b.name || a.message !== b.message || a.stack !== b.stack) return path + ': error fields';\n"
	"      if (gp(a) !== gp(b) && g[a.name] === a.constructor) return path + ': error kind';\n"
	"      return b instanceof ER ? true : path + ': not an Error'; }\n"
	"    if (a instanceof AB) {\n"
	"      if (a.byteLength !== b.byteLength) return path + ': byteLength';\n"
	"      var ua = new U8(a), ub = new U8(b);\n"
	"      for (k = 0; k < ua.length; k++) if (ua[k] !== ub[k]) return path + ': byte ' + k;\n"
	"      return true; }\n"
	"    if (isView(a)) {\n"
	"      if (a.constructor !== b.constructor || a.byteOffset !== b.byteOffset || a.byteLength !== b.byteLength)\n"
	"        return path + ': view shape';\n"
	"      return same(a.buffer, b.buffer, s, path + '.buffer'); }\n"
	"    if (a instanceof MP || a instanceof ST) {\n"
	"      if (gp(a) !== gp(b)) return path + ': collection kind';\n"
	"      return same(entries(a), entries(b), { as: s.as.slice(), bs: s.bs.slice() }, path + '.entries'); }\n"
	"    if (isArr(a) !== isArr(b)) return path + ': array-ness';\n"
	"    if (isArr(a) && a.length !== b.length) return path + ': length';\n"
	"    ka = keysOf(a); kb = keysOf(b);\n"
	"    if (ka.join('\\u0001') !== kb.join('\\u0001')) return path + ': keys ' + ka + ' vs ' + kb;\n"
	"    for (k = 0; k < ka.length; k++) { r = same(a[ka[k]], b[ka[k]], s, path + '.' + ka[k]); if (r !== true) return r; }\n"
	"    return true; }\n"
	"  g.__same = function (a, b) { return same(a, b, { as: [], bs: [] }, '$'); };\n"
	"})(this)";

static duk_context *
heap(void)
{
	duk_context *ctx = duk_create_heap_default();

	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(duk_peval_string(ctx, shim_js), 0);
	ck_assert_int_eq(duk_peval_string(ctx, same_js), 0);
	duk_pop_2(ctx);
	clone_duk_init(ctx);
	return ctx;
}

/* Evaluates expr, clones it, compares the copy; out holds the bytes. */
static void
roundtrip(duk_context *ctx, const char *expr, struct pbuf *out)
{
	char err[256];
	duk_idx_t top = duk_get_top(ctx);

	pbuf_reset(out);
	if (duk_peval_string(ctx, expr) != 0)
		ck_abort_msg("eval %s: %s", expr, duk_safe_to_string(ctx, -1));
	ck_assert_msg(clone_encode(ctx, -1, DUK_INVALID_INDEX, out, err, sizeof(err)) == 0, "encode %s: %s", expr, err);
	ck_assert_int_eq(duk_get_top(ctx), top + 1);
	ck_assert_msg(clone_decode(ctx, out->data, out->len, err, sizeof(err)) == 0, "decode %s: %s", expr, err);
	ck_assert_int_eq(duk_get_top(ctx), top + 2);
	duk_get_global_string(ctx, "__same");
	duk_insert(ctx, -3);
	if (duk_pcall(ctx, 2) != 0)
		ck_abort_msg("compare %s: %s", expr, duk_safe_to_string(ctx, -1));
	ck_assert_msg(duk_is_boolean(ctx, -1) && duk_get_boolean(ctx, -1), "%s: %s", expr, duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
}

static const char *kinds[] = {
	"undefined", "null", "true", "false", "0", "-0", "1", "-1", "127", "-33", "65536", "4294967296",
	"9007199254740991", "-9007199254740991", "9007199254740992", "1.5", "NaN", "Infinity", "-Infinity",
	"5e-324", "''", "'plain'", "'caf\\u00e9 \\u20ac'", "'\\ud83d\\ude00 astral'", "'\\ud800'",
	"'a\\udc00b'", "'\\udc00\\ud800'", "'nul\\u0000inside'",
	"new Boolean(false)", "new Boolean(true)", "new Number(-0)", "new Number(NaN)", "new String('s\\ud83d')",
	"new String('w')", "new Date(1704164645678)", "new Date(NaN)", "new Date(-1)",
	"/a+b/gi", "new RegExp('x/y', 'm')", "(function () { var r = /q/g; r.lastIndex = 3; return r; })()",
	"new RegExp('\\ud800')",
	"new ArrayBuffer(0)", "new ArrayBuffer(5)", "new Uint8Array([1, 2, 255])", "new Int8Array([-1, 5])",
	"new Uint8ClampedArray([9])", "new Int16Array([-2, 300])", "new Uint16Array([65535])",
	"new Int32Array([-7])", "new Uint32Array([4294967295])", "new Float32Array([1.5, -0])",
	"new Float64Array([NaN, 1e300])", "new DataView(new ArrayBuffer(6), 2, 3)",
	"new Uint8Array(new ArrayBuffer(8), 3, 2)", "Duktape.dec('hex', '0102ff')", "new Int16Array(new ArrayBuffer(8), 2, 2)",
	"(function () { var b = new ArrayBuffer(8); return [new Uint8Array(b), new Int32Array(b, 4), b, new DataView(b)]; })()",
	"(function () { var b = new ArrayBuffer(4); return [b, new Uint8Array(b)]; })()",
	"(function () { var m = new Map(); m.set('a', 1); m.set(2, {x: m}); m.set(NaN, -0); return m; })()",
	"(function () { var s = new Set(); s.add(3); s.add('x'); s.add(s); return s; })()",
	/* jansson parses at most 2048 JSON levels and a Map level takes three,
	 * so deeper Maps clone but do not print-and-parse as tagged JSON. */
	"(function () { var m = new Map(); for (var i = 0; i < 680; i++) { var n = new Map(); n.set(i, m); m = n; } return m; })()",
	"(function () { var a = []; for (var i = 0; i < 999; i++) a = [a]; return a; })()",
	"new Error('boom')", "new TypeError('t')", "new RangeError('r')", "new SyntaxError('')",
	"new EvalError('e')", "new ReferenceError('f')", "new URIError('u')",
	"(function () { var e = new Error('m'); e.name = 'CustomError'; return e; })()",
	"(function () { var e = new TypeError('m'); e.stack = 'at nowhere'; return e; })()",
	"[]", "[1, 'two', null, undefined, [3]]", "[1, , 3]", "[, , 1]", "[1, , ]", "new Array(5)",
	"(function () { var a = [1, 2]; a.extra = 'x'; a[5] = 6; return a; })()",
	"(function () { var a = []; a[100000] = 1; return a; })()",
	"(function () { var a = [1]; a.length = 4294967295; return a; })()",
	"({})", "({a: 1, b: {c: [true]}, 2: 'two', 1: 'one'})", "({'__proto__': 5, 'constructor': 1})",
	"(function () { var o = Object.create(null); o.k = 1; return o; })()", "Object.create(null)",
	"({'\\u00fc': 1, '\\ud83d\\ude00': 2, '': 3})",
	"(function () { function K() { this.a = 1; } K.prototype.b = 2; return new K(); })()",
	"(function () { var o = {}; return [o, o, {x: o}]; })()",
	"(function () { var o = {}; o.self = o; return o; })()",
	"(function () { var a = []; a.push(a, a); return a; })()",
	/* objects past the decoder's value-stack slots, and references to both */
	"(function () { var a = [], i; for (i = 0; i < 20; i++) a.push({i: i}); return [a, a[0], a[6], a[7], a[8], a[19], a]; })()",
	"(function () { var d = new Date(5); return {d: d, again: d}; })()",
	"(function () { var o = {}; Object.defineProperty(o, 'hidden', {value: 1, enumerable: false}); o.v = 2; return o; })()",
	"(function () { var o = {}; o[Symbol('s')] = 1; o.x = 2; return o; })()",
	"(function () { return {get g() { return 7; }}; })()",
};

/* A lone bin from its payload alone (a post ring's fast path) is the
 * value the decoder makes of the whole bin: same class, prototype, length,
 * bytes, and a buffer of its own. */
START_TEST(test_lone_bin)
{
	static const uint8_t wire[] = { 0xc4, 3, 7, 8, 255 };
	duk_context *ctx = heap();
	char err[256];

	ck_assert_msg(clone_decode(ctx, wire, sizeof(wire), err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(clone_decode_bin(ctx, wire + 2, 3, err, sizeof(err)) == 0, "%s", err);
	duk_get_global_string(ctx, "__same");
	duk_insert(ctx, -3);
	ck_assert_int_eq(duk_pcall(ctx, 2), 0);
	ck_assert_msg(duk_is_boolean(ctx, -1) && duk_get_boolean(ctx, -1), "%s", duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
	ck_assert_int_eq(clone_decode_bin(ctx, wire, 0, err, sizeof(err)), 0);
	ck_assert_int_eq(duk_peval_string(ctx, "(function (u) { return u instanceof Uint8Array && u.length === 0 &&"
	    " u.buffer.byteLength === 0; })"), 0);
	duk_swap(ctx, -1, -2);
	ck_assert_int_eq(duk_pcall(ctx, 1), 0);
	ck_assert(duk_get_boolean(ctx, -1));
	duk_destroy_heap(ctx);
}
END_TEST

START_TEST(test_kinds_roundtrip)
{
	duk_context *ctx = heap();
	struct pbuf out;

	pbuf_init(&out);
	roundtrip(ctx, kinds[_i], &out);
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* JS -> bytes -> tagged JSON -> bytes gives the same bytes, and those
 * decode to an equal value. */
START_TEST(test_kinds_json)
{
	duk_context *ctx = heap();
	struct pbuf out, again;
	char err[256];
	char *json;

	pbuf_init(&out);
	pbuf_init(&again);
	roundtrip(ctx, kinds[_i], &out);
	json = clone_to_json(out.data, out.len, err, sizeof(err));
	ck_assert_msg(json != NULL, "%s: to_json: %s", kinds[_i], err);
	ck_assert_msg(clone_from_json(json, strlen(json), &again, err, sizeof(err)) == 0, "%.200s: from_json %.200s: %s",
	    kinds[_i], json, err);
	ck_assert_msg(again.len == out.len && memcmp(again.data, out.data, out.len) == 0, "%.200s: bytes differ after %.200s",
	    kinds[_i], json);
	free(json);
	pbuf_free(&out);
	pbuf_free(&again);
	duk_destroy_heap(ctx);
}
END_TEST

static void
expect_bytes(duk_context *ctx, const char *expr, const char *hex)
{
	struct pbuf out;
	char got[512] = "";
	char err[128];

	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx, expr), 0);
	ck_assert_msg(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)) == 0, "%s", err);
	duk_pop(ctx);
	for (size_t i = 0; i < out.len && i < 200; i++)
		sprintf(got + 2 * i, "%02x", out.data[i]);
	ck_assert_msg(strcmp(got, hex) == 0, "%s: got %s want %s", expr, got, hex);
	pbuf_free(&out);
}

/* JSON-like values use plain msgpack, other kinds the documented exts. */
START_TEST(test_wire_forms)
{
	duk_context *ctx = heap();

	expect_bytes(ctx, "({a: 1, b: [true, null, 'x']})", "82a16101a16293c3c0a178");
	expect_bytes(ctx, "-1", "ff");
	expect_bytes(ctx, "-0", "cb8000000000000000");
	expect_bytes(ctx, "0.5", "cb3fe0000000000000");
	expect_bytes(ctx, "undefined", "c70001");
	expect_bytes(ctx, "'\\ud83d\\ude00'", "a4f09f9880");
	expect_bytes(ctx, "'\\ud800'", "c70311eda080");
	expect_bytes(ctx, "new Uint8Array([7, 8])", "c4020708");
	expect_bytes(ctx, "new Int8Array([7])", "c9000000020a0007");
	expect_bytes(ctx, "[1, , 2]", "9301c7000202");
	expect_bytes(ctx, "[1, , ]", "c900000005100201c70002");
	expect_bytes(ctx, "(function () { var o = {}; return [o, o]; })()", "9280d40f01");
	expect_bytes(ctx, "(function () { var b = new ArrayBuffer(2); return [new Uint8Array(b), new Uint8Array(b, 1)]; })()",
	    "92c4020000c9000000060b010101d40f02");
	expect_bytes(ctx, "new Date(0)", "d7040000000000000000");
	expect_bytes(ctx, "new Boolean(true)", "d40601");
	duk_destroy_heap(ctx);
}
END_TEST

static void
expect_clone_error(duk_context *ctx, const char *expr, const char *transfer)
{
	struct pbuf out;
	char err[256] = "";
	duk_idx_t top;

	pbuf_init(&out);
	pbuf_append(&out, "keep", 4);
	if (duk_peval_string(ctx, expr) != 0)
		ck_abort_msg("eval %s: %s", expr, duk_safe_to_string(ctx, -1));
	if (transfer != NULL)
		ck_assert_int_eq(duk_peval_string(ctx, transfer), 0);
	top = duk_get_top(ctx);
	ck_assert_msg(clone_encode(ctx, transfer ? -2 : -1, transfer ? -1 : DUK_INVALID_INDEX, &out, err,
	    sizeof(err)) == -1, "%s cloned", expr);
	ck_assert_int_eq(duk_get_top(ctx), top);
	ck_assert_uint_eq(out.len, 4);
	ck_assert_msg(strncmp(err, "DataCloneError: ", 16) == 0, "%s: %s", expr, err);
	duk_set_top(ctx, 0);
	pbuf_free(&out);
}

static const char *uncloneable[] = {
	"(function () {})", "Math.max", "Symbol('s')", "[1, Symbol.iterator]",
	"new Proxy({}, {})", "new Proxy([], {})", "({deep: [{p: new Proxy({a: 1}, {})}]})",
	"new WeakMap()", "new WeakSet()", "new Promise()", "({f: function () {}})",
	"Object(Symbol('boxed'))", "this", "Duktape.Thread ? new Duktape.Thread(function () {}) : print",
	"(function () { var m = new Map(); m.set('k', function () {}); return m; })()",
	"(function () { var s = new Set(); s.add(Symbol('x')); return s; })()",
	"(function () { var a = [1]; var o = a; for (var i = 0; i < 1100; i++) o = [o]; return o; })()",
	"({'\\ud800': 1})",
};

START_TEST(test_uncloneable)
{
	duk_context *ctx = heap();

	expect_clone_error(ctx, uncloneable[_i], NULL);
	duk_destroy_heap(ctx);
}
END_TEST

START_TEST(test_transfer)
{
	duk_context *ctx = heap();
	struct pbuf out;
	char err[256];

	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx, "var tb = new ArrayBuffer(3); new Uint8Array(tb)[1] = 9; [tb]"), 0);
	ck_assert_int_eq(duk_peval_string(ctx, "[tb]"), 0);
	ck_assert_msg(clone_encode(ctx, -2, -1, &out, err, sizeof(err)) == 0, "%s", err);
	duk_set_top(ctx, 0);
	ck_assert_int_eq(clone_decode(ctx, out.data, out.len, err, sizeof(err)), 0);
	ck_assert_int_eq(duk_peval_string(ctx, "(function (v) { return new Uint8Array(v[0])[1]; })"), 0);
	duk_swap(ctx, -1, -2);
	duk_call(ctx, 1);
	ck_assert_int_eq(duk_get_int(ctx, -1), 9);
	duk_set_top(ctx, 0);
	expect_clone_error(ctx, "tb", "[tb, tb]");
	expect_clone_error(ctx, "tb", "[new Uint8Array(1)]");
	expect_clone_error(ctx, "tb", "[{}]");
	expect_clone_error(ctx, "tb", "({0: tb, length: 1})");
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* MessagePorts: ext 18 names a port's place in the ports list, every
 * mention of one decodes to the same new port, and nothing else lets a
 * port through. */
static void
eval_top(duk_context *ctx, const char *js)
{
	if (duk_peval_string(ctx, js) != 0)
		ck_abort_msg("eval %s: %s", js, duk_safe_to_string(ctx, -1));
}

static void
make_ports(duk_context *ctx)
{
	eval_top(ctx, "function P() {} var p1 = new P(), p2 = new P(), q1 = {q: 1}, q2 = {q: 2}; [p1, p2]");
	duk_get_prop_index(ctx, -1, 0);
	clone_mark_port(ctx, -1);
	duk_get_prop_index(ctx, -2, 1);
	clone_mark_port(ctx, -1);
	duk_set_top(ctx, 0);
}

START_TEST(test_ports)
{
	duk_context *ctx = heap();
	struct pbuf out;
	char err[256];
	static const uint8_t port1[] = { 0xd4, CX_PORT, 0x01 };

	pbuf_init(&out);
	make_ports(ctx);
	eval_top(ctx, "({a: p1, b: [p1, p2], c: [1]})");
	eval_top(ctx, "[p1, p2]");
	ck_assert_msg(clone_encode_ports(ctx, -2, DUK_INVALID_INDEX, -1, &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert_ptr_nonnull(memmem(out.data, out.len, port1, sizeof(port1)));
	duk_set_top(ctx, 0);
	eval_top(ctx, "[q1, q2]");
	ck_assert_msg(clone_decode_ports(ctx, out.data, out.len, 0, err, sizeof(err)) == 0, "%s", err);
	duk_put_global_string(ctx, "got");
	eval_top(ctx, "got.a === q1 && got.b[0] === q1 && got.b[1] === q2 && got.c[0] === 1");
	ck_assert(duk_get_boolean(ctx, -1));
	duk_set_top(ctx, 0);

	/* without the receiver's ports, or with too few */
	ck_assert_int_eq(clone_decode(ctx, out.data, out.len, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "outside its worker"));
	eval_top(ctx, "[q1]");
	ck_assert_int_eq(clone_decode_ports(ctx, out.data, out.len, 0, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "not in the transfer list"));
	ck_assert_ptr_null(clone_to_json(out.data, out.len, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "cannot leave its worker"));
	duk_set_top(ctx, 0);

	/* a port not listed, listed as a transferable, or a list with a non-port */
	expect_clone_error(ctx, "({a: p1})", NULL);
	expect_clone_error(ctx, "1", "[p1]");
	eval_top(ctx, "1");
	eval_top(ctx, "[p1, q1]");
	pbuf_reset(&out);
	ck_assert_int_eq(clone_encode_ports(ctx, -2, DUK_INVALID_INDEX, -1, &out, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "only MessagePorts"));
	ck_assert_uint_eq(out.len, 0);
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* Decoding hostile bytes: refused, nothing pushed, message set. */
static void
expect_reject(duk_context *ctx, const uint8_t *p, size_t n, const char *what, const char *why)
{
	char err[256] = "";
	duk_idx_t top = duk_get_top(ctx);

	ck_assert_msg(clone_decode(ctx, p, n, err, sizeof(err)) == -1, "%s accepted", what);
	ck_assert_int_eq(duk_get_top(ctx), top);
	ck_assert_msg(strstr(err, why) != NULL, "%s: refused for \"%s\", not \"%s\"", what, err, why);
}

/* A literal's bytes (sizeof: a literal, never a pointer) and the reason the
 * decoder must give. */
#define REJECT(ctx, lit, why) expect_reject(ctx, (const uint8_t *)(lit), sizeof(lit) - 1, #lit, why)

/* The shared corpus: every format error, refused as the reader says. */
START_TEST(test_corpus)
{
	duk_context *ctx = heap();
	const struct clone_bad *c = &clone_corpus[_i];

	expect_reject(ctx, c->p, c->n, c->what, c->why);
	duk_destroy_heap(ctx);
}
END_TEST

/* Well-formed values this worker cannot make. */
START_TEST(test_hostile)
{
	duk_context *ctx = heap();

	REJECT(ctx, "\xc7\x02\x03" "12", "a BigInt cannot be represented in this worker");
	/* A malformed one is in the corpus: the bytes are checked first. */
	REJECT(ctx, "\xc7\x09\x0a\x09\x00\x00\x00\x00\x00\x00\x00\x00", "BigInt64Array cannot be represented in this worker");
	REJECT(ctx, "\xc7\x03\x05\xa1(\xa0", "SyntaxError: unexpected end of pattern");		/* RegExp: bad pattern */
	REJECT(ctx, "\xc7\x04\x05\xa1" "a\xa1" "Q", "SyntaxError: invalid regexp flags");	/* RegExp: bad flags */
	duk_destroy_heap(ctx);
}
END_TEST

/* Accepted forms another encoder may write. */
START_TEST(test_lenient_forms)
{
	duk_context *ctx = heap();
	static const struct {
		const char *doc;
		size_t len;
		const char *check;
	} cases[] = {
		{ "\x81\x07\xa1" "x", 4, "(function (v) { return v['7'] === 'x'; })" },
		{ "\x81\xff\x01", 3, "(function (v) { return v['-1'] === 1; })" },
		{ "\x92\x01\xc7\x01\x02\x03", 6, "(function (v) { return v.length === 4 && !(1 in v) && v[0] === 1; })" },
		{ "\xca\x3f\xc0\x00\x00", 5, "(function (v) { return v === 1.5; })" },
		{ "\x91\xd4\x0f\x00", 4, "(function (v) { return v[0] === v; })" },
		/* Objects that drop out of the value still answer back-references:
		 * a duplicate key, a Map key set twice, an ext 16 extra "0". */
		{ "\x92\x82\xa1" "a\x80\xa1" "a\x01\xd4\x0f\x02", 11,
		  "(function (v) { return v[0].a === 1 && typeof v[1] === 'object' && Object.keys(v[1]).length === 0; })" },
		{ "\x92\xc7\x07\x0c\x01\x81\xa1" "x\x02\x01\x03\xd4\x0f\x02", 14,
		  "(function (v) { return v[0].get(1) === 3 && v[1].x === 2; })" },
		{ "\x92\xc7\x06\x10\x01\x91\xc0\xa1" "0\x05\xd4\x0f\x02", 13,
		  "(function (v) { return v[0][0] === 5 && Array.isArray(v[1]) && v[1][0] === null; })" },
		/* Extra properties that only look like indices past the length. */
		{ "\xc7\x12\x10\x01\x01\xa2" "01\x02\xaa" "4294967295\x03", 21,
		  "(function (v) { return v.length === 1 && v['01'] === 2 && v['4294967295'] === 3; })" },
		{ "\xd4\x02\x00" + 3, 0, NULL },
	};
	char err[256];

	for (size_t i = 0; cases[i].check != NULL; i++) {
		ck_assert_msg(clone_decode(ctx, (const uint8_t *)cases[i].doc, cases[i].len, err, sizeof(err)) == 0,
		    "%zu: %s", i, err);
		ck_assert_int_eq(duk_peval_string(ctx, cases[i].check), 0);
		duk_swap(ctx, -1, -2);
		duk_call(ctx, 1);
		ck_assert_msg(duk_get_boolean(ctx, -1), "check %zu", i);
		duk_pop(ctx);
	}
	duk_destroy_heap(ctx);
}
END_TEST

static void
expect_nested(duk_context *ctx, uint8_t open, size_t depth, bool ok)
{
	size_t n = depth + 1;
	uint8_t *p = malloc(n);
	char err[256];
	duk_idx_t top = duk_get_top(ctx);

	memset(p, open, depth);
	p[depth] = 0xc0;
	ck_assert_int_eq(clone_decode(ctx, p, n, err, sizeof(err)), ok ? 0 : -1);
	ck_assert_int_eq(duk_get_top(ctx), top + (ok ? 1 : 0));
	duk_set_top(ctx, top);
	free(p);
}

START_TEST(test_deep_nesting)
{
	duk_context *ctx = heap();
	uint8_t *p;
	char err[256];

	expect_nested(ctx, 0x91, 100000, false);
	expect_nested(ctx, 0x91, CLONE_MAX_DEPTH + 1, false);
	expect_nested(ctx, 0x91, CLONE_MAX_DEPTH, true);
	/* 100,000 nested single-key maps {"":{"":...}} */
	p = malloc(200001);
	for (size_t i = 0; i < 100000; i++) {
		p[2 * i] = 0x81;
		p[2 * i + 1] = 0xa0;
	}
	p[200000] = 0xc0;
	ck_assert_int_eq(clone_decode(ctx, p, 200001, err, sizeof(err)), -1);
	ck_assert_int_eq(duk_get_top(ctx), 0);
	free(p);
	duk_destroy_heap(ctx);
}
END_TEST

/* An allocator that remembers the largest single request. */
static size_t biggest;

static void *
track_alloc(void *udata, duk_size_t size)
{
	(void)udata;
	if (size > biggest)
		biggest = size;
	return malloc(size);
}

static void *
track_realloc(void *udata, void *ptr, duk_size_t size)
{
	(void)udata;
	if (size > biggest)
		biggest = size;
	return realloc(ptr, size);
}

static void
track_free(void *udata, void *ptr)
{
	(void)udata;
	free(ptr);
}

START_TEST(test_no_allocation_from_headers)
{
	duk_context *ctx = duk_create_heap(track_alloc, track_realloc, track_free, NULL, NULL);
	static const char *docs[] = {
		"\xdd\x7f\xff\xff\xff\x01\x02\x03", "\xdf\x7f\xff\xff\xff\x01\x02",
		"\xdb\x7f\xff\xff\xff" "abc", "\xc6\x7f\xff\xff\xff" "abc", "\xc9\x7f\xff\xff\xff\x09" "abc",
		"\xc7\x05\x10\xce\x7f\xff\xff\xff", "\x91\xc7\x05\x02\xce\x7f\xff\xff\xff\x01",
	};
	char err[256];

	ck_assert_int_eq(duk_peval_string(ctx, shim_js), 0);
	duk_pop(ctx);
	clone_duk_init(ctx);
	biggest = 0;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		clone_decode(ctx, (const uint8_t *)docs[i], strlen(docs[i]), err, sizeof(err));
	ck_assert_msg(biggest < 65536, "largest allocation %zu", biggest);
	ck_assert_int_eq(duk_get_top(ctx), 0);
	duk_destroy_heap(ctx);
}
END_TEST

/* An allocator that fails once a budget of fresh allocations is spent.
 * Resizes always succeed: Duktape itself does not survive a failing
 * shrink of its string table. */
static long budget = -1;

static void *
budget_alloc(void *udata, duk_size_t size)
{
	(void)udata;
	if (budget >= 0) {
		if ((long)size > budget)
			return NULL;
		budget -= (long)size;
	}
	return malloc(size);
}

static void *
budget_realloc(void *udata, void *ptr, duk_size_t size)
{
	return ptr == NULL ? budget_alloc(udata, size) : realloc(ptr, size);
}

/* Running out of memory anywhere in encode or decode is an error like any
 * other: stack balanced, no bytes appended, the heap still usable. */
START_TEST(test_out_of_memory)
{
	duk_context *ctx = duk_create_heap(budget_alloc, budget_realloc, track_free, NULL, NULL);
	struct pbuf out;
	char err[256];
	size_t len;
	int failures = 0, rc;

	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx, shim_js), 0);
	duk_pop(ctx);
	clone_duk_init(ctx);
	ck_assert_int_eq(duk_peval_string(ctx, "(function () { var a = []; for (var i = 0; i < 2000; i++)"
	    " a.push({k: 'v' + i, n: [i, 'x' + i, new Date(i)]}); return a; })()"), 0);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)), 0);
	len = out.len;
	for (long b = 1; b < 600000; b += 24989) {
		budget = b;
		if (clone_decode(ctx, out.data, len, err, sizeof(err)) == 0)
			duk_pop(ctx);
		else
			failures++;
		ck_assert_int_eq(duk_get_top(ctx), 1);
		budget = b;
		rc = clone_encode(ctx, 0, DUK_INVALID_INDEX, &out, err, sizeof(err));
		budget = -1;
		if (rc == 0)
			pbuf_truncate(&out, len);
		else
			ck_assert_uint_eq(out.len, len);
		/* The engine's own "alloc failed" comes back to be rethrown. */
		if (rc == -2)
			duk_pop(ctx);
		ck_assert_int_eq(duk_get_top(ctx), 1);
	}
	ck_assert_int_gt(failures, 0);
	ck_assert_int_eq(clone_decode(ctx, out.data, len, err, sizeof(err)), 0);
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* Without Map/Set in the heap, they are refused on decode and never made
 * on encode. */
START_TEST(test_no_collections)
{
	duk_context *ctx = duk_create_heap_default();
	char err[256];
	struct pbuf out;

	clone_duk_init(ctx);
	ck_assert_int_eq(clone_decode(ctx, (const uint8_t *)"\xc7\x00\x0c", 3, err, sizeof(err)), -1);
	ck_assert_int_eq(duk_get_top(ctx), 0);
	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx, "({a: new Date(3)})"), 0);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)), 0);
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* What a getter throws, at any depth, comes back as that very value (not a
 * DataCloneError or a copy), and nothing is written. */
START_TEST(test_getter_throw_identity)
{
	static const char *const exprs[] = {
		"({get x() { throw thrown; }})",
		"[1, {a: {get deep() { throw thrown; }}}]",
		"(function () { var m = new Map(); m.set('k', {get v() { throw thrown; }}); return m; })()",
	};
	duk_context *ctx = heap();
	struct pbuf out;
	char err[256];

	pbuf_init(&out);
	pbuf_append(&out, "keep", 4);
	ck_assert_int_eq(duk_peval_string(ctx, "var thrown = {mark: 'e'}; thrown"), 0);
	ck_assert_int_eq(duk_peval_string(ctx, exprs[_i]), 0);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)), -2);
	ck_assert_uint_eq(out.len, 4);
	ck_assert_int_eq(duk_get_top(ctx), 3);
	ck_assert_msg(duk_strict_equals(ctx, -1, 0), "%s: rethrew another value: %s", exprs[_i],
	    duk_safe_to_string(ctx, -1));
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* A getter that drops an object already cloned and makes new ones: the
 * new ones must not be taken for the dropped one (same address reused). */
START_TEST(test_getter_drops_object)
{
	duk_context *ctx = heap();
	struct pbuf out;
	char err[256];

	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx, "({a: {x: 1}, get b() { delete this.a; Duktape.gc();"
	    " var r = []; for (var i = 0; i < 50; i++) r.push({y: i}); return r; }})"), 0);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)), 0);
	ck_assert_int_eq(clone_decode(ctx, out.data, out.len, err, sizeof(err)), 0);
	ck_assert_int_eq(duk_peval_string(ctx, "(function (v) { for (var i = 0; i < 50; i++)"
	    " if (v.b[i] === v.a || v.b[i].y !== i) return false; return v.a.x === 1; })"), 0);
	duk_swap(ctx, -1, -2);
	duk_call(ctx, 1);
	ck_assert(duk_get_boolean(ctx, -1));
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

START_TEST(test_uninitialised)
{
	duk_context *ctx = duk_create_heap_default();
	struct pbuf out;
	char err[256];

	pbuf_init(&out);
	duk_push_int(ctx, 1);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)), -1);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(clone_decode(ctx, (const uint8_t *)"\x01", 1, err, sizeof(err)), -1);
	ck_assert_int_eq(duk_get_top(ctx), 1);
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* A script replacing globals cannot change what a clone makes. */
START_TEST(test_replaced_globals)
{
	duk_context *ctx = heap();
	struct pbuf out;

	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx,
	    "var RealMap = Map, RealDate = Date; Map = function () { throw 1; }; Date = null;"
	    "Map.prototype = {}; RegExp.prototype.flags = 5; Object.defineProperty(Object.prototype, 'x', "
	    "{ set: function () { throw new Error('setter'); } });"), 0);
	duk_pop(ctx);
	roundtrip(ctx, "(function () { var m = new RealMap(); m.set('x', new RealDate(7)); return {x: m, __proto__: null}; })()", &out);
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* Decoded objects and arrays get own data properties that no inherited
 * setter sees, and end up with the real prototypes. */
START_TEST(test_inherited_setters)
{
	duk_context *ctx = heap();
	struct pbuf out;
	char err[256];

	pbuf_init(&out);
	ck_assert_int_eq(duk_peval_string(ctx,
	    "var hits = 0; function trap() { hits++; throw new Error('setter'); }"
	    "Object.defineProperty(Object.prototype, 'k', { set: trap, configurable: true });"
	    "Object.defineProperty(Array.prototype, '0', { set: trap, configurable: true });"
	    "({k: [1, [2]], a: [{k: 3}]})"), 0);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, err, sizeof(err)), 0);
	ck_assert_int_eq(clone_decode(ctx, out.data, out.len, err, sizeof(err)), 0);
	duk_put_global_string(ctx, "got");
	duk_pop(ctx);
	ck_assert_int_eq(duk_peval_string(ctx,
	    "hits === 0 && got.hasOwnProperty('k') && got.k.hasOwnProperty('0') && got.k[0] === 1 &&"
	    "Object.getPrototypeOf(got) === Object.prototype && Array.isArray(got.k) &&"
	    "Object.getPrototypeOf(got.k[1]) === Array.prototype && got.k[1][0] === 2 &&"
	    "got.a[0].k === 3 && typeof got.a.push === 'function' && got.a.length === 1"), 0);
	ck_assert(duk_get_boolean(ctx, -1));
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

/* The decoder's cache of property names: far more names than its slots,
 * names of the cache's longest length and one past it, names that differ
 * only in length or in their last byte, decoded again and again with
 * collections between (a cached string must stay alive and be the right
 * one).  Each round's copy must equal what was cloned. */
START_TEST(test_key_cache)
{
	duk_context *ctx = heap();
	struct pbuf out;
	int round;

	pbuf_init(&out);
	for (round = 0; round < 6; round++) {
		roundtrip(ctx,
		    "(function () { var o = {}, i, long = 'abcdefghijklmnopqrstuvwx';\n"
		    "  for (i = 0; i < 300; i++) o['k' + i] = i;\n"
		    "  o[long] = 'max'; o[long + 'y'] = 'past'; o[long.slice(0, 23)] = 'shorter';\n"
		    "  o.a = 1; o.aa = 2; o.ab = 3; o[''] = 'empty';\n"
		    "  return [o, {k1: 'again', k299: {a: o.a}}]; })()", &out);
		duk_gc(ctx, 0);
	}
	pbuf_reset(&out);
	ck_assert_int_eq(duk_peval_string(ctx, "(function () { var o = {}; o.k7 = 'x'; return o; })()"), 0);
	ck_assert_int_eq(clone_encode(ctx, -1, DUK_INVALID_INDEX, &out, (char[64]){0}, 64), 0);
	duk_pop(ctx);
	for (round = 0; round < 3; round++) {
		char err[64];

		ck_assert_int_eq(clone_decode(ctx, out.data, out.len, err, sizeof(err)), 0);
		duk_put_global_string(ctx, "got");
		ck_assert_int_eq(duk_peval_string(ctx, "Object.keys(got).join() === 'k7' && got.k7 === 'x'"), 0);
		ck_assert(duk_get_boolean(ctx, -1));
		duk_pop(ctx);
		duk_gc(ctx, 0);
	}
	pbuf_free(&out);
	duk_destroy_heap(ctx);
}
END_TEST

static Suite *
clone_duk_suite(void)
{
	Suite *s = suite_create("clone_duk");
	TCase *tc = tcase_create("roundtrip");
	TCase *bad = tcase_create("bad");

	tcase_add_loop_test(tc, test_kinds_roundtrip, 0, sizeof(kinds) / sizeof(kinds[0]));
	tcase_add_loop_test(tc, test_kinds_json, 0, sizeof(kinds) / sizeof(kinds[0]));
	tcase_add_test(tc, test_wire_forms);
	tcase_add_test(tc, test_lone_bin);
	tcase_add_test(tc, test_replaced_globals);
	tcase_add_test(tc, test_inherited_setters);
	tcase_add_test(tc, test_key_cache);
	tcase_add_test(tc, test_no_collections);
	tcase_add_test(tc, test_uninitialised);
	tcase_add_test(tc, test_getter_drops_object);
	tcase_add_loop_test(tc, test_getter_throw_identity, 0, 3);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(bad, test_uncloneable, 0, sizeof(uncloneable) / sizeof(uncloneable[0]));
	tcase_add_test(bad, test_transfer);
	tcase_add_test(bad, test_ports);
	tcase_add_loop_test(bad, test_corpus, 0, (int)clone_corpus_len);
	tcase_add_test(bad, test_hostile);
	tcase_add_test(bad, test_lenient_forms);
	tcase_add_test(bad, test_deep_nesting);
	tcase_add_test(bad, test_no_allocation_from_headers);
	tcase_add_test(bad, test_out_of_memory);
	tcase_set_timeout(bad, 30);
	suite_add_tcase(s, bad);
	return s;
}

int
main(void)
{
	return tsuite_run(clone_duk_suite());
}
