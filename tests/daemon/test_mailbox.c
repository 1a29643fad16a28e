/* The mailbox through its interface: order, seqs, both bounds, a take that
 * cannot grow its buffer, clear, and what a small message costs. */
#include <check.h>
#include <malloc.h>
#include <string.h>

#include "mailbox.h"
#include "tsuite.h"

static void
push_str(struct mailbox *mb, uint64_t seq, const char *s)
{
	ck_assert_int_eq(mailbox_push(mb, seq, (const uint8_t *)s, strlen(s)), 0);
}

START_TEST(order_and_seq)
{
	struct mailbox mb;
	struct pbuf b;
	uint64_t seq;

	mailbox_init(&mb, 10, 1000);
	pbuf_init(&b);
	ck_assert_uint_eq(mailbox_peek_len(&mb), 0);
	ck_assert_int_eq(mailbox_take(&mb, &b, &seq), -1);
	push_str(&mb, 7, "one");
	push_str(&mb, 9, "three");
	ck_assert_uint_eq(mailbox_count(&mb), 2);
	ck_assert_uint_eq(mailbox_peek_len(&mb), 3);
	ck_assert_int_eq(mailbox_take(&mb, &b, &seq), 0);
	ck_assert_uint_eq(seq, 7);
	ck_assert_uint_eq(mailbox_peek_len(&mb), 5);
	ck_assert_int_eq(mailbox_take(&mb, &b, &seq), 0);
	ck_assert_uint_eq(seq, 9);
	/* Takes append: the caller batches values into one reply. */
	ck_assert_uint_eq(b.len, 8);
	ck_assert_int_eq(memcmp(b.data, "onethree", 8), 0);
	ck_assert_uint_eq(mailbox_count(&mb), 0);
	ck_assert_int_eq(mailbox_take(&mb, &b, &seq), -1);
	pbuf_free(&b);
	mailbox_free(&mb);
}
END_TEST

START_TEST(bounds)
{
	struct mailbox mb;

	mailbox_init(&mb, 3, 1000);
	push_str(&mb, 1, "a");
	push_str(&mb, 2, "b");
	ck_assert(!mailbox_full(&mb));
	push_str(&mb, 3, "c");
	ck_assert(mailbox_full(&mb));
	mailbox_clear(&mb);
	ck_assert(!mailbox_full(&mb));
	ck_assert_uint_eq(mailbox_count(&mb), 0);
	ck_assert_uint_eq(mailbox_peek_len(&mb), 0);
	mailbox_free(&mb);

	/* The byte bound: full once reached; a push still keeps the value
	 * (the caller stops reading instead). */
	mailbox_init(&mb, 100, 10);
	push_str(&mb, 1, "123456789");
	ck_assert(!mailbox_full(&mb));
	push_str(&mb, 2, "12");
	ck_assert(mailbox_full(&mb));
	ck_assert_uint_eq(mailbox_count(&mb), 2);
	mailbox_free(&mb);
}
END_TEST

START_TEST(take_into_full_buffer)
{
	struct mailbox mb;
	struct pbuf b;
	uint64_t seq = 0;

	mailbox_init(&mb, 10, 1000);
	pbuf_init(&b);
	b.limit = 4;
	push_str(&mb, 5, "too long");
	/* Nothing is lost when the reply buffer cannot take the value. */
	ck_assert_int_eq(mailbox_take(&mb, &b, &seq), -1);
	ck_assert_uint_eq(mailbox_count(&mb), 1);
	b.limit = 0;
	ck_assert_int_eq(mailbox_take(&mb, &b, &seq), 0);
	ck_assert_uint_eq(seq, 5);
	ck_assert_int_eq(memcmp(b.data, "too long", 8), 0);
	pbuf_free(&b);
	mailbox_free(&mb);
}
END_TEST

/* The daemon keeps a mailbox for each of thousands of idle workers, most
 * holding the one message a worker posted at start: that costs about the
 * message (not a 1 KiB buffer chunk), and an emptied mailbox nothing. */
START_TEST(small_message_small_cost)
{
	static struct mailbox mbs[1000];
	struct pbuf b;
	uint64_t seq;
	size_t before;

	pbuf_init(&b);
	ck_assert_int_eq(pbuf_reserve(&b, 64), 0);
	before = mallinfo2().uordblks;
	for (int i = 0; i < 1000; i++) {
		mailbox_init(&mbs[i], 10, 1000);
		push_str(&mbs[i], 1, "ready");
	}
	ck_assert_uint_lt(mallinfo2().uordblks - before, 1000 * 128);
	for (int i = 0; i < 1000; i++) {
		pbuf_reset(&b);
		ck_assert_int_eq(mailbox_take(&mbs[i], &b, &seq), 0);
	}
	/* malloc's per-thread cache keeps a few freed blocks counted */
	ck_assert_uint_le(mallinfo2().uordblks, before + 4096);
	for (int i = 0; i < 1000; i++)
		mailbox_free(&mbs[i]);
	pbuf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mailbox");
	TCase *tc = tcase_create("mailbox");

	tcase_add_test(tc, order_and_seq);
	tcase_add_test(tc, bounds);
	tcase_add_test(tc, take_into_full_buffer);
	tcase_add_test(tc, small_message_small_cost);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
