/*
 * clone_duk.c - structured clone between Duktape values and the msgpack
 * encoding of docs/protocol.md section 4.
 *
 * Both directions run inside duk_safe_call: getters, Map.prototype.forEach
 * and constructors may throw (or run out of memory), and an error must
 * leave the value stack balanced and the output buffer as it was.  All
 * memory the codec owns lives in the C-side state of one call, so a throw
 * unwinding through the recursion leaks nothing.
 *
 * Kinds are told apart without asking user code: the internal prototype
 * (duk_get_prototype, no traps) for the common plain object and array, the
 * internal class from duk_inspect_value otherwise, and prototype chains
 * compared against the originals that clone_duk_init() stashed.  The fast
 * path trusts the prototype: a Date whose prototype was set to
 * Object.prototype clones as a plain object.  A Proxy reports class Object
 * and a null prototype; see is_proxy() for how it is told apart.
 *
 * Decoding is a builder over clone_read(): the reader has checked the
 * bytes and numbered the objects, so this side only makes the values.
 *
 * Encoding calls getters, so user code may run (and re-enter postMessage)
 * in the middle of it: a caller must not hand the same `out` to a nested
 * call.  Transferred ArrayBuffers are copied and stay usable: Duktape 2.7
 * cannot detach one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clone.h"
#include "clone_duk.h"
#include "clone_read.h"
#include "clone_write.h"
#include "mpwrite.h"
#include "utf8.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "typed array bytes go on the wire as they are in memory: little-endian only"
#endif

#define STASH_KEY "workersd.clone"
/* Hidden: a script can neither set nor forge it. */
#define PORT_KEY DUK_HIDDEN_SYMBOL("messagePort")

/* Duktape's internal class numbers as duk_inspect_value() reports them. */
enum {
	DC_OBJECT = 1, DC_ARRAY = 2, DC_ARGUMENTS = 4, DC_BOOLEAN = 5,
	DC_DATE = 6, DC_ERROR = 7, DC_JSON = 8, DC_MATH = 9, DC_NUMBER = 10,
	DC_REGEXP = 11, DC_STRING = 12, DC_ARRAYBUFFER = 19, DC_DATAVIEW = 20,
	DC_INT8ARRAY = 21, DC_FLOAT64ARRAY = 29,
};

/* The originals clone_duk_init() captures; absent ones are undefined. */
static const char capture_js[] =
	"(function (g) {\n"
	"  function fn(c) { return typeof c === 'function' ? c : undefined; }\n"
	"  function proto(c) { return c ? c.prototype : undefined; }\n"
	"  function getter(o, k) { var d = Object.getOwnPropertyDescriptor(o, k); return d && d.get; }\n"
	"  var M = fn(g.Map), S = fn(g.Set);\n"
	"  return {\n"
	"    objProto: Object.prototype, arrProto: Array.prototype, keys: Object.keys,\n"
	"    Map: M, mapProto: proto(M), mapForEach: M && M.prototype.forEach, mapSet: M && M.prototype.set,\n"
	"    Set: S, setProto: proto(S), setForEach: S && S.prototype.forEach, setAdd: S && S.prototype.add,\n"
	"    weakMapProto: proto(fn(g.WeakMap)), weakSetProto: proto(fn(g.WeakSet)),\n"
	"    promiseProto: proto(fn(g.Promise)),\n"
	"    Date: Date, getTime: Date.prototype.getTime, RegExp: RegExp,\n"
	"    reSource: getter(RegExp.prototype, 'source'), reFlags: getter(RegExp.prototype, 'flags'),\n"
	"    boolValueOf: Boolean.prototype.valueOf, numValueOf: Number.prototype.valueOf,\n"
	"    strValueOf: String.prototype.valueOf,\n"
	"    taBuffer: getter(Object.getPrototypeOf(Uint8Array.prototype), 'buffer'),\n"
	"    dvBuffer: getter(DataView.prototype, 'buffer'),\n"
	"    Error: Error, EvalError: EvalError, RangeError: RangeError,\n"
	"    ReferenceError: ReferenceError, SyntaxError: SyntaxError, TypeError: TypeError,\n"
	"    URIError: URIError\n"
	"  };\n"
	"})";

/* ------------------------------------------------------------------ */
/* Shared helpers                                                       */

/* The captured originals, by slot.  The capture object in the stash keeps
 * them alive; a table of their heap pointers (a fixed buffer, also in the
 * stash, freed with the heap) makes each lookup a pointer read. */
enum cfg_slot {
	C_OBJPROTO, C_ARRPROTO, C_KEYS, C_MAP, C_MAPPROTO, C_MAPFOREACH, C_MAPSET, C_SET, C_SETPROTO,
	C_SETFOREACH, C_SETADD, C_WEAKMAPPROTO, C_WEAKSETPROTO, C_PROMISEPROTO, C_DATE, C_GETTIME,
	C_REGEXP, C_RESOURCE, C_REFLAGS, C_BOOLVALUEOF, C_NUMVALUEOF, C_STRVALUEOF, C_TABUFFER,
	C_DVBUFFER, C_ERROR, C_EVALERROR, C_RANGEERROR, C_REFERENCEERROR, C_SYNTAXERROR, C_TYPEERROR,
	C_URIERROR, C__COUNT
};

static const char *const cfg_names[C__COUNT] = {
	"objProto", "arrProto", "keys", "Map", "mapProto", "mapForEach", "mapSet", "Set", "setProto",
	"setForEach", "setAdd", "weakMapProto", "weakSetProto", "promiseProto", "Date", "getTime",
	"RegExp", "reSource", "reFlags", "boolValueOf", "numValueOf", "strValueOf", "taBuffer",
	"dvBuffer", "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
	"URIError",
};

/* The decoder's cache of short ASCII strings: a message's keys, and its
 * small values, recur from one message to the next, and a hit costs a
 * hash of a few bytes instead of Duktape's interning.  Each string is held
 * by its slot of an array in the stash, so the pointer stays valid until
 * the slot is given another string. */
#define SC_SLOTS 64
#define SC_MAX 24

struct sc_entry {
	void *str;
	uint8_t n;
	char b[SC_MAX];
};

struct cfg {
	void *p[C__COUNT];	/* NULL where the original is absent */
	void *sc_arr;		/* the array of SC_SLOTS holding the cached strings */
	struct sc_entry sc[SC_SLOTS];
};

/* Pushes a captured original, undefined when absent. */
static void
cfg_push(duk_context *ctx, const struct cfg *cfg, enum cfg_slot s)
{
	if (cfg->p[s] != NULL)
		duk_push_heapptr(ctx, cfg->p[s]);
	else
		duk_push_undefined(ctx);
}

static struct cfg *
stash_cfg(duk_context *ctx)
{
	struct cfg *c;
	duk_size_t n;

	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, STASH_KEY);
	c = duk_get_buffer_data(ctx, -1, &n);
	duk_pop_2(ctx);
	return n == sizeof(struct cfg) ? c : NULL;
}

static int
class_of(duk_context *ctx, duk_idx_t idx)
{
	int c;

	duk_inspect_value(ctx, idx);
	duk_get_prop_string(ctx, -1, "class");
	c = duk_get_int_default(ctx, -1, -1);
	duk_pop_2(ctx);
	return c;
}

