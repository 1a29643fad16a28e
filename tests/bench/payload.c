/*
 * payload.c - the benchmark's messages and the two readers of its answers
 * (see payload.h).
 */
#include "payload.h"

#include <stdio.h>
#include <string.h>

#include "mpread.h"
#include "mpwrite.h"

void
bench_small_msg(struct pbuf *v, int i)
{
	char name[32];
	int n = snprintf(name, sizeof(name), "widget-%d", i % 1000);

	mpw_map(v, 4);
	mpw_cstr(v, "id");
	mpw_int(v, i);
	mpw_cstr(v, "name");
	mpw_str(v, name, (size_t)n);
	mpw_cstr(v, "tags");
	mpw_array(v, 3);
	mpw_cstr(v, "alpha");
	mpw_cstr(v, "beta");
	mpw_cstr(v, "gamma");
	mpw_cstr(v, "nested");
	mpw_map(v, 2);
	mpw_cstr(v, "a");
	mpw_int(v, i);
	mpw_cstr(v, "b");
	mpw_cstr(v, "bee");
}

void
bench_expect_msg(struct pbuf *v, int n)
{
	mpw_map(v, 2);
	mpw_cstr(v, "cmd");
	mpw_cstr(v, "expect");
	mpw_cstr(v, "n");
	mpw_int(v, n);
}

void
bench_big_fill(uint8_t *big)
{
	for (unsigned i = 0; i < BENCH_BIG_SIZE; i++)
		big[i] = (uint8_t)(((uint64_t)i * 2654435761u) >> 24);
}

bool
bench_is_str(const uint8_t *p, size_t n, const char *s)
{
	struct mp_reader r;
	struct mp_item it;

	mp_reader_init(&r, p, n);
	return mp_next(&r, &it) == 0 && it.kind == MP_STR && it.len == strlen(s) &&
	    memcmp(it.ptr, s, it.len) == 0;
}

int64_t
bench_map_int(const uint8_t *p, size_t n, const char *key)
{
	struct mp_reader r;
	struct mp_item it, k;
	int64_t v;

	mp_reader_init(&r, p, n);
	if (mp_next(&r, &it) == -1 || it.kind != MP_MAP)
		return -1;
	for (uint32_t i = 0; i < it.len; i++) {
		if (mp_next(&r, &k) == -1)
			return -1;
		if (k.kind == MP_STR && k.len == strlen(key) && memcmp(k.ptr, key, k.len) == 0) {
			if (mp_next(&r, &it) == -1 || mp_item_int64(&it, &v) == -1)
				return -1;
			return v;
		}
		if (mp_skip(&r) == -1)
			return -1;
	}
	return -1;
}
