#include "spawn.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern char **environ;

struct spawner {
	char *path;
	posix_spawnattr_t attr;
	bool use_template;
	int ctl;		/* control socket to the template, or -1 */
	pid_t tpid;
	unsigned failures;	/* template failures in a row */
};

static int template_start(struct spawner *sp, char *err, size_t errlen);

struct spawner *
spawner_new(const char *host_path, bool use_template)
{
	char err[256];
	struct spawner *sp = calloc(1, sizeof(*sp));
	sigset_t all, none;

	if (sp == NULL)
		return NULL;
	sp->path = strdup(host_path);
	if (sp->path == NULL || posix_spawnattr_init(&sp->attr) != 0) {
		free(sp->path);
		free(sp);
		return NULL;
	}
	sp->ctl = -1;
	sp->use_template = use_template;
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&sp->attr, &all);
	posix_spawnattr_setsigmask(&sp->attr, &none);
	posix_spawnattr_setpgroup(&sp->attr, 0);
	posix_spawnattr_setflags(&sp->attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
	    POSIX_SPAWN_SETSIGMASK);
	/* Started now so the first spawn is as fast as the others; a failure
	 * here is retried, and reported, by the first spawn. */
	if (sp->use_template)
		(void)template_start(sp, err, sizeof(err));
	return sp;
}

static void
template_stop(struct spawner *sp)
{
	if (sp->ctl == -1)
		return;
	close(sp->ctl);
	sp->ctl = -1;
	/* Closing its socket ends it; the kill is for one that hangs.  The
	 * reaper takes it like any unknown child. */
	kill(sp->tpid, SIGKILL);
}

void
spawner_free(struct spawner *sp)
{
	if (sp == NULL)
		return;
	template_stop(sp);
	posix_spawnattr_destroy(&sp->attr);
	free(sp->path);
	free(sp);
}

static pid_t
exec_host(struct spawner *sp, int fd, char *const argv[], char *err, size_t errlen)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	/* posix_spawn reports exec failure itself, but not under every
	 * emulation (valgrind): a missing host is refused here first. */
	if (access(sp->path, X_OK) == -1) {
		snprintf(err, errlen, "worker host %s: %s", sp->path, strerror(errno));
		return -1;
	}
	if (posix_spawn_file_actions_init(&fa) != 0) {
		snprintf(err, errlen, "worker host: out of memory");
		return -1;
	}
	/* dup2 onto itself would keep FD_CLOEXEC; the socketpair's fds are
	 * never 3 in practice (listener or stdio hold the low numbers), but
	 * glibc clears the flag for that case too. */
	rc = posix_spawn_file_actions_adddup2(&fa, fd, 3);
	if (rc == 0)
		rc = posix_spawn(&pid, sp->path, &fa, &sp->attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		snprintf(err, errlen, "worker host %s: %s", sp->path, strerror(rc));
		return -1;
	}
	return pid;
}

static int
template_start(struct spawner *sp, char *err, size_t errlen)
{
	char *const argv[] = { (char *)"worker-host", (char *)"--template", NULL };
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return -1;
	}
	sp->tpid = exec_host(sp, sv[1], argv, err, errlen);
	close(sv[1]);
	if (sp->tpid == -1) {
		close(sv[0]);
		return -1;
	}
	sp->ctl = sv[0];
	return 0;
}

static int
send_fd(int ctl, int fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	char op = 'S';
	struct iovec iov = { &op, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
	    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	ssize_t n;

	memset(u.buf, 0, sizeof(u.buf));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	do
		n = sendmsg(ctl, &msg, MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
	return n == 1 ? 0 : -1;
}

/* The template's answer: a pid, or -errno when its fork failed. */
static int
read_reply(int ctl, int32_t *v)
{
	struct pollfd p = { ctl, POLLIN, 0 };
	size_t got = 0;

	while (got < sizeof(*v)) {
		ssize_t n;
		int rc = poll(&p, 1, SPAWN_TEMPLATE_TIMEOUT_MS);
		if (rc == -1 && errno == EINTR)
			continue;
		if (rc <= 0)
			return -1;
		n = read(ctl, (char *)v + got, sizeof(*v) - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

/* -1 with err when the template could not do it (it is then stopped). */
static pid_t
template_spawn(struct spawner *sp, int fd, char *err, size_t errlen)
{
	int32_t v;

	if (sp->ctl == -1 && template_start(sp, err, errlen) == -1)
		return -1;
	if (send_fd(sp->ctl, fd) == -1 || read_reply(sp->ctl, &v) == -1) {
		snprintf(err, errlen, "worker host template (pid %d) does not answer", (int)sp->tpid);
		template_stop(sp);
		return -1;
	}
	if (v < 0) {
		snprintf(err, errlen, "worker host template: fork: %s", strerror(-v));
		return -1;
	}
	/* The worker is our child (CLONE_PARENT); it makes itself a group
	 * leader too, and whichever of us is first, a terminate can never
	 * miss its group.  A pid that is no child of ours is refused. */
	if (v == 0 || (setpgid((pid_t)v, (pid_t)v) == -1 && errno != EACCES) ||
	    getpgid((pid_t)v) != (pid_t)v) {
		snprintf(err, errlen, "worker host template (pid %d) answered with no worker", (int)sp->tpid);
		template_stop(sp);
		return -1;
	}
	sp->failures = 0;
	return (pid_t)v;
}

pid_t
spawner_start(struct spawner *sp, int fd, char *err, size_t errlen)
{
	char *const argv[] = { (char *)"worker-host", NULL };
	pid_t pid;

	if (sp->use_template && sp->failures < SPAWN_TEMPLATE_TRIES) {
		pid = template_spawn(sp, fd, err, errlen);
		if (pid > 0)
			return pid;
		/* This spawn falls back to exec; a fresh template gets ready for
		 * the next one meanwhile. */
		if (++sp->failures < SPAWN_TEMPLATE_TRIES && sp->ctl == -1)
			(void)template_start(sp, err, errlen);
	}
	return exec_host(sp, fd, argv, err, errlen);
}
