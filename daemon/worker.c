/*
 * worker.c - the worker lifecycle and the pool of workers (worker.h): start
 * (the one call into spawn.c is start_host()), the host's frames, close,
 * reaping, close records.
 */
#include "worker.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "compiler.h"
#include "frame.h"
#include "spawn.h"

static void worker_on_read(struct dlink *l, void *arg);
static void worker_on_drain(struct dlink *l, void *arg);
static void maybe_closed(struct worker *w);
static void arm_kill_timer(struct worker *w);
static int arm_open_timer(struct worker *w);
static void worker_free(struct worker *w);

static void
kick(struct wpool *p)
{
	p->loop->kick(p->loop->kick_arg);
}

static void
on_record_expired(struct record *r, void *arg)
{
	worker_free(TABLE_ENTRY(r, struct worker, rec));
}

int
wpool_init(struct wpool *p, const struct wd_config *cfg, struct dlink_loop *loop, struct spawner *sp,
    struct compiler *cc, struct cgroups *cg, const struct worker_ops *ops, void *arg)
{
	*p = (struct wpool){ .cfg = cfg, .loop = loop, .spawner = sp, .compiler = cc, .cgroups = cg,
	    .ops = ops, .arg = arg, .admin = geteuid() };
	table_init(&p->by_id);
	table_init(&p->by_pid);
	table_init(&p->by_name);
	TAILQ_INIT(&p->live);
	TAILQ_INIT(&p->ready);
	pbuf_init(&p->out);
	return records_init(&p->records, loop->base, cfg->records, cfg->records_ttl, on_record_expired, p);
}

void
wpool_free(struct wpool *p)
{
	struct worker *w;

	TAILQ_FOREACH(w, &p->live, entry)
		if (!w->reaped && w->pid != 0)
			kill(-w->pid, SIGKILL);
	while ((w = TAILQ_FIRST(&p->live)) != NULL)
		worker_free(w);
	records_free(&p->records);
	table_free(&p->by_id);
	table_free(&p->by_pid);
	table_free(&p->by_name);
	pbuf_free(&p->out);
}

void
wpool_expire(struct wpool *p)
{
	records_expire(&p->records);
	if (p->out.cap > SCRATCH_KEEP)
		pbuf_free(&p->out);
}

void
wpool_stop(struct wpool *p)
{
	p->stopping = true;
}

const char *
worker_state_name(enum wstate s)
{
	static const char *const names[] = { "starting", "open", "closing", "closed" };

	return names[s];
}

struct worker *
worker_by_name(struct wpool *p, const char *name, size_t n)
{
	struct tnode *t;
	struct worker *rec = NULL, *w;

	for (t = table_first(&p->by_name, table_hash_str(name, n)); t != NULL; t = table_next(t)) {
		w = TABLE_ENTRY(t, struct worker, by_name);
		if (strlen(w->name) != n || memcmp(w->name, name, n) != 0)
			continue;
		if (w->state != WS_CLOSED)
			return w;
		if (rec == NULL || w->id > rec->id)
			rec = w;
	}
	return rec;
}

struct worker *
worker_by_id(struct wpool *p, uint64_t id)
{
	struct tnode *t = table_first(&p->by_id, id);

	return t != NULL ? TABLE_ENTRY(t, struct worker, by_id) : NULL;
}

struct worker *
worker_lookup(struct wpool *p, const struct msg_wid *wid, bool *bad)
{
	const char *s = wid->name.p;
	size_t n = wid->name.n;
	uint64_t id = 0;
	struct worker *w;

	*bad = false;
	if (!wid->is_name)
		return worker_by_id(p, wid->id);
	if (n == 0) {
		*bad = true;
		return NULL;
	}
	w = worker_by_name(p, s, n);
	if (w != NULL || n > 19)
		return w;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NULL;
		id = id * 10 + (uint64_t)(s[i] - '0');
	}
	return worker_by_id(p, id);
}

