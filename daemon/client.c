#include "client.h"

#include <errno.h>
#include <event2/buffer.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frame.h"
#include "mpwrite.h"
#include "stats.h"
#include "utf8.h"
#include "wd.h"

#define RECV_MAX 1024

static void client_on_read(struct dlink *l, void *arg);
static void client_on_drain(struct dlink *l, void *arg);

bool
client_over(const struct client *c)
{
	return dlink_outlen(&c->link) > c->wd->cfg.client_buffer;
}

void
client_send_out(struct client *c)
{
	struct pbuf *b = &c->wd->out;

	if (!c->dead)
		dlink_send(&c->link, b->data, b->len);
	pbuf_reset(b);
}

void
client_reply_err(struct client *c, uint64_t rid, enum proto_err code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (proto_write_verr(&c->wd->out, rid, code, fmt, ap) == 0)
		client_send_out(c);
	pbuf_reset(&c->wd->out);
	va_end(ap);
}

static void
reply_ok(struct client *c, uint64_t rid)
{
	struct pbuf *b = &c->wd->out;
	long off = proto_begin(b, MSG_OK, 1);

	if (off != -1 && proto_key(b, "rid") == 0 && mpw_uint(b, rid) == 0 && proto_end(b, off) == 0)
		client_send_out(c);
	pbuf_reset(b);
}

/* Replies with an error and closes the connection once it is written. */
static void
fail(struct client *c, uint64_t rid, enum proto_err code, const char *what)
{
	WLOG(c->wd, L_NOTICE, "client %llu: %s; closing the connection", (unsigned long long)c->serial, what);
	client_reply_err(c, rid, code, "%s", what);
	c->closing = true;
	dlink_pause(&c->link);
	dlink_mark_dirty(&c->link);
}

static void
reject(struct wd *wd, int fd, enum proto_err code, const char *msg)
{
	struct pbuf *b = &wd->out;

	WLOG(wd, L_NOTICE, "refused a connection: %s", msg);
	if (proto_write_err(b, 0, code, "%s", msg) == 0 &&
	    send(fd, b->data, b->len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		WLOG(wd, L_DEBUG, "refused connection: %s", strerror(errno));
	pbuf_reset(b);
	close(fd);
}

int
client_accept(struct wd *wd)
{
	struct client *c;
	char msg[128];
	uid_t uid;
	int fd;

	for (;;) {
		fd = accept4(wd->lis.fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EAGAIN)
				return 0;
			WLOG(wd, L_WARNING, "accept: %s", strerror(errno));
			return -1;
		}
		if (!listener_peer_allowed(&wd->lis, fd, &uid)) {
			snprintf(msg, sizeof(msg), "uid %u may not use this daemon", (unsigned)uid);
			reject(wd, fd, PE_PERMISSION, msg);
			continue;
		}
		if (wd->nclients >= wd->cfg.max_clients) {
			snprintf(msg, sizeof(msg), "client limit reached (%u connections, --max-clients)",
			    wd->cfg.max_clients);
			reject(wd, fd, PE_LIMIT, msg);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (c == NULL) {
			reject(wd, fd, PE_INTERNAL, "out of memory");
			continue;
		}
		c->wd = wd;
		c->uid = uid;
		c->serial = ++wd->next_client;
		TAILQ_INIT(&c->subs);
		TAILQ_INIT(&c->waiters);
		TAILQ_INIT(&c->owned);
		if (dlink_open(&wd->loop, &c->link, fd, client_on_read, client_on_drain, c) == -1) {
			free(c);
			continue;
		}
		TAILQ_INSERT_TAIL(&wd->clients, c, entry);
		wd->nclients++;
		WLOG(wd, L_DEBUG, "client %llu: connected, uid %u", (unsigned long long)c->serial, (unsigned)uid);
	}
}

void
client_kill(struct client *c)
{
	struct wd *wd = c->wd;
	struct worker *w;

	if (c->dead)
		return;
	c->dead = true;
	WLOG(wd, L_DEBUG, "client %llu: gone", (unsigned long long)c->serial);
	stats_client_gone(c);
	if (c->sub_all)
		TAILQ_REMOVE(&wd->all_subs, c, all_entry);
	c->sub_all = false;
	if (c->post_blocked != NULL)
		TAILQ_REMOVE(&c->post_blocked->posters, c, post_entry);
	c->post_blocked = NULL;
	route_client_gone(c);
	while ((w = TAILQ_FIRST(&c->owned)) != NULL) {
		TAILQ_REMOVE(&c->owned, w, owned);
		w->owner = NULL;
		worker_terminate(w);
	}
	dlink_close(&c->link);
	TAILQ_REMOVE(&wd->clients, c, entry);
	wd->nclients--;
	TAILQ_INSERT_TAIL(&wd->dead, c, entry);
	wd_kick(wd);
}

void
client_free_dead(struct wd *wd)
{
	struct client *c;

	while ((c = TAILQ_FIRST(&wd->dead)) != NULL) {
		TAILQ_REMOVE(&wd->dead, c, entry);
		free(c);
	}
}

/* ---- requests ---- */

/* Looks up the wid in `key`; replies with the error itself when absent. */
static struct worker *
need_worker(struct client *c, const struct proto_msg *m, uint64_t rid, const char *key)
{
	const struct proto_field *f = proto_field(m, key);
	struct worker *w;
	bool bad;

	w = worker_lookup(c->wd, m, key, &bad);
	if (bad) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "%s %s: expected a worker id or name",
		    proto_type_name(m->type), key);
		return NULL;
	}
	if (w == NULL) {
		if (f->item.kind == MP_UINT)
			client_reply_err(c, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
			    (unsigned long long)f->item.v.u);
		else
			client_reply_err(c, rid, PE_NO_SUCH_WORKER, "worker %.*s: no such worker",
			    (int)f->item.len, (const char *)f->item.ptr);
	}
	return w;
}

