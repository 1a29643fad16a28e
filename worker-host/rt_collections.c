/*
 * rt_collections.c - Map, Set, WeakMap, WeakSet.
 *
 * A Map or Set owns a "table": a JS array whose slot 0 is a fixed buffer
 * holding the hash index (header, bucket heads, entry records) and whose
 * slots from 2 hold the keys (and values) in insertion order, which keeps
 * them reachable for the collector.  Entry records carry a fingerprint of
 * the key (type tag plus number or heap pointer), so lookups never touch JS
 * values.  Deleting marks the entry dead; the table is rebuilt when full or
 * sparse.  Rebuild and clear() retire the old table: its buffer is replaced
 * by an index translation (old position -> new position) and slot 1 points
 * to the new table, so an iterator still holding the old table follows the
 * chain and carries on where it was.  A retired table lives only as long as
 * some iterator holds it.
 */
#include "rt_collections.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "rt_define.h"

#define KEY_TABLE      DUK_HIDDEN_SYMBOL("rtCollTable")
#define KEY_ITER_TABLE DUK_HIDDEN_SYMBOL("rtCollIterTable")
#define KEY_ITER_STATE DUK_HIDDEN_SYMBOL("rtCollIterState")
#define KEY_MAP_ITER   DUK_HIDDEN_SYMBOL("rtMapIteratorProto")
#define KEY_SET_ITER   DUK_HIDDEN_SYMBOL("rtSetIteratorProto")
#define KEY_WEAK_ID    DUK_HIDDEN_SYMBOL("rtWeakId")
#define KEY_WEAK_SEQ   DUK_HIDDEN_SYMBOL("rtWeakSeq")
#define KEY_WEAK_BOX   DUK_HIDDEN_SYMBOL("rtWeakBox")
#define KEY_WEAK_OWNER DUK_HIDDEN_SYMBOL("rtWeakOwner")

#define SLOT_BUF  0
#define SLOT_NEXT 1
#define SLOT_DATA 2
#define MIN_CAP   8

/* KIND_WEAK: a WeakMap/WeakSet's strong table for keys that cannot carry
 * a hidden box (Proxies); it is never a Map for the Map methods. */
enum kind { KIND_MAP = 1, KIND_SET = 2, KIND_WEAK = 3 };
enum { F_OBSOLETE = 1, F_CLEARED = 2 };
enum tag { T_UNDEF, T_NULL, T_FALSE, T_TRUE, T_NUMBER, T_HEAP, T_POINTER };
enum iter_kind { IT_KEYS, IT_VALUES, IT_ENTRIES };

union keyval {
	double d;
	void *p;
};

struct key {
	uint32_t hash;
	uint8_t tag;
	union keyval u;
};

struct entry {
	uint32_t hash;
	int32_t next;
	uint8_t tag;
	uint8_t live;
	union keyval u;
};

/* Followed by int32_t buckets[nbuckets] and struct entry entries[cap]; a
 * retired table by uint32_t remap[used + 1] instead. */
struct table {
	void *owner;
	uint32_t kind;
	uint32_t flags;
	uint32_t cap;
	uint32_t nbuckets;
	uint32_t used;
	uint32_t live;
};

struct iter_state {
	uint32_t pos;
	uint32_t kind;
	uint32_t done;
};

static int32_t *
buckets(struct table *t)
{
	return (int32_t *)(void *)(t + 1);
}

static struct entry *
entries(struct table *t)
{
	return (struct entry *)(void *)(buckets(t) + t->nbuckets);
}

static uint32_t *
remap(struct table *t)
{
	return (uint32_t *)(void *)(t + 1);
}

static uint32_t
stride(const struct table *t)
{
	return t->kind == KIND_SET ? 1 : 2;
}

static uint32_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

/* obj[key] = value on the stack top; key must be a literal (cached).  The
 * property is read-only and non-configurable, and FORCE rewrites it: the
 * object's frozen/sealed state, as Object.isFrozen reports it, never
 * changes because of our hidden state. */
#define put_hidden(ctx, obj_idx, key) \
	(duk_push_literal((ctx), key), put_hidden_key((ctx), (obj_idx) < 0 ? (obj_idx) - 1 : (obj_idx)))

/* Stack: [..., value, key]; obj_idx already accounts for the key. */
static void
put_hidden_key(duk_context *ctx, duk_idx_t obj_idx)
{
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_insert(ctx, -2);
	duk_def_prop(ctx, obj_idx, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_CLEAR_CONFIGURABLE | DUK_DEFPROP_FORCE);
}

/* Reads the SameValueZero fingerprint of the value at idx. */
static void
key_read(duk_context *ctx, duk_idx_t idx, struct key *k)
{
	uint64_t bits;
	double d;

	memset(k, 0, sizeof(*k));
	switch (duk_get_type(ctx, idx)) {
	case DUK_TYPE_UNDEFINED:
		k->tag = T_UNDEF;
		break;
	case DUK_TYPE_NULL:
		k->tag = T_NULL;
		break;
	case DUK_TYPE_BOOLEAN:
		k->tag = duk_get_boolean(ctx, idx) ? T_TRUE : T_FALSE;
		break;
	case DUK_TYPE_NUMBER:
		d = duk_get_number(ctx, idx);
		if (isnan(d))
			d = NAN;
		else if (d == 0)
			d = 0;
		k->tag = T_NUMBER;
		k->u.d = d;
		memcpy(&bits, &d, sizeof(bits));
		k->hash = mix64(bits);
		return;
	case DUK_TYPE_POINTER:
		k->tag = T_POINTER;
		k->u.p = duk_get_pointer(ctx, idx);
		break;
	case DUK_TYPE_STRING:
	case DUK_TYPE_OBJECT:
	case DUK_TYPE_BUFFER:
		k->tag = T_HEAP;
		k->u.p = duk_get_heapptr(ctx, idx);
		break;
	default:
		duk_type_error(ctx, "unsupported collection key type");
	}
	k->hash = mix64((uint64_t)(uintptr_t)k->u.p ^ ((uint64_t)k->tag << 56));
}