static void *
proto_of(duk_context *ctx, duk_idx_t idx)
{
	void *p;

	duk_get_prototype(ctx, idx);
	p = duk_get_heapptr(ctx, -1);
	duk_pop(ctx);
	return p;
}

/* Walks internal prototypes (never Proxy traps or Symbol.hasInstance). */
static bool
inherits(duk_context *ctx, duk_idx_t idx, void *want)
{
	bool found = false;
	int n;

	if (want == NULL)
		return false;
	duk_dup(ctx, idx);
	for (n = 0; n < 10000 && duk_is_object(ctx, -1); n++) {
		duk_get_prototype(ctx, -1);
		duk_remove(ctx, -2);
		if (duk_get_heapptr(ctx, -1) == want) {
			found = true;
			break;
		}
	}
	duk_pop(ctx);
	return found;
}

static duk_ret_t
proxy_probe(duk_context *ctx, void *udata)
{
	(void)udata;
	duk_push_object(ctx);
	duk_push_proxy(ctx, 0);
	return 1;
}

/* Duktape refuses a Proxy as the target of another Proxy, and that is the
 * only public way to tell a Proxy from an ordinary object whose internal
 * prototype is null (both report class Object, no properties). */
static bool
is_proxy(duk_context *ctx, duk_idx_t idx)
{
	duk_int_t rc;

	duk_dup(ctx, idx);
	rc = duk_safe_call(ctx, proxy_probe, NULL, 1, 1);
	duk_pop(ctx);
	return rc != DUK_EXEC_SUCCESS;
}

/* Stores the value at idx as keep[i].  The keep slot starts undefined and
 * becomes a bare array at the first object past the root: the root is on
 * the value stack anyway, so a message of one object allocates nothing. */
static void
keep_alive(duk_context *ctx, duk_idx_t keep, duk_idx_t idx, uint32_t i)
{
	if (i == 0)
		return;
	idx = duk_normalize_index(ctx, idx);
	if (!duk_is_object(ctx, keep)) {
		duk_push_bare_array(ctx);
		duk_replace(ctx, keep);
	}
	duk_dup(ctx, idx);
	duk_put_prop_index(ctx, keep, i);
}

/* ------------------------------------------------------------------ */
/* Identity table: heap pointer -> index, open addressing, an inline
 * array first so small messages never allocate. */

#define ID_INLINE 16

struct idslot {
	void *key;
	uint32_t idx;
};

struct idtab {
	struct idslot *slots;
	size_t cap;
	size_t n;
	struct idslot inl[ID_INLINE];
};

static size_t
id_hash(void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 20) & (cap - 1);
}

static void
id_init(struct idtab *t)
{
	t->slots = t->inl;
	t->cap = ID_INLINE;
	t->n = 0;
	memset(t->inl, 0, sizeof(t->inl));
}

static void
id_free(struct idtab *t)
{
	if (t->slots != t->inl)
		free(t->slots);
}

static long
id_get(const struct idtab *t, void *key)
{
	for (size_t i = id_hash(key, t->cap);; i = (i + 1) & (t->cap - 1)) {
		if (t->slots[i].key == key)
			return t->slots[i].idx;
		if (t->slots[i].key == NULL)
			return -1;
	}
}

static void
id_place(struct idslot *slots, size_t cap, void *key, uint32_t idx)
{
	size_t i = id_hash(key, cap);

	while (slots[i].key != NULL)
		i = (i + 1) & (cap - 1);
	slots[i].key = key;
	slots[i].idx = idx;
}

static int
id_put(struct idtab *t, void *key, uint32_t idx)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap * 2;
		struct idslot *s = calloc(cap, sizeof(*s));

		if (s == NULL)
			return -1;
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].key != NULL)
				id_place(s, cap, t->slots[i].key, t->slots[i].idx);
		id_free(t);
		t->slots = s;
		t->cap = cap;
	}
	id_place(t->slots, t->cap, key, idx);
	t->n++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Encoder                                                              */

struct enc {
	duk_context *ctx;
	duk_idx_t keep;		/* slot of the array holding every object seen, see keep_alive */
	const struct cfg *cfg;
	struct pbuf *out;
	struct pbuf scratch;
	struct idtab ids;
	struct idtab ports;	/* the ports being transferred: index in the list */
	uint32_t next;
	int depth;
	bool failed;
	char *err;
	size_t errlen;
};

static int enc_value(struct enc *st, duk_idx_t idx);

static int
enc_fail(struct enc *st, const char *what)
{
	if (!st->failed)
		snprintf(st->err, st->errlen, "DataCloneError: %s", what);
	st->failed = true;
	return -1;
}

static int
oom(struct enc *st)
{
	return enc_fail(st, "message too large or out of memory");
}

static int
put(struct enc *st, int r)
{
	return r == -1 ? oom(st) : 0;
}

/* A JS string: str when it is well-formed UTF-16, else wstring (ext 17).
 * key: property names must be str. */
static int
enc_string(struct enc *st, duk_idx_t idx, bool key)
{
	duk_size_t n;
	const uint8_t *p = (const uint8_t *)duk_get_lstring(st->ctx, idx, &n);
	bool lone;
	size_t i;

	if (duk_is_symbol(st->ctx, idx))
		return enc_fail(st, "a Symbol could not be cloned");
	for (i = 0; i < n && p[i] < 0x80; i++)
		;
	if (i == n)
		return mpw_str(st->out, (const char *)p, n) == -1 ? oom(st) : 0;
	pbuf_reset(&st->scratch);
	if (cesu8_to_wtf8(p, n, &st->scratch, &lone) == -1)
		return enc_fail(st, "string is not valid CESU-8");
	if (lone && key)
		return enc_fail(st, "a property name with an unpaired surrogate could not be cloned");
	return put(st, cw_string(st->out, st->scratch.data, st->scratch.len, lone));
}

/* Gives the object at idx the next identity index. */
static int
enc_register(struct enc *st, duk_idx_t idx)
{
	/* The keep array holds the object until the encode ends: a getter
	 * could otherwise drop it, and a new object at the same address
	 * would be taken for it. */
	keep_alive(st->ctx, st->keep, idx, st->next);
	if (id_put(&st->ids, duk_get_heapptr(st->ctx, idx), st->next++) == -1)
		return oom(st);
	return 0;
}

/* Pushes Object.keys(value at idx) (the original): own enumerable string
 * keys in ES2015 order, several times faster than duk_enum. */
static duk_size_t
push_keys(struct enc *st, duk_idx_t idx)
{
	cfg_push(st->ctx, st->cfg, C_KEYS);
	duk_dup(st->ctx, idx);
	duk_call(st->ctx, 1);
	return duk_get_length(st->ctx, -1);
}

/* Writes key i of the keys array at kidx, then its value in obj. */
static int
enc_entry(struct enc *st, duk_idx_t obj, duk_idx_t kidx, duk_size_t i)
{
	duk_context *ctx = st->ctx;
	int r;

	duk_get_prop_index(ctx, kidx, (duk_uarridx_t)i);
	if (enc_string(st, -1, true) == -1)
		return -1;
	duk_get_prop(ctx, obj);
	r = enc_value(st, duk_get_top_index(ctx));
	duk_pop(ctx);
	return r;
}

