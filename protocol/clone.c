/*
 * clone.c - the view-kind table of the clone encoding (clone.h).
 */
#include <string.h>

#include "clone.h"

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
