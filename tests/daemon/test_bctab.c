/* The BroadcastChannel table through its interface: channels by (uid,
 * name), joining order, both bounds and the name length, leaving one and
 * all, the lost counts, and freeing a table that still has channels. */
#include <check.h>
#include <string.h>

#include "bctab.h"
#include "msg.h"
#include "tsuite.h"

static int
join(struct bctab *t, struct bcmember *m, const char *name)
{
	return bctab_join(t, m, name, strlen(name));
}

static struct bcchan *
find(struct bctab *t, uid_t uid, const char *name)
{
	return bctab_find(t, uid, name, strlen(name));
}

START_TEST(join_and_leave)
{
	struct bctab t;
	struct bcmember a, b, c;
	struct bcchan *ch;
	struct bcsub *s;
	int owners[3] = { 1, 2, 3 }, i = 0;

	bctab_init(&t, 8, 8);
	bcmember_init(&a, &owners[0], 1000);
	bcmember_init(&b, &owners[1], 1000);
	bcmember_init(&c, &owners[2], 1001);
	ck_assert_int_eq(join(&t, &b, "news"), BCT_OK);
	ck_assert_int_eq(join(&t, &a, "news"), BCT_OK);
	ck_assert_int_eq(join(&t, &a, "news"), BCT_OK);
	ck_assert_int_eq(join(&t, &c, "news"), BCT_OK);
	ck_assert_int_eq(join(&t, &a, "other"), BCT_OK);
	ck_assert_uint_eq(a.n, 2);
	/* one channel per user: c's "news" is not a's and b's */
	ch = find(&t, 1000, "news");
	ck_assert_ptr_nonnull(ch);
	ck_assert_uint_eq(ch->nsubs, 2);
	TAILQ_FOREACH(s, &ch->subs, chan_entry)
		ck_assert_ptr_eq(s->member->owner, i++ == 0 ? &owners[1] : &owners[0]);
	ck_assert_uint_eq(find(&t, 1001, "news")->nsubs, 1);
	ck_assert_ptr_null(find(&t, 1000, "new"));
	ck_assert_ptr_null(find(&t, 1002, "news"));

	bctab_leave(&t, &b, "news", 4);
	bctab_leave(&t, &b, "news", 4);
	bctab_leave(&t, &b, "never", 5);
	ck_assert_uint_eq(find(&t, 1000, "news")->nsubs, 1);
	ck_assert_uint_eq(b.n, 0);
	/* the last member gone, the channel goes */
	bctab_leave_all(&t, &a);
	ck_assert_uint_eq(a.n, 0);
	ck_assert_ptr_null(find(&t, 1000, "news"));
	ck_assert_ptr_null(find(&t, 1000, "other"));
	ck_assert_ptr_nonnull(find(&t, 1001, "news"));
	bctab_free(&t);
}
END_TEST

START_TEST(bounds)
{
	struct bctab t;
	struct bcmember m[4];
	char name[BC_NAME_MAX + 2];
	int i;

	bctab_init(&t, 2, 3);
	for (i = 0; i < 4; i++)
		bcmember_init(&m[i], &m[i], 7);
	ck_assert_int_eq(join(&t, &m[0], "a"), BCT_OK);
	ck_assert_int_eq(join(&t, &m[0], "b"), BCT_OK);
	ck_assert_int_eq(join(&t, &m[0], "c"), BCT_NAMES);
	ck_assert_int_eq(join(&t, &m[0], "a"), BCT_OK);
	ck_assert_ptr_null(find(&t, 7, "c"));
	ck_assert_int_eq(join(&t, &m[1], "a"), BCT_OK);
	ck_assert_int_eq(join(&t, &m[2], "a"), BCT_OK);
	ck_assert_int_eq(join(&t, &m[3], "a"), BCT_SUBS);
	ck_assert_uint_eq(find(&t, 7, "a")->nsubs, 3);
	ck_assert_uint_eq(m[3].n, 0);
	memset(name, 'x', sizeof(name));
	ck_assert_int_eq(bctab_join(&t, &m[3], name, BC_NAME_MAX + 1), BCT_NAME);
	ck_assert_int_eq(bctab_join(&t, &m[3], name, BC_NAME_MAX), BCT_OK);
	ck_assert_str_eq(bctab_strerror(BCT_SUBS), "too many workers subscribe to this BroadcastChannel name");
	/* freed with channels and subscriptions still in it */
	bctab_free(&t);
}
END_TEST

START_TEST(lost_counts)
{
	struct bctab t;
	struct bcmember m;
	struct bcsub *s;

	bctab_init(&t, 4, 4);
	bcmember_init(&m, &m, 0);
	ck_assert_int_eq(join(&t, &m, "a"), BCT_OK);
	ck_assert_int_eq(join(&t, &m, "b"), BCT_OK);
	s = TAILQ_FIRST(&m.subs);
	bcsub_lose(s);
	bcsub_lose(s);
	bcsub_lose(TAILQ_NEXT(s, member_entry));
	ck_assert_uint_eq(m.nlost, 2);
	ck_assert_uint_eq(bcsub_take_lost(s), 2);
	ck_assert_uint_eq(bcsub_take_lost(s), 0);
	ck_assert_uint_eq(m.nlost, 1);
	/* leaving with a count pending keeps the member's tally right */
	bctab_leave(&t, &m, "b", 1);
	ck_assert_uint_eq(m.nlost, 0);
	bctab_free(&t);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("bctab");
	TCase *tc = tcase_create("bctab");

	tcase_add_test(tc, join_and_leave);
	tcase_add_test(tc, bounds);
	tcase_add_test(tc, lost_counts);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
