/*
 * main.c - workersd: flags, the context, signals, the end-of-iteration
 * pass and the graceful stop (SIGTERM/SIGINT: no new spawns, unref'd
 * workers terminated at once, ref'd ones given --stop-timeout, then every
 * close event flushed and exit 0; a second signal terminates everything).
 *
 * It is the top of the daemon: it makes every module's state, wires the
 * worker layer's news (worker_ops) to the routing and stats modules, and
 * runs the end-of-iteration pass that reads what was queued, writes every
 * dirty link and frees what closed (docs/design.md).
 */
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <libgen.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cgroup.h"
#include "client.h"
#include "compiler.h"
#include "config.h"
#include "dlink.h"
#include "frame.h"
#include "listen.h"
#include "log.h"
#include "notify.h"
#include "req.h"
#include "bcast.h"
#include "route.h"
#include "spawn.h"
#include "spin.h"
#include "stats.h"
#include "worker.h"

#define READ_BUF (256 * 1024)
#define EXIT_FLUSH_S 2
/* Descriptors beside one per worker and per client: the listening socket,
 * the template's, the compile servers', libevent's own, the log. */
#define NOFILE_SLACK 64

/* The daemon: there is exactly one, made by main(); nothing else in the
 * daemon is global and mutable. */
struct wd {
	struct wd_config cfg;
	struct event_base *base;
	struct dlink_loop loop;
	struct listener lis;
	struct notifier notify;
	struct spawner *spawner;
	struct compiler *compiler;	/* NULL: no lowering (compiler.h) */
	struct cgroups cg;		/* a cgroup per worker, or off */
	struct wpool pool;
	struct router rt;
	struct bcast bc;
	struct stats st;
	struct core core;
	struct clients clients;
	bool ready;			/* every module above is initialised */

	struct spin spin;		/* --busy-poll */
	struct event *tick;		/* end-of-iteration work: writes, frees */
	bool kicked;
	struct event *listen_ev;
	struct event *accept_timer;	/* re-arms listen_ev after EMFILE */
	struct event *sig_term, *sig_int, *sig_chld;
	struct event *stop_timer;
	struct event *exit_timer;	/* bounds the final flush to clients */
	bool shutting_down;
	bool exiting;
};

enum {
	OPT_SOCKET = 256, OPT_GROUP, OPT_HOST, OPT_MAX_WORKERS, OPT_MAX_CLIENTS, OPT_MAX_FRAME,
	OPT_QUEUE, OPT_MAILBOX, OPT_MAILBOX_BYTES, OPT_CLIENT_BUF, OPT_LOG_BUF, OPT_GRACE,
	OPT_STOP, OPT_RECORDS, OPT_RECORDS_TTL, OPT_STATS_TIMEOUT, OPT_LOG_LEVEL, OPT_NO_TEMPLATE,
	OPT_CACHE_DIR, OPT_CACHE_MAX, OPT_COMPILERS, OPT_COMPILER_USER, OPT_CGROUP, OPT_OPEN_TIMEOUT,
	OPT_WORKER_USER, OPT_WORKER_GROUP, OPT_ALLOW_ROOT, OPT_BUSY_POLL, OPT_VERSION
};