static char *
make_name(struct wpool *p, uint64_t id, const struct spawn_opts *o)
{
	char buf[64];
	unsigned k;
	struct worker *other;

	if (o->name != NULL)
		return strndup(o->name, o->name_len);
	snprintf(buf, sizeof(buf), "worker-%llu", (unsigned long long)id);
	/* A user may have taken the default name of a later worker. */
	for (k = 2; (other = worker_by_name(p, buf, strlen(buf))) != NULL &&
	    other->state != WS_CLOSED; k++)
		snprintf(buf, sizeof(buf), "worker-%llu-%u", (unsigned long long)id, k);
	return strdup(buf);
}

/* Builds a frame in p->out and sends it; the buffer is empty again after. */
static int
send_out(struct worker *w)
{
	struct pbuf *b = &w->pool->out;
	int rc = dlink_send(&w->link, b->data, b->len);

	pbuf_reset(b);
	return rc;
}

static int
write_init(struct worker *w, const struct spawn_opts *o)
{
	struct pbuf *b = &w->pool->out;
	struct compiler *cc = w->pool->compiler;
	struct msg_init m = {
		.id = w->id, .name = { w->name, strlen(w->name) },
		.script = { w->script, strlen(w->script) }, .args = o->args, .env = o->env,
		.cwd = o->cwd,
		.smol = o->smol, .heap_limit = o->heap_limit, .max_frame = w->pool->cfg->max_frame,
		.data = o->data, .legacy_decorators = o->legacy_decorators,
		.busy_poll = w->pool->cfg->busy_poll,
	};

	m.uid = o->run.uid;
	m.gid = o->run.gid;
	if (cc != NULL) {
		m.compiler = (struct msg_str){ compiler_socket(cc), strlen(compiler_socket(cc)) };
		m.cache_dir = (struct msg_str){ compiler_cache_dir(cc), strlen(compiler_cache_dir(cc)) };
	}
	if (msg_write_init(b, &m) == -1) {
		pbuf_reset(b);
		return -1;
	}
	if (send_out(w) == -1)
		return -1;
	dlink_hold(&w->link);
	return 0;
}

/* A host the template is still forking has pid 0 (and sits in by_pid
 * under 0) until the spawner reports it here (spawn.h); until then it is
 * not signalled, and a terminate or EOF meanwhile is carried out now. */
/* Its pid is known: logged, and the worker gets its own cgroup (or stays
 * in the supervisor's, with a warning, when that fails). */
static void
host_started(const struct worker *w)
{
	char err[PATH_MAX + 64];

	WLOG(w->pool->cfg, L_INFO, "worker %llu (%s): started %s, pid %d", (unsigned long long)w->id,
	    w->name, w->script, (int)w->pid);
	if (cgroup_add(w->pool->cgroups, w->id, w->pid, err, sizeof(err)) == -1)
		WLOG(w->pool->cfg, L_WARNING, "worker %llu (%s): %s", (unsigned long long)w->id, w->name, err);
}

static void
host_spawned(pid_t pid, const char *err, void *arg)
{
	struct worker *w = arg;

	table_del(&w->pool->by_pid, &w->by_pid);
	if (pid == -1) {
		w->reaped = true;
		worker_fault(w, err);
		maybe_closed(w);
		return;
	}
	w->pid = pid;
	table_put(&w->pool->by_pid, &w->by_pid, (uint64_t)pid);
	if (w->terminating)
		kill(-pid, SIGTERM);
	if (w->terminating || !dlink_is_open(&w->link))
		arm_kill_timer(w);
	host_started(w);
	if (dlink_is_open(&w->link))
		dlink_resume(&w->link);
	w->pool->ops->spawned(w, w->pool->arg);
}

/* The one call into spawn.c: a host on a fresh socketpair.  *pid is 0
 * while the host is pending (host_spawned follows). */
