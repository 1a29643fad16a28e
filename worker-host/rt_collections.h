/*
 * rt_collections.h - native Map, Set, WeakMap and WeakSet (ES2015).
 *
 * Map/Set: insertion-ordered hash tables keyed by SameValueZero (NaN is one
 * key, -0 is stored as +0).  Strings and objects are keyed by their Duktape
 * heap pointer (strings are interned, so equal strings share one), so
 * get/set/has/delete are O(1) on average and never call into JS.  Live
 * iterators survive deletes, clear() and rehashing.  A table holds at most
 * RT_COLLECTION_MAX entries; adding one more throws a RangeError.
 *
 * WeakMap/WeakSet keep each value on its key object under a hidden
 * property, so an entry lives exactly as long as its key (Proxy keys are the
 * exception: they are held strongly, see docs/builtins.md).
 */
#ifndef RT_COLLECTIONS_H
#define RT_COLLECTIONS_H

#include <stdbool.h>

#include <duktape.h>

#define RT_COLLECTION_MAX (1L << 24)

void rt_collections_install(duk_context *ctx);
/* True when the value at idx is a Map (resp. Set) made by this module,
 * subclass instances included.  Never calls into JS. */
bool rt_is_map(duk_context *ctx, duk_idx_t idx);
bool rt_is_set(duk_context *ctx, duk_idx_t idx);
/* For a Map or Set at idx: pushes an array of at most `max` entries in
 * order, flattened (Map: k0, v0, k1, v1, ...; Set: v0, v1, ...), and returns
 * the collection's size; never calls into JS.  Returns -1 and pushes
 * nothing for any other value. */
long rt_collection_snapshot(duk_context *ctx, duk_idx_t idx, long max);

#endif
