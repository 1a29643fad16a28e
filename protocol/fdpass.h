/*
 * fdpass.h - file descriptors riding with the bytes of a framed stream
 * (docs/protocol.md 2.9, the direct channel): the daemon hands one end of
 * a fresh socketpair to a worker host over its link and the other to a
 * client over its connection, each attached as SCM_RIGHTS to the first
 * byte of the frame that announces it.
 *
 * fdpass_send() writes bytes with one descriptor attached.  fdpass_read()
 * is the reader of a link that may carry them: it reads what the socket
 * has into an evbuffer, as evbuffer_read() would, and keeps each
 * descriptor that came along, close-on-exec, in a struct fdq, oldest first,
 * for the frame that announces it to take.  The queue is bounded
 * (FDQ_CAP): descriptors past it, or truncated by the kernel, are closed
 * and counted in `lost`, so a peer cannot make a reader hold descriptors
 * without end.
 */
#ifndef WP_FDPASS_H
#define WP_FDPASS_H

#include <stddef.h>
#include <sys/types.h>

struct evbuffer;
struct iovec;

#define FDQ_CAP 4

struct fdq {
	int fd[FDQ_CAP];
	unsigned n;
	unsigned lost;
};

/* Sends up to n bytes of p with fd attached, without SIGPIPE: the bytes
 * taken (at least 1 when it succeeds: the descriptor went with them), or
 * -1 with errno (EAGAIN: nothing was sent). */
ssize_t fdpass_send(int sock, const void *p, size_t n, int fd);
/* Reads up to max bytes into in: the count, 0 at EOF, -1 with errno. */
int fdpass_read(int sock, struct evbuffer *in, size_t max, struct fdq *q);
/* The same into iovecs the caller chose (frame.h's blocks): one recvmsg. */
ssize_t fdpass_readv(int sock, struct iovec *iov, int niov, struct fdq *q);
/* The oldest queued descriptor (now the caller's), or -1 when none. */
int fdq_take(struct fdq *q);
/* Closes every queued descriptor. */
void fdq_clear(struct fdq *q);

#endif
