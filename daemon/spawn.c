#include "spawn.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

struct spawner {
	char *path;
	posix_spawnattr_t attr;
};

struct spawner *
spawner_new(const char *host_path)
{
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
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&sp->attr, &all);
	posix_spawnattr_setsigmask(&sp->attr, &none);
	posix_spawnattr_setpgroup(&sp->attr, 0);
	posix_spawnattr_setflags(&sp->attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
	    POSIX_SPAWN_SETSIGMASK);
	return sp;
}

void
spawner_free(struct spawner *sp)
{
	if (sp == NULL)
		return;
	posix_spawnattr_destroy(&sp->attr);
	free(sp->path);
	free(sp);
}

pid_t
spawner_start(struct spawner *sp, int fd, char *err, size_t errlen)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = { (char *)"worker-host", NULL };
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