static const struct option options[] = {
	{ "socket", required_argument, NULL, OPT_SOCKET },
	{ "socket-group", required_argument, NULL, OPT_GROUP },
	{ "host-path", required_argument, NULL, OPT_HOST },
	{ "max-workers", required_argument, NULL, OPT_MAX_WORKERS },
	{ "max-clients", required_argument, NULL, OPT_MAX_CLIENTS },
	{ "max-frame", required_argument, NULL, OPT_MAX_FRAME },
	{ "queue-limit", required_argument, NULL, OPT_QUEUE },
	{ "mailbox-limit", required_argument, NULL, OPT_MAILBOX },
	{ "mailbox-bytes", required_argument, NULL, OPT_MAILBOX_BYTES },
	{ "client-buffer-limit", required_argument, NULL, OPT_CLIENT_BUF },
	{ "log-buffer", required_argument, NULL, OPT_LOG_BUF },
	{ "grace", required_argument, NULL, OPT_GRACE },
	{ "open-timeout", required_argument, NULL, OPT_OPEN_TIMEOUT },
	{ "stop-timeout", required_argument, NULL, OPT_STOP },
	{ "records", required_argument, NULL, OPT_RECORDS },
	{ "records-ttl", required_argument, NULL, OPT_RECORDS_TTL },
	{ "stats-timeout", required_argument, NULL, OPT_STATS_TIMEOUT },
	{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
	{ "no-template", no_argument, NULL, OPT_NO_TEMPLATE },
	{ "cache-dir", required_argument, NULL, OPT_CACHE_DIR },
	{ "cache-max", required_argument, NULL, OPT_CACHE_MAX },
	{ "compilers", required_argument, NULL, OPT_COMPILERS },
	{ "compiler-user", required_argument, NULL, OPT_COMPILER_USER },
	{ "cgroup", required_argument, NULL, OPT_CGROUP },
	{ "worker-user", required_argument, NULL, OPT_WORKER_USER },
	{ "worker-group", required_argument, NULL, OPT_WORKER_GROUP },
	{ "allow-root-workers", no_argument, NULL, OPT_ALLOW_ROOT },
	{ "busy-poll", required_argument, NULL, OPT_BUSY_POLL },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: workersd [--socket PATH] [--socket-group GROUP] [--host-path PATH]\n"
	    "                [--max-workers N] [--max-clients N] [--max-frame SIZE]\n"
	    "                [--queue-limit SIZE] [--mailbox-limit N] [--mailbox-bytes SIZE]\n"
	    "                [--client-buffer-limit SIZE] [--log-buffer SIZE] [--grace SEC]\n"
	    "                [--open-timeout SEC] [--stop-timeout SEC] [--records N]\n"
	    "                [--records-ttl SEC] [--stats-timeout SEC] [--log-level LEVEL]\n"
	    "                [--no-template] [--cache-dir DIR] [--cache-max SIZE] [--compilers N]\n"
	    "                [--compiler-user USER] [--cgroup auto|off|DIR] [--worker-user USER]\n"
	    "                [--worker-group GROUP] [--allow-root-workers] [--busy-poll USEC]\n"
	    "                [--version]\n"
	    "See workersd(8).\n");
}

static void
defaults(struct wd_config *c)
{
	c->max_frame = FRAME_MAX_DEFAULT + 4096;
	c->max_workers = 10000;
	c->max_clients = 1024;
	c->queue_bytes = (size_t)16 << 20;
	c->mailbox_msgs = 4096;
	c->mailbox_bytes = (size_t)16 << 20;
	c->client_buffer = (size_t)16 << 20;
	c->log_bytes = (size_t)64 << 10;
	c->grace = 1.0;
	c->open_timeout = 30.0;
	c->stop_timeout = 10.0;
	c->records = 1000;
	c->records_ttl = 600.0;
	c->stats_timeout = 0.1;
	c->log_level = L_INFO;
	c->cache_max = (size_t)64 << 20;
	c->cgroup_arg = "auto";
	c->busy_poll = SPIN_DEFAULT_US;
}

/* A byte count with an optional K, M or G suffix (powers of 1024). */
static int
parse_size(const char *s, size_t min, size_t max, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno != 0 || *s == '-')
		return -1;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v > (max >> shift) || (v << shift) < min)
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