static int
enc_plain(struct enc *st, duk_idx_t idx)
{
	duk_size_t n = push_keys(st, idx);
	duk_idx_t kidx = duk_get_top_index(st->ctx);

	if (n > UINT32_MAX || mpw_map(st->out, (uint32_t)n) == -1)
		return oom(st);
	for (duk_size_t i = 0; i < n; i++)
		if (enc_entry(st, idx, kidx, i) == -1)
			return -1;
	duk_pop(st->ctx);
	return 0;
}

/* Index value of a canonical array-index key, or -1. */
static int64_t
index_key(duk_context *ctx, duk_idx_t idx)
{
	duk_size_t n;
	const char *s = duk_get_lstring(ctx, idx, &n);

	return clone_index_key(s, n);
}

/* Turns the elements written so far after the placeholder at pos into an
 * ext 16 payload: ext32 header, uint length, elements, trailing holes. */
static int
to_array_ext(struct enc *st, size_t pos, uint32_t len, uint32_t filled)
{
	if (put(st, cw_array_ext_at(st->out, pos, 1, len)) == -1)
		return -1;
	return put(st, cw_holes(st->out, (uint64_t)len - filled));
}

static int
enc_element(struct enc *st, duk_idx_t idx, duk_uarridx_t i)
{
	int r;

	duk_get_prop_index(st->ctx, idx, i);
	r = enc_value(st, duk_get_top_index(st->ctx));
	duk_pop(st->ctx);
	return r;
}

/* Keys come indices first, ascending: elements (holes as runs) until the
 * first other key, which turns the array into an ext 16. */
static int
enc_sparse_array(struct enc *st, duk_idx_t idx, duk_idx_t kidx, duk_size_t n, uint32_t len)
{
	duk_context *ctx = st->ctx;
	size_t pos = st->out->len;
	uint32_t filled = 0, items = 0;
	bool ext = false;
	int64_t k;

	if (mpw_array(st->out, 0) == -1)
		return oom(st);
	for (duk_size_t i = 0; i < n; i++) {
		duk_get_prop_index(ctx, kidx, (duk_uarridx_t)i);
		k = ext ? -1 : index_key(ctx, -1);
		duk_pop(ctx);
		if (k >= filled && k < len) {
			if (put(st, cw_holes(st->out, (uint64_t)k - filled)) == -1 ||
			    enc_element(st, idx, (duk_uarridx_t)k) == -1)
				return -1;
			items += (k > filled) + 1;
			filled = (uint32_t)k + 1;
			continue;
		}
		if (!ext && to_array_ext(st, pos, len, filled) == -1)
			return -1;
		ext = true;
		if (enc_entry(st, idx, kidx, i) == -1)
			return -1;
	}
	if (!ext && filled < len) {
		if (to_array_ext(st, pos, len, filled) == -1)
			return -1;
		ext = true;
	}
	if (ext)
		return mpw_ext32_end(st->out, (long)pos) == -1 ? oom(st) : 0;
	return put(st, cw_array_at(st->out, pos, 1, items));
}

static int
enc_array(struct enc *st, duk_idx_t idx)
{
	duk_context *ctx = st->ctx;
	uint32_t len = (uint32_t)duk_get_length(ctx, idx);
	duk_size_t n = push_keys(st, idx);
	duk_idx_t kidx = duk_get_top_index(ctx);
	bool dense = n == len;

	/* n sorted distinct keys ending in index len - 1 are exactly 0..len-1. */
	if (dense && n > 0) {
		duk_get_prop_index(ctx, kidx, (duk_uarridx_t)(n - 1));
		dense = index_key(ctx, -1) == (int64_t)len - 1;
		duk_pop(ctx);
	}
	if (!dense)
		return enc_sparse_array(st, idx, kidx, n, len);
	if (mpw_array(st->out, len) == -1)
		return oom(st);
	for (uint32_t i = 0; i < len; i++)
		if (enc_element(st, idx, i) == -1)
			return -1;
	duk_pop(ctx);
	return 0;
}

/* Calls the stashed function `fn` with this = value at idx and no
 * arguments; leaves the result on the stack. */
static void
call_original(struct enc *st, enum cfg_slot fn, duk_idx_t idx)
{
	cfg_push(st->ctx, st->cfg, fn);
	duk_dup(st->ctx, idx);
	duk_call_method(st->ctx, 0);
}

static int
enc_date(struct enc *st, duk_idx_t idx)
{
	double t;

	call_original(st, C_GETTIME, idx);
	t = duk_get_number(st->ctx, -1);
	duk_pop(st->ctx);
	return put(st, cw_double_ext(st->out, CX_DATE, t));
}

static int
enc_regexp(struct enc *st, duk_idx_t idx)
{
	long off = mpw_ext32_begin(st->out, CX_REGEXP);

	if (off == -1)
		return oom(st);
	call_original(st, C_RESOURCE, idx);
	call_original(st, C_REFLAGS, idx);
	if (!duk_is_string(st->ctx, -2) || !duk_is_string(st->ctx, -1))
		return enc_fail(st, "RegExp without source or flags");
	if (enc_string(st, -2, false) == -1 || enc_string(st, -1, false) == -1)
		return -1;
	duk_pop_2(st->ctx);
	return mpw_ext32_end(st->out, off) == -1 ? oom(st) : 0;
}

static int
enc_wrapper(struct enc *st, duk_idx_t idx, int cls)
{
	duk_context *ctx = st->ctx;
	bool v;
	double d;
	long off;
	int r;

	switch (cls) {
	case DC_BOOLEAN:
		call_original(st, C_BOOLVALUEOF, idx);
		v = duk_get_boolean(ctx, -1);
		duk_pop(ctx);
		return put(st, cw_boolean(st->out, v));
	case DC_NUMBER:
		call_original(st, C_NUMVALUEOF, idx);
		d = duk_get_number(ctx, -1);
		duk_pop(ctx);
		return put(st, cw_double_ext(st->out, CX_NUMBER, d));
	default:
		if ((off = mpw_ext32_begin(st->out, CX_STRING)) == -1)
			return oom(st);
		call_original(st, C_STRVALUEOF, idx);
		r = enc_string(st, -1, false);
		duk_pop(ctx);
		if (r == -1)
			return -1;
		return mpw_ext32_end(st->out, off) == -1 ? oom(st) : 0;
	}
}

