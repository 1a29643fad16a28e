/*
 * compile_fixture.c - starting a compile server for a test and waiting
 * until it listens (compile_fixture.h).
 */
#include "compile_fixture.h"

#include "tsuite.h"

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static bool
accepts(const char *sock)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
	ok = fd != -1 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	if (fd != -1)
		close(fd);
	return ok;
}

pid_t
compilefx_spawn(const char *sock, const char *cache, const char *cache_max)
{
	const char *build = getenv("WORKERSD_BUILD");
	char exe[PATH_MAX];
	struct timespec pause = { 0, 20 * 1000000L };
	int status;
	pid_t pid;

	snprintf(exe, sizeof(exe), "%s/worker-host", build && *build ? build : "build");
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		execl(exe, "worker-host", "--compile", "--listen", sock, "--cache-dir", cache,
		    "--cache-max", cache_max, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < COMPILEFX_START_S * 50; i++) {
		if (accepts(sock))
			return pid;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return -1;
		nanosleep(&pause, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

int
compilefx_start(struct compilefx *c)
{
	snprintf(c->dir, sizeof(c->dir), "/tmp/wsd-compilefx-XXXXXX");
	if (mkdtemp(c->dir) == NULL)
		return -1;
	snprintf(c->sock, sizeof(c->sock), "%s/compile.sock", c->dir);
	snprintf(c->cache, sizeof(c->cache), "%s/cache", c->dir);
	c->pid = compilefx_spawn(c->sock, c->cache, "67108864");
	return c->pid == -1 ? -1 : 0;
}

void
compilefx_stop(struct compilefx *c)
{
	char cmd[128];

	if (c->pid > 0) {
		kill(c->pid, SIGTERM);
		waitpid(c->pid, NULL, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", c->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", c->dir);
}

int
compilefx_run(struct compilefx *c, Suite *s, const char *who)
{
	int failed;

	if (compilefx_start(c) == -1) {
		fprintf(stderr, "%s: the compile server did not start\n", who);
		return 1;
	}
	failed = tsuite_run(s);
	compilefx_stop(c);
	return failed;
}
