/* The bounded msgpack reader and the writer: every type round-trips, and
 * hostile headers are refused without allocating what they claim. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mpread.h"
#include "mpwrite.h"
#include "tsuite.h"

static struct pbuf b;

static void
setup(void)
{
	pbuf_init(&b);
}

static void
teardown(void)
{
	pbuf_free(&b);
}

static struct mp_item
next_ok(struct mp_reader *r)
{
	struct mp_item it;

	ck_assert_int_eq(mp_next(r, &it), 0);
	return it;
}

START_TEST(round_trip_scalars)
{
	static const int64_t ints[] = { 0, 1, 127, 128, 255, 256, 65535, 65536, -1, -32, -33,
		-128, -129, -32768, -32769, INT64_MIN, INT64_MAX };
	struct mp_reader r;
	struct mp_item it;

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		ck_assert_int_eq(mpw_int(&b, ints[i]), 0);
	ck_assert_int_eq(mpw_uint(&b, UINT64_MAX), 0);
	ck_assert_int_eq(mpw_double(&b, -0.0), 0);
	ck_assert_int_eq(mpw_double(&b, NAN), 0);
	ck_assert_int_eq(mpw_nil(&b), 0);
	ck_assert_int_eq(mpw_bool(&b, true), 0);
	ck_assert_int_eq(mpw_cstr(&b, "héllo"), 0);
	ck_assert_int_eq(mpw_bin(&b, "\0\1\2", 3), 0);
	ck_assert_int_eq(mpw_ext(&b, 5, "abcd", 4), 0);

	mp_reader_init(&r, b.data, b.len);
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int64_t v;
		it = next_ok(&r);
		ck_assert_int_eq(mp_item_int64(&it, &v), 0);
		ck_assert_int_eq(v, ints[i]);
		ck_assert_int_eq(it.kind, ints[i] < 0 ? MP_INT : MP_UINT);
	}
	it = next_ok(&r);
	ck_assert(it.kind == MP_UINT && it.v.u == UINT64_MAX);
	it = next_ok(&r);
	ck_assert(it.kind == MP_FLOAT && it.v.f == 0 && signbit(it.v.f));
	it = next_ok(&r);
	ck_assert(it.kind == MP_FLOAT && isnan(it.v.f));
	ck_assert_int_eq(next_ok(&r).kind, MP_NIL);
	it = next_ok(&r);
	ck_assert(it.kind == MP_BOOL && it.v.b);
	it = next_ok(&r);
	ck_assert(it.kind == MP_STR && it.len == 6 && memcmp(it.ptr, "héllo", 6) == 0);
	it = next_ok(&r);
	ck_assert(it.kind == MP_BIN && it.len == 3 && it.ptr[2] == 2);
	it = next_ok(&r);
	ck_assert(it.kind == MP_EXT && it.ext_type == 5 && it.len == 4);
	ck_assert_uint_eq(mp_left(&r), 0);
	ck_assert_int_eq(mp_next(&r, &it), -1);
}
END_TEST

START_TEST(ext32_patched_length)
{
	struct mp_reader r;
	struct mp_item it;
	long off = mpw_ext32_begin(&b, 12);

	ck_assert_int_ge(off, 0);
	mpw_cstr(&b, "k");
	mpw_int(&b, 42);
	ck_assert_int_eq(mpw_ext32_end(&b, off), 0);
	mp_reader_init(&r, b.data, b.len);
	it = next_ok(&r);
	ck_assert(it.kind == MP_EXT && it.ext_type == 12 && it.len == 3);
	ck_assert_uint_eq(mp_left(&r), 0);
}
END_TEST

static void
expect_reject(const uint8_t *p, size_t n)
{
	const char *err = NULL;

	ck_assert_int_eq(mp_check_one(p, n, &err), -1);
	ck_assert_ptr_nonnull(err);
}

START_TEST(hostile_headers)
{
	/* array32 claiming 2^28 elements, map32 claiming 2^31 pairs. */
	static const uint8_t arr[] = { 0xdd, 0x10, 0, 0, 0, 1, 2, 3 };
	static const uint8_t map[] = { 0xdf, 0x80, 0, 0, 0, 1, 2 };
	/* str32 / bin32 / ext32 lengths larger than the input. */
	static const uint8_t str[] = { 0xdb, 0xff, 0xff, 0xff, 0xff, 'a' };
	static const uint8_t bin[] = { 0xc6, 0x7f, 0xff, 0xff, 0xff, 'a' };
	static const uint8_t ext[] = { 0xc9, 0x00, 0x10, 0, 0, 3, 'a' };
	static const uint8_t fixext[] = { 0xd8, 3, 'a' };
	static const uint8_t trunc_num[] = { 0xcb, 0, 0 };
	static const uint8_t reserved[] = { 0xc1 };
	static const uint8_t trailing[] = { 0x01, 0x02 };

	expect_reject(arr, sizeof(arr));
	expect_reject(map, sizeof(map));
	expect_reject(str, sizeof(str));
	expect_reject(bin, sizeof(bin));
	expect_reject(ext, sizeof(ext));
	expect_reject(fixext, sizeof(fixext));
	expect_reject(trunc_num, sizeof(trunc_num));
	expect_reject(reserved, sizeof(reserved));
	expect_reject(trailing, sizeof(trailing));
	expect_reject(trailing, 0);
}
END_TEST

START_TEST(deep_nesting_skips_without_recursion)
{
	const size_t depth = 100000;
	uint8_t *p = malloc(depth + 1);
	const char *err;

	memset(p, 0x91, depth);	/* fixarray of one element, nested */
	p[depth] = 0xc0;
	ck_assert_int_eq(mp_check_one(p, depth + 1, &err), 0);
	ck_assert_int_eq(mp_check_one(p, depth, &err), -1);
	free(p);
}
END_TEST

START_TEST(truncated_everywhere)
{
	const char *err;

	mpw_map(&b, 2);
	mpw_cstr(&b, "a");
	mpw_array(&b, 3);
	mpw_int(&b, 1);
	mpw_double(&b, 2.5);
	mpw_bin(&b, "xyz", 3);
	mpw_cstr(&b, "b");
	mpw_ext(&b, 1, NULL, 0);
	ck_assert_int_eq(mp_check_one(b.data, b.len, &err), 0);
	for (size_t n = 0; n < b.len; n++)
		ck_assert_int_eq(mp_check_one(b.data, n, &err), -1);
}
END_TEST

START_TEST(buffer_limit_refuses_growth)
{
	char big[64];

	memset(big, 'x', sizeof(big));
	b.limit = 40;
	ck_assert_int_eq(mpw_str(&b, big, 30), 0);
	ck_assert_int_eq(pbuf_append(&b, big, 20), -1);
	ck_assert_uint_eq(b.len, 31);	/* fixstr: one header byte */
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("msgpack");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip_scalars);
	tcase_add_test(tc, ext32_patched_length);
	tcase_add_test(tc, hostile_headers);
	tcase_add_test(tc, deep_nesting_skips_without_recursion);
	tcase_add_test(tc, truncated_everywhere);
	tcase_add_test(tc, buffer_limit_refuses_growth);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
