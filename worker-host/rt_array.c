/*
 * rt_array.c - installs js/array.js once per heap.  Duktape's own
 * Array.prototype methods read a length with ToUint32, never consult
 * Symbol.species, and skip the final Set of "length" at the edges (an
 * empty pop, a push of nothing), so a frozen array does not throw.  Each
 * such method gets a native in front that calls Duktape's own function
 * for a plain array and array.js's spec version for anything else, so
 * the common case runs no JavaScript: "plain" is an Array (not a proxy;
 * for the methods that make an array, with the original Array.prototype,
 * whose constructor is Array and Array[Symbol.species] Array, both read as
 * the spec reads them; for those that write, no indexed property on
 * Array.prototype to meet on the way).  push and pop, the hottest, stay
 * Duktape's own: a native in front doubled or tripled their cost (0.10
 * -> 0.31 us a push and pop), for frozen arrays and array-likes longer
 * than 2^32 - 1.  Array.isArray is replaced too: it must throw on a
 * revoked proxy.js proxy.
 */
#include "rt_array.h"

#include <stdbool.h>

#include "js_array.h"
#include "rt_define.h"
#include "rt_lang.h"

#define KEY_INSTALLED DUK_HIDDEN_SYMBOL("arrayInstalled")
#define KEY_KEPT DUK_HIDDEN_SYMBOL("arrayKept")
#define KEY_SLOTS DUK_HIDDEN_SYMBOL("arraySlots")
/* proxy.js's record key (rt_proxy.c): a proxy's get trap answers it with
 * { t: target, h: handler, null once revoked }; nothing else has it. */
#define KEY_REC "\x81proxyRecord\xff"

enum {
	F_SPECIES = 1,		/* makes its result with ArraySpeciesCreate */
	F_FN = 2,		/* checks its callback before it reads the constructor */
	F_WRITES = 4,		/* writes to this */
	F_ARGS = 8,		/* Duktape's skips the Set of length without arguments */
	F_NONEMPTY = 16,	/* ... and on an empty array */
	F_ARRAYS = 32		/* reads the length of each object argument */
};

static const struct method {
	const char *name;
	unsigned flags;
} methods[] = {
	{ "concat", F_SPECIES | F_ARRAYS },
	{ "map", F_SPECIES | F_FN },
	{ "filter", F_SPECIES | F_FN },
	{ "slice", F_SPECIES },
	{ "splice", F_SPECIES | F_WRITES | F_ARGS },
	{ "shift", F_WRITES | F_NONEMPTY },
	{ "unshift", F_WRITES | F_ARGS },
	{ "reverse", 0 },
	{ "indexOf", 0 },
	{ "lastIndexOf", 0 },
	{ "join", 0 },
	{ "forEach", 0 },
	{ "every", 0 },
	{ "some", 0 },
	{ "reduce", 0 },
	{ "reduceRight", 0 },
};

#define N_METHODS (sizeof(methods) / sizeof(methods[0]))

/* What the natives compare with and call: the original Array.prototype,
 * Array and Symbol.species, then Duktape's own function and the spec one
 * of each method.  The objects live in the stash's KEY_KEPT array, in this
 * order; their heap pointers in a buffer of the stash (KEY_SLOTS), one
 * per heap, so that a call reads one stash property instead of one per
 * object it needs. */
enum { SLOT_PROTO, SLOT_CTOR, SLOT_SPECIES, SLOT_METHODS };
#define N_SLOTS (SLOT_METHODS + 2 * N_METHODS)

static void *const *
slots(duk_context *ctx)
{
	void *const *slot;

	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_SLOTS);
	slot = duk_get_buffer(ctx, -1, NULL);
	duk_pop_2(ctx);
	return slot;
}

/* Fills KEY_SLOTS from the array at keep. */
static void
put_slots(duk_context *ctx, duk_idx_t keep)
{
	void **slot;

	duk_push_heap_stash(ctx);
	slot = duk_push_fixed_buffer(ctx, N_SLOTS * sizeof(void *));
	for (size_t i = 0; i < N_SLOTS; i++) {
		duk_get_prop_index(ctx, keep, (duk_uarridx_t)i);
		slot[i] = duk_get_heapptr(ctx, -1);
		duk_pop(ctx);
	}
	duk_put_prop_literal(ctx, -2, KEY_SLOTS);
	duk_dup(ctx, keep);
	duk_put_prop_literal(ctx, -2, KEY_KEPT);
	duk_pop(ctx);
}

/* Whether the value at idx is an Array Duktape's natives treat as the
 * spec does: an array, and not a proxy, which Duktape calls an array but
 * which has no prototype of its own (nor has an array made with a null
 * one, which the spec versions then serve).  When it is, its prototype
 * is left on the stack. */