static bool
key_eq(const struct entry *e, const struct key *k)
{
	if (e->tag != k->tag || e->hash != k->hash)
		return false;
	if (k->tag == T_NUMBER)
		return e->u.d == k->u.d || (isnan(e->u.d) && isnan(k->u.d));
	return e->u.p == k->u.p;
}

static int32_t
table_find(struct table *t, const struct key *k)
{
	struct entry *e = entries(t);
	int32_t i;

	for (i = buckets(t)[k->hash & (t->nbuckets - 1)]; i >= 0; i = e[i].next)
		if (e[i].live && key_eq(&e[i], k))
			return i;
	return -1;
}

static struct table *
table_at(duk_context *ctx, duk_idx_t t_idx)
{
	struct table *t;

	duk_get_prop_index(ctx, t_idx, SLOT_BUF);
	t = duk_get_buffer(ctx, -1, NULL);
	duk_pop(ctx);
	return t;
}

/* Pushes a new empty table array. */
static struct table *
table_push(duk_context *ctx, uint32_t kind, uint32_t cap, void *owner)
{
	struct table *t;
	uint32_t i;

	duk_push_array(ctx);
	t = duk_push_fixed_buffer(ctx, sizeof(*t) + cap * sizeof(int32_t) + cap * sizeof(struct entry));
	t->owner = owner;
	t->kind = kind;
	t->flags = 0;
	t->cap = cap;
	t->nbuckets = cap;
	t->used = 0;
	t->live = 0;
	for (i = 0; i < cap; i++)
		buckets(t)[i] = -1;
	duk_put_prop_index(ctx, -2, SLOT_BUF);
	return t;
}

static void
table_append_entry(struct table *t, const struct entry *src)
{
	struct entry *e = &entries(t)[t->used];
	uint32_t b = src->hash & (t->nbuckets - 1);

	*e = *src;
	e->live = 1;
	e->next = buckets(t)[b];
	buckets(t)[b] = (int32_t)t->used;
	t->used++;
	t->live++;
}

/*
 * Replaces the table at t_idx (owned by the object at obj_idx) with a new
 * one of capacity cap holding the live entries (none if `drop`), retires the
 * old one and leaves the new table array at t_idx.
 */
static struct table *
table_rebuild(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t t_idx, uint32_t cap, bool drop)
{
	struct table *old = table_at(ctx, t_idx), *nt, *gone;
	uint32_t s = stride(old), i, j, n = 0;
	duk_idx_t nt_idx;

	nt = table_push(ctx, old->kind, cap, old->owner);
	nt_idx = duk_get_top_index(ctx);
	gone = duk_push_fixed_buffer(ctx, sizeof(*gone) + (drop ? 0 : (old->used + 1) * sizeof(uint32_t)));
	*gone = *old;
	gone->flags = F_OBSOLETE | (drop ? F_CLEARED : 0);
	for (i = 0; i < old->used && !drop; i++) {
		remap(gone)[i] = n;
		if (!entries(old)[i].live)
			continue;
		table_append_entry(nt, &entries(old)[i]);
		for (j = 0; j < s; j++) {
			duk_get_prop_index(ctx, t_idx, SLOT_DATA + i * s + j);
			duk_put_prop_index(ctx, nt_idx, SLOT_DATA + n * s + j);
		}
		n++;
	}
	if (!drop)
		remap(gone)[old->used] = n;
	duk_put_prop_index(ctx, t_idx, SLOT_BUF);
	duk_dup(ctx, nt_idx);
	duk_put_prop_index(ctx, t_idx, SLOT_NEXT);
	duk_set_length(ctx, t_idx, SLOT_DATA);
	duk_dup(ctx, nt_idx);
	put_hidden(ctx, obj_idx, KEY_TABLE);
	duk_replace(ctx, t_idx);
	return nt;
}

/*
 * Pushes `this` and its table; throws TypeError unless `this` is a
 * collection of the given kind.
 */
static struct table *
this_table(duk_context *ctx, uint32_t kind, const char *method)
{
	struct table *t = NULL;

	duk_push_this(ctx);
	if (duk_is_object(ctx, -1)) {
		duk_get_prop_literal(ctx, -1, KEY_TABLE);
		if (duk_is_array(ctx, -1))
			t = table_at(ctx, -1);
		if (t != NULL && (t->kind != kind || t->owner != duk_get_heapptr(ctx, -2)))
			t = NULL;
	}
	if (t == NULL)
		duk_type_error(ctx, "Method %s.prototype.%s called on incompatible receiver",
		    kind == KIND_MAP ? "Map" : "Set", method);
	return t;
}

/*
 * Moves the cursor (table array at t_idx, entry position *pos) to the next
 * live entry, following retired tables.  NULL when the end is reached.
 */