static bool
is_str_array(const uint8_t *p, size_t n, bool pairs)
{
	struct mp_reader r;
	struct mp_item it;
	uint64_t i, count;

	mp_reader_init(&r, p, n);
	if (mp_next(&r, &it) == -1 || it.kind != (pairs ? MP_MAP : MP_ARRAY))
		return false;
	count = pairs ? (uint64_t)it.len * 2 : it.len;
	for (i = 0; i < count; i++) {
		if (mp_next(&r, &it) == -1 || it.kind != MP_STR || !utf8_valid(it.ptr, it.len) ||
		    memchr(it.ptr, '\0', it.len) != NULL)
			return false;
	}
	return mp_left(&r) == 0;
}

/* Resolves the script against cwd and checks it; 0, or -1 after replying. */
static int
resolve_script(struct client *c, const struct proto_msg *m, uint64_t rid, char *out)
{
	const char *s, *cwd = NULL;
	size_t sn, cn = 0;
	char path[PATH_MAX];
	struct stat st;
	int n;

	if (proto_get_str(m, "script", &s, &sn) != PF_OK || sn == 0 || memchr(s, '\0', sn) != NULL) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: script: expected a path");
		return -1;
	}
	if (s[0] != '/' && (proto_get_str(m, "cwd", &cwd, &cn) != PF_OK || cn == 0 || cwd[0] != '/' ||
	    memchr(cwd, '\0', cn) != NULL)) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: cwd: expected an absolute path for script %.*s",
		    (int)sn, s);
		return -1;
	}
	n = s[0] == '/' ? snprintf(path, sizeof(path), "%.*s", (int)sn, s) :
	    snprintf(path, sizeof(path), "%.*s/%.*s", (int)cn, cwd, (int)sn, s);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		client_reply_err(c, rid, PE_NO_SUCH_SCRIPT, "script %.*s: path too long", (int)sn, s);
		return -1;
	}
	if (realpath(path, out) == NULL || stat(out, &st) == -1) {
		client_reply_err(c, rid, PE_NO_SUCH_SCRIPT, "script %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		client_reply_err(c, rid, PE_NO_SUCH_SCRIPT, "script %s: not a regular file", path);
		return -1;
	}
	if (access(out, R_OK) == -1) {
		client_reply_err(c, rid, PE_NO_SUCH_SCRIPT, "script %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void
req_spawn(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct spawn_opts o = { .ref = true };
	bool attach = false;
	char script[PATH_MAX], err[512];
	const char *owner;
	size_t on;
	int rc;
	enum proto_err code;
	struct worker *w;
	struct pbuf *b = &c->wd->out;
	long off;

	rc = proto_get_raw(m, "args", &o.args, &o.args_len);
	if (rc == PF_BAD || (rc == PF_OK && !is_str_array(o.args, o.args_len, false))) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: args: expected an array of strings");
		return;
	}
	rc = proto_get_raw(m, "env", &o.env, &o.env_len);
	if (rc == PF_BAD || (rc == PF_OK && !is_str_array(o.env, o.env_len, true))) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: env: expected a map of strings");
		return;
	}
	rc = proto_get_str(m, "name", &o.name, &o.name_len);
	if (rc == PF_BAD || (rc == PF_OK && (o.name_len == 0 || o.name_len > 255 ||
	    memchr(o.name, '\0', o.name_len) != NULL))) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: name: expected 1 to 255 bytes of text");
		return;
	}
	if (proto_get_bool(m, "smol", &o.smol) == PF_BAD || proto_get_bool(m, "ref", &o.ref) == PF_BAD ||
	    proto_get_uint(m, "heap_limit", &o.heap_limit) == PF_BAD ||
	    proto_get_bool(m, "attach", &attach) == PF_BAD) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: smol, ref, attach or heap_limit has the wrong type");
		return;
	}
	rc = proto_get_str(m, "owner", &owner, &on);
	if (rc == PF_OK && on == 6 && memcmp(owner, "client", 6) == 0) {
		o.owner = c;
	} else if (rc != PF_ABSENT && !(rc == PF_OK && on == 6 && memcmp(owner, "daemon", 6) == 0)) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "spawn: owner: expected \"daemon\" or \"client\"");
		return;
	}
	if (resolve_script(c, m, rid, script) == -1)
		return;
	o.script = script;
	w = worker_start(c->wd, &o, &code, err, sizeof(err));
	if (w == NULL) {
		WLOG(c->wd, L_NOTICE, "spawn of %s refused: %s", script, err);
		client_reply_err(c, rid, code, "%s", err);
		return;
	}
	off = proto_begin(b, MSG_OK, 4);
	if (off != -1 && (proto_key(b, "rid") | mpw_uint(b, rid) | proto_key(b, "id") | mpw_uint(b, w->id) |
	    proto_key(b, "name") | mpw_cstr(b, w->name) | proto_key(b, "pid") | mpw_uint(b, (uint64_t)w->pid) |
	    proto_end(b, off)) == 0)
		client_send_out(c);
	pbuf_reset(b);
	/* Nothing of the worker has been read yet: the subscription sees
	 * every event from open on. */
	/* The ok is out: a subscription that fails now closes the client,
	 * which must not wait for events that will never come. */
	if (attach && route_subscribe(c, w, EV_ALL, true) != 0)
		fail(c, rid, PE_INTERNAL, "spawn: attach: cannot subscribe");
}