static int
enc_error(struct enc *st, duk_idx_t idx)
{
	duk_context *ctx = st->ctx;
	long off = mpw_ext32_begin(st->out, CX_ERROR);
	int r;

	if (off == -1)
		return oom(st);
	duk_get_prop_string(ctx, idx, "name");
	if (!duk_is_string(ctx, -1) || duk_is_symbol(ctx, -1)) {
		duk_pop(ctx);
		duk_push_string(ctx, "Error");
	}
	duk_get_prop_string(ctx, idx, "message");
	if (duk_is_undefined(ctx, -1)) {
		duk_pop(ctx);
		duk_push_string(ctx, "");
	}
	duk_to_string(ctx, -1);
	duk_get_prop_string(ctx, idx, "stack");
	r = enc_string(st, -3, false) == -1 || enc_string(st, -2, false) == -1 ? -1 : 0;
	if (r == 0 && duk_is_string(ctx, -1) && !duk_is_symbol(ctx, -1))
		r = enc_string(st, -1, false);
	else if (r == 0 && mpw_nil(st->out) == -1)
		r = oom(st);
	duk_pop_3(ctx);
	if (r == -1)
		return -1;
	return mpw_ext32_end(st->out, off) == -1 ? oom(st) : 0;
}

/* forEach callbacks: `this` is a bare array collecting the entries, so
 * the entries are encoded after forEach has returned.  Nested Maps then
 * never nest Duktape calls, and no C pointer is ever handed to JS. */
static duk_ret_t
map_collect_cb(duk_context *ctx)
{
	duk_size_t n;

	duk_push_this(ctx);
	n = duk_get_length(ctx, -1);
	duk_dup(ctx, 1);
	duk_put_prop_index(ctx, -2, (duk_uarridx_t)n);
	duk_dup(ctx, 0);
	duk_put_prop_index(ctx, -2, (duk_uarridx_t)n + 1);
	return 0;
}

static duk_ret_t
set_collect_cb(duk_context *ctx)
{
	duk_push_this(ctx);
	duk_dup(ctx, 0);
	duk_put_prop_index(ctx, -2, (duk_uarridx_t)duk_get_length(ctx, -2));
	return 0;
}

static int
enc_collection(struct enc *st, duk_idx_t idx, bool map)
{
	duk_context *ctx = st->ctx;
	long off = mpw_ext32_begin(st->out, map ? CX_MAP : CX_SET);
	duk_idx_t entries = duk_push_bare_array(ctx);
	duk_size_t n;

	if (off == -1)
		return oom(st);
	cfg_push(ctx, st->cfg, map ? C_MAPFOREACH : C_SETFOREACH);
	duk_dup(ctx, idx);
	duk_push_c_function(ctx, map ? map_collect_cb : set_collect_cb, 3);
	duk_dup(ctx, entries);
	duk_call_method(ctx, 2);
	duk_pop(ctx);
	n = duk_get_length(ctx, entries);
	for (duk_size_t i = 0; i < n; i++)
		if (enc_element(st, entries, (duk_uarridx_t)i) == -1)
			return -1;
	duk_pop(ctx);
	return mpw_ext32_end(st->out, off) == -1 ? oom(st) : 0;
}

static int
view_kind(int cls)
{
	if (cls == DC_DATAVIEW)
		return CV_DATAVIEW;
	if (cls >= DC_INT8ARRAY && cls <= DC_FLOAT64ARRAY)
		return cls - DC_INT8ARRAY;
	return -1;
}

static int
enc_buffer_object(struct enc *st, duk_idx_t idx)
{
	duk_context *ctx = st->ctx;
	int cls = class_of(ctx, idx), kind = view_kind(cls);
	duk_size_t vlen, blen;
	uint8_t *vp, *bp;
	void *bufkey;
	long seen, off;
	size_t offset;
	int r;

	if (cls == DC_ARRAYBUFFER) {
		vp = duk_get_buffer_data(ctx, idx, &vlen);
		if (enc_register(st, idx) == -1)
			return -1;
		return mpw_ext(st->out, CX_ARRAYBUFFER, vp, vlen) == -1 ? oom(st) : 0;
	}
	if (kind < 0)
		return enc_fail(st, "this buffer object could not be cloned");
	vp = duk_get_buffer_data(ctx, idx, &vlen);
	call_original(st, kind == CV_DATAVIEW ? C_DVBUFFER : C_TABUFFER, idx);
	bp = duk_get_buffer_data(ctx, -1, &blen);
	bufkey = duk_get_heapptr(ctx, -1);
	if (vlen == 0 && vp == NULL)
		vp = bp;
	if (bufkey == NULL || vp < bp || vp + vlen > bp + blen)
		return enc_fail(st, "view lies outside its buffer");
	offset = (size_t)(vp - bp);
	if (enc_register(st, idx) == -1)
		return -1;
	seen = id_get(&st->ids, bufkey);
	if (seen < 0 && offset == 0 && vlen == blen) {
		/* A view over the whole of a buffer not seen before. */
		r = put(st, cw_view_whole(st->out, kind, vp, vlen));
		if (r == 0)
			r = enc_register(st, -1);
		duk_pop(ctx);
		return r;
	}
	if ((off = mpw_ext32_begin(st->out, CX_VIEW_FULL)) == -1 || mpw_uint(st->out, (uint64_t)kind) == -1 ||
	    mpw_uint(st->out, offset) == -1 || mpw_uint(st->out, vlen / clone_view_size(kind)) == -1)
		return oom(st);
	if (seen >= 0)
		r = put(st, cw_ref(st->out, (uint32_t)seen));
	else if ((r = enc_register(st, -1)) == 0)
		r = mpw_ext(st->out, CX_ARRAYBUFFER, bp, blen) == -1 ? oom(st) : 0;
	duk_pop(ctx);
	if (r == -1)
		return -1;
	return mpw_ext32_end(st->out, off) == -1 ? oom(st) : 0;
}

/* A Duktape plain buffer behaves as a Uint8Array over a buffer of its own. */
static int
enc_plain_buffer(struct enc *st, duk_idx_t idx)
{
	duk_size_t n;
	void *p = duk_get_buffer_data(st->ctx, idx, &n);

	if (enc_register(st, idx) == -1)
		return -1;
	st->next++;
	return mpw_bin(st->out, p, n) == -1 ? oom(st) : 0;
}

static int
enc_ordinary(struct enc *st, duk_idx_t idx, void *proto)
{
	duk_context *ctx = st->ctx;

	if (proto == NULL && is_proxy(ctx, idx))
		return enc_fail(st, "a Proxy could not be cloned");
	if (inherits(ctx, idx, st->cfg->p[C_WEAKMAPPROTO]) || inherits(ctx, idx, st->cfg->p[C_WEAKSETPROTO]))
		return enc_fail(st, "a WeakMap or WeakSet could not be cloned");
	if (inherits(ctx, idx, st->cfg->p[C_PROMISEPROTO]))
		return enc_fail(st, "a Promise could not be cloned");
	if (inherits(ctx, idx, st->cfg->p[C_MAPPROTO]))
		return enc_collection(st, idx, true);
	if (inherits(ctx, idx, st->cfg->p[C_SETPROTO]))
		return enc_collection(st, idx, false);
	return enc_plain(st, idx);
}

static int
enc_classified(struct enc *st, duk_idx_t idx, void *proto)
{
	int cls = class_of(st->ctx, idx);

	switch (cls) {
	case DC_ARRAY:
		return enc_array(st, idx);
	case DC_OBJECT:
	case DC_ARGUMENTS:
	case DC_JSON:
	case DC_MATH:
		return enc_ordinary(st, idx, proto);
	case DC_DATE:
		return enc_date(st, idx);
	case DC_REGEXP:
		return enc_regexp(st, idx);
	case DC_BOOLEAN:
	case DC_NUMBER:
	case DC_STRING:
		return enc_wrapper(st, idx, cls);
	case DC_ERROR:
		return enc_error(st, idx);
	default:
		return enc_fail(st, "this object could not be cloned");
	}
}

