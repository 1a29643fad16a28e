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
#include <sys/syscall.h>
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

/* The worker is forked with CLONE_PARENT: its parent is the daemon, not
 * the template, so the daemon reaps it, signals its group and is what the
 * parent-death signal watches, as if it had forked the worker itself.  The
 * raw system call skips glibc's fork wrapper; that is sound here because
 * the template is single-threaded and takes no locks, and glibc (2.34 on)
 * asks the kernel for the thread id wherever it signals itself. */
static pid_t
fork_sibling(void)
{
	return (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL);
}

/* In the worker: the socketpair becomes fd 3, the worker leads its own
 * process group and dies with the daemon.  A daemon already gone ends it. */
static void
become_worker(int fd, pid_t daemon)
{
	if (dup2(fd, LINK_FD) == -1)
		_exit(1);
	(void)close_range(LINK_FD + 1, ~0U, 0);
	(void)setpgid(0, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != daemon)
		_exit(1);
}

void
template_serve(struct host *h, char *mode_arg)
{
	pid_t daemon = getppid();
	int fd;

	while ((fd = recv_request()) != -1) {
		pid_t w = fork_sibling();

		if (w == 0) {
			memset(mode_arg, 0, strlen(mode_arg));
			become_worker(fd, daemon);
			if (event_reinit(h->base) == -1)
				_exit(1);
			return;
		}
		close(fd);
		reply(w > 0 ? (int32_t)w : -errno);
	}
	exit(0);
}
