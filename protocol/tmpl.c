/*
 * tmpl.c - encoding and decoding of the template link's two messages
 * (tmpl.h), and the recvmsg plumbing that takes the descriptor of each
 * request (sending it is fdpass.c's).
 */
#include "tmpl.h"

#include "fdpass.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define OP_SPAWN 'S'

union fdbuf {
	struct cmsghdr h;
	char buf[CMSG_SPACE(sizeof(int))];
};

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int
tmpl_send_request(int sock, uint32_t seq, int fd)
{
	uint8_t m[TMPL_MSG_LEN] = { OP_SPAWN, 0, 0, 0 };
	ssize_t n;

	put32(m + 4, seq);
	if ((n = fdpass_send(sock, m, sizeof(m), fd)) == -1)
		return -1;
	if (n != (ssize_t)sizeof(m)) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}

/* Closes every descriptor a refused message brought along. */
static void
close_passed(struct msghdr *msg)
{
	struct cmsghdr *c;
	size_t i, nfd;
	int fd;

	for (c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < nfd; i++) {
			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(fd));
			close(fd);
		}
	}
}

int
tmpl_recv_request(int sock, uint32_t *seq, int *fd)
{
	uint8_t m[TMPL_MSG_LEN];
	union fdbuf u;
	struct iovec iov = { m, sizeof(m) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
	    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	ssize_t n;

	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return (int)n;
	c = CMSG_FIRSTHDR(&msg);
	if (n != (ssize_t)sizeof(m) || m[0] != OP_SPAWN || m[1] != 0 || m[2] != 0 || m[3] != 0 ||
	    (msg.msg_flags & MSG_CTRUNC) != 0 || c == NULL || c->cmsg_level != SOL_SOCKET ||
	    c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int)) ||
	    CMSG_NXTHDR(&msg, c) != NULL) {
		close_passed(&msg);
		errno = EPROTO;
		return -1;
	}
	memcpy(fd, CMSG_DATA(c), sizeof(*fd));
	*seq = get32(m + 4);
	return 1;
}

int
tmpl_send_reply(int sock, uint32_t seq, int32_t result)
{
	uint8_t m[TMPL_MSG_LEN];
	size_t off = 0;
	ssize_t n;

	put32(m, seq);
	put32(m + 4, (uint32_t)result);
	while (off < sizeof(m)) {
		n = send(sock, m + off, sizeof(m) - off, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

void
tmpl_decode_reply(const uint8_t p[TMPL_MSG_LEN], uint32_t *seq, int32_t *result)
{
	*seq = get32(p);
	*result = (int32_t)get32(p + 4);
}
