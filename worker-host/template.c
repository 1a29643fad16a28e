#include "template.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>

#include "host.h"
#include "link.h"

#define CTL_FD 3

/* Waits for one request; returns the worker socket it carries, or -1 when
 * the daemon has gone (EOF) and the template should end. */
static int
recv_request(void)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	char op;
	struct iovec iov = { &op, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
	    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	ssize_t n;
	int fd;

	do
		n = recvmsg(CTL_FD, &msg, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (op != 'S' || c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int))) {
		fprintf(stderr, "worker-host: template: malformed request from the daemon\n");
		exit(1);
	}
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

static void
reply(int32_t v)
{
	ssize_t n;

	do
		n = write(CTL_FD, &v, sizeof(v));
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)sizeof(v))
		_exit(1);
}

/* In the worker: wait until the middle process is gone and we belong to the
 * daemon, then arm the parent-death signal against it.  A worker whose
 * daemon died meanwhile ends here. */
static void
adopt(pid_t middle, pid_t daemon)
{
	pid_t p;

	for (int i = 0; (p = getppid()) == middle; i++) {
		if (i > 100000)
			_exit(1);
		sched_yield();
	}
	if (p != daemon || prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != daemon)
		_exit(1);
}

/* The middle process: fork the worker, give it its own group, report. */
static void
middle(int fd, pid_t daemon)
{
	pid_t me = getpid(), w = fork();

	if (w == 0) {
		if (dup2(fd, LINK_FD) == -1)
			_exit(1);
		(void)close_range(LINK_FD + 1, ~0U, 0);
		(void)setpgid(0, 0);
		adopt(me, daemon);
		return;
	}
	if (w > 0)
		(void)setpgid(w, w);
	reply(w > 0 ? (int32_t)w : -errno);
	_exit(0);
}

void
template_serve(struct host *h)
{
	pid_t daemon = getppid();
	int fd;

	while ((fd = recv_request()) != -1) {
		pid_t m = fork();

		if (m == 0) {
			middle(fd, daemon);
			if (event_reinit(h->base) == -1)
				_exit(1);
			return;
		}
		close(fd);
		if (m < 0)
			reply(-errno);
		else
			(void)waitpid(m, NULL, 0);
	}
	exit(0);
}
