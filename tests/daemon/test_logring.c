/* The log ring through its interface: lines come back oldest first as
 * {level, text} maps, the oldest go when the byte bound is reached, a
 * line larger than the ring is not kept, and what a short line costs. */
#include <check.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "logring.h"
#include "mpread.h"
#include "mpwrite.h"
#include "tsuite.h"

static void
add_line(struct logring *lr, const char *level, const char *text, int want)
{
	struct msg_line l = { { level, strlen(level) }, { text, strlen(text) } };

	ck_assert_int_eq(logring_add(lr, &l), want);
}

/* Checks that logring_write gives exactly the texts in `want`, in order. */
static void
expect_lines(struct logring *lr, const char *const *want, unsigned n)
{
	struct pbuf b;
	struct mp_reader r;
	struct mp_item it;
	unsigned i;

	pbuf_init(&b);
	ck_assert_int_eq(logring_write(lr, &b), 0);
	mp_reader_init(&r, b.data, b.len);
	ck_assert_int_eq(mp_next(&r, &it), 0);
	ck_assert_int_eq(it.kind, MP_ARRAY);
	ck_assert_uint_eq(it.len, n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(mp_next(&r, &it), 0);
		ck_assert_int_eq(it.kind, MP_MAP);
		ck_assert_uint_eq(it.len, 2);
		ck_assert_int_eq(mp_next(&r, &it), 0);
		ck_assert_int_eq(it.kind, MP_STR);
		ck_assert_int_eq(memcmp(it.ptr, "level", 5), 0);
		ck_assert_int_eq(mp_next(&r, &it), 0);
		ck_assert_int_eq(mp_next(&r, &it), 0);
		ck_assert_int_eq(memcmp(it.ptr, "text", 4), 0);
		ck_assert_int_eq(mp_next(&r, &it), 0);
		ck_assert_int_eq(it.kind, MP_STR);
		ck_assert_uint_eq(it.len, strlen(want[i]));
		ck_assert_int_eq(memcmp(it.ptr, want[i], it.len), 0);
	}
	ck_assert_uint_eq(mp_left(&r), 0);
	pbuf_free(&b);
}

START_TEST(keeps_in_order)
{
	static const char *const want[] = { "a", "bb", "ccc" };
	struct logring lr;

	logring_init(&lr, 1024);
	expect_lines(&lr, want, 0);
	add_line(&lr, "log", "a", 0);
	add_line(&lr, "warn", "bb", 0);
	add_line(&lr, "error", "ccc", 0);
	ck_assert_uint_eq(logring_count(&lr), 3);
	expect_lines(&lr, want, 3);
	logring_free(&lr);
}
END_TEST

START_TEST(drops_oldest)
{
	static const char *const want[] = { "line 3", "line 4" };
	struct logring lr;
	char text[16];
	int i;

	/* Each line: 4 header + 12 map + 4 level + 7 text = 27 bytes. */
	logring_init(&lr, 60);
	for (i = 1; i <= 4; i++) {
		snprintf(text, sizeof(text), "line %d", i);
		add_line(&lr, "log", text, 0);
		ck_assert_uint_le(logring_count(&lr), 2);
	}
	expect_lines(&lr, want, 2);
	logring_free(&lr);
}
END_TEST

START_TEST(too_large)
{
	static const char *const want[] = { "kept" };
	struct logring lr;
	char big[200];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	logring_init(&lr, 100);
	add_line(&lr, "log", "kept", 0);
	/* Not kept, and it does not push out what is there. */
	add_line(&lr, "log", big, -1);
	expect_lines(&lr, want, 1);
	logring_free(&lr);

	logring_init(&lr, 0);
	add_line(&lr, "log", "x", -1);
	expect_lines(&lr, want, 0);
	logring_free(&lr);
}
END_TEST

/* Each of thousands of idle workers may have logged a line at start: a
 * ring holding one short line costs about the line, not a 1 KiB buffer
 * chunk, and a freed ring nothing. */
START_TEST(short_line_small_cost)
{
	static struct logring lrs[1000];
	size_t before = mallinfo2().uordblks;

	for (int i = 0; i < 1000; i++) {
		logring_init(&lrs[i], 65536);
		add_line(&lrs[i], "log", "started", 0);
	}
	ck_assert_uint_lt(mallinfo2().uordblks - before, 1000 * 128);
	for (int i = 0; i < 1000; i++)
		logring_free(&lrs[i]);
	/* malloc's per-thread cache keeps a few freed blocks counted */
	ck_assert_uint_le(mallinfo2().uordblks, before + 4096);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("logring");
	TCase *tc = tcase_create("logring");

	tcase_add_test(tc, keeps_in_order);
	tcase_add_test(tc, drops_oldest);
	tcase_add_test(tc, too_large);
	tcase_add_test(tc, short_line_small_cost);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
