/* Close records through their interface: the oldest go first, by count and
 * by age, and only when records_expire() runs. */
#include <check.h>
#include <event2/event.h>

#include "config.h"
#include "records.h"
#include "tsuite.h"

struct rec {
	struct record r;
	int id;
	int *expired;			/* the order they went in */
	int *nexpired;
};

static void
on_expire(struct record *r, void *arg)
{
	struct rec *x = (struct rec *)(void *)r;

	x->expired[(*x->nexpired)++] = x->id;
}

START_TEST(by_count_and_age)
{
	struct event_base *base = event_base_new();
	struct records rs;
	struct rec x[4];
	int expired[4], n = 0, i;
	double now = wd_now();

	ck_assert_int_eq(records_init(&rs, base, 2, 60, on_expire, NULL), 0);
	for (i = 0; i < 4; i++)
		x[i] = (struct rec){ .id = i, .expired = expired, .nexpired = &n };
	/* Record 0 ended long ago; the others just now. */
	records_add(&rs, &x[0].r, now - 120);
	records_add(&rs, &x[1].r, now);
	records_add(&rs, &x[2].r, now);
	records_add(&rs, &x[3].r, now);
	/* Adding never frees: a caller may hold a pointer to a record. */
	ck_assert_int_eq(n, 0);
	records_expire(&rs);
	/* 0 by age, then 1 by count (2 kept). */
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(expired[0], 0);
	ck_assert_int_eq(expired[1], 1);
	ck_assert_uint_eq(rs.n, 2);
	/* The timer is armed for the next one's age. */
	ck_assert(evtimer_pending(rs.timer, NULL));
	records_free(&rs);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(expired[2], 2);
	ck_assert_int_eq(expired[3], 3);
	event_base_free(base);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("records");
	TCase *tc = tcase_create("records");

	tcase_add_test(tc, by_count_and_age);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
