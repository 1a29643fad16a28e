#include "alloc.h"

#include <stddef.h>
#include <stdlib.h>

/* Each block carries its size in front, padded so the payload keeps
 * malloc's alignment. */
union hdr {
	size_t size;
	max_align_t align;
};

void
halloc_init(struct halloc *a, size_t cap)
{
	a->used = 0;
	a->cap = cap;
	a->exhausted = false;
	a->fail_size = 0;
	a->fail_streak = 0;
}

static void
failed(struct halloc *a, size_t size)
{
	if (size != a->fail_size) {
		a->fail_size = size;
		a->fail_streak = 0;
	}
	if (++a->fail_streak >= HALLOC_GIVE_UP)
		a->exhausted = true;
}

static bool
fits(struct halloc *a, size_t old, size_t size)
{
	if (size <= old)
		return true;
	if (size - old > a->cap || a->used > a->cap - (size - old)) {
		failed(a, size);
		return false;
	}
	return true;
}

static void
granted(struct halloc *a, size_t size)
{
	if (size == a->fail_size)
		a->fail_streak = 0;
}

void *
halloc_alloc(void *udata, size_t size)
{
	struct halloc *a = udata;
	union hdr *h;

	if (size == 0)
		return NULL;
	if (!fits(a, 0, size) || size > (size_t)-1 - sizeof(*h))
		return NULL;
	if ((h = malloc(sizeof(*h) + size)) == NULL) {
		failed(a, size);
		return NULL;
	}
	h->size = size;
	a->used += size;
	granted(a, size);
	return h + 1;
}

void *
halloc_realloc(void *udata, void *ptr, size_t size)
{
	struct halloc *a = udata;
	union hdr *h, *nh;
	size_t old;

	if (ptr == NULL)
		return halloc_alloc(udata, size);
	if (size == 0) {
		halloc_free(udata, ptr);
		return NULL;
	}
	h = (union hdr *)ptr - 1;
	old = h->size;
	if (!fits(a, old, size) || size > (size_t)-1 - sizeof(*h))
		return NULL;
	if ((nh = realloc(h, sizeof(*nh) + size)) == NULL) {
		failed(a, size);
		return NULL;
	}
	nh->size = size;
	a->used = a->used - old + size;
	granted(a, size);
	return nh + 1;
}

void
halloc_free(void *udata, void *ptr)
{
	struct halloc *a = udata;
	union hdr *h;

	if (ptr == NULL)
		return;
	h = (union hdr *)ptr - 1;
	a->used -= h->size;
	free(h);
}