static struct table *
cursor_next(duk_context *ctx, duk_idx_t t_idx, uint32_t *pos)
{
	struct table *t = table_at(ctx, t_idx);
	struct entry *e;

	while (t->flags & F_OBSOLETE) {
		if (t->flags & F_CLEARED)
			*pos = 0;
		else
			*pos = remap(t)[*pos < t->used ? *pos : t->used];
		duk_get_prop_index(ctx, t_idx, SLOT_NEXT);
		duk_replace(ctx, t_idx);
		t = table_at(ctx, t_idx);
	}
	for (e = entries(t); *pos < t->used; (*pos)++)
		if (e[*pos].live)
			return t;
	return NULL;
}

/* Adds or updates key (at key_idx) -> value (at val_idx, Map only). */
static void
table_put(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t t_idx, duk_idx_t key_idx, duk_idx_t val_idx)
{
	struct table *t = table_at(ctx, t_idx);
	struct entry rec;
	struct key k;
	int32_t i;
	uint32_t s = stride(t), at;

	key_read(ctx, key_idx, &k);
	i = table_find(t, &k);
	if (i >= 0) {
		if (t->kind != KIND_SET) {
			duk_dup(ctx, val_idx);
			duk_put_prop_index(ctx, t_idx, SLOT_DATA + (uint32_t)i * 2 + 1);
		}
		return;
	}
	if (t->used == t->cap) {
		if (t->live >= (uint32_t)RT_COLLECTION_MAX)
			duk_range_error(ctx, "%s maximum size exceeded", t->kind == KIND_MAP ? "Map" : "Set");
		t = table_rebuild(ctx, obj_idx, t_idx, t->live >= t->cap / 2 ? t->cap * 2 : t->cap, false);
	}
	memset(&rec, 0, sizeof(rec));
	rec.hash = k.hash;
	rec.tag = k.tag;
	rec.u = k.u;
	at = t->used;
	table_append_entry(t, &rec);
	if (k.tag == T_NUMBER)
		duk_push_number(ctx, k.u.d);
	else
		duk_dup(ctx, key_idx);
	duk_put_prop_index(ctx, t_idx, SLOT_DATA + at * s);
	if (s == 2) {
		duk_dup(ctx, val_idx);
		duk_put_prop_index(ctx, t_idx, SLOT_DATA + at * s + 1);
	}
}

static bool
table_delete(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t t_idx, duk_idx_t key_idx)
{
	struct table *t = table_at(ctx, t_idx);
	struct key k;
	int32_t i;
	uint32_t s = stride(t), j, cap;

	key_read(ctx, key_idx, &k);
	i = table_find(t, &k);
	if (i < 0)
		return false;
	entries(t)[i].live = 0;
	t->live--;
	for (j = 0; j < s; j++) {
		duk_push_undefined(ctx);
		duk_put_prop_index(ctx, t_idx, SLOT_DATA + (uint32_t)i * s + j);
	}
	if (t->cap > MIN_CAP * 2 && t->live * 8 < t->cap) {
		for (cap = t->cap; cap > MIN_CAP && t->live * 4 < cap; cap /= 2)
			;
		table_rebuild(ctx, obj_idx, t_idx, cap, false);
	}
	return true;
}

/* ---- iteration of constructor arguments ---- */

typedef void (*each_fn)(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t item_idx);

struct each_call {
	each_fn fn;
	duk_idx_t obj_idx;
};

static duk_ret_t
each_safe(duk_context *ctx, void *ud)
{
	struct each_call *c = ud;

	c->fn(ctx, c->obj_idx, duk_get_top_index(ctx));
	return 0;
}

/* Stack: [method, iterable]; consumes both. */
static void
iterate_protocol(duk_context *ctx, struct each_call *c)
{
	duk_idx_t it;

	duk_call_method(ctx, 0);
	if (!duk_is_object(ctx, -1))
		duk_type_error(ctx, "Result of the Symbol.iterator method is not an object");
	it = duk_get_top_index(ctx);
	duk_get_prop_literal(ctx, it, "next");
	for (;;) {
		duk_dup(ctx, it + 1);
		duk_dup(ctx, it);
		duk_call_method(ctx, 0);
		if (!duk_is_object(ctx, -1))
			duk_type_error(ctx, "iterator result is not an object");
		duk_get_prop_literal(ctx, -1, "done");
		if (duk_to_boolean(ctx, -1)) {
			duk_pop_2(ctx);
			break;
		}
		duk_pop(ctx);
		duk_get_prop_literal(ctx, -1, "value");
		duk_remove(ctx, -2);
		if (duk_safe_call(ctx, each_safe, c, 1, 1) != DUK_EXEC_SUCCESS) {
			duk_get_prop_literal(ctx, it, "return");
			if (duk_is_callable(ctx, -1)) {
				duk_dup(ctx, it);
				duk_pcall_method(ctx, 0);
			}
			duk_pop(ctx);
			(void)duk_throw(ctx);
		}
		duk_pop(ctx);
	}
	duk_pop_2(ctx);
}

/* Pushes the code point of string `src` starting at unit *i, advancing *i. */
static void
push_code_point(duk_context *ctx, duk_idx_t src, duk_size_t *i, duk_size_t n)
{
	duk_codepoint_t c = duk_char_code_at(ctx, src, *i);
	duk_size_t len = 1;

	if (c >= 0xD800 && c <= 0xDBFF && *i + 1 < n) {
		c = duk_char_code_at(ctx, src, *i + 1);
		if (c >= 0xDC00 && c <= 0xDFFF)
			len = 2;
	}
	duk_dup(ctx, src);
	duk_substring(ctx, -1, *i, *i + len);
	*i += len;
}