static bool
push_own_array_proto(duk_context *ctx, duk_idx_t idx)
{
	if (!duk_is_array(ctx, idx))
		return false;
	duk_get_prototype(ctx, idx);
	if (duk_is_object(ctx, -1))
		return true;
	duk_pop(ctx);
	return false;
}

static bool
is_own_array(duk_context *ctx, duk_idx_t idx)
{
	if (!push_own_array_proto(ctx, idx))
		return false;
	duk_pop(ctx);
	return true;
}

/* this.constructor is Array and Array[Symbol.species] is Array: what
 * ArraySpeciesCreate reads, read in its order; anything else is for
 * array.js, which reads them again (a getter there runs twice). */
static bool
species_is_array(duk_context *ctx, void *const *slot, duk_idx_t self)
{
	bool yes;

	duk_get_prop_literal(ctx, self, "constructor");
	yes = duk_get_heapptr(ctx, -1) == slot[SLOT_CTOR];
	if (yes) {
		duk_push_heapptr(ctx, slot[SLOT_SPECIES]);
		duk_get_prop(ctx, -2);
		yes = duk_get_heapptr(ctx, -1) == slot[SLOT_CTOR] || duk_is_undefined(ctx, -1);
		duk_pop(ctx);
	}
	duk_pop(ctx);
	return yes;
}

/* Whether each of the n arguments is an array or not an object (of
 * which Duktape's concat reads no length). */
static bool
arrays_only(duk_context *ctx, duk_idx_t n)
{
	for (duk_idx_t i = 0; i < n; i++) {
		if (duk_is_object(ctx, i) && !is_own_array(ctx, i))
			return false;
	}
	return true;
}

static bool
plain(duk_context *ctx, void *const *slot, duk_idx_t self, duk_idx_t nargs, unsigned flags)
{
	bool yes;

	if (!push_own_array_proto(ctx, self))
		return false;
	yes = !((flags & F_ARGS) && nargs == 0) && !((flags & F_FN) && !duk_is_function(ctx, 0)) &&
	    !((flags & F_NONEMPTY) && duk_get_length(ctx, self) == 0) && !((flags & F_ARRAYS) && !arrays_only(ctx, nargs));
	if (yes && (flags & (F_SPECIES | F_WRITES)))
		yes = duk_get_heapptr(ctx, -1) == slot[SLOT_PROTO] &&
		    (!(flags & F_WRITES) || duk_get_length(ctx, -1) == 0);
	duk_pop(ctx);
	return yes && (!(flags & F_SPECIES) || species_is_array(ctx, slot, self));
}

/* Calls the function at the stack top with this and the n arguments. */
static duk_ret_t
pass_on(duk_context *ctx, duk_idx_t n)
{
	duk_idx_t i;

	duk_push_this(ctx);
	for (i = 0; i < n; i++)
		duk_dup(ctx, i);
	duk_call_method(ctx, n);
	return 1;
}

/* The native in front of methods[magic]. */
static duk_ret_t
array_dispatch(duk_context *ctx)
{
	duk_idx_t n = duk_get_top(ctx);
	int magic = duk_get_current_magic(ctx);
	void *const *slot;
	bool own;

	if (duk_is_constructor_call(ctx))
		return duk_type_error(ctx, "not a constructor");
	slot = slots(ctx);
	duk_push_this(ctx);
	own = plain(ctx, slot, n, n, methods[magic].flags);
	duk_pop(ctx);
	duk_push_heapptr(ctx, slot[SLOT_METHODS + 2 * magic + !own]);
	return pass_on(ctx, n);
}

/* IsArray(x): a proxy answers for its target, and a revoked one throws. */
static duk_ret_t
array_is_array(duk_context *ctx)
{
	if (duk_is_constructor_call(ctx))
		return duk_type_error(ctx, "not a constructor");
	duk_set_top(ctx, 1);
	while (duk_is_object(ctx, -1)) {
		duk_get_prop_literal(ctx, -1, KEY_REC);
		if (duk_is_undefined(ctx, -1)) {
			duk_pop(ctx);
			break;
		}
		duk_get_prop_literal(ctx, -1, "h");
		if (duk_is_null(ctx, -1))
			return duk_type_error(ctx, "Cannot perform 'IsArray' on a proxy that has been revoked");
		duk_get_prop_literal(ctx, -2, "t");
	}
	duk_push_boolean(ctx, duk_is_object(ctx, -1) && duk_is_array(ctx, -1));
	return 1;
}

/* lengthReadOnly(O): whether O's length is read-only, which Duktape lets
 * be set to the value it has; undefined when O is not an array (or is a
 * proxy), whose length Duktape sets as the spec does. */
static duk_ret_t
length_read_only(duk_context *ctx)
{
	if (!is_own_array(ctx, 0))
		return 0;
	duk_push_literal(ctx, "length");
	duk_get_prop_desc(ctx, 0, 0);
	duk_get_prop_literal(ctx, -1, "writable");
	duk_push_boolean(ctx, duk_is_boolean(ctx, -1) && !duk_get_boolean(ctx, -1));
	return 1;
}

