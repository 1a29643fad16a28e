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

#include "client.h"
#include "compiler.h"
#include "frame.h"
#include "mpwrite.h"
#include "records.h"
#include "route.h"
#include "spawn.h"
#include "stats.h"
#include "wd.h"

static void worker_on_read(struct dlink *l, void *arg);
static void worker_on_drain(struct dlink *l, void *arg);
static void maybe_closed(struct worker *w);

const char *
worker_state_name(enum wstate s)
{
	static const char *const names[] = { "starting", "open", "closing", "closed" };

	return names[s];
}

struct worker *
worker_by_name(struct wd *wd, const char *name, size_t n)
{
	struct tnode *t;
	struct worker *rec = NULL, *w;

	for (t = table_first(&wd->by_name, table_hash_str(name, n)); t != NULL; t = table_next(t)) {
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

static struct worker *
by_id(struct wd *wd, uint64_t id)
{
	struct tnode *t = table_first(&wd->by_id, id);

	return t != NULL ? TABLE_ENTRY(t, struct worker, by_id) : NULL;
}

struct worker *
worker_lookup_item(struct wd *wd, const struct mp_item *it, bool *bad)
{
	uint64_t id = 0;
	struct worker *w;
	uint32_t i;

	*bad = false;
	if (it->kind == MP_UINT)
		return by_id(wd, it->v.u);
	if (it->kind != MP_STR || it->len == 0) {
		*bad = true;
		return NULL;
	}
	w = worker_by_name(wd, (const char *)it->ptr, it->len);
	if (w != NULL || it->len > 19)
		return w;
	for (i = 0; i < it->len; i++) {
		if (it->ptr[i] < '0' || it->ptr[i] > '9')
			return NULL;
		id = id * 10 + (uint64_t)(it->ptr[i] - '0');
	}
	return by_id(wd, id);
}

struct worker *
worker_lookup(struct wd *wd, const struct proto_msg *m, const char *key, bool *bad)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL) {
		*bad = true;
		return NULL;
	}
	return worker_lookup_item(wd, &f->item, bad);
}

static char *
make_name(struct wd *wd, uint64_t id, const struct spawn_opts *o)
{
	char buf[64];
	unsigned k;
	struct worker *other;

	if (o->name != NULL)
		return strndup(o->name, o->name_len);
	snprintf(buf, sizeof(buf), "worker-%llu", (unsigned long long)id);
	/* A user may have taken the default name of a later worker. */
	for (k = 2; (other = worker_by_name(wd, buf, strlen(buf))) != NULL &&
	    other->state != WS_CLOSED; k++)
		snprintf(buf, sizeof(buf), "worker-%llu-%u", (unsigned long long)id, k);
	return strdup(buf);
}

static int
write_init(struct worker *w, const struct spawn_opts *o)
{
	struct pbuf *b = &w->wd->out;
	struct compiler *cc = w->wd->compiler;
	long off = proto_begin(b, MSG_INIT, cc != NULL ? 10 : 8);
	int rc;

	if (off == -1)
		return -1;
	rc = proto_key(b, "id") | mpw_uint(b, w->id) |
	    proto_key(b, "name") | mpw_cstr(b, w->name) |
	    proto_key(b, "script") | mpw_cstr(b, w->script) |
	    proto_key(b, "args") | (o->args != NULL ? mpw_raw(b, o->args, o->args_len) : mpw_array(b, 0)) |
	    proto_key(b, "env") | (o->env != NULL ? mpw_raw(b, o->env, o->env_len) : mpw_map(b, 0)) |
	    proto_key(b, "smol") | mpw_bool(b, o->smol) |
	    proto_key(b, "heap_limit") | mpw_uint(b, o->heap_limit) |
	    proto_key(b, "max_frame") | mpw_uint(b, w->wd->cfg.max_frame);
	if (cc != NULL)
		rc |= proto_key(b, "compiler") | mpw_cstr(b, compiler_socket(cc)) |
		    proto_key(b, "cache_dir") | mpw_cstr(b, compiler_cache_dir(cc));
	if (rc != 0 || proto_end(b, off) == -1 || dlink_send(&w->link, b->data, b->len) == -1) {
		pbuf_reset(b);
		return -1;
	}
	pbuf_reset(b);
	dlink_hold(&w->link);
	return 0;
}

