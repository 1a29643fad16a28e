/*
 * fdpass.c - sendmsg/recvmsg with SCM_RIGHTS for the links that carry a
 * descriptor with a frame (fdpass.h).  Reading goes straight into the
 * evbuffer's own space, so a link that reads this way costs no more than
 * evbuffer_read() when no descriptor comes.
 */
#include "fdpass.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <event2/buffer.h>

/* A read's size when the socket says nothing is waiting (its end, or an
 * error, is what recvmsg() will tell). */
#define READ_MIN 4096

union cmsg_space {
	struct cmsghdr h;
	char buf[CMSG_SPACE(sizeof(int) * FDQ_CAP)];
};

ssize_t
fdpass_send(int sock, const void *p, size_t n, int fd)
{
	union cmsg_space u;
	struct iovec iov = { (void *)p, n };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
	    .msg_controllen = CMSG_SPACE(sizeof(int)) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	ssize_t w;

	memset(u.buf, 0, sizeof(u.buf));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	do
		w = sendmsg(sock, &msg, MSG_NOSIGNAL);
	while (w == -1 && errno == EINTR);
	return w;
}

static void
keep(struct fdq *q, int fd)
{
	if (q->n < FDQ_CAP) {
		q->fd[q->n++] = fd;
		return;
	}
	close(fd);
	q->lost++;
}

/* What one read asks for: what the socket holds (at most max), as
 * evbuffer_read() sizes its reads, not max itself: space reserved is
 * memory, and a link's reads are mostly a frame or two. */
static size_t
read_size(int sock, size_t max)
{
	int avail = 0;

	if (ioctl(sock, FIONREAD, &avail) == -1 || avail <= 0)
		avail = READ_MIN;
	return (size_t)avail < max ? (size_t)avail : max;
}

/* Keeps the descriptors that came with a recvmsg. */
static void
keep_all(struct msghdr *msg, struct fdq *q)
{
	struct cmsghdr *c;
	size_t k, nfd;
	int fd;

	for (c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (k = 0; k < nfd; k++) {
			memcpy(&fd, CMSG_DATA(c) + k * sizeof(int), sizeof(fd));
			keep(q, fd);
		}
	}
	if ((msg->msg_flags & MSG_CTRUNC) != 0)
		q->lost++;
}

ssize_t
fdpass_readv(int sock, struct iovec *iov, int niov, struct fdq *q)
{
	union cmsg_space u;
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = (size_t)niov, .msg_control = u.buf,
	    .msg_controllen = sizeof(u.buf) };
	ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);

	if (n >= 0)
		keep_all(&msg, q);
	return n;
}

int
fdpass_read(int sock, struct evbuffer *in, size_t max, struct fdq *q)
{
	struct evbuffer_iovec v[2];
	struct iovec iov[2];
	int nv, i;
	size_t k;
	ssize_t n;

	if ((nv = evbuffer_reserve_space(in, (ev_ssize_t)read_size(sock, max), v, 2)) <= 0)
		return -1;
	for (i = 0; i < nv; i++)
		iov[i] = (struct iovec){ v[i].iov_base, v[i].iov_len };
	if ((n = fdpass_readv(sock, iov, nv, q)) < 0)
		return -1;
	/* commit exactly what came, chunk by chunk */
	for (i = 0; i < nv; i++) {
		k = (size_t)n < v[i].iov_len ? (size_t)n : v[i].iov_len;
		v[i].iov_len = k;
		n -= (ssize_t)k;
	}
	n = (ssize_t)(v[0].iov_len + (nv > 1 ? v[1].iov_len : 0));
	if (nv > 1 && v[1].iov_len == 0)
		nv = 1;
	if (evbuffer_commit_space(in, v, nv) == -1)
		return -1;
	return (int)n;
}

int
fdq_take(struct fdq *q)
{
	int fd;

	if (q->n == 0)
		return -1;
	fd = q->fd[0];
	memmove(q->fd, q->fd + 1, (q->n - 1) * sizeof(int));
	q->n--;
	return fd;
}

void
fdq_clear(struct fdq *q)
{
	while (q->n > 0)
		close(q->fd[--q->n]);
}