static int
parse_count(const char *s, unsigned min, unsigned max, unsigned *out)
{
	size_t v;

	if (parse_size(s, min, max, &v) == -1)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
parse_seconds(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
parse_flag(struct wd_config *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_SOCKET: c->socket_arg = arg; return 0;
	case OPT_GROUP: c->socket_group = arg; return 0;
	case OPT_HOST: c->host_arg = arg; return 0;
	case OPT_NO_TEMPLATE: c->no_template = true; return 0;
	case OPT_WORKER_USER: c->worker_user = arg; return *arg == '\0' ? -1 : 0;
	case OPT_WORKER_GROUP: c->worker_group = arg; return *arg == '\0' ? -1 : 0;
	case OPT_ALLOW_ROOT: c->allow_root_workers = true; return 0;
	case OPT_CACHE_DIR: c->cache_dir_arg = arg; return *arg == '\0' ? -1 : 0;
	case OPT_CGROUP: c->cgroup_arg = arg;
		return strcmp(arg, "auto") == 0 || strcmp(arg, "off") == 0 || arg[0] == '/' ? 0 : -1;
	case OPT_CACHE_MAX: return parse_size(arg, 1 << 20, (size_t)1 << 40, &c->cache_max);
	case OPT_COMPILERS: return parse_count(arg, 1, COMPILER_SERVERS_MAX, &c->compilers);
	case OPT_COMPILER_USER: c->compiler_user = arg; return *arg == '\0' ? -1 : 0;
	case OPT_MAX_WORKERS: return parse_count(arg, 1, 1000000, &c->max_workers);
	case OPT_MAX_CLIENTS: return parse_count(arg, 1, 1000000, &c->max_clients);
	case OPT_MAX_FRAME: return parse_size(arg, 64 << 10, (size_t)1 << 30, &c->max_frame);
	case OPT_QUEUE: return parse_size(arg, 1, (size_t)1 << 40, &c->queue_bytes);
	case OPT_MAILBOX: return parse_count(arg, 1, 100000000, &c->mailbox_msgs);
	case OPT_MAILBOX_BYTES: return parse_size(arg, 1, (size_t)1 << 40, &c->mailbox_bytes);
	case OPT_CLIENT_BUF: return parse_size(arg, 1, (size_t)1 << 40, &c->client_buffer);
	case OPT_LOG_BUF: return parse_size(arg, 0, (size_t)1 << 30, &c->log_bytes);
	case OPT_BUSY_POLL: return parse_count(arg, 0, SPIN_MAX_US, &c->busy_poll);
	case OPT_GRACE: return parse_seconds(arg, 0, 3600, &c->grace);
	case OPT_OPEN_TIMEOUT: return parse_seconds(arg, 0, 3600, &c->open_timeout);
	case OPT_STOP: return parse_seconds(arg, 0, 86400, &c->stop_timeout);
	case OPT_RECORDS: return parse_count(arg, 0, 10000000, &c->records);
	case OPT_RECORDS_TTL: return parse_seconds(arg, 0, 1e9, &c->records_ttl);
	case OPT_STATS_TIMEOUT: return parse_seconds(arg, 0, 60, &c->stats_timeout);
	case OPT_LOG_LEVEL: return (c->log_level = log_level_from(arg)) == -1 ? -1 : 0;
	default: return -1;
	}
}

static int
parse_args(struct wd_config *c, int argc, char **argv)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			exit(0);
		}
		if (opt == OPT_VERSION) {
			printf("workersd %s\n", WORKERSD_VERSION);
			exit(0);
		}
		if (opt == '?' || parse_flag(c, opt, optarg) == -1) {
			if (opt != '?')
				fprintf(stderr, "workersd: --%s %s: invalid value (see workersd(8))\n",
				    options[opt - OPT_SOCKET].name, optarg);
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "workersd: unexpected argument %s\n", argv[optind]);
		usage(stderr);
		return -1;
	}
	return 0;
}

/* --host-path, else worker-host next to this executable, else libexec. */
static void
find_host(struct wd_config *c)
{
	char self[PATH_MAX], *dir;
	ssize_t n;

	if (c->host_arg != NULL) {
		snprintf(c->host_path, sizeof(c->host_path), "%s", c->host_arg);
		return;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		dir = dirname(self);
		if ((size_t)snprintf(c->host_path, sizeof(c->host_path), "%s/worker-host", dir) <
		    sizeof(c->host_path) && access(c->host_path, X_OK) == 0)
			return;
	}
	snprintf(c->host_path, sizeof(c->host_path), "%s/worker-host", WORKERSD_LIBEXECDIR);
}

/* A worker's socket and a client's connection are a descriptor each, so
 * the usual soft limit of 1024 would refuse spawns long before
 * --max-workers: take the hard limit (hosts cap their own, confine.c), and
 * say so when even that is short. */
static void
raise_nofile(const struct wd_config *c)
{
	rlim_t need = (rlim_t)c->max_workers + c->max_clients + NOFILE_SLACK;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t soft = rl.rlim_cur;
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			rl.rlim_cur = soft;
	}
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need)
		WLOG(c, L_WARNING, "open-file limit %llu is below the %llu that --max-workers and --max-clients "
		    "need: spawns past it fail (raise the hard limit: LimitNOFILE=, ulimit -Hn)",
		    (unsigned long long)rl.rlim_cur, (unsigned long long)need);
}

