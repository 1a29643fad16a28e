/*
 * buf.h - growable byte buffer.
 *
 * Every encoder in protocol/ writes into a struct pbuf.  Growth is bounded by
 * `limit` (0 means PBUF_DEFAULT_LIMIT): an append that would pass it fails
 * with -1 and leaves the buffer as it was, so a hostile or runaway value can
 * never make the process allocate without end.
 */
#ifndef WP_BUF_H
#define WP_BUF_H

#include <stddef.h>
#include <stdint.h>

#define PBUF_DEFAULT_LIMIT ((size_t)1 << 30)

struct pbuf {
	uint8_t *data;
	size_t len;
	size_t cap;
	size_t limit;
};

void pbuf_init(struct pbuf *b);
void pbuf_free(struct pbuf *b);
/* Drops the contents, keeps the allocation. */
void pbuf_reset(struct pbuf *b);
/* Makes room for `extra` more bytes; -1 when over the limit or out of memory. */
int pbuf_reserve(struct pbuf *b, size_t extra);
int pbuf_append(struct pbuf *b, const void *p, size_t n);
/* Cuts the buffer back to `len` bytes (len <= b->len). */
void pbuf_truncate(struct pbuf *b, size_t len);
/* Overwrites 4 bytes at `off` (already in the buffer) with v, big-endian:
 * how lengths left open by a writer are filled in afterwards. */
void pbuf_patch_be32(struct pbuf *b, size_t off, uint32_t v);

#endif
