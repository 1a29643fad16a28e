/*
 * clone.c - the view-kind table of the clone encoding (clone.h).
 */
#include <string.h>

#include "clone.h"
#include "mpread.h"
#include "mpwrite.h"

static const struct {
	const char *name;
	unsigned size;
} views[CV__COUNT] = {
	[CV_INT8] = { "Int8Array", 1 },
	[CV_UINT8] = { "Uint8Array", 1 },
	[CV_UINT8C] = { "Uint8ClampedArray", 1 },
	[CV_INT16] = { "Int16Array", 2 },
	[CV_UINT16] = { "Uint16Array", 2 },
	[CV_INT32] = { "Int32Array", 4 },
	[CV_UINT32] = { "Uint32Array", 4 },
	[CV_FLOAT32] = { "Float32Array", 4 },
	[CV_FLOAT64] = { "Float64Array", 8 },
	[CV_BIGINT64] = { "BigInt64Array", 8 },
	[CV_BIGUINT64] = { "BigUint64Array", 8 },
	[CV_DATAVIEW] = { "DataView", 1 },
};

const char *
clone_view_name(int kind)
{
	if (kind < 0 || kind >= CV__COUNT)
		return NULL;
	return views[kind].name;
}

int
clone_view_from(const char *name, size_t n)
{
	for (int k = 0; k < CV__COUNT; k++)
		if (strlen(views[k].name) == n && memcmp(views[k].name, name, n) == 0)
			return k;
	return -1;
}

unsigned
clone_view_size(int kind)
{
	if (kind < 0 || kind >= CV__COUNT)
		return 0;
	return views[kind].size;
}

void
clone_put_double(uint8_t out[8], double d)
{
	uint64_t v;

	memcpy(&v, &d, sizeof(v));
	for (int i = 7; i >= 0; i--, v >>= 8)
		out[i] = (uint8_t)v;
}

double
clone_get_double(const uint8_t p[8])
{
	uint64_t v = 0;
	double d;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	memcpy(&d, &v, sizeof(d));
	return d;
}

bool
clone_bigint_valid(const uint8_t *p, size_t n)
{
	size_t i = n > 0 && p[0] == '-';

	if (i == n || (p[i] == '0' && n > i + 1))
		return false;
	for (; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

int64_t
clone_index_key(const char *s, size_t n)
{
	int64_t v = 0;

	if (n == 0 || n > 10 || (n > 1 && s[0] == '0'))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v < 0xFFFFFFFF ? v : -1;
}

int
clone_hole_run(const uint8_t *p, size_t n, uint64_t *count)
{
	struct mp_reader r;
	struct mp_item v;

	if (n == 0) {
		*count = 1;
		return 0;
	}
	mp_reader_init(&r, p, n);
	if (mp_next(&r, &v) == -1 || v.kind != MP_UINT || v.v.u == 0 || v.v.u > 0xFFFFFFFF || mp_left(&r) != 0)
		return -1;
	*count = v.v.u;
	return 0;
}

size_t
clone_uint_bytes(uint8_t out[9], uint64_t v)
{
	/* A pbuf whose limit equals its capacity never reallocates, so it
	 * can wrap a caller's array. */
	struct pbuf b = { out, 0, 9, 9 };

	mpw_uint(&b, v);
	return b.len;
}