/* Is it a MessagePort (clone_mark_port)?  Only objects of a class of
 * their own are asked: plain objects and arrays cost nothing. */
static bool
is_port(struct enc *st, duk_idx_t idx)
{
	void *proto = proto_of(st->ctx, idx);

	if (proto == st->cfg->p[C_OBJPROTO] || proto == st->cfg->p[C_ARRPROTO])
		return false;
	return duk_has_prop_string(st->ctx, idx, PORT_KEY);
}

/* A port takes no identity index: its place in the transfer list is its
 * identity, so every mention of it decodes to the same new port. */
static int
enc_port(struct enc *st, void *self)
{
	uint8_t b[9];
	long at = id_get(&st->ports, self);

	if (at < 0)
		return enc_fail(st, "a MessagePort must be listed in the transfer list of a MessagePort's postMessage");
	return put(st, mpw_ext(st->out, CX_PORT, b, clone_uint_bytes(b, (uint64_t)at)));
}

static int
enc_object(struct enc *st, duk_idx_t idx)
{
	duk_context *ctx = st->ctx;
	void *self = duk_get_heapptr(ctx, idx), *proto;
	long seen = id_get(&st->ids, self);
	int r;

	if (seen >= 0)
		return put(st, cw_ref(st->out, (uint32_t)seen));
	if (duk_is_function(ctx, idx))
		return enc_fail(st, "a function could not be cloned");
	if (is_port(st, idx))
		return enc_port(st, self);
	if (st->depth >= CLONE_MAX_DEPTH)
		return enc_fail(st, "nesting deeper than 1000 levels");
	if (!duk_check_stack(ctx, 16))
		return oom(st);
	st->depth++;
	if (duk_is_buffer_data(ctx, idx)) {
		r = enc_buffer_object(st, idx);
	} else if ((r = enc_register(st, idx)) == 0) {
		proto = proto_of(ctx, idx);
		if (proto != NULL && proto == st->cfg->p[C_OBJPROTO])
			r = enc_plain(st, idx);
		else if (proto != NULL && proto == st->cfg->p[C_ARRPROTO] && duk_is_array(ctx, idx))
			r = enc_array(st, idx);
		else
			r = enc_classified(st, idx, proto);
	}
	st->depth--;
	return r;
}

static int
enc_value(struct enc *st, duk_idx_t idx)
{
	duk_context *ctx = st->ctx;
	long seen;
	int r;

	idx = duk_normalize_index(ctx, idx);
	switch (duk_get_type(ctx, idx)) {
	case DUK_TYPE_UNDEFINED:
		r = mpw_ext(st->out, CX_UNDEFINED, NULL, 0);
		break;
	case DUK_TYPE_NULL:
		r = mpw_nil(st->out);
		break;
	case DUK_TYPE_BOOLEAN:
		r = mpw_bool(st->out, duk_get_boolean(ctx, idx));
		break;
	case DUK_TYPE_NUMBER:
		return put(st, cw_number(st->out, duk_get_number(ctx, idx)));
	case DUK_TYPE_STRING:
		return enc_string(st, idx, false);
	case DUK_TYPE_OBJECT:
		return enc_object(st, idx);
	case DUK_TYPE_BUFFER:
		seen = id_get(&st->ids, duk_get_heapptr(ctx, idx));
		return seen >= 0 ? put(st, cw_ref(st->out, (uint32_t)seen)) : enc_plain_buffer(st, idx);
	case DUK_TYPE_LIGHTFUNC:
		return enc_fail(st, "a function could not be cloned");
	default:
		return enc_fail(st, "this value could not be cloned");
	}
	return r == -1 ? oom(st) : 0;
}

/* The transfer list must be an array of distinct ArrayBuffers. */
static int
check_transfer(struct enc *st, duk_idx_t tidx)
{
	duk_context *ctx = st->ctx;
	duk_size_t n;
	struct idtab seen;
	int r = 0;

	if (!duk_is_array(ctx, tidx))
		return enc_fail(st, "the transfer list is not an array");
	n = duk_get_length(ctx, tidx);
	id_init(&seen);
	for (duk_size_t i = 0; i < n && r == 0; i++) {
		duk_get_prop_index(ctx, tidx, (duk_uarridx_t)i);
		if (duk_is_object(ctx, -1) && duk_has_prop_string(ctx, -1, PORT_KEY))
			r = enc_fail(st, "a MessagePort can only be transferred through another MessagePort of its worker");
		else if (!duk_is_object(ctx, -1) || !duk_is_buffer_data(ctx, -1) || class_of(ctx, -1) != DC_ARRAYBUFFER)
			r = enc_fail(st, "only ArrayBuffers can be transferred");
		else if (id_get(&seen, duk_get_heapptr(ctx, -1)) >= 0)
			r = enc_fail(st, "an ArrayBuffer is listed twice in the transfer list");
		else if (id_put(&seen, duk_get_heapptr(ctx, -1), 0) == -1)
			r = oom(st);
		duk_pop(ctx);
	}
	id_free(&seen);
	return r;
}

struct enc_call {
	struct enc *st;
	duk_idx_t idx;
	duk_idx_t tidx;
	duk_idx_t pidx;
};

/* The ports array: distinct marked ports (the caller has made sure), each
 * numbered by its place. */
static int
index_ports(struct enc *st, duk_idx_t pidx)
{
	duk_context *ctx = st->ctx;
	duk_size_t n = duk_get_length(ctx, pidx);
	int r = 0;

	for (duk_size_t i = 0; i < n && r == 0; i++) {
		duk_get_prop_index(ctx, pidx, (duk_uarridx_t)i);
		if (!duk_is_object(ctx, -1) || !duk_has_prop_string(ctx, -1, PORT_KEY))
			r = enc_fail(st, "only MessagePorts can be listed as ports");
		else if (id_put(&st->ports, duk_get_heapptr(ctx, -1), (uint32_t)i) == -1)
			r = oom(st);
		duk_pop(ctx);
	}
	return r;
}

static duk_ret_t
enc_safe(duk_context *ctx, void *udata)
{
	struct enc_call *c = udata;

	duk_push_undefined(ctx);
	c->st->keep = duk_get_top_index(ctx);
	if ((c->st->cfg = stash_cfg(ctx)) == NULL) {
		enc_fail(c->st, "the clone codec is not initialised (clone_duk_init)");
		return 0;
	}
	if (c->tidx != DUK_INVALID_INDEX && check_transfer(c->st, c->tidx) == -1)
		return 0;
	if (c->pidx != DUK_INVALID_INDEX && index_ports(c->st, c->pidx) == -1)
		return 0;
	enc_value(c->st, c->idx);
	return 0;
}

