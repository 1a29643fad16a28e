#include "mpread.h"

#include <string.h>

void
mp_reader_init(struct mp_reader *r, const void *p, size_t n)
{
	r->p = p;
	r->end = r->p + n;
	r->err = NULL;
}

static int
fail(struct mp_reader *r, const char *msg)
{
	r->err = msg;
	r->p = r->end;
	return -1;
}

static uint64_t
be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Takes n bytes of header data; NULL when the input ends first. */
static const uint8_t *
take(struct mp_reader *r, size_t n)
{
	const uint8_t *p = r->p;

	if ((size_t)(r->end - r->p) < n)
		return NULL;
	r->p += n;
	return p;
}

static int
body(struct mp_reader *r, struct mp_item *it, enum mp_kind kind, unsigned lenbytes)
{
	const uint8_t *h = take(r, lenbytes);
	uint64_t n;

	if (h == NULL)
		return fail(r, "truncated length");
	n = be(h, lenbytes);
	if (n > mp_left(r))
		return fail(r, "length larger than the input");
	it->kind = kind;
	it->len = (uint32_t)n;
	it->ptr = r->p;
	r->p += n;
	return 0;
}

static int
ext(struct mp_reader *r, struct mp_item *it, unsigned lenbytes, unsigned fixed)
{
	const uint8_t *h = take(r, lenbytes + 1);
	uint64_t n;

	if (h == NULL)
		return fail(r, "truncated ext header");
	n = lenbytes ? be(h, lenbytes) : fixed;
	if (n > mp_left(r))
		return fail(r, "ext length larger than the input");
	it->kind = MP_EXT;
	it->ext_type = (int8_t)h[lenbytes];
	it->len = (uint32_t)n;
	it->ptr = r->p;
	r->p += n;
	return 0;
}

/* Every element of a container takes at least one byte, so a count larger
 * than the bytes left is a lie we can refuse before anyone allocates. */
static int
container(struct mp_reader *r, struct mp_item *it, enum mp_kind kind, uint64_t n)
{
	uint64_t need = kind == MP_MAP ? n * 2 : n;

	if (need > mp_left(r))
		return fail(r, "element count larger than the input");
	it->kind = kind;
	it->len = (uint32_t)n;
	return 0;
}

static int
number(struct mp_reader *r, struct mp_item *it, uint8_t c)
{
	static const unsigned sizes[] = { 4, 8, 1, 2, 4, 8, 1, 2, 4, 8 };
	unsigned n = sizes[c - 0xca];
	const uint8_t *p = take(r, n);
	uint64_t v;

	if (p == NULL)
		return fail(r, "truncated number");
	v = be(p, n);
	if (c == 0xca) {
		uint32_t u = (uint32_t)v;
		float f;
		memcpy(&f, &u, sizeof(f));
		it->kind = MP_FLOAT;
		it->v.f = f;
	} else if (c == 0xcb) {
		it->kind = MP_FLOAT;
		memcpy(&it->v.f, &v, sizeof(double));
	} else if (c <= 0xcf) {
		it->kind = MP_UINT;
		it->v.u = v;
	} else {
		/* Sign-extend from the stored width. */
		unsigned shift = 64 - 8 * n;
		int64_t s = (int64_t)(v << shift) >> shift;
		if (s >= 0) {
			it->kind = MP_UINT;
			it->v.u = (uint64_t)s;
		} else {
			it->kind = MP_INT;
			it->v.i = s;
		}
	}
	return 0;
}

int
mp_next(struct mp_reader *r, struct mp_item *it)
{
	const uint8_t *h;
	uint8_t c;

	if (r->err != NULL)
		return -1;
	if ((h = take(r, 1)) == NULL)
		return fail(r, "unexpected end of input");
	c = *h;
	it->ptr = NULL;
	it->len = 0;
	it->ext_type = 0;
	if (c <= 0x7f) {
		it->kind = MP_UINT;
		it->v.u = c;
		return 0;
	}
	if (c >= 0xe0) {
		it->kind = MP_INT;
		it->v.i = (int8_t)c;
		return 0;
	}
	if (c <= 0x8f)
		return container(r, it, MP_MAP, c & 0x0f);
	if (c <= 0x9f)
		return container(r, it, MP_ARRAY, c & 0x0f);
	if (c <= 0xbf) {
		size_t n = c & 0x1f;
		if (n > mp_left(r))
			return fail(r, "length larger than the input");
		it->kind = MP_STR;
		it->len = (uint32_t)n;
		it->ptr = r->p;
		r->p += n;
		return 0;
	}
	switch (c) {
	case 0xc0: it->kind = MP_NIL; return 0;
	case 0xc2: it->kind = MP_BOOL; it->v.b = false; return 0;
	case 0xc3: it->kind = MP_BOOL; it->v.b = true; return 0;
	case 0xc4: return body(r, it, MP_BIN, 1);
	case 0xc5: return body(r, it, MP_BIN, 2);
	case 0xc6: return body(r, it, MP_BIN, 4);
	case 0xc7: return ext(r, it, 1, 0);
	case 0xc8: return ext(r, it, 2, 0);
	case 0xc9: return ext(r, it, 4, 0);
	case 0xd4: return ext(r, it, 0, 1);
	case 0xd5: return ext(r, it, 0, 2);
	case 0xd6: return ext(r, it, 0, 4);
	case 0xd7: return ext(r, it, 0, 8);
	case 0xd8: return ext(r, it, 0, 16);
	case 0xd9: return body(r, it, MP_STR, 1);
	case 0xda: return body(r, it, MP_STR, 2);
	case 0xdb: return body(r, it, MP_STR, 4);
	case 0xdc:
	case 0xdd:
	case 0xde:
	case 0xdf: {
		unsigned n = (c & 1) ? 4 : 2;
		const uint8_t *p = take(r, n);
		if (p == NULL)
			return fail(r, "truncated container header");
		return container(r, it, c >= 0xde ? MP_MAP : MP_ARRAY, be(p, n));
	}
	case 0xc1:
		return fail(r, "reserved byte 0xc1");
	default:
		return number(r, it, c);
	}
}

int
mp_skip(struct mp_reader *r)
{
	/* A count of values still to pass replaces recursion, so nesting depth
	 * costs nothing; container() already bounded each count by the input. */
	uint64_t pending = 1;
	struct mp_item it;

	while (pending > 0) {
		if (mp_next(r, &it) == -1)
			return -1;
		pending--;
		if (it.kind == MP_ARRAY)
			pending += it.len;
		else if (it.kind == MP_MAP)
			pending += (uint64_t)it.len * 2;
	}
	return 0;
}

int
mp_check_one(const void *p, size_t n, const char **err)
{
	struct mp_reader r;

	mp_reader_init(&r, p, n);
	if (mp_skip(&r) == -1) {
		*err = r.err;
		return -1;
	}
	if (mp_left(&r) != 0) {
		*err = "trailing bytes after the document";
		return -1;
	}
	return 0;
}

int
mp_item_int64(const struct mp_item *it, int64_t *out)
{
	if (it->kind == MP_INT) {
		*out = it->v.i;
		return 0;
	}
	if (it->kind == MP_UINT && it->v.u <= (uint64_t)INT64_MAX) {
		*out = (int64_t)it->v.u;
		return 0;
	}
	return -1;
}
