#include "compiler.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "log.h"

extern char **environ;

struct compiler {
	struct event_base *base;
	char *host_path;
	char cache_dir[PATH_MAX];
	char dir[94];			/* private directory of the socket */
	char sock[108];			/* fits sun_path */
	bool bound;			/* sock is ours to unlink */
	uint64_t cache_max;
	int log_level;
	int lfd;
	struct event *accept_ev;	/* armed while no server runs */
	struct event *death_ev;		/* EOF on the server's pipe */
	struct event *backoff;
	int death_fd;
	pid_t pid;
	double started;
	double delay;			/* next restart delay after a quick death */
};

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
compiler_default_cache_dir(char *out, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (geteuid() == 0)
		n = snprintf(out, len, "/var/cache/workersd");
	else if (xdg != NULL && xdg[0] == '/')
		n = snprintf(out, len, "%s/workersd", xdg);
	else if (home != NULL && home[0] == '/')
		n = snprintf(out, len, "%s/.cache/workersd", home);
	else
		return -1;
	return n > 0 && (size_t)n < len ? 0 : -1;
}

/* mkdir -p with mode for the directories it makes. */
static int
make_dirs(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, mode) == -1 && errno != EEXIST ? -1 : 0;
}

static void arm_accept(struct compiler *c);

static void
on_backoff(evutil_socket_t fd, short what, void *arg)
{
	arm_accept(arg);
}

static void
on_death(evutil_socket_t fd, short what, void *arg)
{
	struct compiler *c = arg;
	double lived = mono_s() - c->started;
	struct timeval tv;

	event_free(c->death_ev);
	c->death_ev = NULL;
	close(c->death_fd);
	c->death_fd = -1;
	c->pid = -1;
	if (lived >= COMPILER_QUICK_DEATH_S) {
		log_msg(c->log_level, L_WARNING, "compile server ended after %.0f s; the next request starts another", lived);
		c->delay = 0;
		arm_accept(c);
		return;
	}
	c->delay = c->delay == 0 ? COMPILER_BACKOFF_MIN_S : fmin(c->delay * 2, COMPILER_BACKOFF_MAX_S);
	log_msg(c->log_level, L_WARNING, "compile server ended after %.1f s; restarting in %.1f s", lived, c->delay);
	tv.tv_sec = (time_t)c->delay;
	tv.tv_usec = (suseconds_t)((c->delay - (double)tv.tv_sec) * 1e6);
	evtimer_add(c->backoff, &tv);
}

