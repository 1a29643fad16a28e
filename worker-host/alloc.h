/*
 * alloc.h - the Duktape heap's allocator: counts live bytes, enforces a cap.
 *
 * halloc_alloc/realloc/free are handed to duk_create_heap() with the struct
 * halloc as udata.  A request that would take the heap past `cap` fails.
 * Duktape answers a failed request by collecting garbage and retrying it,
 * ten times, before it throws a catchable "alloc failed"; so a request of
 * one size failing HALLOC_GIVE_UP times with no success of that size in
 * between means the heap is full even after collection.  `exhausted`
 * records that and stays set: the caller ends the worker (out of memory)
 * at its next check, whether the script caught the error or not.
 */
#ifndef WH_ALLOC_H
#define WH_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#define HALLOC_DEFAULT_CAP ((size_t)512 << 20)
#define HALLOC_SMOL_CAP ((size_t)32 << 20)

/* Duktape's first attempt plus DUK_HEAP_ALLOC_FAIL_MARKANDSWEEP_LIMIT. */
#define HALLOC_GIVE_UP 11

struct halloc {
	size_t used;		/* bytes requested and not yet freed */
	size_t cap;
	bool exhausted;
	size_t fail_size;	/* size of the request failing lately */
	unsigned fail_streak;	/* how often it failed in a row */
};

void halloc_init(struct halloc *a, size_t cap);
void *halloc_alloc(void *udata, size_t size);
void *halloc_realloc(void *udata, void *ptr, size_t size);
void halloc_free(void *udata, void *ptr);

#endif
