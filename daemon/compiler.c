#include "compiler.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
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

#include "clock.h"
#include "log.h"

extern char **environ;

/* One server process of the pool; restarted on its own. */
struct cserver {
	struct compiler *c;
	unsigned index;			/* 1-based, for the log */
	struct event *death_ev;		/* EOF on the server's pipe */
	struct event *backoff;		/* pending while it waits out a quick death */
	int death_fd;
	pid_t pid;
	double started;
	double delay;			/* next restart delay after a quick death */
};

struct compiler {
	struct event_base *base;
	char *host_path;
	char cache_dir[PATH_MAX];
	char dir[94];			/* private directory of the socket */
	char sock[108];			/* fits sun_path */
	bool bound;			/* sock is ours to unlink */
	uint64_t cache_max;
	int log_level;
	bool drop;			/* a root daemon: the servers run as uid:gid */
	uid_t uid;
	gid_t gid;
	int lfd;
	struct event *accept_ev;	/* armed while a server is down and may start */
	unsigned nservers;
	struct cserver *srv;
};

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
	struct cserver *s = arg;

	arm_accept(s->c);
}

static void
wait_out(struct cserver *s, double delay)
{
	struct timeval tv;

	tv.tv_sec = (time_t)delay;
	tv.tv_usec = (suseconds_t)((delay - (double)tv.tv_sec) * 1e6);
	evtimer_add(s->backoff, &tv);
}

static void
on_death(evutil_socket_t fd, short what, void *arg)
{
	struct cserver *s = arg;
	struct compiler *c = s->c;
	double lived = mono_s() - s->started;

	event_free(s->death_ev);
	s->death_ev = NULL;
	close(s->death_fd);
	s->death_fd = -1;
	s->pid = -1;
	if (lived >= COMPILER_QUICK_DEATH_S) {
		log_msg(c->log_level, L_WARNING, "compile server %u ended after %.0f s; the next request starts another",
		    s->index, lived);
		s->delay = 0;
		arm_accept(c);
		return;
	}
	s->delay = s->delay == 0 ? COMPILER_BACKOFF_MIN_S : fmin(s->delay * 2, COMPILER_BACKOFF_MAX_S);
	log_msg(c->log_level, L_WARNING, "compile server %u ended after %.1f s; restarting in %.1f s",
	    s->index, lived, s->delay);
	wait_out(s, s->delay);
}

static int
start_server(struct cserver *s)
{
	struct compiler *c = s->c;
	char max[32], uid[24], gid[24];
	char *argv[] = { "worker-host", "--compile", "--listen-fd", "3", "--cache-dir", c->cache_dir,
		"--cache-max", max, c->drop ? "--uid" : NULL, uid, "--gid", gid, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t all, none;
	int p[2], rc;

	snprintf(max, sizeof(max), "%" PRIu64, c->cache_max);
	snprintf(uid, sizeof(uid), "%lu", (unsigned long)c->uid);
	snprintf(gid, sizeof(gid), "%lu", (unsigned long)c->gid);
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
	rc = posix_spawn(&s->pid, c->host_path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		s->pid = -1;
		errno = rc;
		return -1;
	}
	s->death_fd = p[0];
	s->death_ev = event_new(c->base, p[0], EV_READ, on_death, s);
	if (s->death_ev == NULL || event_add(s->death_ev, NULL) == -1) {
		kill(s->pid, SIGKILL);
		return -1;
	}
	s->started = mono_s();
	log_msg(c->log_level, L_INFO, "compile server %u started (pid %ld)", s->index, (long)s->pid);
	return 0;
}

/* A server that is down and not waiting out a quick death may start. */
static bool
may_start(const struct cserver *s)
{
	return s->pid == -1 && !evtimer_pending(s->backoff, NULL);
}

/* A connection is waiting: every server that may start does, all at once,
 * so that a burst of requests meets the whole pool (the servers share the
 * listening socket, and the kernel hands each connection to one that is
 * in accept). */
static void
on_first_connect(evutil_socket_t fd, short what, void *arg)
{
	struct compiler *c = arg;

	for (unsigned i = 0; i < c->nservers; i++) {
		struct cserver *s = &c->srv[i];

		if (!may_start(s) || start_server(s) == 0)
			continue;
		log_msg(c->log_level, L_ERR, "cannot start the compile server %s: %s", c->host_path, strerror(errno));
		wait_out(s, 1.0);
	}
}

static void
arm_accept(struct compiler *c)
{
	for (unsigned i = 0; i < c->nservers; i++) {
		if (may_start(&c->srv[i])) {
			event_add(c->accept_ev, NULL);
			return;
		}
	}
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
	if (c->drop && chmod(c->dir, 0711) == -1) {
		snprintf(err, errlen, "%s: %s", c->dir, strerror(errno));
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
	if (chmod(c->sock, c->drop ? 0666 : 0600) == -1 || listen(c->lfd, COMPILER_BACKLOG) == -1) {
		snprintf(err, errlen, "%s: %s", c->sock, strerror(errno));
		return -1;
	}
	return 0;
}

unsigned
compiler_default_servers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > COMPILER_SERVERS_DEFAULT_MAX ? COMPILER_SERVERS_DEFAULT_MAX : (unsigned)n;
}

static int
make_servers(struct compiler *c, unsigned n)
{
	if ((c->srv = calloc(n, sizeof(*c->srv))) == NULL)
		return -1;
	c->nservers = n;
	for (unsigned i = 0; i < n; i++) {
		c->srv[i] = (struct cserver){ .c = c, .index = i + 1, .death_fd = -1, .pid = -1 };
		if ((c->srv[i].backoff = evtimer_new(c->base, on_backoff, &c->srv[i])) == NULL)
			return -1;
	}
	return 0;
}

/* A root daemon's servers run as user (default COMPILER_USER_DEFAULT),
 * which owns the cache directory; others may only traverse it. */
static int
take_user(struct compiler *c, const char *user, char *err, size_t errlen)
{
	struct passwd *pw;

	if (geteuid() != 0) {
		if (user == NULL)
			return 0;
		snprintf(err, errlen, "--compiler-user %s: only a root daemon changes the compile server's user", user);
		return -1;
	}
	if (user == NULL)
		user = COMPILER_USER_DEFAULT;
	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "compile server user %s: %s", user, errno ? strerror(errno) : "no such user");
		return -1;
	}
	if (pw->pw_uid == 0) {
		snprintf(err, errlen, "compile server user %s: must not be root", user);
		return -1;
	}
	c->drop = true;
	c->uid = pw->pw_uid;
	c->gid = pw->pw_gid;
	return 0;
}