int
clone_encode(duk_context *ctx, duk_idx_t idx, duk_idx_t transfer_idx, struct pbuf *out, char *err, size_t errlen)
{
	return clone_encode_ports(ctx, idx, transfer_idx, DUK_INVALID_INDEX, out, err, errlen);
}

int
clone_encode_ports(duk_context *ctx, duk_idx_t idx, duk_idx_t transfer_idx, duk_idx_t ports_idx, struct pbuf *out,
    char *err, size_t errlen)
{
	struct enc st;
	struct enc_call call;
	size_t start = out->len;
	duk_int_t rc;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.out = out;
	st.err = err;
	st.errlen = errlen;
	pbuf_init(&st.scratch);
	id_init(&st.ids);
	id_init(&st.ports);
	call.st = &st;
	call.idx = duk_normalize_index(ctx, idx);
	call.tidx = transfer_idx == DUK_INVALID_INDEX ? DUK_INVALID_INDEX : duk_normalize_index(ctx, transfer_idx);
	call.pidx = ports_idx == DUK_INVALID_INDEX ? DUK_INVALID_INDEX : duk_normalize_index(ctx, ports_idx);
	rc = duk_safe_call(ctx, enc_safe, &call, 0, 1);
	pbuf_free(&st.scratch);
	id_free(&st.ids);
	id_free(&st.ports);
	/* A getter (or the engine) threw: the caller rethrows that very value,
	 * as a native postMessage does, so it stays on the stack. */
	if (rc != DUK_EXEC_SUCCESS && !st.failed) {
		pbuf_truncate(out, start);
		snprintf(err, errlen, "the value threw while being cloned");
		return -2;
	}
	duk_pop(ctx);
	if (st.failed) {
		pbuf_truncate(out, start);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Decoder: a builder over clone_read(), which has checked every byte and
 * numbered every object; this side only makes the values. */

/* Objects kept in value stack slots before the keep array is needed. */
#define DEC_SLOTS 8

struct dec {
	duk_context *ctx;
	struct cfg *cfg;
	duk_idx_t keep;		/* slot of the array holding every object decoded, see keep_alive */
	struct clone_reader rd;
	struct pbuf scratch;
	duk_idx_t ports;	/* the new ports ext 18 names, or DUK_INVALID_INDEX */
	bool failed;
	char *err;
	size_t errlen;
};

static int dec_value(struct dec *st);
static int dec_item(struct dec *st, const struct clone_item *it);

static int dec_fail(struct dec *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
dec_fail(struct dec *st, const char *fmt, ...)
{
	va_list ap;

	if (!st->failed) {
		va_start(ap, fmt);
		vsnprintf(st->err, st->errlen, fmt, ap);
		va_end(ap);
	}
	st->failed = true;
	return -1;
}

static int
dec_read(struct dec *st, struct clone_item *it)
{
	if (clone_read(&st->rd, it) == -1)
		return dec_fail(st, "%s", st->rd.err);
	return 0;
}

/* Records the object on top of the stack under its identity index.  A
 * slot of the value stack (the first DEC_SLOTS objects past the root) or
 * the keep array holds it, so a back-reference finds it there even when
 * it has dropped out of the value being built (a duplicate key, a Map key
 * set twice, an ext 16 "length" cutting the array).  The slots make a
 * small message's few objects cost no array. */
static void
ref_set(struct dec *st, uint32_t id)
{
	if (id == 0)
		return;
	if (id <= DEC_SLOTS) {
		duk_dup_top(st->ctx);
		duk_replace(st->ctx, st->keep + (duk_idx_t)id);
		return;
	}
	keep_alive(st->ctx, st->keep, -1, id);
}

/* Pushes object i: the root (index 0) sits just above the slots. */
static void
push_ref(struct dec *st, uint32_t i)
{
	if (i == 0)
		duk_dup(st->ctx, st->keep + DEC_SLOTS + 1);
	else if (i <= DEC_SLOTS)
		duk_dup(st->ctx, st->keep + (duk_idx_t)i);
	else
		duk_get_prop_index(st->ctx, st->keep, i);
}

static unsigned
sc_slot(const uint8_t *p, uint32_t n)
{
	uint32_t h = 2166136261u;

	for (uint32_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return (h ^ (h >> 15)) & (SC_SLOTS - 1);
}

/* Pushes an ASCII string (no byte can make it a Symbol), from the cache
 * when it is there, else interned and remembered in its slot. */
static void
push_ascii(struct dec *st, const uint8_t *p, uint32_t n)
{
	duk_context *ctx = st->ctx;
	struct sc_entry *e;
	unsigned slot;

	if (n == 0 || n > SC_MAX || st->cfg->sc_arr == NULL) {
		duk_push_lstring(ctx, (const char *)p, n);
		return;
	}
	slot = sc_slot(p, n);
	e = &st->cfg->sc[slot];
	if (e->str != NULL && e->n == n && memcmp(e->b, p, n) == 0) {
		duk_push_heapptr(ctx, e->str);
		return;
	}
	duk_push_lstring(ctx, (const char *)p, n);
	duk_push_heapptr(ctx, st->cfg->sc_arr);
	duk_dup(ctx, -2);
	duk_put_prop_index(ctx, -2, slot);
	duk_pop(ctx);
	e->str = duk_get_heapptr(ctx, -1);
	e->n = (uint8_t)n;
	memcpy(e->b, p, n);
}

/* Pushes a checked wire string as a Duktape string (CESU-8); a property
 * name goes through the cache (values vary too much: a miss costs more
 * than a hit saves). */
static int
push_str(struct dec *st, const struct clone_str *s, bool key)
{
	if (s->ascii && key) {
		push_ascii(st, s->p, s->n);
		return 0;
	}
	if (s->ascii) {
		duk_push_lstring(st->ctx, (const char *)s->p, s->n);
		return 0;
	}
	pbuf_reset(&st->scratch);
	if (utf8_to_cesu8(s->p, s->n, s->lone, &st->scratch) == -1)
		return dec_fail(st, "out of memory");
	duk_push_lstring(st->ctx, (const char *)st->scratch.data, st->scratch.len);
	return 0;
}

/* obj[key] = value as an own data property; key and value are on top of
 * the stack.  Objects and arrays are built bare (no prototype) and get it
 * from adopt() once complete, so a plain put can reach no inherited setter
 * (__proto__, or one a script put on Object.prototype): the semantics of
 * CreateDataProperty at a fraction of duk_def_prop's cost. */
static void
define(duk_context *ctx, duk_idx_t obj)
{
	duk_put_prop(ctx, obj);
}

/* Gives a container built bare its original prototype. */
static void
adopt(struct dec *st, duk_idx_t obj, enum cfg_slot proto)
{
	cfg_push(st->ctx, st->cfg, proto);
	duk_set_prototype(st->ctx, obj);
}

/* A property (key item `key`, then its value) onto obj. */
static int
dec_property(struct dec *st, duk_idx_t obj, const struct clone_item *key)
{
	if (push_str(st, &key->u.s, true) == -1 || dec_value(st) == -1)
		return -1;
	define(st->ctx, obj);
	return 0;
}

static void
set_length(duk_context *ctx, duk_idx_t arr, uint64_t len)
{
	duk_push_number(ctx, (double)len);
	duk_put_prop_string(ctx, arr, "length");
}

/* Elements (holes skip slots), the length, then an ext 16's extra
 * properties: its length is set before them, as they may change it. */
static int
dec_array(struct dec *st, const struct clone_item *begin)
{
	duk_context *ctx = st->ctx;
	duk_idx_t arr = duk_push_bare_array(ctx);
	struct clone_item it;
	uint64_t slot = 0;
	/* a plain array's elements, put in order from 0, made its length */
	bool sized = !begin->u.array.ext;

	ref_set(st, begin->id);
	for (;;) {
		if (dec_read(st, &it) == -1)
			return -1;
		if ((it.kind == CI_END || it.key) && !sized) {
			set_length(ctx, arr, slot);
			sized = true;
		}
		if (it.kind == CI_END)
			break;
		if (it.key) {
			if (dec_property(st, arr, &it) == -1)
				return -1;
		} else if (it.kind == CI_HOLES) {
			slot += it.u.count;
			sized = false;
		} else {
			duk_push_uint(ctx, (duk_uint_t)slot++);
			if (dec_item(st, &it) == -1)
				return -1;
			define(ctx, arr);
		}
	}
	adopt(st, arr, C_ARRPROTO);
	return 0;
}

static int
dec_object(struct dec *st, const struct clone_item *begin)
{
	duk_idx_t obj = duk_push_bare_object(st->ctx);
	struct clone_item it;

	ref_set(st, begin->id);
	for (;;) {
		if (dec_read(st, &it) == -1)
			return -1;
		if (it.kind == CI_END)
			break;
		if (dec_property(st, obj, &it) == -1)
			return -1;
	}
	adopt(st, obj, C_OBJPROTO);
	return 0;
}

static int
new_original(struct dec *st, enum cfg_slot ctor, duk_idx_t nargs)
{
	duk_context *ctx = st->ctx;

	cfg_push(ctx, st->cfg, ctor);
	if (!duk_is_function(ctx, -1))
		return dec_fail(st, "%s is not available in this worker", cfg_names[ctor]);
	duk_insert(ctx, -1 - nargs);
	duk_new(ctx, nargs);
	return 0;
}

/* Map (ext 12) and Set (ext 13): entries are added through the stashed
 * original set/add. */
static int
dec_collection(struct dec *st, const struct clone_item *begin)
{
	duk_context *ctx = st->ctx;
	bool map = begin->kind == CI_MAP;
	struct clone_item it;
	duk_idx_t obj;

	if (new_original(st, map ? C_MAP : C_SET, 0) == -1)
		return -1;
	obj = duk_get_top_index(ctx);
	ref_set(st, begin->id);
	for (;;) {
		if (dec_read(st, &it) == -1)
			return -1;
		if (it.kind == CI_END)
			return 0;
		cfg_push(ctx, st->cfg, map ? C_MAPSET : C_SETADD);
		duk_dup(ctx, obj);
		if (dec_item(st, &it) == -1 || (map && dec_value(st) == -1))
			return -1;
		duk_call_method(ctx, map ? 2 : 1);
		duk_pop(ctx);
	}
}

static int
dec_error(struct dec *st, const struct clone_item *it)
{
	duk_context *ctx = st->ctx;
	enum cfg_slot ctor = C_ERROR;
	duk_idx_t base = duk_get_top(ctx);
	const char *name;
	duk_size_t namelen;

	if (push_str(st, &it->u.error.name, false) == -1 || push_str(st, &it->u.error.message, false) == -1)
		return -1;
	if (!it->u.error.has_stack)
		duk_push_undefined(ctx);
	else if (push_str(st, &it->u.error.stack, false) == -1)
		return -1;
	name = duk_get_lstring(ctx, base, &namelen);
	for (int s = C_ERROR; s <= C_URIERROR; s++)
		if (strlen(cfg_names[s]) == namelen && memcmp(name, cfg_names[s], namelen) == 0)
			ctor = (enum cfg_slot)s;
	/* [ name message stack ] -> [ name stack error ] */
	cfg_push(ctx, st->cfg, ctor);
	duk_dup(ctx, base + 1);
	duk_new(ctx, 1);
	duk_replace(ctx, base + 1);
	duk_swap(ctx, base + 1, base + 2);
	if (strlen(cfg_names[ctor]) != namelen || memcmp(cfg_names[ctor], name, namelen) != 0) {
		duk_push_string(ctx, "name");
		duk_dup(ctx, base);
		duk_def_prop(ctx, base + 2, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WC | DUK_DEFPROP_CLEAR_E);
	}
	if (!duk_is_undefined(ctx, base + 1)) {
		duk_push_string(ctx, "stack");
		duk_dup(ctx, base + 1);
		duk_def_prop(ctx, base + 2, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WC | DUK_DEFPROP_CLEAR_E);
	}
	duk_replace(ctx, base);
	duk_pop(ctx);
	ref_set(st, it->id);
	return 0;
}

/* Pushes a new ArrayBuffer holding a copy of [p, p+n).  The copy fills
 * every byte, so Duktape's zero-fill (as costly as the copy) is skipped. */
static void
push_arraybuffer(duk_context *ctx, const uint8_t *p, size_t n)
{
	void *dst = duk_push_buffer_raw(ctx, n, DUK_BUF_FLAG_NOZERO);

	if (n > 0)
		memcpy(dst, p, n);
	duk_push_buffer_object(ctx, -1, 0, n, DUK_BUFOBJ_ARRAYBUFFER);
	duk_remove(ctx, -2);
}

static unsigned
bufobj_flags(int kind)
{
	return kind == CV_DATAVIEW ? DUK_BUFOBJ_DATAVIEW : (unsigned)(DUK_BUFOBJ_INT8ARRAY + kind);
}

struct bin_args {
	const uint8_t *p;
	size_t n;
};

static duk_ret_t
bin_safe(duk_context *ctx, void *udata)
{
	struct bin_args *a = udata;

	push_arraybuffer(ctx, a->p, a->n);
	duk_push_buffer_object(ctx, -1, 0, a->n, bufobj_flags(CV_UINT8));
	duk_remove(ctx, -2);
	return 1;
}

int
clone_decode_bin(duk_context *ctx, const uint8_t *p, size_t n, char *err, size_t errlen)
{
	struct bin_args a = { p, n };

	if (duk_safe_call(ctx, bin_safe, &a, 0, 1) == DUK_EXEC_SUCCESS)
		return 0;
	snprintf(err, errlen, "%s", duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
	return -1;
}

static int
dec_view(struct dec *st, const struct clone_item *it)
{
	duk_context *ctx = st->ctx;
	int kind = it->u.view.kind;

	if (kind == CV_BIGINT64 || kind == CV_BIGUINT64)
		return dec_fail(st, "%s cannot be represented in this worker", clone_view_name(kind));
	if (it->u.view.p != NULL) {
		push_arraybuffer(ctx, it->u.view.p, it->u.view.n);
		ref_set(st, it->u.view.buffer);
	} else {
		push_ref(st, it->u.view.buffer);
	}
	duk_push_buffer_object(ctx, -1, (duk_size_t)it->u.view.offset,
	    (duk_size_t)(it->u.view.length * clone_view_size(kind)), bufobj_flags(kind));
	duk_remove(ctx, -2);
	ref_set(st, it->id);
	return 0;
}

/* Objects with a payload of values, and containers, take value stack.
 * Kept out of line: inlined, its frame would be paid for by every scalar
 * dec_item() pushes. */
static int dec_object_kind(struct dec *st, const struct clone_item *it) __attribute__((noinline));

static int
dec_object_kind(struct dec *st, const struct clone_item *it)
{
	duk_context *ctx = st->ctx;

	if (!duk_check_stack(ctx, 16))
		return dec_fail(st, "out of value stack");
	switch (it->kind) {
	case CI_DATE:
		duk_push_number(ctx, it->u.d);
		if (new_original(st, C_DATE, 1) == -1)
			return -1;
		break;
	case CI_BOOLEAN:
		duk_push_boolean(ctx, it->u.b);
		duk_to_object(ctx, -1);
		break;
	case CI_NUMBER_OBJ:
		duk_push_number(ctx, it->u.d);
		duk_to_object(ctx, -1);
		break;
	case CI_STRING_OBJ:
		if (push_str(st, &it->u.s, false) == -1)
			return -1;
		duk_to_object(ctx, -1);
		break;
	case CI_REGEXP:
		if (push_str(st, &it->u.re.source, false) == -1 || push_str(st, &it->u.re.flags, false) == -1 ||
		    new_original(st, C_REGEXP, 2) == -1)
			return -1;
		break;
	case CI_ERROR:
		return dec_error(st, it);
	case CI_ARRAYBUFFER:
		push_arraybuffer(ctx, it->u.bytes.p, it->u.bytes.n);
		break;
	case CI_VIEW:
		return dec_view(st, it);
	case CI_ARRAY:
		return dec_array(st, it);
	case CI_OBJECT:
		return dec_object(st, it);
	case CI_MAP:
	case CI_SET:
		return dec_collection(st, it);
	default:
		return dec_fail(st, "unexpected item %d", (int)it->kind);
	}
	ref_set(st, it->id);
	return 0;
}

static int
dec_item(struct dec *st, const struct clone_item *it)
{
	duk_context *ctx = st->ctx;

	switch (it->kind) {
	case CI_NULL:
		duk_push_null(ctx);
		return 0;
	case CI_BOOL:
		duk_push_boolean(ctx, it->u.b);
		return 0;
	case CI_NUMBER:
		duk_push_number(ctx, it->u.d);
		return 0;
	case CI_STRING:
		return push_str(st, &it->u.s, false);
	case CI_UNDEFINED:
		duk_push_undefined(ctx);
		return 0;
	case CI_BIGINT:
		return dec_fail(st, "a BigInt cannot be represented in this worker");
	case CI_REF:
		push_ref(st, it->u.ref);
		return 0;
	case CI_PORT:
		if (st->ports == DUK_INVALID_INDEX)
			return dec_fail(st, "a MessagePort cannot travel outside its worker");
		if (it->u.ref >= duk_get_length(ctx, st->ports))
			return dec_fail(st, "MessagePort %u is not in the transfer list", (unsigned)it->u.ref);
		duk_get_prop_index(ctx, st->ports, it->u.ref);
		return 0;
	default:
		return dec_object_kind(st, it);
	}
}

static int
dec_value(struct dec *st)
{
	struct clone_item it;

	if (dec_read(st, &it) == -1)
		return -1;
	return dec_item(st, &it);
}

static duk_ret_t
dec_safe(duk_context *ctx, void *udata)
{
	struct dec *st = udata;
	duk_idx_t base = duk_get_top(ctx);

	duk_push_undefined(ctx);
	st->keep = duk_get_top_index(ctx);
	for (int i = 0; i < DEC_SLOTS; i++)
		duk_push_undefined(ctx);
	if ((st->cfg = stash_cfg(ctx)) == NULL)
		dec_fail(st, "the clone codec is not initialised (clone_duk_init)");
	else
		dec_value(st);
	if (st->failed) {
		duk_set_top(ctx, base);
		duk_push_undefined(ctx);
	}
	return 1;
}

int
clone_decode(duk_context *ctx, const uint8_t *p, size_t n, char *err, size_t errlen)
{
	return clone_decode_ports(ctx, p, n, DUK_INVALID_INDEX, err, errlen);
}

int
clone_decode_ports(duk_context *ctx, const uint8_t *p, size_t n, duk_idx_t ports_idx, char *err, size_t errlen)
{
	struct dec st;
	duk_int_t rc;

	st.ctx = ctx;
	st.ports = ports_idx == DUK_INVALID_INDEX ? DUK_INVALID_INDEX : duk_normalize_index(ctx, ports_idx);
	st.cfg = NULL;
	st.failed = false;
	st.err = err;
	st.errlen = errlen;
	clone_reader_init(&st.rd, p, n);
	pbuf_init(&st.scratch);
	rc = duk_safe_call(ctx, dec_safe, &st, 0, 1);
	if (rc != DUK_EXEC_SUCCESS && !st.failed)
		dec_fail(&st, "%s", duk_safe_to_string(ctx, -1));
	pbuf_free(&st.scratch);
	clone_reader_free(&st.rd);
	if (st.failed) {
		duk_pop(ctx);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */

static duk_ret_t
init_safe(duk_context *ctx, void *udata)
{
	struct cfg *c;

	(void)udata;
	duk_push_heap_stash(ctx);
	duk_eval_string(ctx, capture_js);
	duk_push_global_object(ctx);
	duk_call(ctx, 1);
	duk_put_prop_string(ctx, -2, STASH_KEY ".originals");
	duk_get_prop_string(ctx, -1, STASH_KEY ".originals");
	c = duk_push_fixed_buffer(ctx, sizeof(*c));
	for (int i = 0; i < C__COUNT; i++) {
		duk_get_prop_string(ctx, -2, cfg_names[i]);
		c->p[i] = duk_is_object(ctx, -1) ? duk_get_heapptr(ctx, -1) : NULL;
		duk_pop(ctx);
	}
	/* the string cache's array, dense from the start */
	memset(c->sc, 0, sizeof(c->sc));
	duk_push_array(ctx);
	for (int i = 0; i < SC_SLOTS; i++) {
		duk_push_undefined(ctx);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
	}
	c->sc_arr = duk_get_heapptr(ctx, -1);
	duk_put_prop_string(ctx, -4, STASH_KEY ".strings");
	duk_put_prop_string(ctx, -3, STASH_KEY);
	duk_pop_2(ctx);
	return 0;
}

/* A failure (out of memory) leaves no table in the stash; every later
 * clone_encode/clone_decode then fails saying so. */
void
clone_duk_init(duk_context *ctx)
{
	(void)duk_safe_call(ctx, init_safe, NULL, 0, 1);
	duk_pop(ctx);
}

void
clone_mark_port(duk_context *ctx, duk_idx_t idx)
{
	idx = duk_normalize_index(ctx, idx);
	duk_push_true(ctx);
	duk_put_prop_string(ctx, idx, PORT_KEY);
}