static void
wd_kick(struct wd *wd)
{
	if (wd->kicked || wd->tick == NULL)
		return;
	wd->kicked = true;
	event_active(wd->tick, 0, 0);
}

static void
kick(void *arg)
{
	wd_kick(arg);
}

static void
wd_check_stopped(struct wd *wd)
{
	if (wd->shutting_down && wd->pool.nlive == 0 && !wd->exiting) {
		wd->exiting = true;
		clients_set_exiting(&wd->clients);
		wd_kick(wd);
	}
}

/* ---- the worker layer's news, to routing and stats ---- */

static void *
on_w_attach(struct worker *w, void *arg)
{
	struct wd *wd = arg;

	return route_worker_attach(&wd->rt, w);
}

static void
on_w_event(struct worker *w, unsigned kind, const struct msg_ev *ev, void *arg)
{
	route_worker_event(w, kind, ev);
}

static bool
on_w_can_take(struct worker *w, void *arg)
{
	return route_worker_can_take(w);
}

static void
on_w_message(struct worker *w, const uint8_t *data, size_t n, void *arg)
{
	route_worker_message(w, data, n);
}

static void
on_w_batch(struct worker *w, void *arg)
{
	route_worker_serve(w);
}

static void
on_w_stats(struct worker *w, uint32_t round, void *arg)
{
	struct wd *wd = arg;

	stats_answered(&wd->st, w, round);
}

static void
on_w_room(struct worker *w, void *arg)
{
	struct wd *wd = arg;

	route_worker_room(w);
	bcast_room(&wd->bc, w);
}

static void
on_w_terminated(struct worker *w, void *arg)
{
	route_worker_terminated(w);
}

static void
on_w_closed(struct worker *w, void *arg)
{
	struct wd *wd = arg;

	bcast_gone(&wd->bc, w);
	route_worker_closed(w);
	wd_check_stopped(wd);
}

static void
on_w_freeing(struct worker *w, void *arg)
{
	struct wd *wd = arg;

	bcast_gone(&wd->bc, w);
	route_worker_detach(w);
}

static void
on_w_bcast(struct worker *w, enum msg_type type, const struct msg_bcast *m, void *arg)
{
	struct wd *wd = arg;

	bcast_frame(&wd->bc, w, type, m);
}

static void
on_w_spawned(struct worker *w, void *arg)
{
	route_worker_spawned(w);
}

static const struct worker_ops worker_ops = {
	.attach = on_w_attach,
	.event = on_w_event,
	.can_take = on_w_can_take,
	.message = on_w_message,
	.batch = on_w_batch,
	.stats = on_w_stats,
	.room = on_w_room,
	.terminated = on_w_terminated,
	.closed = on_w_closed,
	.freeing = on_w_freeing,
	.spawned = on_w_spawned,
	.bcast = on_w_bcast,
};

static void
on_exit_timer(evutil_socket_t fd, short what, void *arg)
{
	struct wd *wd = arg;

	WLOG(&wd->cfg, L_NOTICE, "exiting with output to slow clients unsent");
	event_base_loopexit(wd->base, NULL);
}

/* The close events must reach the clients: wait for their output to be
 * written, for EXIT_FLUSH_S at most (clients call wd_kick as they drain). */
static void
exit_when_flushed(struct wd *wd)
{
	struct timeval tv = { EXIT_FLUSH_S, 0 };

	if (!clients_flushed(&wd->clients)) {
		if (!evtimer_pending(wd->exit_timer, NULL))
			evtimer_add(wd->exit_timer, &tv);
		return;
	}
	WLOG(&wd->cfg, L_NOTICE, "every worker has closed; exiting");
	event_base_loopexit(wd->base, NULL);
}

