/*
 * test_ring.c - the post ring's memory and placement (protocol/ring.h):
 * the sizes taken, a sealed memfd that cannot be shrunk, a descriptor of
 * the wrong size or unsealed refused, records placed whole (the next lap
 * when one would cross the end), the writer refused room the host has not
 * freed and given it once freed, a lap's skipped tail free once the host
 * has caught up, and a writer asleep for room woken by the host's take.
 */
#include <check.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ring.h"
#include "tsuite.h"

#define SZ RING_MIN

struct pair {
	int fd;
	struct ring w, h;
};

static void
pair_open(struct pair *p)
{
	char err[160];

	p->fd = ring_create(SZ);
	ck_assert_int_ge(p->fd, 0);
	ck_assert_msg(ring_map(&p->w, p->fd, SZ, true, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(ring_map(&p->h, p->fd, SZ, false, err, sizeof err) == 0, "%s", err);
}

static void
pair_close(struct pair *p)
{
	ring_unmap(&p->w);
	ring_unmap(&p->h);
	close(p->fd);
}

/* Writes n bytes of value c as the next record. */
static void
put(struct ring *w, size_t n, int c)
{
	uint8_t *at = ring_room(w, n, 0);

	ck_assert_ptr_nonnull(at);
	memset(at, c, n);
	ring_commit(w, n);
}

static void
take(struct ring *h, size_t n, int c)
{
	static uint8_t got[SZ];

	memcpy(got, ring_peek(h, n), n);
	ring_release(h, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(got[i], c);
}

START_TEST(test_sizes_and_seals)
{
	struct ring r;
	char err[160];
	int fd, plain;

	ck_assert(ring_size_ok(RING_MIN) && ring_size_ok(RING_MAX) && ring_size_ok(RING_MIN + 4096));
	ck_assert(!ring_size_ok(RING_MIN - 4096) && !ring_size_ok(RING_MAX + 4096) && !ring_size_ok(RING_MIN + 1));
	fd = ring_create(SZ);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 4096), -1);	/* sealed: nobody shrinks it */
	ck_assert_int_eq(ring_map(&r, fd, 2 * SZ, false, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "not a sealed ring") != NULL, "%s", err);
	ck_assert_int_eq(ring_map(&r, fd, 1000, false, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "multiple of 4096") != NULL, "%s", err);
	close(fd);
	/* the right size but shrinkable: refused */
	plain = memfd_create("plain", MFD_CLOEXEC);
	ck_assert_int_eq(ftruncate(plain, RING_CTL + SZ), 0);
	ck_assert_int_eq(ring_map(&r, plain, SZ, false, err, sizeof err), -1);
	close(plain);
}
END_TEST

START_TEST(test_placement)
{
	ck_assert_uint_eq(ring_place(0, 100, SZ), 0);
	ck_assert_uint_eq(ring_place(SZ - 100, 100, SZ), SZ - 100);	/* ends at the end */
	ck_assert_uint_eq(ring_place(SZ - 100, 101, SZ), SZ);		/* would cross it */
	ck_assert_uint_eq(ring_place(3 * SZ + 5, SZ - 5, SZ), 3 * SZ + 5);
	ck_assert_uint_eq(ring_place(3 * SZ + 5, SZ - 4, SZ), 4 * SZ);
}
END_TEST

START_TEST(test_room_follows_the_host)
{
	struct pair p;

	pair_open(&p);
	put(&p.w, 30000, 1);
	put(&p.w, 30000, 2);
	/* 60,000 of 65,536 used: 10,000 more would cross the end, and the
	 * next lap's start still holds the first record */
	ck_assert_ptr_null(ring_room(&p.w, 10000, 0));
	take(&p.h, 30000, 1);
	put(&p.w, 10000, 3);
	ck_assert_uint_eq(p.w.pos, SZ + 10000);
	take(&p.h, 30000, 2);
	take(&p.h, 10000, 3);
	/* everything taken: a record of the whole size fits although the
	 * position is mid-lap (it goes to the next lap's start) */
	put(&p.w, SZ, 4);
	ck_assert_ptr_null(ring_room(&p.w, 1, 0));
	take(&p.h, SZ, 4);
	put(&p.w, 1, 5);
	take(&p.h, 1, 5);
	pair_close(&p);
}
END_TEST

static void *
taker(void *arg)
{
	struct pair *p = arg;

	usleep(20000);
	take(&p->h, SZ, 6);
	return NULL;
}

START_TEST(test_writer_sleeps_until_taken)
{
	struct pair p;
	pthread_t t;

	pair_open(&p);
	put(&p.w, SZ, 6);
	ck_assert_int_eq(pthread_create(&t, NULL, taker, &p), 0);
	/* bounded far beyond the taker's delay: it is the take that wakes it */
	ck_assert_ptr_nonnull(ring_room(&p.w, SZ, 10000));
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	pair_close(&p);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("ring");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, test_sizes_and_seals);
	tcase_add_test(tc, test_placement);
	tcase_add_test(tc, test_room_follows_the_host);
	tcase_add_test(tc, test_writer_sleeps_until_taken);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