/* Array[Symbol.species], native so that the check in front of the
 * methods that read it costs no JavaScript call. */
static duk_ret_t
species_get(duk_context *ctx)
{
	duk_push_this(ctx);
	return 1;
}

/* proto[name] = a native fn (magic) in front of Duktape's own function
 * and the spec one in specs; both go to the list at keep, in magic's
 * place.  The native has the own function's length. */
static void
wrap(duk_context *ctx, duk_idx_t proto, duk_idx_t specs, duk_idx_t keep, const char *name, duk_c_function fn,
    int magic)
{
	duk_push_string(ctx, name);
	rt_push_native(ctx, name, fn, DUK_VARARGS);
	duk_set_magic(ctx, -1, magic);
	duk_get_prop_string(ctx, proto, name);
	duk_get_prop_literal(ctx, -1, "length");
	rt_set_length(ctx, -3, duk_get_int(ctx, -1));
	duk_pop(ctx);
	duk_put_prop_index(ctx, keep, (duk_uarridx_t)(SLOT_METHODS + 2 * magic));
	duk_get_prop_string(ctx, specs, name);
	duk_put_prop_index(ctx, keep, (duk_uarridx_t)(SLOT_METHODS + 2 * magic + 1));
	rt_def_hidden(ctx, proto);
}

static void
install_species(duk_context *ctx, duk_idx_t array)
{
	rt_push_wellknown(ctx, "species");
	rt_push_native(ctx, "get [Symbol.species]", species_get, 0);
	duk_def_prop(ctx, array, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE | DUK_DEFPROP_FORCE);
}

/* The natives array.js is given, and es-runtime.js's helpers at helpers. */
static void
push_natives(duk_context *ctx, duk_idx_t helpers)
{
	static const char *const shared[] = { "toInt", "toLength", "clampIndex", "isObject" };

	duk_push_object(ctx);
	for (size_t i = 0; i < sizeof(shared) / sizeof(shared[0]); i++) {
		duk_get_prop_string(ctx, helpers, shared[i]);
		duk_put_prop_string(ctx, -2, shared[i]);
	}
	rt_push_native(ctx, "isArray", array_is_array, 1);
	duk_put_prop_literal(ctx, -2, "isArray");
	rt_push_native(ctx, "isConstructor", rt_is_constructor_native, 1);
	duk_put_prop_literal(ctx, -2, "isConstructor");
	rt_push_native(ctx, "lengthReadOnly", length_read_only, 1);
	duk_put_prop_literal(ctx, -2, "lengthReadOnly");
	rt_push_native(ctx, "bareMethod", rt_bare_method, 1);
	duk_put_prop_literal(ctx, -2, "bareMethod");
}

void
rt_array_install(duk_context *ctx, duk_idx_t helpers)
{
	duk_idx_t array, proto, specs, keep;

	duk_push_heap_stash(ctx);
	if (duk_has_prop_literal(ctx, -1, KEY_INSTALLED)) {
		duk_pop(ctx);
		return;
	}
	duk_push_true(ctx);
	duk_put_prop_literal(ctx, -2, KEY_INSTALLED);
	duk_pop(ctx);
	duk_get_global_literal(ctx, "Array");
	array = duk_get_top_index(ctx);
	duk_get_prop_literal(ctx, array, "prototype");
	proto = duk_get_top_index(ctx);
	install_species(ctx, array);
	duk_push_string(ctx, "array.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_array, js_array_len);
	duk_call(ctx, 0);
	push_natives(ctx, helpers);
	duk_call(ctx, 1);
	specs = duk_get_top_index(ctx);
	duk_push_array(ctx);
	keep = duk_get_top_index(ctx);
	duk_dup(ctx, proto);
	duk_put_prop_index(ctx, keep, SLOT_PROTO);
	duk_dup(ctx, array);
	duk_put_prop_index(ctx, keep, SLOT_CTOR);
	rt_push_wellknown(ctx, "species");
	duk_put_prop_index(ctx, keep, SLOT_SPECIES);
	for (size_t i = 0; i < N_METHODS; i++)
		wrap(ctx, proto, specs, keep, methods[i].name, array_dispatch, (int)i);
	put_slots(ctx, keep);
	duk_pop(ctx);
	duk_push_literal(ctx, "flat");
	duk_get_prop_literal(ctx, specs, "flat");
	rt_def_hidden(ctx, proto);
	duk_push_literal(ctx, "flatMap");
	duk_get_prop_literal(ctx, specs, "flatMap");
	rt_def_hidden(ctx, proto);
	duk_push_literal(ctx, "isArray");
	rt_push_native(ctx, "isArray", array_is_array, 1);
	rt_def_hidden(ctx, array);
	duk_pop_3(ctx);
}
