/*
 * test_spin.c - the adaptive busy-poll (protocol/spin.h): a cold or
 * budgetless wait never polls, a wait that ended within the budget makes
 * the next one poll until ready, a wait past the budget but within the hot
 * window does too, a poll that runs out of budget spends it and makes the
 * next wait cold again, misses that outweigh hits make the next SPIN_SKIP
 * waits sleep, and spin_wait sees a readable socket.
 */
#include <check.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "spin.h"
#include "tsuite.h"

struct probe {
	int calls;
	int yes_at;		/* answers yes on this call, 0: never */
};

static int
probe(void *arg)
{
	struct probe *p = arg;

	return ++p->calls == p->yes_at;
}

/* spin_woke() until the wait it ends is found within the window (a cold
 * spin_until() neither polls nor counts as a skipped wait): a wait ends
 * outside it only when this process was preempted. */
static void
make_hot(struct spin *s)
{
	struct probe p = { 0, 0 };

	spin_woke(s);
	for (int i = 0; i < 100 && !s->hot; i++) {
		(void)spin_until(s, probe, &p);
		spin_woke(s);
	}
	ck_assert(s->hot);
	ck_assert_int_eq(p.calls, 0);
}

START_TEST(test_cold_and_off_never_poll)
{
	struct spin s;
	struct probe p = { 0, 1 };

	spin_init(&s, 100);
	ck_assert_int_eq(spin_until(&s, probe, &p), 0);
	ck_assert_int_eq(p.calls, 0);
	spin_init(&s, 0);
	spin_woke(&s);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(spin_until(&s, probe, &p), 0);
		spin_woke(&s);
	}
	ck_assert_int_eq(p.calls, 0);
	ck_assert(!s.hot);
}
END_TEST

START_TEST(test_hot_polls_until_ready)
{
	struct spin s;
	struct probe p;
	int met = 0;

	/* Each try polls twice; one preempted for the whole budget
	 * between its polls runs out, and a fresh spin tries again. */
	for (int i = 0; i < 20 && !met; i++) {
		spin_init(&s, SPIN_MAX_US);
		make_hot(&s);
		p = (struct probe){ 0, 2 };
		met = spin_until(&s, probe, &p);
	}
	ck_assert_int_eq(met, 1);
	ck_assert_int_eq(p.calls, 2);
}
END_TEST

START_TEST(test_budget_spent_cools)
{
	struct spin s;
	struct probe p = { 0, 0 };
	double t0;

	spin_init(&s, 200);
	make_hot(&s);
	t0 = ((double)mono_ns() / 1e3);
	ck_assert_int_eq(spin_until(&s, probe, &p), 0);
	ck_assert(((double)mono_ns() / 1e3) - t0 >= 200);
	ck_assert_int_gt(p.calls, 0);
	ck_assert(!s.hot);	/* also when no spin_woke() follows */
	p.calls = 0;
	t0 = ((double)mono_ns() / 1e3);
	ck_assert_int_eq(spin_until(&s, probe, &p), 0);
	ck_assert_int_eq(p.calls, 0);
	while (((double)mono_ns() / 1e3) - t0 <= 200.0 * (SPIN_HOT_FACTOR + 1))
		;
	spin_woke(&s);		/* past the hot window: too late */
	ck_assert(!s.hot);
}
END_TEST

/* A wait that slept includes the wake-up: longer than the budget, within
 * the window, it still makes the next wait poll. */
START_TEST(test_window_wider_than_budget)
{
	struct spin s;
	struct probe p = { 0, 0 };
	double t0;
	int tries = 0;

	spin_init(&s, 200);
	do {
		ck_assert_int_eq(spin_until(&s, probe, &p), 0);	/* cold */
		t0 = ((double)mono_ns() / 1e3);
		while (((double)mono_ns() / 1e3) - t0 < 300)
			;
		spin_woke(&s);
	} while (!s.hot && ++tries < 100);
	ck_assert(s.hot);
	ck_assert_int_eq(p.calls, 0);
}
END_TEST

/* One poll that runs out of budget, on a hot spin. */
static void
miss(struct spin *s)
{
	struct probe p = { 0, 0 };

	make_hot(s);
	ck_assert_int_eq(spin_until(s, probe, &p), 0);
	ck_assert_int_gt(p.calls, 0);
}

START_TEST(test_misses_skip_polls)
{
	struct spin s;
	struct probe p = { 0, 1 };

	spin_init(&s, SPIN_MAX_US);	/* a wide window: preemption is no miss */
	miss(&s);
	miss(&s);		/* 2 * SPIN_MISS_COST > SPIN_DEBT_LIMIT */
	for (int i = 0; i < SPIN_SKIP; i++) {
		make_hot(&s);	/* hot, yet no poll */
		ck_assert_int_eq(spin_until(&s, probe, &p), 0);
	}
	ck_assert_int_eq(p.calls, 0);
	make_hot(&s);
	ck_assert_int_eq(spin_until(&s, probe, &p), 1);
	ck_assert_int_eq(p.calls, 1);
}
END_TEST

START_TEST(test_hits_pay_misses_back)
{
	struct spin s;
	struct probe p;

	spin_init(&s, SPIN_MAX_US);
	miss(&s);
	for (int i = 0; i < SPIN_MISS_COST; i++) {
		make_hot(&s);
		p = (struct probe){ 0, 1 };
		ck_assert_int_eq(spin_until(&s, probe, &p), 1);
	}
	miss(&s);		/* no skip: the first miss was paid back */
	make_hot(&s);
	p = (struct probe){ 0, 1 };
	ck_assert_int_eq(spin_until(&s, probe, &p), 1);
}
END_TEST

START_TEST(test_budget_is_bounded)
{
	struct spin s;

	spin_init(&s, 1u << 30);
	ck_assert_uint_eq(s.budget_ns, (uint64_t)SPIN_MAX_US * 1000);
}
END_TEST

START_TEST(test_wait_sees_readable_socket)
{
	struct spin s;
	int sv[2];
	struct pollfd pfd;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pfd = (struct pollfd){ .fd = sv[1], .events = POLLIN };
	spin_init(&s, SPIN_MAX_US);
	make_hot(&s);
	ck_assert_int_eq(spin_wait(&s, &pfd, 1), 0);	/* nothing came: gave up */
	spin_init(&s, SPIN_MAX_US);
	make_hot(&s);
	ck_assert_int_eq(write(sv[0], "x", 1), 1);
	ck_assert_int_eq(spin_wait(&s, &pfd, 1), 1);
	close(sv[0]);
	close(sv[1]);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("spin");
	TCase *tc = tcase_create("spin");

	tcase_add_test(tc, test_cold_and_off_never_poll);
	tcase_add_test(tc, test_hot_polls_until_ready);
	tcase_add_test(tc, test_budget_spent_cools);
	tcase_add_test(tc, test_window_wider_than_budget);
	tcase_add_test(tc, test_misses_skip_polls);
	tcase_add_test(tc, test_hits_pay_misses_back);
	tcase_add_test(tc, test_budget_is_bounded);
	tcase_add_test(tc, test_wait_sees_readable_socket);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