/* Calls fn for each element of the iterable at src: arrays and strings
 * directly, anything else through Symbol.iterator. */
static void
iterate(duk_context *ctx, duk_idx_t src, duk_idx_t obj_idx, each_fn fn)
{
	struct each_call c = { fn, obj_idx };
	duk_size_t i, n;

	src = duk_require_normalize_index(ctx, src);
	if (duk_is_array(ctx, src)) {
		for (i = 0; i < duk_get_length(ctx, src); i++) {
			duk_get_prop_index(ctx, src, (duk_uarridx_t)i);
			fn(ctx, obj_idx, duk_get_top_index(ctx));
			duk_pop(ctx);
		}
		return;
	}
	if (duk_is_string(ctx, src) && !duk_is_symbol(ctx, src)) {
		n = duk_get_length(ctx, src);
		for (i = 0; i < n;) {
			push_code_point(ctx, src, &i, n);
			fn(ctx, obj_idx, duk_get_top_index(ctx));
			duk_pop(ctx);
		}
		return;
	}
	rt_push_wellknown(ctx, "iterator");
	duk_get_prop(ctx, src);
	if (!duk_is_callable(ctx, -1))
		duk_type_error(ctx, "%s is not iterable", duk_is_object(ctx, src) ? "object" : duk_safe_to_string(ctx, src));
	duk_dup(ctx, src);
	iterate_protocol(ctx, &c);
}

/* Both add through the object's own set/add, read once before iterating
 * as the spec's constructors do (push_adder() leaves it just above the
 * object); WeakMap and WeakSet use them too. */
static void
add_map_entry(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t item_idx)
{
	if (!duk_is_object(ctx, item_idx))
		duk_type_error(ctx, "Iterator value %s is not an entry object", duk_safe_to_string(ctx, item_idx));
	duk_dup(ctx, obj_idx + 1);
	duk_dup(ctx, obj_idx);
	duk_get_prop_index(ctx, item_idx, 0);
	duk_get_prop_index(ctx, item_idx, 1);
	duk_call_method(ctx, 2);
	duk_pop(ctx);
}

static void
add_set_value(duk_context *ctx, duk_idx_t obj_idx, duk_idx_t item_idx)
{
	duk_dup(ctx, obj_idx + 1);
	duk_dup(ctx, obj_idx);
	duk_dup(ctx, item_idx);
	duk_call_method(ctx, 1);
	duk_pop(ctx);
}

/* Fills the new collection at obj_idx (the stack top) from the iterable
 * argument, unless that is undefined or null. */
static void
add_from(duk_context *ctx, duk_idx_t obj_idx, bool map)
{
	if (duk_is_null_or_undefined(ctx, 0))
		return;
	duk_get_prop_string(ctx, obj_idx, map ? "set" : "add");
	if (!duk_is_callable(ctx, -1))
		duk_type_error(ctx, "'%s' returned for property '%s' of object is not a function",
		    duk_safe_to_string(ctx, -1), map ? "set" : "add");
	iterate(ctx, 0, obj_idx, map ? add_map_entry : add_set_value);
}

/*
 * Common constructor.  Besides `new`, a plain call on an object that
 * inherits from the prototype initialises that object: that is how ES5
 * code lowered from `class X extends Map` calls its super constructor.
 */
static void
construct_this(duk_context *ctx, const char *name)
{
	duk_push_this(ctx);
	if (duk_is_constructor_call(ctx))
		return;
	duk_push_current_function(ctx);
	if (!duk_is_object(ctx, -2) || !duk_instanceof(ctx, -2, -1) || duk_has_prop_literal(ctx, -2, KEY_TABLE) ||
	    duk_has_prop_literal(ctx, -2, KEY_WEAK_ID))
		duk_type_error(ctx, "Constructor %s requires 'new'", name);
	duk_pop(ctx);
}

static duk_ret_t
collection_construct(duk_context *ctx, uint32_t kind)
{
	duk_idx_t obj_idx;

	construct_this(ctx, kind == KIND_MAP ? "Map" : "Set");
	obj_idx = duk_get_top_index(ctx);
	table_push(ctx, kind, MIN_CAP, duk_get_heapptr(ctx, obj_idx));
	put_hidden(ctx, obj_idx, KEY_TABLE);
	add_from(ctx, obj_idx, kind == KIND_MAP);
	return 0;
}

static duk_ret_t map_construct(duk_context *ctx) { return collection_construct(ctx, KIND_MAP); }
static duk_ret_t set_construct(duk_context *ctx) { return collection_construct(ctx, KIND_SET); }

/* ---- Map and Set methods ---- */

static duk_ret_t
map_get(duk_context *ctx)
{
	struct table *t = this_table(ctx, KIND_MAP, "get");
	struct key k;
	int32_t i;

	key_read(ctx, 0, &k);
	i = table_find(t, &k);
	if (i < 0)
		return 0;
	duk_get_prop_index(ctx, -1, SLOT_DATA + (uint32_t)i * 2 + 1);
	return 1;
}

static duk_ret_t
collection_has(duk_context *ctx, uint32_t kind)
{
	struct table *t = this_table(ctx, kind, "has");
	struct key k;

	key_read(ctx, 0, &k);
	duk_push_boolean(ctx, table_find(t, &k) >= 0);
	return 1;
}

static duk_ret_t map_has(duk_context *ctx) { return collection_has(ctx, KIND_MAP); }
static duk_ret_t set_has(duk_context *ctx) { return collection_has(ctx, KIND_SET); }