static int
own_cache_dir(struct compiler *c, const char *cache_dir, char *err, size_t errlen)
{
	if (strlen(cache_dir) >= sizeof(c->cache_dir) || make_dirs(cache_dir, c->drop ? 0755 : 0700) == -1 ||
	    (c->drop && (chown(cache_dir, c->uid, c->gid) == -1 || chmod(cache_dir, 0711) == -1))) {
		snprintf(err, errlen, "cache directory %s: %s", cache_dir, strerror(errno));
		return -1;
	}
	memcpy(c->cache_dir, cache_dir, strlen(cache_dir) + 1);
	return 0;
}

struct compiler *
compiler_new(struct event_base *base, const char *host_path, const char *near, const char *cache_dir,
    uint64_t cache_max, unsigned servers, const char *user, int log_level, char *err, size_t errlen)
{
	struct compiler *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->host_path = strdup(host_path)) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(c);
		return NULL;
	}
	c->base = base;
	c->lfd = -1;
	c->cache_max = cache_max;
	c->log_level = log_level;
	if (take_user(c, user, err, errlen) == -1 || own_cache_dir(c, cache_dir, err, errlen) == -1 ||
	    listen_private(c, near, err, errlen) == -1) {
		compiler_free(c);
		return NULL;
	}
	c->accept_ev = event_new(base, c->lfd, EV_READ, on_first_connect, c);
	if (c->accept_ev == NULL || make_servers(c, servers) == -1) {
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

static void
stop_server(struct cserver *s)
{
	if (s->pid > 0)
		(void)waitpid(s->pid, NULL, 0);
	if (s->death_ev != NULL)
		event_free(s->death_ev);
	if (s->death_fd != -1)
		close(s->death_fd);
	if (s->backoff != NULL)
		event_free(s->backoff);
}

void
compiler_free(struct compiler *c)
{
	if (c == NULL)
		return;
	/* all told first, so that they end together */
	for (unsigned i = 0; i < c->nservers; i++)
		if (c->srv[i].pid > 0)
			kill(c->srv[i].pid, SIGTERM);
	for (unsigned i = 0; i < c->nservers; i++)
		stop_server(&c->srv[i]);
	free(c->srv);
	if (c->accept_ev != NULL)
		event_free(c->accept_ev);
	if (c->lfd != -1)
		close(c->lfd);
	if (c->bound)
		unlink(c->sock);
	if (c->dir[0] != '\0')
		rmdir(c->dir);
	free(c->host_path);
	free(c);
}
