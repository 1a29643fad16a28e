#include "buf.h"

#include <stdlib.h>
#include <string.h>

void
pbuf_init(struct pbuf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = 0;
}

void
pbuf_free(struct pbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
pbuf_reset(struct pbuf *b)
{
	b->len = 0;
}

int
pbuf_reserve(struct pbuf *b, size_t extra)
{
	size_t limit = b->limit ? b->limit : PBUF_DEFAULT_LIMIT;
	size_t want, cap;
	uint8_t *p;

	if (extra > limit || b->len > limit - extra)
		return -1;
	want = b->len + extra;
	if (want <= b->cap)
		return 0;
	/* Doubling keeps appends amortised O(1); the cap keeps the last
	 * doubling from overshooting the limit. */
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap = cap > limit / 2 ? limit : cap * 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		return -1;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
pbuf_append(struct pbuf *b, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (pbuf_reserve(b, n) == -1)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

void
pbuf_truncate(struct pbuf *b, size_t len)
{
	if (len < b->len)
		b->len = len;
}

void
pbuf_patch_be32(struct pbuf *b, size_t off, uint32_t v)
{
	uint8_t *p = b->data + off;

	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}