/* 1 when the post must wait for room (wait:true): the frame stays unread. */
static int
req_post(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	const uint8_t *data;
	size_t n;
	struct worker *w;
	bool wait = false;
	int rc;

	if (proto_get_raw(m, "data", &data, &n) != PF_OK || proto_get_bool(m, "wait", &wait) == PF_BAD) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "post: data missing or wait not a boolean");
		return 0;
	}
	w = need_worker(c, m, rid, "id");
	if (w == NULL)
		return 0;
	if (w->state == WS_CLOSED || w->state == WS_CLOSING || !dlink_is_open(&w->link)) {
		client_reply_err(c, rid, PE_CLOSED, "worker %llu: closed", (unsigned long long)w->id);
		return 0;
	}
	rc = route_post(w, data, n);
	if (rc == -1 && wait) {
		c->post_blocked = w;
		TAILQ_INSERT_TAIL(&w->posters, c, post_entry);
		return 1;
	}
	if (rc == -1) {
		client_reply_err(c, rid, PE_QUEUE_FULL, "worker %llu: queue full (%zu bytes waiting, --queue-limit)",
		    (unsigned long long)w->id, dlink_outlen(&w->link));
		return 0;
	}
	if (rc != 0) {
		client_reply_err(c, rid, PE_INTERNAL, "worker %llu: out of memory", (unsigned long long)w->id);
		return 0;
	}
	if (m->has_rid)
		reply_ok(c, rid);
	return 0;
}

