/*
 * test_tmpl.c - the template link's messages (protocol/tmpl.h): a request
 * carries its sequence number and one working descriptor, answers keep
 * their sign, and a malformed request is refused with nothing left open.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tmpl.h"
#include "tsuite.h"

static void
pair(int sv[2])
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
}

START_TEST(test_request_roundtrip)
{
	int ctl[2], p[2], fd = -1;
	uint32_t seq = 0;
	char c = 0;
	struct stat a, b;

	pair(ctl);
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(tmpl_send_request(ctl[0], 0xfedcba98u, p[1]), 0);
	ck_assert_int_eq(tmpl_send_request(ctl[0], 7, p[1]), 0);
	ck_assert_int_eq(tmpl_recv_request(ctl[1], &seq, &fd), 1);
	ck_assert_uint_eq(seq, 0xfedcba98u);
	ck_assert_int_eq(fstat(fd, &a), 0);
	ck_assert_int_eq(fstat(p[1], &b), 0);
	ck_assert(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	ck_assert(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ck_assert_int_eq(write(fd, "x", 1), 1);
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	ck_assert_int_eq(c, 'x');
	close(fd);
	/* Two requests back to back are two messages, each with its own fd. */
	ck_assert_int_eq(tmpl_recv_request(ctl[1], &seq, &fd), 1);
	ck_assert_uint_eq(seq, 7);
	close(fd);
	close(ctl[0]);
	ck_assert_int_eq(tmpl_recv_request(ctl[1], &seq, &fd), 0);
	close(ctl[1]);
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(test_reply_roundtrip)
{
	static const int32_t vals[] = { 1, 4194304, -EAGAIN, -1, INT32_MAX, INT32_MIN };
	int ctl[2];
	uint8_t m[TMPL_MSG_LEN];
	uint32_t seq;
	int32_t v;

	pair(ctl);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		ck_assert_int_eq(tmpl_send_reply(ctl[0], (uint32_t)i * 0x01010101u, vals[i]), 0);
		ck_assert_int_eq(read(ctl[1], m, sizeof(m)), (ssize_t)sizeof(m));
		tmpl_decode_reply(m, &seq, &v);
		ck_assert_uint_eq(seq, (uint32_t)i * 0x01010101u);
		ck_assert_int_eq(v, vals[i]);
	}
	/* Big-endian on the wire. */
	ck_assert_int_eq(tmpl_send_reply(ctl[0], 0x01020304u, -2), 0);
	ck_assert_int_eq(read(ctl[1], m, sizeof(m)), (ssize_t)sizeof(m));
	ck_assert_int_eq(memcmp(m, "\x01\x02\x03\x04\xff\xff\xff\xfe", 8), 0);
	close(ctl[0]);
	close(ctl[1]);
}
END_TEST

static bool
is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

START_TEST(test_malformed_requests)
{
	static const uint8_t wrong_op[TMPL_MSG_LEN] = { 'X', 0, 0, 0, 0, 0, 0, 1 };
	int ctl[2], fd = -1, before;
	uint32_t seq;

	/* No descriptor. */
	pair(ctl);
	ck_assert_int_eq(write(ctl[0], "S\0\0\0\0\0\0\1", 8), 8);
	errno = 0;
	ck_assert_int_eq(tmpl_recv_request(ctl[1], &seq, &fd), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* A wrong op with a descriptor: refused, and the descriptor it
	 * brought is not left open. */
	before = dup(0);
	close(before);
	{
		union {
			struct cmsghdr h;
			char buf[CMSG_SPACE(sizeof(int))];
		} u;
		int sent = 0;
		struct iovec iov = { (void *)wrong_op, sizeof(wrong_op) };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
		    .msg_controllen = sizeof(u.buf) };
		struct cmsghdr *c;

		memset(u.buf, 0, sizeof(u.buf));
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &sent, sizeof(sent));
		ck_assert_int_eq(sendmsg(ctl[0], &msg, 0), (ssize_t)sizeof(wrong_op));
	}
	errno = 0;
	ck_assert_int_eq(tmpl_recv_request(ctl[1], &seq, &fd), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert(!is_open(before));
	/* A request cut short by EOF. */
	ck_assert_int_eq(write(ctl[0], "S\0\0", 3), 3);
	close(ctl[0]);
	ck_assert_int_eq(tmpl_recv_request(ctl[1], &seq, &fd), -1);
	close(ctl[1]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("tmpl");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_request_roundtrip);
	tcase_add_test(tc, test_reply_roundtrip);
	tcase_add_test(tc, test_malformed_requests);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