static void
on_tick(evutil_socket_t fd, short what, void *arg)
{
	struct wd *wd = arg;

	wd->kicked = false;
	/* What was queued during the iteration is read now, outside every
	 * caller: a worker that may be read again, a client whose post may
	 * fit.  Each may queue the other. */
	while (wpool_run(&wd->pool) | clients_run(&wd->clients))
		;
	dlink_flush_dirty(&wd->loop);
	/* One huge frame must not pin its scratch memory for good. */
	router_trim(&wd->rt);
	bcast_trim(&wd->bc);
	clients_free_dead(&wd->clients);
	wpool_expire(&wd->pool);
	if (wd->exiting)
		exit_when_flushed(wd);
}

static void
on_accept(evutil_socket_t fd, short what, void *arg)
{
	struct wd *wd = arg;
	struct timeval tv = { 0, 100000 };

	if (clients_accept(&wd->clients, &wd->lis) == -1) {
		/* Out of fds: stop looking at the socket for a moment instead of
		 * spinning on it. */
		event_del(wd->listen_ev);
		evtimer_add(wd->accept_timer, &tv);
	}
}

static void
on_accept_timer(evutil_socket_t fd, short what, void *arg)
{
	struct wd *wd = arg;

	event_add(wd->listen_ev, NULL);
}

static void
on_stop_timer(evutil_socket_t fd, short what, void *arg)
{
	struct wd *wd = arg;

	WLOG(&wd->cfg, L_NOTICE, "stop timeout passed: terminating %u workers", wd->pool.nlive);
	wpool_terminate(&wd->pool, true);
}

static void
on_stop_signal(evutil_socket_t sig, short what, void *arg)
{
	struct wd *wd = arg;
	struct timeval tv;
	char status[96];

	if (wd->shutting_down) {
		WLOG(&wd->cfg, L_NOTICE, "second stop signal: terminating every worker");
		wpool_terminate(&wd->pool, true);
		return;
	}
	wd->shutting_down = true;
	wpool_stop(&wd->pool);
	snprintf(status, sizeof(status), "STOPPING=1\nSTATUS=stopping, %u workers left", wd->pool.nlive);
	notify_send(&wd->notify, status);
	WLOG(&wd->cfg, L_NOTICE, "%s: stopping; %u workers", strsignal((int)sig), wd->pool.nlive);
	wpool_terminate(&wd->pool, false);
	tv.tv_sec = (time_t)wd->cfg.stop_timeout;
	tv.tv_usec = (suseconds_t)((wd->cfg.stop_timeout - (double)tv.tv_sec) * 1e6);
	evtimer_add(wd->stop_timer, &tv);
	wd_check_stopped(wd);
}

static void
on_sigchld(evutil_socket_t sig, short what, void *arg)
{
	struct wd *wd = arg;

	wpool_reap(&wd->pool);
}

/* The compile socket goes beside the daemon's (workerctl compile finds it
 * there); an activated socket's path is asked of the socket. */
static const char *
socket_near(struct wd *wd, struct sockaddr_un *sa)
{
	socklen_t len = sizeof(*sa);

	if (!wd->lis.activated)
		return wd->lis.path;
	memset(sa, 0, sizeof(*sa));
	if (getsockname(wd->lis.fd, (struct sockaddr *)sa, &len) == -1 || sa->sun_family != AF_UNIX ||
	    sa->sun_path[0] != '/' || memchr(sa->sun_path, '\0', sizeof(sa->sun_path)) == NULL)
		return NULL;
	return sa->sun_path;
}

/* Without a compiler, ES5 workers still run; lowered ones fail saying why. */
static void
start_compiler(struct wd *wd)
{
	char dflt[PATH_MAX], err[PATH_MAX + 128];
	const char *dir = wd->cfg.cache_dir_arg;
	struct sockaddr_un sa;

	if (dir == NULL && compiler_default_cache_dir(dflt, sizeof(dflt)) == 0)
		dir = dflt;
	if (dir == NULL) {
		WLOG(&wd->cfg, L_WARNING, "no cache directory (set --cache-dir): TypeScript and modern syntax are off");
		return;
	}
	wd->compiler = compiler_new(wd->base, wd->cfg.host_path, socket_near(wd, &sa), dir,
	    wd->cfg.cache_max, wd->cfg.compilers ? wd->cfg.compilers : compiler_default_servers(),
	    wd->cfg.compiler_user, wd->cfg.log_level, err, sizeof(err));
	if (wd->compiler == NULL)
		WLOG(&wd->cfg, L_WARNING, "%s: TypeScript and modern syntax are off", err);
}