static duk_ret_t
map_set(duk_context *ctx)
{
	this_table(ctx, KIND_MAP, "set");
	table_put(ctx, 2, 3, 0, 1);
	duk_pop(ctx);
	return 1;
}

static duk_ret_t
set_add(duk_context *ctx)
{
	this_table(ctx, KIND_SET, "add");
	table_put(ctx, 1, 2, 0, 0);
	duk_pop(ctx);
	return 1;
}

static duk_ret_t
collection_delete(duk_context *ctx, uint32_t kind)
{
	this_table(ctx, kind, "delete");
	duk_push_boolean(ctx, table_delete(ctx, 1, 2, 0));
	return 1;
}

static duk_ret_t map_delete(duk_context *ctx) { return collection_delete(ctx, KIND_MAP); }
static duk_ret_t set_delete(duk_context *ctx) { return collection_delete(ctx, KIND_SET); }

static duk_ret_t
collection_clear(duk_context *ctx, uint32_t kind)
{
	this_table(ctx, kind, "clear");
	table_rebuild(ctx, 0, 1, MIN_CAP, true);
	return 0;
}

static duk_ret_t map_clear(duk_context *ctx) { return collection_clear(ctx, KIND_MAP); }
static duk_ret_t set_clear(duk_context *ctx) { return collection_clear(ctx, KIND_SET); }

static duk_ret_t
collection_size(duk_context *ctx, uint32_t kind)
{
	duk_push_uint(ctx, this_table(ctx, kind, "size")->live);
	return 1;
}

static duk_ret_t map_size(duk_context *ctx) { return collection_size(ctx, KIND_MAP); }
static duk_ret_t set_size(duk_context *ctx) { return collection_size(ctx, KIND_SET); }

/* forEach(cb, thisArg): cb(value, key, collection), seeing additions and
 * skipping deletions made during the walk. */
static duk_ret_t
collection_for_each(duk_context *ctx, uint32_t kind)
{
	struct table *t;
	uint32_t pos = 0, s;

	this_table(ctx, kind, "forEach");
	if (!duk_is_callable(ctx, 0))
		duk_type_error(ctx, "%s is not a function", duk_safe_to_string(ctx, 0));
	while ((t = cursor_next(ctx, 3, &pos)) != NULL) {
		s = stride(t);
		duk_dup(ctx, 0);
		duk_dup(ctx, 1);
		duk_get_prop_index(ctx, 3, SLOT_DATA + pos * s + s - 1);
		duk_get_prop_index(ctx, 3, SLOT_DATA + pos * s);
		duk_dup(ctx, 2);
		pos++;
		duk_call_method(ctx, 3);
		duk_pop(ctx);
	}
	return 0;
}

static duk_ret_t map_for_each(duk_context *ctx) { return collection_for_each(ctx, KIND_MAP); }
static duk_ret_t set_for_each(duk_context *ctx) { return collection_for_each(ctx, KIND_SET); }

/* ---- iterators ---- */

static duk_ret_t
make_iterator(duk_context *ctx, uint32_t kind, uint32_t it_kind)
{
	struct iter_state *st;

	this_table(ctx, kind, it_kind == IT_KEYS ? "keys" : it_kind == IT_VALUES ? "values" : "entries");
	duk_push_object(ctx);
	duk_push_heap_stash(ctx);
	if (kind == KIND_MAP)
		duk_get_prop_literal(ctx, -1, KEY_MAP_ITER);
	else
		duk_get_prop_literal(ctx, -1, KEY_SET_ITER);
	duk_set_prototype(ctx, -3);
	duk_pop(ctx);
	duk_dup(ctx, -2);
	put_hidden(ctx, -2, KEY_ITER_TABLE);
	st = duk_push_fixed_buffer(ctx, sizeof(*st));
	st->pos = 0;
	st->kind = it_kind;
	st->done = 0;
	put_hidden(ctx, -2, KEY_ITER_STATE);
	return 1;
}

static duk_ret_t map_keys(duk_context *ctx) { return make_iterator(ctx, KIND_MAP, IT_KEYS); }
static duk_ret_t map_values(duk_context *ctx) { return make_iterator(ctx, KIND_MAP, IT_VALUES); }
static duk_ret_t map_entries(duk_context *ctx) { return make_iterator(ctx, KIND_MAP, IT_ENTRIES); }
static duk_ret_t set_values(duk_context *ctx) { return make_iterator(ctx, KIND_SET, IT_VALUES); }
static duk_ret_t set_entries(duk_context *ctx) { return make_iterator(ctx, KIND_SET, IT_ENTRIES); }

static void
push_result(duk_context *ctx, bool done)
{
	duk_push_object(ctx);
	duk_swap_top(ctx, -2);
	duk_put_prop_literal(ctx, -2, "value");
	duk_push_boolean(ctx, done);
	duk_put_prop_literal(ctx, -2, "done");
}

