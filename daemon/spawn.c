/*
 * spawn.c - the spawner (spawn.h): posix_spawn of worker-host, and the
 * template link.  Requests to the template wait in a ring, oldest first;
 * the template answers them in order, so its next answer is always for the
 * ring's head, and one timer, re-armed whenever the head changes, is the
 * timeout of every waiting spawn.
 */
#include "spawn.h"

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "tmpl.h"

extern char **environ;

struct pending {
	int fd;			/* the host's end, kept for the fall-back */
	uint32_t seq;
	spawn_cb cb;
	void *arg;
};

struct spawner {
	struct event_base *base;
	char *path;
	posix_spawnattr_t attr;
	bool use_template;
	int log_level;
	unsigned failures;	/* template failures in a row */

	int ctl;		/* control socket to the template, or -1 */
	pid_t tpid;
	unsigned gen;		/* templates started so far */
	struct event *rev, *wev;
	struct event *brk;	/* made active when the link fails (why in broken) */
	char broken[128];
	struct event *timer;	/* the head's timeout */
	bool failing;		/* waiting spawns are being started by exec */
	uint8_t part[TMPL_MSG_LEN];	/* an answer read in part */
	size_t partlen;

	struct pending q[SPAWN_PENDING_MAX];
	unsigned head, count;	/* the waiting spawns */
	unsigned nsent;		/* of which the template has been sent */
	uint32_t next_seq;
};

static int template_start(struct spawner *sp, char *err, size_t errlen);
static void on_timer(evutil_socket_t fd, short what, void *arg);

struct spawner *
spawner_new(struct event_base *base, const char *host_path, bool use_template, int log_level)
{
	char err[256];
	struct spawner *sp = calloc(1, sizeof(*sp));
	sigset_t all, none;

	if (sp == NULL)
		return NULL;
	sp->path = strdup(host_path);
	sp->timer = evtimer_new(base, on_timer, sp);
	if (sp->path == NULL || sp->timer == NULL || posix_spawnattr_init(&sp->attr) != 0) {
		if (sp->timer != NULL)
			event_free(sp->timer);
		free(sp->path);
		free(sp);
		return NULL;
	}
	sp->base = base;
	sp->ctl = -1;
	sp->use_template = use_template;
	sp->log_level = log_level;
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
	event_free(sp->rev);
	event_free(sp->wev);
	event_free(sp->brk);
	sp->rev = sp->wev = sp->brk = NULL;
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
	for (; sp->count > 0; sp->count--, sp->head = (sp->head + 1) % SPAWN_PENDING_MAX)
		close(sp->q[sp->head].fd);
	event_free(sp->timer);
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

/* A plain host on fd, which is closed either way. */
static pid_t
exec_plain(struct spawner *sp, int fd, char *err, size_t errlen)
{
	char *const argv[] = { (char *)"worker-host", NULL };
	pid_t pid = exec_host(sp, fd, argv, err, errlen);

	close(fd);
	return pid;
}

static void read_answers(struct spawner *sp);
static void flush(struct spawner *sp);
static void on_broken(evutil_socket_t fd, short what, void *arg);

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	read_answers(arg);
}

static void
on_writable(evutil_socket_t fd, short what, void *arg)
{
	flush(arg);
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
	sp->rev = event_new(sp->base, sv[0], EV_READ | EV_PERSIST, on_readable, sp);
	sp->wev = event_new(sp->base, sv[0], EV_WRITE, on_writable, sp);
	sp->brk = event_new(sp->base, -1, 0, on_broken, sp);
	if (sp->rev == NULL || sp->wev == NULL || sp->brk == NULL || fcntl(sv[0], F_SETFL, O_NONBLOCK) == -1 ||
	    event_add(sp->rev, NULL) == -1) {
		snprintf(err, errlen, "worker host template: out of memory");
		sp->tpid = -1;
	} else {
		sp->tpid = exec_host(sp, sv[1], argv, err, errlen);
	}
	close(sv[1]);
	if (sp->tpid == -1) {
		if (sp->rev != NULL)
			event_free(sp->rev);
		if (sp->wev != NULL)
			event_free(sp->wev);
		if (sp->brk != NULL)
			event_free(sp->brk);
		sp->rev = sp->wev = sp->brk = NULL;
		close(sv[0]);
		return -1;
	}
	sp->ctl = sv[0];
	sp->gen++;
	sp->broken[0] = '\0';
	sp->partlen = 0;
	return 0;
}

