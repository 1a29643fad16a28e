#include "frame.h"

#include <event2/buffer.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>

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

static int
peek(struct evbuffer *in, size_t max, bool check, const uint8_t **doc, size_t *len, const char **err)
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
	if (check && mp_check_one(p + 4, n, err) == -1)
		return FRAME_ERR;
	*doc = p + 4;
	*len = n;
	return FRAME_READY;
}

int
frame_peek(struct evbuffer *in, size_t max, const uint8_t **doc, size_t *len, const char **err)
{
	return peek(in, max, true, doc, len, err);
}

int
frame_peek_unchecked(struct evbuffer *in, size_t max, const uint8_t **doc, size_t *len, const char **err)
{
	return peek(in, max, false, doc, len, err);
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

/* ---- reading: large frames into blocks of their own ---- */

void
frame_rd_init(struct frame_rd *r, size_t big, size_t max)
{
	*r = (struct frame_rd){ .big = big, .max = max };
	r->tailp = &r->head;
}

void
frame_rd_set_max(struct frame_rd *r, size_t max)
{
	r->max = max;
}

static bool
is_big(const struct frame_rd *r, uint32_t len)
{
	return len >= r->big && len <= r->max;
}

void
frame_blk_hold(struct frame_blk *b)
{
	b->refs++;
}

void
frame_blk_drop(struct frame_blk *b)
{
	if (--b->refs == 0)
		free(b);
}

/* The evbuffer let go of the block's chain: it leaves the reader's list
 * (always from the front, since evbuffers drain in order). */
static void
blk_released(const void *data, size_t len, void *arg)
{
	struct frame_blk *b = arg, **pp;
	struct frame_rd *r = b->rd;

	(void)data;
	(void)len;
	for (pp = &r->head; *pp != NULL && *pp != b; pp = &(*pp)->next)
		;
	if (*pp == b) {
		*pp = b->next;
		if (r->tailp == &b->next)
			r->tailp = pp;
	}
	b->rd = NULL;
	frame_blk_drop(b);
}

static int
blk_start(struct frame_rd *r, uint32_t len)
{
	struct frame_blk *b = malloc(sizeof(*b) + (size_t)len + 4);

	if (b == NULL)
		return -1;
	*b = (struct frame_blk){ .refs = 1, .len = (size_t)len + 4, .rd = r };
	r->blk = b;
	r->blk_have = 0;
	r->spec_len = b->len;
	return 0;
}

/* The block is whole: in references it from now on. */
static int
blk_done(struct frame_rd *r, struct evbuffer *in)
{
	struct frame_blk *b = r->blk;

	r->blk = NULL;
	if (evbuffer_add_reference(in, b->data, b->len, blk_released, b) == -1) {
		free(b);
		return -1;
	}
	*r->tailp = b;
	r->tailp = &b->next;
	return 0;
}

/* Spare blocks of the wrong size, or all of them: freed. */
static void
spec_trim(struct frame_rd *r, bool all)
{
	unsigned i, k = 0;

	for (i = 0; i < r->nspec; i++) {
		if (all || r->spec[i]->len != r->spec_len)
			free(r->spec[i]);
		else
			r->spec[k++] = r->spec[i];
	}
	r->nspec = k;
}

int
frame_rd_iov(struct frame_rd *r, struct iovec *iov, int max)
{
	size_t ahead = 0;
	int n = 0;
	unsigned i;

	r->offered = 0;
	if (r->blk != NULL) {
		iov[n++] = (struct iovec){ r->blk->data + r->blk_have, r->blk->len - r->blk_have };
		ahead = r->blk->len - r->blk_have;
	} else if (r->hdr_n > 0 || r->skip > 0) {
		return 0;	/* mid small frame: no block can start next */
	}
	spec_trim(r, r->spec_len == 0);
	/* After a large frame the next ones are likely of the same size:
	 * blocks for them are offered before their length words are seen. */
	for (i = 0; r->spec_len > 0 && n < max && i < FRAME_RD_SPEC && ahead < FRAME_RD_AHEAD; i++) {
		if (i == r->nspec) {
			if ((r->spec[i] = malloc(sizeof(struct frame_blk) + r->spec_len)) == NULL)
				break;
			*r->spec[i] = (struct frame_blk){ .len = r->spec_len };
			r->nspec++;
		}
		iov[n++] = (struct iovec){ r->spec[i]->data, r->spec_len };
		ahead += r->spec_len;
	}
	r->offered = i;
	return n;
}

/* k bytes landed in the speculative block b: it becomes the frame's block
 * when the frame starts it and fits it, else its bytes are taken as any
 * others (a copy). */
static int
spec_settle(struct frame_rd *r, struct evbuffer *in, struct frame_blk *b, size_t k)
{
	uint32_t len = k >= 4 ? be32(b->data) : 0;
	size_t whole = (size_t)len + 4, used;
	int rc;

	if (r->blk == NULL && r->hdr_n == 0 && r->skip == 0 && k >= 4 && is_big(r, len) && whole <= b->len) {
		*b = (struct frame_blk){ .refs = 1, .len = whole, .rd = r };
		r->blk = b;
		r->spec_len = whole;
		used = k < whole ? k : whole;
		r->blk_have = used;
		if (used == whole && blk_done(r, in) == -1)
			return -1;
		return frame_rd_add(r, in, b->data + whole, k - used);
	}
	rc = frame_rd_add(r, in, b->data, k);
	free(b);
	return rc;
}

int
frame_rd_filled(struct frame_rd *r, struct evbuffer *in, size_t n)
{
	size_t k;
	unsigned i, used = 0;
	int rc = 0;

	if (r->blk != NULL && n > 0) {
		k = r->blk->len - r->blk_have < n ? r->blk->len - r->blk_have : n;
		r->blk_have += k;
		n -= k;
		if (r->blk_have == r->blk->len && blk_done(r, in) == -1)
			rc = -1;
	}
	for (i = 0; i < r->offered && n > 0; i++, used++) {
		k = r->spec[i]->len < n ? r->spec[i]->len : n;
		n -= k;
		if (rc == 0)
			rc = spec_settle(r, in, r->spec[i], k);
		else
			free(r->spec[i]);
	}
	/* the rest stay spare for the next read, unless this one came short
	 * of them (the peer paused: an idle link keeps no blocks) */
	memmove(r->spec, r->spec + used, (r->nspec - used) * sizeof(r->spec[0]));
	r->nspec -= used;
	if (used < r->offered)
		spec_trim(r, true);
	r->offered = 0;
	return rc;
}

/* How many of the n bytes at p belong to small frames (length words
 * included), stopping before a large frame's or a partial length word. */
static size_t
small_run(struct frame_rd *r, const uint8_t *p, size_t n)
{
	size_t off = 0, k;
	uint32_t len;

	for (;;) {
		k = r->skip < n - off ? r->skip : n - off;
		r->skip -= k;
		off += k;
		if (r->skip > 0 || n - off < 4)
			return off;
		len = be32(p + off);
		if (is_big(r, len))
			return off;
		r->skip = len;
		r->spec_len = 0;
		off += 4;
	}
}

/* Completes a length word split across reads: the bytes taken. */
static ssize_t
hdr_fill(struct frame_rd *r, struct evbuffer *in, const uint8_t *p, size_t n)
{
	size_t k = 4 - r->hdr_n < n ? 4 - r->hdr_n : n;
	uint32_t len;

	memcpy(r->hdr + r->hdr_n, p, k);
	r->hdr_n += (unsigned)k;
	if (r->hdr_n < 4)
		return (ssize_t)k;
	r->hdr_n = 0;
	len = be32(r->hdr);
	if (is_big(r, len)) {
		if (blk_start(r, len) == -1)
			return -1;
		memcpy(r->blk->data, r->hdr, 4);
		r->blk_have = 4;
		return (ssize_t)k;
	}
	r->skip = len;
	r->spec_len = 0;
	return evbuffer_add(in, r->hdr, 4) == -1 ? -1 : (ssize_t)k;
}

/* Copies into the block being filled: the bytes taken. */
static ssize_t
blk_fill(struct frame_rd *r, struct evbuffer *in, const uint8_t *p, size_t n)
{
	size_t k = r->blk->len - r->blk_have;

	if (k > n)
		k = n;
	memcpy(r->blk->data + r->blk_have, p, k);
	r->blk_have += k;
	if (r->blk_have == r->blk->len && blk_done(r, in) == -1)
		return -1;
	return (ssize_t)k;
}

int
frame_rd_add(struct frame_rd *r, struct evbuffer *in, const uint8_t *p, size_t n)
{
	ssize_t k;


	while (n > 0) {
		if (r->blk != NULL)
			k = blk_fill(r, in, p, n);
		else if (r->hdr_n > 0)
			k = hdr_fill(r, in, p, n);
		else if ((k = (ssize_t)small_run(r, p, n)) > 0)
			k = evbuffer_add(in, p, (size_t)k) == -1 ? -1 : k;
		else if (n < 4)
			k = hdr_fill(r, in, p, n);
		else
			k = blk_start(r, be32(p));	/* takes nothing yet */
		if (k < 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

struct frame_blk *
frame_rd_first(struct frame_rd *r, struct evbuffer *in)
{
	struct evbuffer_iovec v;

	if (r->head == NULL || evbuffer_peek(in, -1, NULL, &v, 1) < 1)
		return NULL;
	return v.iov_base == r->head->data ? r->head : NULL;
}

size_t
frame_rd_pending(const struct frame_rd *r)
{
	return r->hdr_n + (r->blk != NULL ? r->blk_have : 0);
}

void
frame_rd_free(struct frame_rd *r)
{
	free(r->blk);
	r->blk = NULL;
	r->spec_len = 0;
	spec_trim(r, true);
	r->hdr_n = 0;
	r->skip = 0;
}
