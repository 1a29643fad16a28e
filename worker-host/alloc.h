/*
 * alloc.h - the Duktape heap's allocator: counts live bytes, enforces a cap.
 *
 * halloc_alloc/realloc/free are handed to duk_create_heap() with the struct
 * halloc as udata.  A request that would take the heap past `cap` fails
 * (Duktape then runs its collector, retries, and finally throws a catchable
 * "alloc failed"); `refused` records that, and a later success of the same
 * size (Duktape's retry after collecting) clears it again, so `refused`
 * means "the heap is full even after collection".  The caller turns that
 * into an out-of-memory end.
 */
#ifndef WH_ALLOC_H
#define WH_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#define HALLOC_DEFAULT_CAP ((size_t)512 << 20)
#define HALLOC_SMOL_CAP ((size_t)32 << 20)

struct halloc {
	size_t used;		/* bytes requested and not yet freed */
	size_t cap;
	bool refused;
	size_t refused_size;
};

void halloc_init(struct halloc *a, size_t cap);
void *halloc_alloc(void *udata, size_t size);
void *halloc_realloc(void *udata, void *ptr, size_t size);
void halloc_free(void *udata, void *ptr);

#endif