static struct pending
pop(struct spawner *sp)
{
	struct pending p = sp->q[sp->head];

	sp->head = (sp->head + 1) % SPAWN_PENDING_MAX;
	sp->count--;
	if (sp->nsent > 0)
		sp->nsent--;
	return p;
}

/* The head has just changed: it gets the whole timeout for itself. */
static void
rearm(struct spawner *sp)
{
	struct timeval tv = { SPAWN_TEMPLATE_TIMEOUT_MS / 1000, (SPAWN_TEMPLATE_TIMEOUT_MS % 1000) * 1000 };

	if (sp->count == 0)
		evtimer_del(sp->timer);
	else
		evtimer_add(sp->timer, &tv);
}

static void
fall_back(struct spawner *sp, struct pending *p)
{
	char err[256];
	pid_t pid = exec_plain(sp, p->fd, err, sizeof(err));

	p->cb(pid, pid == -1 ? err : NULL, p->arg);
}

/* Today's template is done for: every spawn waiting on it starts by exec
 * (spawns asked for meanwhile too), then a new template gets ready for the
 * next ones. */
static void
template_failed(struct spawner *sp, const char *why)
{
	char err[256];
	struct pending p;

	log_msg(sp->log_level, L_WARNING, "worker host template (pid %d) %s; %u waiting spawn%s start%s by exec",
	    (int)sp->tpid, why, sp->count, sp->count == 1 ? "" : "s", sp->count == 1 ? "s" : "");
	template_stop(sp);
	sp->failing = true;
	while (sp->count > 0) {
		p = pop(sp);
		fall_back(sp, &p);
	}
	sp->failing = false;
	sp->nsent = 0;
	evtimer_del(sp->timer);
	if (++sp->failures < SPAWN_TEMPLATE_TRIES && sp->ctl == -1 && template_start(sp, err, sizeof(err)) == -1)
		log_msg(sp->log_level, L_WARNING, "%s", err);
}

/* Where no callback may run (inside spawner_start), a failed link is
 * handled from the event loop, at once. */
static void
link_broken(struct spawner *sp, const char *why)
{
	if (sp->broken[0] != '\0')
		return;
	snprintf(sp->broken, sizeof(sp->broken), "%s", why);
	event_active(sp->brk, EV_TIMEOUT, 1);
}

static void
on_broken(evutil_socket_t fd, short what, void *arg)
{
	struct spawner *sp = arg;

	template_failed(sp, sp->broken);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct spawner *sp = arg;
	char why[64];
	unsigned gen = sp->gen;
	uint32_t seq;

	if (sp->ctl == -1 || sp->count == 0)
		return;
	/* An answer may be waiting behind a long stretch of other work. */
	seq = sp->q[sp->head].seq;
	read_answers(sp);
	if (sp->ctl == -1 || sp->gen != gen || sp->count == 0 || sp->q[sp->head].seq != seq)
		return;
	snprintf(why, sizeof(why), "has not answered in %g s", SPAWN_TEMPLATE_TIMEOUT_MS / 1000.0);
	template_failed(sp, why);
}