static void
req_recv(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	uint64_t n = 1;
	bool wait = true;
	struct worker *w;

	if (proto_get_uint(m, "n", &n) == PF_BAD || n < 1 || n > RECV_MAX ||
	    proto_get_bool(m, "wait", &wait) == PF_BAD) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "recv: n must be 1..%d and wait a boolean", RECV_MAX);
		return;
	}
	w = need_worker(c, m, rid, "id");
	if (w != NULL)
		route_recv(c, rid, w, (uint32_t)n, wait);
}

static void
req_terminate(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = need_worker(c, m, rid, "id");

	if (w == NULL)
		return;
	route_wait_close(c, rid, w);
	worker_terminate(w);
}

static void
req_wait(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = need_worker(c, m, rid, "id");

	if (w != NULL)
		route_wait_close(c, rid, w);
}

/* Resolves every element of "ids" into ws (caller frees); -1 after replying. */
static int
resolve_ids(struct client *c, const struct proto_msg *m, uint64_t rid, struct worker ***ws, uint32_t *count)
{
	const uint8_t *p;
	size_t n;
	struct mp_reader r;
	struct mp_item it;
	uint32_t i;
	bool bad;
	int rc = proto_get_raw(m, "ids", &p, &n);

	*ws = NULL;
	*count = 0;
	if (rc == PF_ABSENT)
		return 0;
	mp_reader_init(&r, p, n);
	if (rc == PF_BAD || mp_next(&r, &it) == -1 || it.kind != MP_ARRAY) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "%s: ids: expected an array", proto_type_name(m->type));
		return -1;
	}
	if (it.len == 0)
		return 0;
	*ws = calloc(it.len, sizeof(**ws));
	if (*ws == NULL) {
		client_reply_err(c, rid, PE_INTERNAL, "out of memory");
		return -1;
	}
	*count = it.len;
	for (i = 0; i < *count; i++) {
		if (mp_next(&r, &it) == -1 || ((*ws)[i] = worker_lookup_item(c->wd, &it, &bad)) == NULL) {
			if (bad || r.err != NULL)
				client_reply_err(c, rid, PE_BAD_REQUEST, "%s: ids: expected worker ids or names",
				    proto_type_name(m->type));
			else if (it.kind == MP_UINT)
				client_reply_err(c, rid, PE_NO_SUCH_WORKER, "worker %llu: no such worker",
				    (unsigned long long)it.v.u);
			else
				client_reply_err(c, rid, PE_NO_SUCH_WORKER, "worker %.*s: no such worker",
				    (int)it.len, (const char *)it.ptr);
			free(*ws);
			*ws = NULL;
			return -1;
		}
	}
	return 0;
}

