#include "frame.h"

#include <event2/buffer.h>

#include "mpread.h"

static int
check_len(uint32_t len, size_t max, const char **err)
{
	if (len == 0) {
		*err = "empty frame";
		return -1;
	}
	if (len > max) {
		*err = "frame longer than the limit";
		return -1;
	}
	return 0;
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int
frame_peek(struct evbuffer *in, size_t max, const uint8_t **doc, size_t *len, const char **err)
{
	size_t have = evbuffer_get_length(in);
	uint8_t hdr[4];
	uint32_t n;
	const uint8_t *p;

	if (have < 4)
		return FRAME_MORE;
	if (evbuffer_copyout(in, hdr, 4) != 4)
		return FRAME_MORE;
	n = be32(hdr);
	if (check_len(n, max, err) == -1)
		return FRAME_ERR;
	if (have - 4 < n)
		return FRAME_MORE;
	/* Pulling up only this frame keeps the copy, when chains split it, to
	 * one frame's size. */
	p = evbuffer_pullup(in, (ev_ssize_t)n + 4);
	if (p == NULL) {
		*err = "out of memory";
		return FRAME_ERR;
	}
	if (mp_check_one(p + 4, n, err) == -1)
		return FRAME_ERR;
	*doc = p + 4;
	*len = n;
	return FRAME_READY;
}

void
frame_drain(struct evbuffer *in, size_t doc_len)
{
	evbuffer_drain(in, doc_len + 4);
}

int
frame_parse(const uint8_t *p, size_t n, size_t max, const uint8_t **doc, size_t *len, size_t *used, const char **err)
{
	uint32_t flen;

	if (n < 4)
		return FRAME_MORE;
	flen = be32(p);
	if (check_len(flen, max, err) == -1)
		return FRAME_ERR;
	if (n - 4 < flen)
		return FRAME_MORE;
	if (mp_check_one(p + 4, flen, err) == -1)
		return FRAME_ERR;
	*doc = p + 4;
	*len = flen;
	*used = (size_t)flen + 4;
	return FRAME_READY;
}

long
frame_begin(struct pbuf *b)
{
	static const uint8_t zero[4];
	long off = (long)b->len;

	if (pbuf_append(b, zero, sizeof(zero)) == -1)
		return -1;
	return off;
}

int
frame_end(struct pbuf *b, long off)
{
	size_t n = b->len - (size_t)off - 4;

	if (n == 0 || n > UINT32_MAX) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	pbuf_patch_be32(b, (size_t)off, (uint32_t)n);
	return 0;
}

size_t
frame_size(const uint8_t *p)
{
	return 4 + (size_t)be32(p);
}
