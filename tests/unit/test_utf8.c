/*
 * test_utf8.c - strict UTF-8, WTF-8 and the CESU-8 boundary.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "tsuite.h"

#define B(s) (const uint8_t *)(s), sizeof(s) - 1

START_TEST(test_utf8_accepts)
{
	ck_assert(utf8_valid(B("")));
	ck_assert(utf8_valid(B("plain ascii\0with nul")));
	ck_assert(utf8_valid(B("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80")));
	ck_assert(utf8_valid(B("\xED\x9F\xBF")));	/* U+D7FF */
	ck_assert(utf8_valid(B("\xEE\x80\x80")));	/* U+E000 */
	ck_assert(utf8_valid(B("\xF4\x8F\xBF\xBF")));	/* U+10FFFF */
}
END_TEST

START_TEST(test_utf8_rejects)
{
	static const char *bad[] = {
		"\x80", "\x81x", "\x82", "\xFF", "\xFE", "\xC0\x80", "\xC1\xBF",
		"\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98",
		"\xC3\x28", "\xED\xA0\x80", "\xED\xBF\xBF", "\xED\xA0\xBD\xED\xB8\x80",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(!utf8_valid((const uint8_t *)bad[i], strlen(bad[i])), "case %zu", i);
		/* Lone surrogates aside, WTF-8 refuses the same bytes. */
		if (i < 17)
			ck_assert_msg(!wtf8_valid((const uint8_t *)bad[i], strlen(bad[i])), "wtf case %zu", i);
	}
}
END_TEST

START_TEST(test_wtf8)
{
	ck_assert(wtf8_valid(B("\xED\xA0\x80")));
	ck_assert(wtf8_valid(B("a\xED\xBF\xBF" "b")));
	ck_assert(wtf8_valid(B("\xED\xB0\x80\xED\xA0\x80")));	/* low then high: two lone ones */
	ck_assert(!wtf8_valid(B("\xED\xA0\xBD\xED\xB8\x80")));	/* a pair must be 4 bytes */
	ck_assert(wtf8_valid(B("\xED\xA0\x80\xF0\x9F\x98\x80")));
}
END_TEST

static void
expect_conv(int (*fn)(const uint8_t *, size_t, struct pbuf *), const char *in, size_t inlen,
    const char *want, size_t wantlen)
{
	struct pbuf b;

	pbuf_init(&b);
	pbuf_append(&b, "pre", 3);
	ck_assert_int_eq(fn((const uint8_t *)in, inlen, &b), 0);
	ck_assert_uint_eq(b.len, wantlen + 3);
	ck_assert(memcmp(b.data, "pre", 3) == 0);
	ck_assert(memcmp(b.data + 3, want, wantlen) == 0);
	pbuf_free(&b);
}

static int
to_cesu_strict(const uint8_t *p, size_t n, struct pbuf *b)
{
	return utf8_to_cesu8(p, n, false, b);
}

static int
to_cesu_lone(const uint8_t *p, size_t n, struct pbuf *b)
{
	return utf8_to_cesu8(p, n, true, b);
}

static bool last_lone;

static int
to_wtf(const uint8_t *p, size_t n, struct pbuf *b)
{
	return cesu8_to_wtf8(p, n, b, &last_lone);
}

#define CONV(fn, in, out) expect_conv(fn, in, sizeof(in) - 1, out, sizeof(out) - 1)

START_TEST(test_to_cesu8)
{
	struct pbuf b;

	CONV(to_cesu_strict, "abc\xC3\xA9", "abc\xC3\xA9");
	CONV(to_cesu_strict, "\xF0\x9F\x98\x80!", "\xED\xA0\xBD\xED\xB8\x80!");
	CONV(to_cesu_strict, "\xF4\x8F\xBF\xBF", "\xED\xAF\xBF\xED\xBF\xBF");
	CONV(to_cesu_lone, "\xED\xA0\x80x", "\xED\xA0\x80x");
	pbuf_init(&b);
	pbuf_append(&b, "keep", 4);
	ck_assert_int_eq(utf8_to_cesu8(B("\xED\xA0\x80"), false, &b), -1);
	ck_assert_int_eq(utf8_to_cesu8(B("\x80" "abc"), true, &b), -1);
	ck_assert_int_eq(utf8_to_cesu8(B("ok\xFF"), true, &b), -1);
	ck_assert_uint_eq(b.len, 4);
	pbuf_free(&b);
}
END_TEST

START_TEST(test_to_wtf8)
{
	struct pbuf b;
	bool lone;

	CONV(to_wtf, "plain", "plain");
	ck_assert(!last_lone);
	CONV(to_wtf, "\xED\xA0\xBD\xED\xB8\x80", "\xF0\x9F\x98\x80");
	ck_assert(!last_lone);
	CONV(to_wtf, "\xED\xA0\xBDx", "\xED\xA0\xBDx");
	ck_assert(last_lone);
	CONV(to_wtf, "\xED\xB8\x80\xED\xA0\xBD", "\xED\xB8\x80\xED\xA0\xBD");
	ck_assert(last_lone);
	/* A 4-byte sequence pushed into Duktape as UTF-8 passes through. */
	CONV(to_wtf, "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80");
	pbuf_init(&b);
	ck_assert_int_eq(cesu8_to_wtf8(B("\x82hidden"), &b, &lone), -1);
	ck_assert_int_eq(cesu8_to_wtf8(B("ab\xC0\x80"), &b, &lone), -1);
	ck_assert_uint_eq(b.len, 0);
	pbuf_free(&b);
}
END_TEST

/* Every BMP code unit sequence survives CESU-8 -> WTF-8 -> CESU-8. */
START_TEST(test_roundtrip_all_units)
{
	struct pbuf c, w, back;
	bool lone;

	pbuf_init(&c);
	pbuf_init(&w);
	pbuf_init(&back);
	for (uint32_t u = 1; u <= 0xFFFF; u++) {
		uint8_t tmp[3];
		if (u < 0x80) {
			tmp[0] = (uint8_t)u;
			pbuf_append(&c, tmp, 1);
		} else if (u < 0x800) {
			tmp[0] = (uint8_t)(0xC0 | (u >> 6));
			tmp[1] = (uint8_t)(0x80 | (u & 0x3F));
			pbuf_append(&c, tmp, 2);
		} else {
			tmp[0] = (uint8_t)(0xE0 | (u >> 12));
			tmp[1] = (uint8_t)(0x80 | ((u >> 6) & 0x3F));
			tmp[2] = (uint8_t)(0x80 | (u & 0x3F));
			pbuf_append(&c, tmp, 3);
		}
	}
	ck_assert_int_eq(cesu8_to_wtf8(c.data, c.len, &w, &lone), 0);
	ck_assert(lone);	/* U+DBFF stands right before U+DC00: they pair */
	ck_assert(wtf8_valid(w.data, w.len));
	ck_assert_int_eq(utf8_to_cesu8(w.data, w.len, true, &back), 0);
	ck_assert_uint_eq(back.len, c.len);
	ck_assert(memcmp(back.data, c.data, c.len) == 0);
	pbuf_free(&c);
	pbuf_free(&w);
	pbuf_free(&back);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_utf8_accepts);
	tcase_add_test(tc, test_utf8_rejects);
	tcase_add_test(tc, test_wtf8);
	tcase_add_test(tc, test_to_cesu8);
	tcase_add_test(tc, test_to_wtf8);
	tcase_add_test(tc, test_roundtrip_all_units);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(utf8_suite());
}