static duk_ret_t
iterator_next(duk_context *ctx)
{
	struct iter_state *st = NULL;
	struct table *t;
	uint32_t s;

	duk_push_this(ctx);
	if (duk_is_object(ctx, 0)) {
		duk_get_prop_literal(ctx, 0, KEY_ITER_STATE);
		st = duk_get_buffer_data(ctx, 1, NULL);
	}
	if (st == NULL)
		duk_type_error(ctx, "next method called on incompatible receiver");
	duk_get_prop_literal(ctx, 0, KEY_ITER_TABLE);
	if (st->done || (t = cursor_next(ctx, 2, &st->pos)) == NULL) {
		st->done = 1;
		duk_push_undefined(ctx);
		put_hidden(ctx, 0, KEY_ITER_TABLE);
		duk_push_undefined(ctx);
		push_result(ctx, true);
		return 1;
	}
	s = stride(t);
	if (st->kind == IT_ENTRIES) {
		duk_push_array(ctx);
		duk_get_prop_index(ctx, 2, SLOT_DATA + st->pos * s);
		duk_put_prop_index(ctx, -2, 0);
		duk_get_prop_index(ctx, 2, SLOT_DATA + st->pos * s + s - 1);
		duk_put_prop_index(ctx, -2, 1);
	} else {
		duk_get_prop_index(ctx, 2, SLOT_DATA + st->pos * s + (st->kind == IT_VALUES ? s - 1 : 0));
	}
	st->pos++;
	duk_dup(ctx, 2);
	put_hidden(ctx, 0, KEY_ITER_TABLE);
	push_result(ctx, false);
	return 1;
}

static duk_ret_t
iterator_self(duk_context *ctx)
{
	duk_push_this(ctx);
	return 1;
}

/* ---- WeakMap and WeakSet ---- */

enum weak_kind { WEAK_MAP = 'm', WEAK_SET = 's' };

/* Pushes this's id string ("m12" / "s3"); TypeError for other receivers. */
static void
weak_this(duk_context *ctx, int kind, const char *method)
{
	const char *id = NULL;

	duk_push_this(ctx);
	if (duk_is_object(ctx, -1)) {
		duk_get_prop_literal(ctx, -1, KEY_WEAK_ID);
		id = duk_get_string(ctx, -1);
	}
	if (id == NULL || id[0] != kind)
		duk_type_error(ctx, "Method %s.prototype.%s called on incompatible receiver",
		    kind == WEAK_MAP ? "WeakMap" : "WeakSet", method);
}

/* CanBeHeldWeakly (ES2023): an object, or a symbol that Symbol.for did
 * not make (Duktape spells those 0x80 + key, the others 0x81 + ...; see
 * rt_lang.c's symbol_description). */
static bool
weak_key_ok(duk_context *ctx, duk_idx_t idx)
{
	const uint8_t *s;
	duk_size_t n;

	if (duk_is_symbol(ctx, idx)) {
		s = (const uint8_t *)duk_get_lstring(ctx, idx, &n);
		return n > 0 && s[0] == 0x81;
	}
	return duk_is_object(ctx, idx) && !duk_is_lightfunc(ctx, idx);
}

/* Pushes the key's own box (the object holding its weak entries) and
 * returns true, or pushes nothing and returns false. */
static bool
weak_box_get(duk_context *ctx, duk_idx_t key_idx)
{
	void *owner;

	duk_get_prop_literal(ctx, key_idx, KEY_WEAK_BOX);
	if (duk_is_object(ctx, -1)) {
		duk_get_prop_literal(ctx, -1, KEY_WEAK_OWNER);
		owner = duk_get_pointer(ctx, -1);
		duk_pop(ctx);
		if (owner == duk_get_heapptr(ctx, key_idx))
			return true;
	}
	duk_pop(ctx);
	return false;
}

/* Like weak_box_get but creates the box.  False when the key cannot carry
 * one (a symbol, a primitive; a Proxy: hidden properties land on the
 * proxy, reads go to its target), in which case the caller uses the strong
 * fallback table. */
static bool
weak_box_make(duk_context *ctx, duk_idx_t key_idx)
{
	key_idx = duk_require_normalize_index(ctx, key_idx);
	if (duk_is_symbol(ctx, key_idx))
		return false;
	if (weak_box_get(ctx, key_idx))
		return true;
	duk_push_bare_object(ctx);
	duk_push_pointer(ctx, duk_get_heapptr(ctx, key_idx));
	duk_put_prop_literal(ctx, -2, KEY_WEAK_OWNER);
	put_hidden(ctx, key_idx, KEY_WEAK_BOX);
	return weak_box_get(ctx, key_idx);
}

/* Pushes the weak collection's fallback table (creating it if asked);
 * returns NULL (pushing nothing) when there is none.  this at this_idx. */
static struct table *
weak_strong(duk_context *ctx, duk_idx_t this_idx, bool create)
{
	this_idx = duk_require_normalize_index(ctx, this_idx);
	duk_get_prop_literal(ctx, this_idx, KEY_TABLE);
	if (duk_is_array(ctx, -1))
		return table_at(ctx, -1);
	duk_pop(ctx);
	if (!create)
		return NULL;
	table_push(ctx, KIND_WEAK, MIN_CAP, duk_get_heapptr(ctx, this_idx));
	duk_dup(ctx, -1);
	put_hidden(ctx, this_idx, KEY_TABLE);
	return table_at(ctx, -1);
}

/* Stack on entry for all weak methods: [key, value?, this, id]. */
static duk_ret_t
weak_lookup(duk_context *ctx, int kind, const char *method, bool want_value)
{
	struct table *t;
	struct key k;
	int32_t i;
	duk_idx_t this_idx;

	weak_this(ctx, kind, method);
	this_idx = duk_get_top_index(ctx) - 1;
	if (!weak_key_ok(ctx, 0)) {
		if (want_value)
			return 0;
		duk_push_false(ctx);
		return 1;
	}
	if (weak_box_get(ctx, 0)) {
		duk_dup(ctx, -2);
		if (want_value)
			duk_get_prop(ctx, -2);
		else
			duk_push_boolean(ctx, duk_has_prop(ctx, -2));
		return 1;
	}
	i = -1;
	if ((t = weak_strong(ctx, this_idx, false)) != NULL) {
		key_read(ctx, 0, &k);
		i = table_find(t, &k);
	}
	if (!want_value)
		duk_push_boolean(ctx, i >= 0);
	else if (i >= 0)
		duk_get_prop_index(ctx, -1, SLOT_DATA + (uint32_t)i * 2 + 1);
	else
		return 0;
	return 1;
}