static int
start_server(struct compiler *c)
{
	char max[32];
	char *argv[] = { "worker-host", "--compile", "--listen-fd", "3", "--cache-dir", c->cache_dir,
		"--cache-max", max, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t all, none;
	int p[2], rc;

	snprintf(max, sizeof(max), "%" PRIu64, c->cache_max);
	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	posix_spawn_file_actions_init(&fa);
	/* fd 3 is the listening socket; fd 4 the pipe whose end tells us it died */
	posix_spawn_file_actions_adddup2(&fa, c->lfd, 3);
	posix_spawn_file_actions_adddup2(&fa, p[1], 4);
	rc = posix_spawn(&c->pid, c->host_path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		errno = rc;
		return -1;
	}
	c->death_fd = p[0];
	c->death_ev = event_new(c->base, p[0], EV_READ, on_death, c);
	if (c->death_ev == NULL || event_add(c->death_ev, NULL) == -1) {
		kill(c->pid, SIGKILL);
		return -1;
	}
	c->started = mono_s();
	log_msg(c->log_level, L_INFO, "compile server started (pid %ld)", (long)c->pid);
	return 0;
}

static void
on_first_connect(evutil_socket_t fd, short what, void *arg)
{
	struct compiler *c = arg;
	struct timeval tv = { 1, 0 };

	if (start_server(c) == 0)
		return;
	log_msg(c->log_level, L_ERR, "cannot start the compile server %s: %s", c->host_path, strerror(errno));
	evtimer_add(c->backoff, &tv);
}

static void
arm_accept(struct compiler *c)
{
	event_add(c->accept_ev, NULL);
}

/* NEAR.compile when that fits (a stale one is ours: the daemon socket
 * beside it is), else compile.sock in a fresh 0700 directory. */
static int
socket_path(struct compiler *c, const char *near, char *err, size_t errlen)
{
	static const char suffix[] = ".compile";
	const char *tmp = getenv("TMPDIR");

	if (near != NULL && near[0] == '/' && strlen(near) + sizeof(suffix) <= sizeof(c->sock)) {
		snprintf(c->sock, sizeof(c->sock), "%s%s", near, suffix);
		(void)unlink(c->sock);
		return 0;
	}
	if (tmp == NULL || tmp[0] != '/' || strlen(tmp) > 64)
		tmp = "/tmp";
	snprintf(c->dir, sizeof(c->dir), "%s/workersd-compile-XXXXXX", tmp);
	if (mkdtemp(c->dir) == NULL) {
		snprintf(err, errlen, "%s: %s", c->dir, strerror(errno));
		c->dir[0] = '\0';
		return -1;
	}
	snprintf(c->sock, sizeof(c->sock), "%s/compile.sock", c->dir);
	return 0;
}

static int
listen_private(struct compiler *c, const char *near, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (socket_path(c, near, err, errlen) == -1)
		return -1;
	memcpy(sa.sun_path, c->sock, strlen(c->sock) + 1);
	c->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->lfd == -1 || bind(c->lfd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		snprintf(err, errlen, "%s: %s", c->sock, strerror(errno));
		return -1;
	}
	c->bound = true;
	if (chmod(c->sock, 0600) == -1 || listen(c->lfd, COMPILER_BACKLOG) == -1) {
		snprintf(err, errlen, "%s: %s", c->sock, strerror(errno));
		return -1;
	}
	return 0;
}

struct compiler *
compiler_new(struct event_base *base, const char *host_path, const char *near, const char *cache_dir,
    uint64_t cache_max, int log_level, char *err, size_t errlen)
{
	struct compiler *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->host_path = strdup(host_path)) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(c);
		return NULL;
	}
	c->base = base;
	c->lfd = c->death_fd = -1;
	c->pid = -1;
	c->cache_max = cache_max;
	c->log_level = log_level;
	if (strlen(cache_dir) >= sizeof(c->cache_dir) || make_dirs(cache_dir, geteuid() == 0 ? 0755 : 0700) == -1) {
		snprintf(err, errlen, "cache directory %s: %s", cache_dir, strerror(errno));
		compiler_free(c);
		return NULL;
	}
	memcpy(c->cache_dir, cache_dir, strlen(cache_dir) + 1);
	if (listen_private(c, near, err, errlen) == -1) {
		compiler_free(c);
		return NULL;
	}
	c->accept_ev = event_new(base, c->lfd, EV_READ, on_first_connect, c);
	c->backoff = evtimer_new(base, on_backoff, c);
	if (c->accept_ev == NULL || c->backoff == NULL) {
		snprintf(err, errlen, "out of memory");
		compiler_free(c);
		return NULL;
	}
	arm_accept(c);
	return c;
}

const char *
compiler_socket(const struct compiler *c)
{
	return c->sock;
}

const char *
compiler_cache_dir(const struct compiler *c)
{
	return c->cache_dir;
}

void
compiler_free(struct compiler *c)
{
	if (c == NULL)
		return;
	if (c->pid > 0) {
		kill(c->pid, SIGTERM);
		(void)waitpid(c->pid, NULL, 0);
	}
	if (c->death_ev != NULL)
		event_free(c->death_ev);
	if (c->death_fd != -1)
		close(c->death_fd);
	if (c->accept_ev != NULL)
		event_free(c->accept_ev);
	if (c->backoff != NULL)
		event_free(c->backoff);
	if (c->lfd != -1)
		close(c->lfd);
	if (c->bound)
		unlink(c->sock);
	if (c->dir[0] != '\0')
		rmdir(c->dir);
	free(c->host_path);
	free(c);
}