static int
start_host(struct worker *w, int *fd, pid_t *pid, char *err, size_t errlen)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		int e = errno;

		snprintf(err, errlen, "socketpair: %s%s", strerror(e),
		    e == EMFILE ? " (the daemon's open-file limit: see System limits in workersd(8))" : "");
		return -1;
	}
	if (fcntl(sv[0], F_SETFL, O_NONBLOCK) == -1) {
		snprintf(err, errlen, "fcntl: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	*pid = spawner_start(w->pool->spawner, sv[1], host_spawned, w, err, errlen);
	if (*pid == -1) {
		close(sv[0]);
		return -1;
	}
	*fd = sv[0];
	return 0;
}

static int
may_start(struct wpool *p, const struct spawn_opts *o, enum proto_err *code, char *err, size_t errlen)
{
	struct worker *w;

	if (p->stopping) {
		*code = PE_SHUTTING_DOWN;
		snprintf(err, errlen, "workersd is shutting down");
		return -1;
	}
	if (p->nlive >= p->cfg->max_workers) {
		*code = PE_LIMIT;
		snprintf(err, errlen, "worker limit reached (%u workers, --max-workers)", p->cfg->max_workers);
		return -1;
	}
	if (o->name != NULL) {
		w = worker_by_name(p, o->name, o->name_len);
		if (w != NULL && w->state != WS_CLOSED) {
			*code = PE_NAME_TAKEN;
			snprintf(err, errlen, "worker %.*s: name taken by worker %llu", (int)o->name_len,
			    o->name, (unsigned long long)w->id);
			return -1;
		}
	}
	return 0;
}

struct worker *
worker_start(struct wpool *p, const struct spawn_opts *o, enum proto_err *code, char *err, size_t errlen)
{
	struct worker *w;
	int fd;
	pid_t pid;

	if (may_start(p, o, code, err, errlen) == -1)
		return NULL;
	*code = PE_INTERNAL;
	w = calloc(1, sizeof(*w));
	if (w == NULL || (w->name = make_name(p, p->next_id + 1, o)) == NULL ||
	    (w->script = strdup(o->script)) == NULL) {
		if (w != NULL)
			free(w->name);
		free(w);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	w->pool = p;
	if ((w->up = p->ops->attach(w, p->arg)) == NULL) {
		free(w->name);
		free(w->script);
		free(w);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*code = PE_SPAWN_FAILED;
	if (start_host(w, &fd, &pid, err, errlen) == -1) {
		p->ops->freeing(w, p->arg);
		free(w->name);
		free(w->script);
		free(w);
		return NULL;
	}
	w->id = ++p->next_id;
	w->uid = o->uid;
	w->pid = pid;
	w->ref = o->ref;
	w->started = wd_now();
	w->state = WS_STARTING;
	w->link.fd = -1;
	logring_init(&w->logs, p->cfg->log_bytes);
	bcmember_init(&w->bc, w, w->uid);
	table_put(&p->by_id, &w->by_id, w->id);
	table_put(&p->by_pid, &w->by_pid, (uint64_t)pid);
	table_put(&p->by_name, &w->by_name, table_hash_str(w->name, strlen(w->name)));
	TAILQ_INSERT_TAIL(&p->live, w, entry);
	p->nlive++;
	if (o->owner != NULL) {
		w->owned_by_client = true;
		w->owner = o->owner;
		TAILQ_INSERT_TAIL(&o->owner->list, w, owned);
	}
	if (dlink_open(p->loop, &w->link, fd, worker_on_read, worker_on_drain, w) == -1 ||
	    write_init(w, o) == -1 || arm_open_timer(w) == -1) {
		worker_fault(w, "out of memory");
		return w;
	}
	/* Its news waits for its pid, so a spawn's ok (which carries the pid)
	 * comes before the open event. */
	if (pid == 0)
		dlink_pause(&w->link);
	if (pid != 0)
		host_started(w);
	return w;
}

bool
worker_allows(const struct worker *w, uid_t uid)
{
	return uid == 0 || uid == w->pool->admin || uid == w->uid;
}

void
worker_set_up(struct worker *w, void *up)
{
	w->up = up;
}

void
worker_set_ref(struct worker *w, bool ref)
{
	w->ref = ref;
}

static void
drop_open_timer(struct worker *w)
{
	if (w->open_timer != NULL)
		event_free(w->open_timer);
	w->open_timer = NULL;
}

/* A host that never says open is as stuck as one that never exits, and a
 * client waiting for its spawn to be of use is owed an end. */
static void
on_open_timer(evutil_socket_t fd, short what, void *arg)
{
	struct worker *w = arg;

	if (w->state != WS_STARTING)
		return;
	WLOG(w->pool->cfg, L_WARNING, "worker %llu: no open within %.3gs (--open-timeout); ending it",
	    (unsigned long long)w->id, w->pool->cfg->open_timeout);
	w->timed_out = true;
	worker_terminate(w);
}

static int
arm_open_timer(struct worker *w)
{
	struct timeval tv = wd_tv(w->pool->cfg->open_timeout);

	if (w->pool->cfg->open_timeout <= 0)
		return 0;
	if ((w->open_timer = evtimer_new(w->pool->loop->base, on_open_timer, w)) == NULL)
		return -1;
	return evtimer_add(w->open_timer, &tv);
}

static void
on_kill_timer(evutil_socket_t fd, short what, void *arg)
{
	struct worker *w = arg;

	if (w->reaped)
		return;
	if (!w->terminating)
		w->fault = true;
	WLOG(w->pool->cfg, L_NOTICE, "worker %llu: still running after %.3gs, sending SIGKILL",
	    (unsigned long long)w->id, w->pool->cfg->grace);
	kill(-w->pid, SIGKILL);
}

static void
arm_kill_timer(struct worker *w)
{
	struct timeval tv = wd_tv(w->pool->cfg->grace);

	if (w->reaped || w->pid == 0 || w->kill_timer != NULL)
		return;
	w->kill_timer = evtimer_new(w->pool->loop->base, on_kill_timer, w);
	if (w->kill_timer == NULL) {
		kill(-w->pid, SIGKILL);
		return;
	}
	evtimer_add(w->kill_timer, &tv);
}

void
worker_terminate(struct worker *w)
{
	struct wpool *p = w->pool;

	if (w->state == WS_CLOSED || w->terminating)
		return;
	w->terminating = true;
	w->state = WS_CLOSING;
	/* Closing our end makes the host exit at once; the signal covers a
	 * host that is busy and not looking at its socket. */
	dlink_close(&w->link);
	p->ops->terminated(w, p->arg);
	p->ops->room(w, p->arg);
	if (!w->reaped && w->pid != 0) {
		kill(-w->pid, SIGTERM);
		arm_kill_timer(w);
	}
	maybe_closed(w);
}

void
worker_fault(struct worker *w, const char *why)
{
	if (w->state == WS_CLOSED || w->terminating)
		return;
	WLOG(w->pool->cfg, L_WARNING, "worker %llu: %s; ending it", (unsigned long long)w->id, why);
	w->fault = true;
	snprintf(w->why, sizeof(w->why), "%s", why);
	worker_terminate(w);
}

void
wpool_terminate(struct wpool *p, bool all)
{
	struct worker *w, *next;

	for (w = TAILQ_FIRST(&p->live); w != NULL; w = next) {
		next = TAILQ_NEXT(w, entry);
		if (all || !w->ref)
			worker_terminate(w);
	}
}

static void
set_close(struct worker *w)
{
	int st = w->wstatus;

	w->signal = 0;
	if (w->timed_out) {
		w->reason = CR_TIMEOUT;
		w->code = 1;
	} else if (w->fault) {
		w->reason = CR_ERROR;
		w->code = 1;
	} else if (w->got_exit) {
		return;
	} else if (w->terminating) {
		w->reason = CR_TERMINATED;
		w->code = 0;
	} else if (WIFSIGNALED(st)) {
		w->reason = CR_KILLED;
		w->signal = WTERMSIG(st);
		w->code = 128 + w->signal;
	} else {
		w->reason = CR_ERROR;
		w->code = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	}
}

static void
stats_done(struct worker *w)
{
	if (!w->stats_pending)
		return;
	w->stats_pending = false;
	w->pool->ops->stats(w, w->stats_round, w->pool->arg);
}

static void
finish(struct worker *w)
{
	struct wpool *p = w->pool;

	set_close(w);
	/* Every spawn that succeeded yields one open and one close, also when
	 * the host never got as far as saying so. */
	if (!w->opened) {
		w->opened = true;
		p->ops->event(w, EV_OPEN, NULL, p->arg);
	}
	w->state = WS_CLOSED;
	w->ended = wd_now();
	if (w->kill_timer != NULL) {
		event_free(w->kill_timer);
		w->kill_timer = NULL;
	}
	drop_open_timer(w);
	if (w->owner != NULL) {
		TAILQ_REMOVE(&w->owner->list, w, owned);
		w->owner = NULL;
	}
	if (w->ready) {
		TAILQ_REMOVE(&p->ready, w, ready_entry);
		w->ready = false;
	}
	TAILQ_REMOVE(&p->live, w, entry);
	p->nlive--;
	cgroup_remove(p->cgroups, w->id);
	WLOG(p->cfg, L_INFO, "worker %llu (%s): closed, %s %lld", (unsigned long long)w->id, w->name,
	    proto_reason_name(w->reason), (long long)w->code);
	stats_done(w);
	records_add(&p->records, &w->rec, w->ended);
	kick(p);
	p->ops->closed(w, p->arg);
}

static void
maybe_closed(struct worker *w)
{
	if (w->state != WS_CLOSED && w->reaped && !dlink_is_open(&w->link))
		finish(w);
}

void
wpool_reap(struct wpool *p)
{
	struct tnode *t;
	struct worker *w;
	siginfo_t si;
	int st;
	pid_t pid;

	spawner_poll(p->spawner);
	for (;;) {
		/* Looked at before it is reaped: a host the template forked
		 * runs once its answer is written, so one that has ended
		 * since the poll above has its answer waiting, and the
		 * template's answer must find it still there (spawn.h). */
		si.si_pid = 0;
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) == -1 || si.si_pid == 0)
			break;
		if (table_first(&p->by_pid, (uint64_t)si.si_pid) == NULL)
			spawner_poll(p->spawner);
		if ((pid = waitpid(si.si_pid, &st, WNOHANG)) <= 0)
			break;
		t = table_first(&p->by_pid, (uint64_t)pid);
		if (t == NULL)
			continue;
		w = TABLE_ENTRY(t, struct worker, by_pid);
		table_del(&p->by_pid, &w->by_pid);
		w->reaped = true;
		w->wstatus = st;
		if (w->kill_timer != NULL)
			evtimer_del(w->kill_timer);
		if (w->state == WS_STARTING || w->state == WS_OPEN)
			w->state = WS_CLOSING;
		maybe_closed(w);
	}
}

static int
on_log(struct worker *w, const struct proto_msg *m)
{
	struct msg_log lg;
	struct msg_ev ev;
	const char *why;

	if (msg_read_log(m, &lg, &why) == -1)
		return -1;
	/* A line the ring cannot keep still goes out as an event. */
	logring_add(&w->logs, &(struct msg_line){ lg.level, lg.text });
	ev = (struct msg_ev){ .level = lg.level, .text = lg.text };
	w->pool->ops->event(w, EV_LOG, &ev, w->pool->arg);
	return 0;
}

static int
on_exit_frame(struct worker *w, const struct proto_msg *m)
{
	struct msg_exit ex;
	const char *why;
	int reason;

	if (msg_read_exit(m, &ex, &why) == -1)
		return -1;
	w->code = ex.code;
	reason = proto_reason_from(ex.reason.p, ex.reason.n);
	if (reason != CR_EXIT && reason != CR_ERROR && reason != CR_OOM)
		return -1;
	w->reason = (enum close_reason)reason;
	w->got_exit = true;
	if (w->state == WS_STARTING || w->state == WS_OPEN)
		w->state = WS_CLOSING;
	return 0;
}

/* 0 handled, 1 blocked (leave the frame), -1 protocol error. */
static int
handle(struct worker *w, const struct proto_msg *m)
{
	const struct worker_ops *ops = w->pool->ops;
	void *arg = w->pool->arg;
	struct msg_data data;
	struct msg_fault fault;
	struct msg_stats stats;
	struct msg_bcast bc;
	struct msg_ev ev;
	const char *why;

	switch (m->type) {
	case MSG_OPEN:
		if (w->state != WS_STARTING)
			return w->state == WS_CLOSING ? 0 : -1;
		w->state = WS_OPEN;
		w->opened = true;
		drop_open_timer(w);
		ops->event(w, EV_OPEN, NULL, arg);
		dlink_release(&w->link);
		return 0;
	case MSG_MESSAGE:
		if (msg_read_data(m, &data, &why) == -1)
			return -1;
		if (!ops->can_take(w, arg))
			return 1;
		w->msgs_out++;
		w->bytes_out += data.data.n;
		ops->message(w, data.data.p, data.data.n, arg);
		return 0;
	case MSG_MESSAGEERROR:
	case MSG_ERROR:
		if (msg_read_fault(m, &fault, &why) == -1)
			return -1;
		ev = (struct msg_ev){ .error = fault.error };
		ops->event(w, m->type == MSG_ERROR ? EV_ERROR : EV_MESSAGEERROR, &ev, arg);
		return 0;
	case MSG_LOG:
		return on_log(w, m);
	case MSG_STATS:
		if (msg_read_stats(m, &stats, &why) == -1)
			return -1;
		w->heap_bytes = stats.heap_bytes;
		stats_done(w);
		return 0;
	case MSG_EXIT:
		return on_exit_frame(w, m);
	case MSG_CHANNEL_END:
		w->direct = false;
		return 0;
	case MSG_BC_JOIN:
	case MSG_BC_LEAVE:
	case MSG_BC_POST:
		if (msg_read_bcast(m, &bc, &why) == -1)
			return -1;
		ops->bcast(w, m->type, &bc, arg);
		return 0;
	default:
		WLOG(w->pool->cfg, L_DEBUG, "worker %llu: ignoring message %s", (unsigned long long)w->id,
		    proto_type_name(m->type));
		return 0;
	}
}

static void
input(struct worker *w)
{
	struct dlink *l = &w->link;
	const uint8_t *doc;
	size_t len;
	const char *err = NULL;
	struct proto_msg m;
	int rc;

	while (dlink_is_open(l) && !w->blocked) {
		rc = frame_peek(l->in, w->pool->cfg->max_frame, &doc, &len, &err);
		if (rc == FRAME_MORE)
			break;
		if (rc == FRAME_ERR || proto_parse(doc, len, &m, &err) == -1) {
			worker_fault(w, err);
			return;
		}
		rc = handle(w, &m);
		if (rc == -1) {
			worker_fault(w, "bad message from worker host");
			return;
		}
		if (rc == 1) {
			w->blocked = true;
			dlink_pause(l);
			break;
		}
		if (!dlink_is_open(l))
			return;
		frame_drain(l->in, len);
	}
}

/* The host's socket is at EOF and every frame on it handled. */
static void
host_gone(struct worker *w)
{
	struct dlink *l = &w->link;

	if (dlink_inlen(l) > 0 && !w->got_exit)
		WLOG(w->pool->cfg, L_WARNING, "worker %llu: host closed its socket mid-frame",
		    (unsigned long long)w->id);
	dlink_close(l);
	if (w->state == WS_STARTING || w->state == WS_OPEN)
		w->state = WS_CLOSING;
	w->pool->ops->room(w, w->pool->arg);
	if (!w->reaped)
		arm_kill_timer(w);
	maybe_closed(w);
}

static void
run_input(struct worker *w)
{
	struct dlink *l = &w->link;
	const struct worker_ops *ops = w->pool->ops;

	for (;;) {
		input(w);
		ops->batch(w, w->pool->arg);
		/* Answering waiting recvs may have made room again. */
		if (!w->blocked || !dlink_is_open(l) || !ops->can_take(w, w->pool->arg))
			break;
		w->blocked = false;
		dlink_resume(l);
	}
	if (dlink_is_open(l) && !w->blocked && l->eof)
		host_gone(w);
}

static void
worker_on_read(struct dlink *l, void *arg)
{
	run_input(arg);
}

static void
worker_on_drain(struct dlink *l, void *arg)
{
	struct worker *w = arg;

	if (dlink_outlen(l) < w->pool->cfg->queue_bytes)
		w->pool->ops->room(w, w->pool->arg);
}

void
worker_resume(struct worker *w)
{
	if (!w->blocked || w->ready || w->state == WS_CLOSED)
		return;
	w->ready = true;
	TAILQ_INSERT_TAIL(&w->pool->ready, w, ready_entry);
	kick(w->pool);
}

bool
wpool_run(struct wpool *p)
{
	struct worker *w;
	bool any = false;

	while ((w = TAILQ_FIRST(&p->ready)) != NULL) {
		TAILQ_REMOVE(&p->ready, w, ready_entry);
		w->ready = false;
		any = true;
		if (!w->blocked || !dlink_is_open(&w->link) || !p->ops->can_take(w, p->arg))
			continue;
		w->blocked = false;
		dlink_resume(&w->link);
		run_input(w);
	}
	return any;
}

/* The post's frame with only its envelope written here: the data's bytes
 * go by reference to the block the client's frame came in. */
static int
send_post_ref(struct worker *w, const uint8_t *data, size_t n, struct frame_blk *blk)
{
	struct pbuf *b = &w->pool->out;
	int rc;

	if (msg_write_data_head(b, MSG_POST, n) == -1) {
		pbuf_reset(b);
		return -1;
	}
	rc = dlink_send_ref(&w->link, b->data, b->len, blk, data, n);
	pbuf_reset(b);
	return rc;
}

int
worker_post(struct worker *w, const struct wpost *p)
{
	struct pbuf *b = &w->pool->out;
	struct frame_blk *blk = p->blk;
	int rc;

	if (dlink_outlen(&w->link) >= w->pool->cfg->queue_bytes)
		return -1;
	if (blk != NULL && (p->data < blk->data || p->n > blk->len ||
	    (size_t)(p->data - blk->data) > blk->len - p->n))
		blk = NULL;
	if (p->ring)
		rc = msg_write_post_ring(b, &(struct msg_post_ring){ p->n }) == -1 ? -1 : send_out(w);
	else if (blk != NULL)
		rc = send_post_ref(w, p->data, p->n, blk);
	else
		rc = msg_write_data(b, MSG_POST, &(struct msg_data){ { p->data, p->n } }) == -1 ? -1 : send_out(w);
	if (rc == -1) {
		pbuf_reset(b);
		return -2;
	}
	w->msgs_in++;
	w->bytes_in += p->n;
	return 0;
}

int
worker_send_bcast(struct worker *w, enum msg_type type, const struct msg_bcast *m)
{
	struct pbuf *b = &w->pool->out;

	if (!worker_takes_posts(w))
		return -2;
	if (msg_write_bcast(b, type, m) == -1) {
		pbuf_reset(b);
		return -2;
	}
	return send_out(w) == -1 ? -2 : 0;
}

int
worker_send_shared(struct worker *w, struct dlink_shared *f)
{
	if (!worker_takes_posts(w))
		return -2;
	if (dlink_outlen(&w->link) >= w->pool->cfg->queue_bytes)
		return -1;
	if (dlink_send_shared(&w->link, f) == -1)
		return -2;
	w->msgs_in++;
	w->bytes_in += f->len;
	return 0;
}

/* Sends the frame built in the pool's buffer (rc of its writer: -1 when
 * it did not fit) with fd; fd is the link's, or closed, either way. */
static int
send_fd_frame(struct worker *w, int wrote, int fd)
{
	struct pbuf *b = &w->pool->out;
	int rc = wrote == -1 ? -1 : dlink_send_fd(&w->link, b->data, b->len, fd);

	if (wrote == -1)
		close(fd);
	pbuf_reset(b);
	return rc == -1 ? -2 : 0;
}

int
worker_channel(struct worker *w, int fd)
{
	if (w->direct || !worker_takes_posts(w)) {
		close(fd);
		return -1;
	}
	if (send_fd_frame(w, msg_write_bare(&w->pool->out, MSG_CHANNEL), fd) != 0)
		return -2;
	w->direct = true;
	return 0;
}

int
worker_ring(struct worker *w, int fd, uint64_t size, uint64_t peer)
{
	struct msg_ring m = { .id = { .id = w->id }, .size = size };

	if (w->ring_peer != 0 || !worker_takes_posts(w)) {
		close(fd);
		return -1;
	}
	if (send_fd_frame(w, msg_write_ring(&w->pool->out, &m), fd) != 0)
		return -2;
	w->ring_peer = peer;
	w->ring_size = size;
	return 0;
}

void
wpool_ring_gone(struct wpool *p, uint64_t peer)
{
	struct worker *w;

	TAILQ_FOREACH(w, &p->live, entry) {
		if (w->ring_peer != peer)
			continue;
		w->ring_peer = 0;
		w->ring_size = 0;
		/* a host that misses it keeps the ring mapped until it ends */
		if (worker_takes_posts(w) && msg_write_bare(&w->pool->out, MSG_RING_END) == 0)
			(void)send_out(w);
		pbuf_reset(&w->pool->out);
	}
}

int
worker_write_logs(struct worker *w, struct pbuf *b)
{
	return logring_write(&w->logs, b);
}

size_t
worker_queued(const struct worker *w)
{
	return dlink_outlen(&w->link);
}

bool
worker_takes_posts(const struct worker *w)
{
	return (w->state == WS_STARTING || w->state == WS_OPEN) && dlink_is_open(&w->link);
}

bool
worker_ask_stats(struct worker *w, uint32_t round)
{
	struct pbuf *b = &w->pool->out;

	if (w->state != WS_OPEN || !dlink_is_open(&w->link))
		return false;
	if (w->stats_pending)
		return true;
	if (msg_write_bare(b, MSG_STATS) == -1) {
		pbuf_reset(b);
		return false;
	}
	if (send_out(w) == -1)
		return false;
	w->stats_pending = true;
	w->stats_round = round;
	return true;
}

static void
worker_free(struct worker *w)
{
	struct wpool *p = w->pool;

	p->ops->freeing(w, p->arg);
	if (w->ready)
		TAILQ_REMOVE(&p->ready, w, ready_entry);
	if (w->state != WS_CLOSED) {
		TAILQ_REMOVE(&p->live, w, entry);
		p->nlive--;
		if (w->owner != NULL)
			TAILQ_REMOVE(&w->owner->list, w, owned);
		if (!w->reaped)
			table_del(&p->by_pid, &w->by_pid);
	}
	table_del(&p->by_id, &w->by_id);
	table_del(&p->by_name, &w->by_name);
	dlink_close(&w->link);
	if (w->kill_timer != NULL)
		event_free(w->kill_timer);
	drop_open_timer(w);
	logring_free(&w->logs);
	free(w->name);
	free(w->script);
	free(w);
}

void
worker_owner_init(struct worker_owner *o)
{
	TAILQ_INIT(&o->list);
}

void
worker_owner_gone(struct worker_owner *o)
{
	struct worker *w;

	while ((w = TAILQ_FIRST(&o->list)) != NULL) {
		TAILQ_REMOVE(&o->list, w, owned);
		w->owner = NULL;
		worker_terminate(w);
	}
}
