/*
 * test_host_prefault.c - the spare's prefault (worker-host/prefault.h): a
 * child forked from this process records the heap pages it copied and no
 * others; a later child that touches the record has those pages of its own
 * with their bytes unchanged, and passes over a recorded page its heap no
 * longer reaches.
 */
#define _DEFAULT_SOURCE
#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prefault.h"
#include "tsuite.h"

#define NPAGES 32

static const int written[] = { 3, 7, 11, NPAGES - 2 };
#define NWRITTEN (sizeof(written) / sizeof(written[0]))

static uintptr_t pg;
static unsigned char *heap;	/* NPAGES pages of the brk heap, this process's */

static void
setup(void)
{
	pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	/* sbrk, not malloc: a sanitizer's allocator is not the brk heap */
	heap = sbrk((intptr_t)(NPAGES * pg));
	ck_assert_ptr_ne(heap, (void *)-1);
	for (int i = 0; i < NPAGES; i++)
		memset(heap + i * pg, 'a' + i % 26, pg);
}

/* Whether this process alone maps the page at a (it has copied it). */
static int
exclusive(const void *a)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(pread(fd, &e, sizeof(e), (off_t)((uintptr_t)a / pg * sizeof(e))),
	    (ssize_t)sizeof(e));
	close(fd);
	return (e >> 63 & 1) && (e >> 56 & 1);
}

static int
recorded(const struct prefault *p, const void *a)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->page[i] == (uintptr_t)a)
			return 1;
	return 0;
}

static int
wait_child(pid_t c)
{
	int st;

	ck_assert_int_eq(waitpid(c, &st, 0), c);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* A child that writes the pages of written[] and records. */
static void
rehearse(struct prefault *p)
{
	pid_t c;

	ck_assert_int_eq(prefault_open(p), 0);
	if ((c = fork()) == 0) {
		for (size_t i = 0; i < NWRITTEN; i++)
			heap[written[i] * pg + 1] = heap[written[i] * pg];
		prefault_record(p);
		_exit(0);
	}
	ck_assert_int_eq(wait_child(c), 0);
	prefault_adopt(p);
	ck_assert_ptr_null(p->rec);
}

START_TEST(records_the_copied_pages)
{
	struct prefault p = { 0 };

	setup();
	rehearse(&p);
	for (size_t i = 0; i < NWRITTEN; i++)
		ck_assert(recorded(&p, heap + written[i] * pg));
	for (int i = 0; i < NPAGES; i++)
		if (i != 3 && i != 7 && i != 11 && i != NPAGES - 2)
			ck_assert_msg(!recorded(&p, heap + i * pg), "page %d not written", i);
	ck_assert_uint_le(p.n, PREFAULT_MAX);
}
END_TEST

START_TEST(touch_copies_them_unchanged)
{
	struct prefault p = { 0 };
	pid_t c;

	setup();
	rehearse(&p);
	if ((c = fork()) == 0) {
		int bad = exclusive(heap + 3 * pg);	/* shared until touched */

		prefault_touch(&p);
		for (size_t i = 0; i < NWRITTEN; i++) {
			unsigned char *q = heap + written[i] * pg;

			bad |= !exclusive(q) << 1;
			bad |= (q[0] != 'a' + written[i] % 26 || q[pg - 1] != q[0]) << 2;
		}
		bad |= exclusive(heap + 4 * pg) << 3;	/* not recorded: left shared */
		_exit(bad);
	}
	ck_assert_int_eq(wait_child(c), 0);
}
END_TEST

START_TEST(touch_stops_at_the_break)
{
	struct prefault p = { 0 };
	pid_t c;

	setup();
	rehearse(&p);
	if ((c = fork()) == 0) {
		/* the last written page is now past the break: touching it
		 * would be a fault the process cannot take */
		if (sbrk(-(intptr_t)(4 * pg)) == (void *)-1)
			_exit(9);
		prefault_touch(&p);
		_exit(!exclusive(heap + 11 * pg));
	}
	ck_assert_int_eq(wait_child(c), 0);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("prefault");
	TCase *tc = tcase_create("prefault");

	tcase_add_test(tc, records_the_copied_pages);
	tcase_add_test(tc, touch_copies_them_unchanged);
	tcase_add_test(tc, touch_stops_at_the_break);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