static duk_ret_t weakmap_get(duk_context *ctx) { return weak_lookup(ctx, WEAK_MAP, "get", true); }
static duk_ret_t weakmap_has(duk_context *ctx) { return weak_lookup(ctx, WEAK_MAP, "has", false); }
static duk_ret_t weakset_has(duk_context *ctx) { return weak_lookup(ctx, WEAK_SET, "has", false); }

static duk_ret_t
weak_store(duk_context *ctx, int kind, const char *method, duk_idx_t val_idx)
{
	duk_idx_t this_idx;

	weak_this(ctx, kind, method);
	this_idx = duk_get_top_index(ctx) - 1;
	if (!weak_key_ok(ctx, 0))
		duk_type_error(ctx, "Invalid value used %s", kind == WEAK_MAP ? "as weak map key" : "in weak set");
	if (weak_box_make(ctx, 0)) {
		duk_dup(ctx, -2);
		duk_dup(ctx, val_idx);
		duk_put_prop(ctx, -3);
	} else {
		weak_strong(ctx, this_idx, true);
		table_put(ctx, this_idx, duk_get_top_index(ctx), 0, val_idx);
	}
	duk_dup(ctx, this_idx);
	return 1;
}

static duk_ret_t
weakmap_set(duk_context *ctx)
{
	return weak_store(ctx, WEAK_MAP, "set", 1);
}

static duk_ret_t
weakset_add(duk_context *ctx)
{
	duk_set_top(ctx, 1);
	duk_push_true(ctx);
	return weak_store(ctx, WEAK_SET, "add", 1);
}

static duk_ret_t
weak_delete(duk_context *ctx, int kind)
{
	duk_idx_t this_idx;
	bool found = false;

	weak_this(ctx, kind, "delete");
	this_idx = duk_get_top_index(ctx) - 1;
	if (weak_key_ok(ctx, 0)) {
		if (weak_box_get(ctx, 0)) {
			duk_dup(ctx, -2);
			found = duk_has_prop(ctx, -2);
			duk_dup(ctx, -2);
			duk_del_prop(ctx, -2);
		} else if (weak_strong(ctx, this_idx, false) != NULL) {
			found = table_delete(ctx, this_idx, duk_get_top_index(ctx), 0);
		}
	}
	duk_push_boolean(ctx, found);
	return 1;
}

static duk_ret_t weakmap_delete(duk_context *ctx) { return weak_delete(ctx, WEAK_MAP); }
static duk_ret_t weakset_delete(duk_context *ctx) { return weak_delete(ctx, WEAK_SET); }

static duk_ret_t
weak_construct(duk_context *ctx, int kind)
{
	duk_idx_t obj_idx;
	double seq;

	construct_this(ctx, kind == WEAK_MAP ? "WeakMap" : "WeakSet");
	obj_idx = duk_get_top_index(ctx);
	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_WEAK_SEQ);
	seq = duk_get_number_default(ctx, -1, 0) + 1;
	duk_pop(ctx);
	duk_push_number(ctx, seq);
	duk_put_prop_literal(ctx, -2, KEY_WEAK_SEQ);
	duk_pop(ctx);
	duk_push_sprintf(ctx, "%c%.0f", kind, seq);
	put_hidden(ctx, obj_idx, KEY_WEAK_ID);
	add_from(ctx, obj_idx, kind == WEAK_MAP);
	return 0;
}

static duk_ret_t weakmap_construct(duk_context *ctx) { return weak_construct(ctx, WEAK_MAP); }
static duk_ret_t weakset_construct(duk_context *ctx) { return weak_construct(ctx, WEAK_SET); }

/* ---- installation ---- */

struct method {
	const char *name;
	duk_c_function fn;
	duk_idx_t nargs;
};

/* Pushes a constructor with its prototype (methods, size getter, tag) and
 * defines it as a global. */
static void
define_class(duk_context *ctx, const char *name, duk_c_function ctor, const struct method *m,
    duk_c_function size)
{
	rt_push_native(ctx, name, ctor, 1);
	rt_set_length(ctx, -1, 0);	/* the iterable is optional */
	duk_push_object(ctx);
	for (; m->name != NULL; m++)
		rt_def_method(ctx, -1, m->name, m->fn, m->nargs);
	if (size != NULL)
		rt_def_getter(ctx, -1, "size", size);
	rt_def_tag(ctx, -1, name);
	duk_push_string(ctx, "constructor");
	duk_dup(ctx, -3);
	rt_def_hidden(ctx, -3);
	duk_push_string(ctx, "prototype");
	duk_swap_top(ctx, -2);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_CLEAR_CONFIGURABLE | DUK_DEFPROP_FORCE);
	duk_push_global_object(ctx);
	duk_push_string(ctx, name);
	duk_dup(ctx, -3);
	rt_def_hidden(ctx, -3);
	duk_pop_2(ctx);
}

/* proto[Symbol.iterator] = proto[name]; proto at -1. */
static void
alias_iterator(duk_context *ctx, const char *name, const char *alias)
{
	if (alias != NULL)
		duk_push_string(ctx, alias);
	else
		rt_push_wellknown(ctx, "iterator");
	duk_get_prop_string(ctx, -2, name);
	rt_def_hidden(ctx, -3);
}

