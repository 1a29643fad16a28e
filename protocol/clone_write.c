/*
 * clone_write.c - clone items both encoders write alike (clone_write.h).
 */
#include <math.h>
#include <string.h>

#include "clone.h"
#include "clone_write.h"
#include "mpwrite.h"

#define MAX_SAFE 9007199254740991.0

int
cw_number(struct pbuf *b, double d)
{
	if (d == trunc(d) && fabs(d) <= MAX_SAFE && !(d == 0 && signbit(d)))
		return mpw_int(b, (int64_t)d);
	return mpw_double(b, d);
}

int
cw_string(struct pbuf *b, const void *p, size_t n, bool lone)
{
	if (lone)
		return mpw_ext(b, CX_WSTRING, p, n);
	return mpw_str(b, p, n);
}

int
cw_holes(struct pbuf *b, uint64_t n)
{
	uint8_t tmp[9];

	if (n == 0)
		return 0;
	if (n == 1)
		return mpw_ext(b, CX_HOLE, NULL, 0);
	return mpw_ext(b, CX_HOLE, tmp, clone_uint_bytes(tmp, n));
}

int
cw_ref(struct pbuf *b, uint32_t idx)
{
	uint8_t tmp[9];

	return mpw_ext(b, CX_REF, tmp, clone_uint_bytes(tmp, idx));
}

int
cw_double_ext(struct pbuf *b, int type, double d)
{
	uint8_t tmp[8];

	clone_put_double(tmp, d);
	return mpw_ext(b, (int8_t)type, tmp, 8);
}

int
cw_boolean(struct pbuf *b, bool v)
{
	uint8_t byte = v;

	return mpw_ext(b, CX_BOOLEAN, &byte, 1);
}

int
cw_view_whole(struct pbuf *b, int kind, const void *p, size_t n)
{
	uint8_t k = (uint8_t)kind;
	long off;

	if (kind == CV_UINT8)
		return mpw_bin(b, p, n);
	if ((off = mpw_ext32_begin(b, CX_VIEW)) == -1 || pbuf_append(b, &k, 1) == -1 || pbuf_append(b, p, n) == -1)
		return -1;
	return mpw_ext32_end(b, off);
}

/* Replaces `old` bytes at pos with hdr[0..n), moving what follows. */
static int
splice(struct pbuf *b, size_t pos, size_t old, const uint8_t *hdr, size_t n)
{
	size_t body = b->len - pos - old;

	if (n > old && pbuf_reserve(b, n - old) == -1)
		return -1;
	if (n != old)
		memmove(b->data + pos + n, b->data + pos + old, body);
	memcpy(b->data + pos, hdr, n);
	b->len = pos + n + body;
	return 0;
}

int
cw_array_at(struct pbuf *b, size_t pos, size_t old, uint32_t n)
{
	uint8_t hdr[5];
	struct pbuf h = { hdr, 0, sizeof(hdr), sizeof(hdr) };	/* limit == capacity: never reallocated */

	mpw_array(&h, n);
	return splice(b, pos, old, hdr, h.len);
}

int
cw_array_ext_at(struct pbuf *b, size_t pos, size_t old, uint32_t len)
{
	uint8_t hdr[6 + 9] = { 0xc9, 0, 0, 0, 0, CX_ARRAY };

	return splice(b, pos, old, hdr, 6 + clone_uint_bytes(hdr + 6, len));
}
