/*
 * test_fdpass.c - descriptors riding with a stream's bytes (protocol/
 * fdpass.h): one sent with bytes arrives working and close-on-exec, the
 * bytes around it intact and in order; the reader's queue keeps FDQ_CAP,
 * oldest first, and closes and counts the rest.
 */
#include <check.h>
#include <event2/buffer.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdpass.h"
#include "tsuite.h"

static void
same_file(int a, int b)
{
	struct stat x, y;

	ck_assert_int_eq(fstat(a, &x), 0);
	ck_assert_int_eq(fstat(b, &y), 0);
	ck_assert(x.st_ino == y.st_ino && x.st_dev == y.st_dev);
}

START_TEST(test_descriptor_with_bytes)
{
	struct evbuffer *in = evbuffer_new();
	struct fdq q = { .n = 0 };
	int sv[2], p[2], fd;
	char got[16] = { 0 };

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(write(sv[0], "ab", 2), 2);
	ck_assert_int_eq(fdpass_send(sv[0], "cd", 2, p[1]), 2);
	ck_assert_int_eq(write(sv[0], "ef", 2), 2);
	while (evbuffer_get_length(in) < 6)
		ck_assert_int_gt(fdpass_read(sv[1], in, 64, &q), 0);
	evbuffer_remove(in, got, sizeof got);
	ck_assert_str_eq(got, "abcdef");
	ck_assert_uint_eq(q.n, 1);
	ck_assert_uint_eq(q.lost, 0);
	fd = fdq_take(&q);
	same_file(fd, p[1]);
	ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	ck_assert_int_eq(write(fd, "x", 1), 1);
	ck_assert_int_eq(read(p[0], got, 1), 1);
	ck_assert_int_eq(fdq_take(&q), -1);
	close(fd);
	close(sv[0]);
	ck_assert_int_eq(fdpass_read(sv[1], in, 64, &q), 0);	/* EOF */
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	evbuffer_free(in);
}
END_TEST

START_TEST(test_queue_is_bounded)
{
	struct evbuffer *in = evbuffer_new();
	struct fdq q = { .n = 0 };
	int sv[2], p[FDQ_CAP + 2][2], i, fd;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	for (i = 0; i < FDQ_CAP + 2; i++) {
		ck_assert_int_eq(pipe(p[i]), 0);
		ck_assert_int_eq(fdpass_send(sv[0], "z", 1, p[i][0]), 1);
	}
	while (evbuffer_get_length(in) < FDQ_CAP + 2)
		ck_assert_int_gt(fdpass_read(sv[1], in, 64, &q), 0);
	ck_assert_uint_eq(q.n, FDQ_CAP);
	ck_assert_uint_eq(q.lost, 2);
	for (i = 0; i < FDQ_CAP; i++) {
		fd = fdq_take(&q);
		same_file(fd, p[i][0]);
		close(fd);
	}
	for (i = 0; i < FDQ_CAP + 2; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	fdq_clear(&q);
	close(sv[0]);
	close(sv[1]);
	evbuffer_free(in);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("fdpass");
	TCase *tc = tcase_create("fdpass");

	tcase_add_test(tc, test_descriptor_with_bytes);
	tcase_add_test(tc, test_queue_is_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