static int
start_host(struct wd *wd, int *fd, pid_t *pid, char *err, size_t errlen)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return -1;
	}
	*pid = spawner_start(wd->spawner, sv[1], err, errlen);
	close(sv[1]);
	if (*pid == -1 || fcntl(sv[0], F_SETFL, O_NONBLOCK) == -1) {
		close(sv[0]);
		return -1;
	}
	*fd = sv[0];
	return 0;
}

struct worker *
worker_start(struct wd *wd, const struct spawn_opts *o, enum proto_err *code, char *err, size_t errlen)
{
	struct worker *w;
	int fd;
	pid_t pid;

	if (wd->shutting_down) {
		*code = PE_SHUTTING_DOWN;
		snprintf(err, errlen, "workersd is shutting down");
		return NULL;
	}
	if (wd->nlive >= wd->cfg.max_workers) {
		*code = PE_LIMIT;
		snprintf(err, errlen, "worker limit reached (%u workers, --max-workers)", wd->cfg.max_workers);
		return NULL;
	}
	if (o->name != NULL) {
		w = worker_by_name(wd, o->name, o->name_len);
		if (w != NULL && w->state != WS_CLOSED) {
			*code = PE_NAME_TAKEN;
			snprintf(err, errlen, "worker %.*s: name taken by worker %llu", (int)o->name_len,
			    o->name, (unsigned long long)w->id);
			return NULL;
		}
	}
	*code = PE_INTERNAL;
	w = calloc(1, sizeof(*w));
	if (w == NULL || (w->name = make_name(wd, wd->next_id + 1, o)) == NULL ||
	    (w->script = strdup(o->script)) == NULL) {
		if (w != NULL)
			free(w->name);
		free(w);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*code = PE_SPAWN_FAILED;
	if (start_host(wd, &fd, &pid, err, errlen) == -1) {
		free(w->name);
		free(w->script);
		free(w);
		return NULL;
	}
	w->wd = wd;
	w->id = ++wd->next_id;
	w->pid = pid;
	w->ref = o->ref;
	w->started = wd_now(wd);
	w->state = WS_STARTING;
	w->link.fd = -1;
	mailbox_init(&w->mb, wd->cfg.mailbox_msgs, wd->cfg.mailbox_bytes);
	logring_init(&w->logs, wd->cfg.log_bytes);
	TAILQ_INIT(&w->subs);
	TAILQ_INIT(&w->waiters);
	TAILQ_INIT(&w->posters);
	table_put(&wd->by_id, &w->by_id, w->id);
	table_put(&wd->by_pid, &w->by_pid, (uint64_t)pid);
	table_put(&wd->by_name, &w->by_name, table_hash_str(w->name, strlen(w->name)));
	TAILQ_INSERT_TAIL(&wd->live, w, entry);
	wd->nlive++;
	if (o->owner != NULL) {
		w->owned_by_client = true;
		w->owner = o->owner;
		TAILQ_INSERT_TAIL(&o->owner->owned, w, owned);
	}
	if (dlink_open(&wd->loop, &w->link, fd, worker_on_read, worker_on_drain, w) == -1 || write_init(w, o) == -1) {
		worker_fault(w, "out of memory");
		return w;
	}
	WLOG(wd, L_INFO, "worker %llu (%s): started %s, pid %d", (unsigned long long)w->id, w->name,
	    w->script, (int)pid);
	return w;
}

static void
on_kill_timer(evutil_socket_t fd, short what, void *arg)
{
	struct worker *w = arg;

	if (w->reaped)
		return;
	if (!w->terminating)
		w->fault = true;
	WLOG(w->wd, L_NOTICE, "worker %llu: still running after %.3gs, sending SIGKILL",
	    (unsigned long long)w->id, w->wd->cfg.grace);
	kill(-w->pid, SIGKILL);
}

static void
arm_kill_timer(struct worker *w)
{
	struct timeval tv;
	double g = w->wd->cfg.grace;

	if (w->reaped || w->kill_timer != NULL)
		return;
	w->kill_timer = evtimer_new(w->wd->base, on_kill_timer, w);
	if (w->kill_timer == NULL) {
		kill(-w->pid, SIGKILL);
		return;
	}
	tv.tv_sec = (time_t)g;
	tv.tv_usec = (suseconds_t)((g - (double)tv.tv_sec) * 1e6);
	evtimer_add(w->kill_timer, &tv);
}

void
worker_terminate(struct worker *w)
{
	if (w->state == WS_CLOSED || w->terminating)
		return;
	w->terminating = true;
	w->state = WS_CLOSING;
	/* Closing our end makes the host exit at once; the signal covers a
	 * host that is busy and not looking at its socket. */
	dlink_close(&w->link);
	route_drop_mailbox(w);
	worker_wake_posters(w);
	if (!w->reaped) {
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
	WLOG(w->wd, L_WARNING, "worker %llu: %s; ending it", (unsigned long long)w->id, why);
	w->fault = true;
	worker_terminate(w);
}

static void
set_close(struct worker *w)
{
	int st = w->wstatus;

	w->signal = 0;
	if (w->fault) {
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
finish(struct worker *w)
{
	struct wd *wd = w->wd;

	set_close(w);
	/* Every spawn that succeeded yields one open and one close, also when
	 * the host never got as far as saying so. */
	if (!w->opened) {
		w->opened = true;
		route_event(w, EV_OPEN, NULL, 0);
	}
	w->state = WS_CLOSED;
	w->ended = wd_now(wd);
	if (w->kill_timer != NULL) {
		event_free(w->kill_timer);
		w->kill_timer = NULL;
	}
	if (w->owner != NULL) {
		TAILQ_REMOVE(&w->owner->owned, w, owned);
		w->owner = NULL;
	}
	TAILQ_REMOVE(&wd->live, w, entry);
	wd->nlive--;
	WLOG(wd, L_INFO, "worker %llu (%s): closed, %s %lld", (unsigned long long)w->id, w->name,
	    proto_reason_name(w->reason), (long long)w->code);
	stats_answered(w);
	route_closed(w);
	records_add(wd, w);
	wd_check_stopped(wd);
}

static void
maybe_closed(struct worker *w)
{
	if (w->state != WS_CLOSED && w->reaped && !dlink_is_open(&w->link))
		finish(w);
}

void
worker_reap(struct wd *wd)
{
	struct tnode *t;
	struct worker *w;
	int st;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		t = table_first(&wd->by_pid, (uint64_t)pid);
		if (t == NULL)
			continue;
		w = TABLE_ENTRY(t, struct worker, by_pid);
		table_del(&wd->by_pid, &w->by_pid);
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
	const uint8_t *lv, *tx;
	size_t ln, tn;
	struct evfield f[2];

	if (proto_get_raw(m, "level", &lv, &ln) != PF_OK || proto_get_raw(m, "text", &tx, &tn) != PF_OK)
		return -1;
	f[0] = (struct evfield){ "level", lv, ln };
	f[1] = (struct evfield){ "text", tx, tn };
	/* A line the ring cannot keep still goes out as an event. */
	logring_add(&w->logs, lv, ln, tx, tn);
	route_event(w, EV_LOG, f, 2);
	return 0;
}

static int
on_exit_frame(struct worker *w, const struct proto_msg *m)
{
	const char *r;
	size_t n;
	int reason;

	if (proto_get_int(m, "code", &w->code) != PF_OK || proto_get_str(m, "reason", &r, &n) != PF_OK)
		return -1;
	reason = proto_reason_from(r, n);
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
	const uint8_t *p;
	size_t n;
	struct evfield f;

	switch (m->type) {
	case MSG_OPEN:
		if (w->state != WS_STARTING)
			return w->state == WS_CLOSING ? 0 : -1;
		w->state = WS_OPEN;
		w->opened = true;
		route_event(w, EV_OPEN, NULL, 0);
		dlink_release(&w->link);
		return 0;
	case MSG_MESSAGE:
		if (proto_get_raw(m, "data", &p, &n) != PF_OK)
			return -1;
		if (!route_can_accept(w))
			return 1;
		route_message(w, p, n);
		return 0;
	case MSG_MESSAGEERROR:
	case MSG_ERROR:
		if (proto_get_raw(m, "error", &p, &n) != PF_OK)
			return -1;
		f = (struct evfield){ "error", p, n };
		route_event(w, m->type == MSG_ERROR ? EV_ERROR : EV_MESSAGEERROR, &f, 1);
		return 0;
	case MSG_LOG:
		return on_log(w, m);
	case MSG_STATS:
		if (proto_get_uint(m, "heap_bytes", &w->heap_bytes) != PF_OK)
			return -1;
		stats_answered(w);
		return 0;
	case MSG_EXIT:
		return on_exit_frame(w, m);
	default:
		WLOG(w->wd, L_DEBUG, "worker %llu: ignoring message %s", (unsigned long long)w->id,
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
		rc = frame_peek(l->in, w->wd->cfg.max_frame, &doc, &len, &err);
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

static void
run_input(struct worker *w)
{
	struct dlink *l = &w->link;

	if (w->in_input)
		return;
	w->in_input = true;
	for (;;) {
		input(w);
		route_serve(w);
		/* Serving waiting recvs may have made room again. */
		if (!w->blocked || !dlink_is_open(l) || !route_can_accept(w))
			break;
		w->blocked = false;
		dlink_resume(l);
	}
	w->in_input = false;
	if (!dlink_is_open(l) || w->blocked || !l->eof)
		return;
	if (evbuffer_get_length(l->in) > 0 && !w->got_exit)
		WLOG(w->wd, L_WARNING, "worker %llu: host closed its socket mid-frame", (unsigned long long)w->id);
	dlink_close(l);
	if (w->state == WS_STARTING || w->state == WS_OPEN)
		w->state = WS_CLOSING;
	worker_wake_posters(w);
	if (!w->reaped)
		arm_kill_timer(w);
	maybe_closed(w);
}

static void
worker_on_read(struct dlink *l, void *arg)
{
	run_input(arg);
}

void
worker_wake_posters(struct worker *w)
{
	struct client *c;
	unsigned n = 0;

	/* Each retry may block again (and queue up again at the tail): go
	 * round once. */
	TAILQ_FOREACH(c, &w->posters, post_entry)
		n++;
	while (n-- > 0 && (c = TAILQ_FIRST(&w->posters)) != NULL) {
		TAILQ_REMOVE(&w->posters, c, post_entry);
		c->post_blocked = NULL;
		client_retry(c);
	}
}

static void
worker_on_drain(struct dlink *l, void *arg)
{
	struct worker *w = arg;

	if (!TAILQ_EMPTY(&w->posters) && dlink_outlen(l) < w->wd->cfg.queue_bytes)
		worker_wake_posters(w);
}

void
worker_unblock(struct worker *w)
{
	if (!w->blocked)
		return;
	w->blocked = false;
	dlink_resume(&w->link);
	run_input(w);
}

void
worker_free(struct worker *w)
{
	struct wd *wd = w->wd;

	route_detach_worker(w);
	worker_wake_posters(w);
	if (w->state == WS_CLOSED) {
		TAILQ_REMOVE(&wd->records, w, entry);
		wd->nrecords--;
	} else {
		TAILQ_REMOVE(&wd->live, w, entry);
		wd->nlive--;
		if (w->owner != NULL)
			TAILQ_REMOVE(&w->owner->owned, w, owned);
		if (!w->reaped)
			table_del(&wd->by_pid, &w->by_pid);
	}
	table_del(&wd->by_id, &w->by_id);
	table_del(&wd->by_name, &w->by_name);
	dlink_close(&w->link);
	if (w->kill_timer != NULL)
		event_free(w->kill_timer);
	mailbox_free(&w->mb);
	logring_free(&w->logs);
	free(w->name);
	free(w->script);
	free(w);
}

void
worker_kill_all(struct wd *wd)
{
	struct worker *w;

	TAILQ_FOREACH(w, &wd->live, entry)
		if (!w->reaped)
			kill(-w->pid, SIGKILL);
}