static void
flush(struct spawner *sp)
{
	char why[128];
	struct pending *p;

	while (sp->ctl != -1 && sp->nsent < sp->count) {
		p = &sp->q[(sp->head + sp->nsent) % SPAWN_PENDING_MAX];
		if (tmpl_send_request(sp->ctl, p->seq, p->fd) == -1) {
			if (errno == EAGAIN) {
				event_add(sp->wev, NULL);
				return;
			}
			snprintf(why, sizeof(why), "cannot be sent a request: %s", strerror(errno));
			link_broken(sp, why);
			return;
		}
		sp->nsent++;
	}
}

/* A pid from the template must be a child of ours; it is made the leader
 * of its own group here too, so that whichever of us is first, a
 * terminate can never miss its group. */
static bool
is_worker(pid_t pid)
{
	return pid > 0 && !(setpgid(pid, pid) == -1 && errno != EACCES) && getpgid(pid) == pid;
}

static void
answer(struct spawner *sp, uint32_t seq, int32_t v)
{
	char why[128];
	struct pending p;

	if (sp->nsent == 0 || seq != sp->q[sp->head].seq) {
		template_failed(sp, "answered out of turn");
		return;
	}
	if (v >= 0 && !is_worker((pid_t)v)) {
		template_failed(sp, "answered with no worker");
		return;
	}
	p = pop(sp);
	rearm(sp);
	if (v < 0) {
		snprintf(why, sizeof(why), "fork: %s", strerror(-v));
		log_msg(sp->log_level, L_WARNING, "worker host template (pid %d) %s; that spawn starts by exec",
		    (int)sp->tpid, why);
		sp->failures++;
		fall_back(sp, &p);
		return;
	}
	sp->failures = 0;
	close(p.fd);
	p.cb((pid_t)v, NULL, p.arg);
}

static void
read_answers(struct spawner *sp)
{
	uint8_t buf[64 * TMPL_MSG_LEN];
	unsigned gen = sp->gen;
	size_t have, off;
	uint32_t seq;
	int32_t v;
	ssize_t n;

	while (sp->ctl != -1 && sp->gen == gen) {
		memcpy(buf, sp->part, sp->partlen);
		n = read(sp->ctl, buf + sp->partlen, sizeof(buf) - sp->partlen);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			template_failed(sp, n == 0 ? "closed its socket" : "cannot be read from");
			return;
		}
		have = sp->partlen + (size_t)n;
		sp->partlen = 0;
		/* An answer may end the template (and start another): the rest
		 * of buf was the old one's. */
		for (off = 0; have - off >= TMPL_MSG_LEN && sp->ctl != -1 && sp->gen == gen; off += TMPL_MSG_LEN) {
			tmpl_decode_reply(buf + off, &seq, &v);
			answer(sp, seq, v);
		}
		if (sp->ctl == -1 || sp->gen != gen)
			return;
		sp->partlen = have - off;
		memcpy(sp->part, buf + off, sp->partlen);
		if (have < sizeof(buf))
			return;
	}
}

void
spawner_poll(struct spawner *sp)
{
	if (sp != NULL && sp->ctl != -1)
		read_answers(sp);
}

pid_t
spawner_start(struct spawner *sp, int fd, spawn_cb cb, void *arg, char *err, size_t errlen)
{
	char why[256];
	struct pending *p;

	if (!sp->use_template || sp->failures >= SPAWN_TEMPLATE_TRIES || sp->failing ||
	    sp->count == SPAWN_PENDING_MAX)
		return exec_plain(sp, fd, err, errlen);
	if (sp->ctl == -1 && template_start(sp, why, sizeof(why)) == -1) {
		/* This spawn falls back to exec; a fresh template may get ready
		 * for the next one meanwhile. */
		if (++sp->failures < SPAWN_TEMPLATE_TRIES)
			(void)template_start(sp, why, sizeof(why));
		return exec_plain(sp, fd, err, errlen);
	}
	p = &sp->q[(sp->head + sp->count) % SPAWN_PENDING_MAX];
	*p = (struct pending){ fd, sp->next_seq++, cb, arg };
	if (++sp->count == 1)
		rearm(sp);
	flush(sp);
	return 0;
}