static void
req_subscribe(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct worker **ws;
	uint32_t n, i;
	bool consume = false;

	if (proto_get_bool(m, "consume", &consume) == PF_BAD) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "subscribe: consume: expected a boolean");
		return;
	}
	if (resolve_ids(c, m, rid, &ws, &n) == -1)
		return;
	if (consume && n != 1) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "subscribe: consume names exactly one worker");
		free(ws);
		return;
	}
	if (consume && ws[0]->consumer != NULL && ws[0]->consumer->c != c) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "worker %llu: already has a consuming subscriber",
		    (unsigned long long)ws[0]->id);
		free(ws);
		return;
	}
	if (n == 0 && !c->sub_all) {
		c->sub_all = true;
		TAILQ_INSERT_TAIL(&c->wd->all_subs, c, all_entry);
	}
	/* Ok only once every subscription exists: a client told ok must be
	 * subscribed. */
	for (i = 0; i < n; i++) {
		if (route_subscribe(c, ws[i], EV_ALL, consume) != 0) {
			client_reply_err(c, rid, PE_INTERNAL, "worker %llu: cannot subscribe",
			    (unsigned long long)ws[i]->id);
			free(ws);
			return;
		}
	}
	reply_ok(c, rid);
	free(ws);
}

static void
req_unsubscribe(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct worker **ws;
	uint32_t n, i;

	if (proto_field(m, "ids") == NULL) {
		if (c->sub_all)
			TAILQ_REMOVE(&c->wd->all_subs, c, all_entry);
		c->sub_all = false;
		while (!TAILQ_EMPTY(&c->subs))
			route_unsubscribe(c, TAILQ_FIRST(&c->subs)->w);
		reply_ok(c, rid);
		return;
	}
	if (resolve_ids(c, m, rid, &ws, &n) == -1)
		return;
	for (i = 0; i < n; i++)
		route_unsubscribe(c, ws[i]);
	free(ws);
	reply_ok(c, rid);
}

static void
req_status(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = need_worker(c, m, rid, "id");

	if (w != NULL)
		stats_request(c, rid, w);
}

static void
req_ref(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = need_worker(c, m, rid, "id");

	if (w == NULL)
		return;
	w->ref = m->type == MSG_REF;
	reply_ok(c, rid);
	if (!w->ref && c->wd->shutting_down)
		worker_terminate(w);
}

static void
req_logs(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct pbuf *b = &c->wd->out;
	struct worker *w;
	bool follow = false;
	long off;
	int rc;

	if (proto_get_bool(m, "follow", &follow) == PF_BAD) {
		client_reply_err(c, rid, PE_BAD_REQUEST, "logs: follow: expected a boolean");
		return;
	}
	w = need_worker(c, m, rid, "id");
	if (w == NULL)
		return;
	off = proto_begin(b, MSG_OK, 2);
	rc = off == -1 ? -1 : proto_key(b, "rid") | mpw_uint(b, rid) | proto_key(b, "lines") |
	    logring_write(&w->logs, b);
	if (rc != 0 || proto_end(b, off) == -1) {
		pbuf_reset(b);
		client_reply_err(c, rid, PE_INTERNAL, "worker %llu: logs too large", (unsigned long long)w->id);
		return;
	}
	client_send_out(c);
	if (follow && route_subscribe(c, w, EV_LOG | EV_CLOSE, false) != 0)
		fail(c, rid, PE_INTERNAL, "logs: follow: cannot subscribe");
}