/* Before the socket exists: a client may connect and SIGTERM the daemon at
 * once, and that must be a graceful stop, not death by the default action. */
static int
watch_signals(struct wd *wd)
{
	wd->sig_term = evsignal_new(wd->base, SIGTERM, on_stop_signal, wd);
	wd->sig_int = evsignal_new(wd->base, SIGINT, on_stop_signal, wd);
	wd->sig_chld = evsignal_new(wd->base, SIGCHLD, on_sigchld, wd);
	if (wd->sig_term == NULL || wd->sig_int == NULL || wd->sig_chld == NULL ||
	    event_add(wd->sig_term, NULL) == -1 || event_add(wd->sig_int, NULL) == -1 ||
	    event_add(wd->sig_chld, NULL) == -1)
		return -1;
	return 0;
}

static int
init_core(struct wd *wd)
{
	if (wpool_init(&wd->pool, &wd->cfg, &wd->loop, wd->spawner, wd->compiler, &wd->cg, &worker_ops, wd) == -1)
		return -1;
	router_init(&wd->rt, &wd->cfg, client_post_room, &wd->clients);
	bcast_init(&wd->bc, &wd->cfg);
	stats_init(&wd->st, &wd->cfg, wd->base, &wd->pool);
	wd->core = (struct core){ .cfg = &wd->cfg, .pool = &wd->pool, .rt = &wd->rt, .st = &wd->st };
	clients_init(&wd->clients, &wd->core, &wd->loop);
	wd->ready = true;
	return 0;
}

static int
setup(struct wd *wd)
{
	char err[512], status[PATH_MAX + 64];

	if (watch_signals(wd) == -1) {
		WLOG(&wd->cfg, L_ERR, "out of memory while starting");
		return -1;
	}
	if (notify_open(&wd->notify, err, sizeof(err)) == -1)
		WLOG(&wd->cfg, L_WARNING, "%s", err);
	if (listener_open(&wd->lis, wd->cfg.socket_arg, wd->cfg.socket_group, err, sizeof(err)) == -1) {
		WLOG(&wd->cfg, L_ERR, "%s", err);
		return -1;
	}
	/* Before the template and compile server exist: they start in the
	 * supervisor's cgroup. */
	if (cgroups_open(&wd->cg, wd->cfg.cgroup_arg, err, sizeof(err)) == -1) {
		WLOG(&wd->cfg, wd->cfg.cgroup_arg[0] == '/' ? L_ERR : L_WARNING, "%s", err);
		if (wd->cfg.cgroup_arg[0] == '/')
			return -1;
	}
	if (cgroups_on(&wd->cg))
		WLOG(&wd->cfg, L_INFO, "a cgroup per worker under %s", wd->cg.path);
	if (access(wd->cfg.host_path, X_OK) == -1)
		WLOG(&wd->cfg, L_WARNING, "worker host %s: %s (spawns will fail)", wd->cfg.host_path, strerror(errno));
	wd->spawner = spawner_new(wd->base, wd->cfg.host_path, !wd->cfg.no_template, wd->cfg.log_level);
	start_compiler(wd);
	wd->listen_ev = event_new(wd->base, wd->lis.fd, EV_READ | EV_PERSIST, on_accept, wd);
	wd->accept_timer = evtimer_new(wd->base, on_accept_timer, wd);
	wd->tick = event_new(wd->base, -1, 0, on_tick, wd);
	wd->stop_timer = evtimer_new(wd->base, on_stop_timer, wd);
	wd->exit_timer = evtimer_new(wd->base, on_exit_timer, wd);
	if (wd->spawner == NULL || dlink_loop_init(&wd->loop, wd->base, READ_BUF, wd->cfg.max_frame + FRAME_OVERHEAD, kick, wd) == -1 || wd->listen_ev == NULL || wd->accept_timer == NULL ||
	    wd->tick == NULL || wd->stop_timer == NULL || wd->exit_timer == NULL ||
	    init_core(wd) == -1 || event_add(wd->listen_ev, NULL) == -1) {
		WLOG(&wd->cfg, L_ERR, "out of memory while starting");
		return -1;
	}
	WLOG(&wd->cfg, L_INFO, "workersd %s listening on %s%s, worker host %s", WORKERSD_VERSION,
	    wd->lis.activated ? "a socket passed by systemd" : wd->lis.path,
	    wd->lis.activated ? "" : "", wd->cfg.host_path);
	snprintf(status, sizeof(status), "READY=1\nSTATUS=listening on %s",
	    wd->lis.activated ? "the systemd socket" : wd->lis.path);
	notify_send(&wd->notify, status);
	return 0;
}