static void
define_iterator_proto(duk_context *ctx, const char *stash_key, const char *tag)
{
	duk_push_heap_stash(ctx);
	duk_push_object(ctx);
	rt_def_method(ctx, -1, "next", iterator_next, 0);
	rt_push_wellknown(ctx, "iterator");
	rt_push_native(ctx, "[Symbol.iterator]", iterator_self, 0);
	rt_def_hidden(ctx, -3);
	rt_def_tag(ctx, -1, tag);
	duk_put_prop_string(ctx, -2, stash_key);
	duk_pop(ctx);
}

/* forEach's native takes thisArg as a second argument; the spec's length
 * counts only the callback. */
static void
spec_length(duk_context *ctx, const char *name, int n)
{
	duk_get_prop_string(ctx, -1, name);
	rt_set_length(ctx, -1, n);
	duk_pop(ctx);
}

static void
proto_of_global(duk_context *ctx, const char *name)
{
	duk_get_global_string(ctx, name);
	duk_get_prop_literal(ctx, -1, "prototype");
	duk_remove(ctx, -2);
}

void
rt_collections_install(duk_context *ctx)
{
	static const struct method map_methods[] = {
		{ "get", map_get, 1 }, { "set", map_set, 2 }, { "has", map_has, 1 },
		{ "delete", map_delete, 1 }, { "clear", map_clear, 0 },
		{ "forEach", map_for_each, 2 }, { "keys", map_keys, 0 },
		{ "values", map_values, 0 }, { "entries", map_entries, 0 }, { NULL, NULL, 0 }
	};
	static const struct method set_methods[] = {
		{ "add", set_add, 1 }, { "has", set_has, 1 }, { "delete", set_delete, 1 },
		{ "clear", set_clear, 0 }, { "forEach", set_for_each, 2 },
		{ "values", set_values, 0 }, { "entries", set_entries, 0 }, { NULL, NULL, 0 }
	};
	static const struct method weakmap_methods[] = {
		{ "get", weakmap_get, 1 }, { "set", weakmap_set, 2 }, { "has", weakmap_has, 1 },
		{ "delete", weakmap_delete, 1 }, { NULL, NULL, 0 }
	};
	static const struct method weakset_methods[] = {
		{ "add", weakset_add, 1 }, { "has", weakset_has, 1 },
		{ "delete", weakset_delete, 1 }, { NULL, NULL, 0 }
	};

	define_iterator_proto(ctx, KEY_MAP_ITER, "Map Iterator");
	define_iterator_proto(ctx, KEY_SET_ITER, "Set Iterator");
	define_class(ctx, "Map", map_construct, map_methods, map_size);
	define_class(ctx, "Set", set_construct, set_methods, set_size);
	define_class(ctx, "WeakMap", weakmap_construct, weakmap_methods, NULL);
	define_class(ctx, "WeakSet", weakset_construct, weakset_methods, NULL);
	proto_of_global(ctx, "Map");
	alias_iterator(ctx, "entries", NULL);
	spec_length(ctx, "forEach", 1);
	duk_pop(ctx);
	proto_of_global(ctx, "Set");
	alias_iterator(ctx, "values", "keys");
	alias_iterator(ctx, "values", NULL);
	spec_length(ctx, "forEach", 1);
	duk_pop(ctx);
}

/* ---- C helpers for inspect and the codec ---- */

/* Pushes the table of a collection of `kind` at idx, or returns NULL and
 * pushes nothing. */
static struct table *
table_of_value(duk_context *ctx, duk_idx_t idx, uint32_t kind)
{
	struct table *t = NULL;

	if (!duk_is_object(ctx, idx))
		return NULL;
	idx = duk_require_normalize_index(ctx, idx);
	duk_get_prop_literal(ctx, idx, KEY_TABLE);
	if (duk_is_array(ctx, -1))
		t = table_at(ctx, -1);
	if (t == NULL || (kind != 0 ? t->kind != kind : t->kind == KIND_WEAK) || t->owner != duk_get_heapptr(ctx, idx)) {
		duk_pop(ctx);
		return NULL;
	}
	return t;
}

bool
rt_is_map(duk_context *ctx, duk_idx_t idx)
{
	bool yes = table_of_value(ctx, idx, KIND_MAP) != NULL;

	if (yes)
		duk_pop(ctx);
	return yes;
}

bool
rt_is_set(duk_context *ctx, duk_idx_t idx)
{
	bool yes = table_of_value(ctx, idx, KIND_SET) != NULL;

	if (yes)
		duk_pop(ctx);
	return yes;
}

long
rt_collection_snapshot(duk_context *ctx, duk_idx_t idx, long max)
{
	struct table *t = table_of_value(ctx, idx, 0);
	uint32_t i, j, s, n = 0;
	duk_idx_t t_idx;

	if (t == NULL)
		return -1;
	t_idx = duk_get_top_index(ctx);
	s = stride(t);
	duk_push_array(ctx);
	for (i = 0; i < t->used && (long)n < max; i++) {
		if (!entries(t)[i].live)
			continue;
		for (j = 0; j < s; j++) {
			duk_get_prop_index(ctx, t_idx, SLOT_DATA + i * s + j);
			duk_put_prop_index(ctx, -2, n * s + j);
		}
		n++;
	}
	duk_remove(ctx, t_idx);
	return (long)t->live;
}