static void
req_hello(struct client *c, const struct proto_msg *m, uint64_t rid)
{
	struct pbuf *b = &c->wd->out;
	uint64_t v;
	long off;

	if (proto_get_uint(m, "v", &v) != PF_OK) {
		fail(c, rid, PE_BAD_REQUEST, "hello: v: expected a version number");
		return;
	}
	if (v != PROTO_VERSION) {
		char msg[96];

		snprintf(msg, sizeof(msg), "protocol version %llu is not spoken here (this daemon speaks %d)",
		    (unsigned long long)v, PROTO_VERSION);
		fail(c, 0, PE_VERSION, msg);
		return;
	}
	off = proto_begin(b, MSG_HELLO, 4);
	if (off == -1 || (proto_key(b, "v") | mpw_uint(b, PROTO_VERSION) | proto_key(b, "server") |
	    mpw_cstr(b, "workersd " WORKERSD_VERSION) | proto_key(b, "pid") | mpw_uint(b, (uint64_t)getpid()) |
	    proto_key(b, "max_frame") | mpw_uint(b, c->wd->cfg.max_frame) | proto_end(b, off)) != 0) {
		pbuf_reset(b);
		return;
	}
	client_send_out(c);
	c->hello = true;
}

/* 1 when the request must be read again later (a post waiting for room). */
static int
dispatch(struct client *c, const struct proto_msg *m)
{
	uint64_t rid = m->has_rid ? m->rid : 0;

	if (!c->hello) {
		if (m->type != MSG_HELLO)
			fail(c, rid, PE_BAD_REQUEST, "the first message must be hello");
		else
			req_hello(c, m, rid);
		return 0;
	}
	switch (m->type) {
	case MSG_SPAWN: req_spawn(c, m, rid); break;
	case MSG_POST: return req_post(c, m, rid);
	case MSG_RECV: req_recv(c, m, rid); break;
	case MSG_TERMINATE: req_terminate(c, m, rid); break;
	case MSG_WAIT: req_wait(c, m, rid); break;
	case MSG_SUBSCRIBE: req_subscribe(c, m, rid); break;
	case MSG_UNSUBSCRIBE: req_unsubscribe(c, m, rid); break;
	case MSG_LIST: stats_request(c, rid, NULL); break;
	case MSG_STATUS: req_status(c, m, rid); break;
	case MSG_REF:
	case MSG_UNREF: req_ref(c, m, rid); break;
	case MSG_LOGS: req_logs(c, m, rid); break;
	default:
		client_reply_err(c, rid, PE_BAD_REQUEST, "unknown request type %s",
		    m->type == MSG_UNKNOWN ? "(not in the protocol)" : proto_type_name(m->type));
	}
	return 0;
}

static void
client_input(struct client *c)
{
	struct dlink *l = &c->link;
	const uint8_t *doc;
	size_t len;
	const char *err = NULL;
	char what[160];
	struct proto_msg m;
	int rc;

	while (!c->dead && !c->closing && !l->paused && c->post_blocked == NULL) {
		rc = frame_peek(l->in, c->wd->cfg.max_frame, &doc, &len, &err);
		if (rc == FRAME_MORE)
			break;
		if (rc == FRAME_ERR || proto_parse(doc, len, &m, &err) == -1) {
			snprintf(what, sizeof(what), "bad frame: %s", err);
			fail(c, 0, PE_BAD_REQUEST, what);
			return;
		}
		if (dispatch(c, &m) == 1) {
			dlink_pause(l);
			return;
		}
		if (c->dead)
			return;
		frame_drain(l->in, len);
		if (client_over(c))
			dlink_pause(l);
	}
	if (l->eof && !c->dead && !c->closing && !l->paused)
		client_kill(c);
}

void
client_retry(struct client *c)
{
	if (c->dead || c->closing || client_over(c))
		return;
	dlink_resume(&c->link);
	client_input(c);
}

static void
client_on_read(struct dlink *l, void *arg)
{
	client_input(arg);
}

static void
client_on_drain(struct dlink *l, void *arg)
{
	struct client *c = arg;

	if (c->wd->exiting)
		wd_kick(c->wd);
	if (l->write_failed || (c->closing && dlink_outlen(l) == 0)) {
		client_kill(c);
		return;
	}
	if (l->paused && !c->closing && c->post_blocked == NULL && !client_over(c)) {
		dlink_resume(l);
		client_input(c);
		if (c->dead)
			return;
	}
	route_client_drained(c);
}