static void
free_event(struct event **ev)
{
	if (*ev != NULL)
		event_free(*ev);
	*ev = NULL;
}

static void
teardown(struct wd *wd)
{
	if (wd->ready) {
		dlink_flush_dirty(&wd->loop);
		clients_free(&wd->clients);
		stats_free(&wd->st);
		wpool_free(&wd->pool);
		bcast_free(&wd->bc);
		router_free(&wd->rt);
	}
	free_event(&wd->listen_ev);
	free_event(&wd->accept_timer);
	free_event(&wd->tick);
	free_event(&wd->stop_timer);
	free_event(&wd->exit_timer);
	free_event(&wd->sig_term);
	free_event(&wd->sig_int);
	free_event(&wd->sig_chld);
	listener_close(&wd->lis);
	notify_close(&wd->notify);
	spawner_free(wd->spawner);
	compiler_free(wd->compiler);
	cgroups_close(&wd->cg);
	dlink_loop_free(&wd->loop);
	if (wd->base != NULL)
		event_base_free(wd->base);
	libevent_global_shutdown();
}

/* One turn of the loop without sleeping: yes when it read something or
 * was told to exit. */
static int
turn_ready(void *arg)
{
	struct wd *wd = arg;
	unsigned long reads = wd->loop.reads;

	event_base_loop(wd->base, EVLOOP_NONBLOCK);
	return wd->loop.reads != reads || event_base_got_exit(wd->base);
}

/* event_base_dispatch() with the busy-poll (spin.h): while frames come
 * back within the budget the loop turns without sleeping, so a message
 * and its reply are not each held up by this process's wake-up. */
static int
run(struct wd *wd)
{
	unsigned long reads;

	for (;;) {
		reads = wd->loop.reads;
		if (event_base_get_num_events(wd->base, EVENT_BASE_COUNT_ACTIVE) == 0)
			(void)spin_until(&wd->spin, turn_ready, wd);
		if (event_base_got_exit(wd->base))
			return 0;
		if (wd->loop.reads == reads && event_base_loop(wd->base, EVLOOP_ONCE) != 0)
			return -1;
		if (event_base_got_exit(wd->base))
			return 0;
		if (wd->loop.reads != reads)
			spin_woke(&wd->spin);
	}
}

/* Large frames come in blocks of their own (frame.h), several per read and
 * freed as the workers' sockets take them: glibc's default would hand the
 * top of the heap back to the kernel (and fault it in again) a few times
 * per batch, and map and unmap each block over 128 KiB. */
static void
tune_malloc(void)
{
	(void)mallopt(M_TRIM_THRESHOLD, 8 << 20);
	(void)mallopt(M_MMAP_THRESHOLD, 4 << 20);
}

int
main(int argc, char **argv)
{
	struct wd wd;
	char err[256];
	int rc = 1;

	memset(&wd, 0, sizeof(wd));
	defaults(&wd.cfg);
	if (parse_args(&wd.cfg, argc, argv) == -1)
		return 2;
	if (runas_init(&wd.cfg.runas, geteuid() == 0, wd.cfg.worker_user, wd.cfg.worker_group,
	    wd.cfg.allow_root_workers, err, sizeof(err)) == -1) {
		fprintf(stderr, "workersd: %s\n", err);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	tune_malloc();
	raise_nofile(&wd.cfg);
	find_host(&wd.cfg);
	wd.lis.fd = -1;
	wd.notify.fd = -1;
	wd.cg.dirfd = -1;
	spin_init(&wd.spin, wd.cfg.busy_poll);
	wd.base = event_base_new();
	if (wd.base != NULL && setup(&wd) == 0 && run(&wd) == 0)
		rc = 0;
	teardown(&wd);
	return rc;
}
