#include "wc_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpread.h"
#include "wc_req.h"

#define MAP_MAX 48

/* A flat view of one msgpack map: keys and the byte span of each value. */
struct kv {
	const char *k;
	size_t kn;
	struct mp_item it;
	const uint8_t *vp;
	size_t vn;
};

struct map {
	size_t n;
	struct kv e[MAP_MAX];
};

/* Reads a map from r; extra keys past MAP_MAX are skipped (unknown keys
 * are ignored anyway, and our schema has fewer). */
static int
map_read(struct mp_reader *r, struct map *m)
{
	struct mp_item it;
	struct mp_reader peek;
	uint32_t i, n;

	if (mp_next(r, &it) < 0 || it.kind != MP_MAP)
		return -1;
	n = it.len;
	m->n = 0;
	for (i = 0; i < n; i++) {
		struct kv *e = &m->e[m->n < MAP_MAX ? m->n : MAP_MAX - 1];

		if (mp_next(r, &it) < 0 || it.kind != MP_STR)
			return -1;
		e->k = (const char *)it.ptr;
		e->kn = it.len;
		e->vp = r->p;
		peek = *r;
		if (mp_next(&peek, &e->it) < 0 || mp_skip(r) < 0)
			return -1;
		e->vn = (size_t)(r->p - e->vp);
		if (m->n < MAP_MAX)
			m->n++;
	}
	return 0;
}

static const struct kv *
map_get(const struct map *m, const char *key)
{
	size_t i, kn = strlen(key);

	for (i = 0; i < m->n; i++)
		if (m->e[i].kn == kn && memcmp(m->e[i].k, key, kn) == 0)
			return &m->e[i];
	return NULL;
}

static char *
dupn(const void *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		return NULL;
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* -1: present with another type; 0: absent or nil (*out = NULL); 1: set. */
static int
get_str(const struct map *m, const char *key, char **out)
{
	const struct kv *e = map_get(m, key);

	*out = NULL;
	if (e == NULL || e->it.kind == MP_NIL)
		return 0;
	if (e->it.kind != MP_STR)
		return -1;
	*out = dupn(e->it.ptr, e->it.len);
	return *out == NULL ? -1 : 1;
}

static int
get_fixed(const struct map *m, const char *key, char *out, size_t outlen)
{
	const struct kv *e = map_get(m, key);
	size_t n;

	out[0] = '\0';
	if (e == NULL || e->it.kind == MP_NIL)
		return 0;
	if (e->it.kind != MP_STR)
		return -1;
	n = e->it.len < outlen - 1 ? e->it.len : outlen - 1;
	memcpy(out, e->it.ptr, n);
	out[n] = '\0';
	return 1;
}

static int
get_uint(const struct map *m, const char *key, uint64_t *out)
{
	const struct kv *e = map_get(m, key);

	if (e == NULL)
		return 0;
	if (e->it.kind != MP_UINT)
		return -1;
	*out = e->it.v.u;
	return 1;
}

static int
get_int(const struct map *m, const char *key, int64_t *out)
{
	const struct kv *e = map_get(m, key);

	if (e == NULL)
		return 0;
	return mp_item_int64(&e->it, out) < 0 ? -1 : 1;
}

static int
get_double(const struct map *m, const char *key, double *out)
{
	const struct kv *e = map_get(m, key);

	if (e == NULL)
		return 0;
	if (e->it.kind == MP_FLOAT)
		*out = e->it.v.f;
	else if (e->it.kind == MP_UINT)
		*out = (double)e->it.v.u;
	else if (e->it.kind == MP_INT)
		*out = (double)e->it.v.i;
	else
		return -1;
	return 1;
}

static int
get_bool(const struct map *m, const char *key, bool *out)
{
	const struct kv *e = map_get(m, key);

	if (e == NULL)
		return 0;
	if (e->it.kind != MP_BOOL)
		return -1;
	*out = e->it.v.b;
	return 1;
}

static int
parse_close(const struct map *m, struct wc_close *c)
{
	if (get_int(m, "code", &c->code) != 1 || get_fixed(m, "reason", c->reason,
	    sizeof c->reason) < 0 || get_fixed(m, "signal", c->signal, sizeof c->signal) < 0)
		return -1;
	return 0;
}

static int
parse_status(struct mp_reader *r, struct wc_status *s)
{
	struct map m;

	memset(s, 0, sizeof *s);
	if (map_read(r, &m) < 0)
		return -1;
	if (get_uint(&m, "id", &s->id) != 1 || get_str(&m, "name", &s->name) < 0 ||
	    get_str(&m, "script", &s->script) < 0 || get_uint(&m, "pid", &s->pid) < 0 ||
	    get_fixed(&m, "state", s->state, sizeof s->state) < 0 ||
	    get_fixed(&m, "owner", s->owner, sizeof s->owner) < 0 ||
	    get_bool(&m, "ref", &s->ref) < 0 || get_double(&m, "uptime_s", &s->uptime_s) < 0 ||
	    get_uint(&m, "rss_bytes", &s->rss_bytes) < 0 ||
	    get_uint(&m, "heap_bytes", &s->heap_bytes) < 0 ||
	    get_uint(&m, "msgs_in", &s->msgs_in) < 0 || get_uint(&m, "msgs_out", &s->msgs_out) < 0 ||
	    get_uint(&m, "bytes_in", &s->bytes_in) < 0 ||
	    get_uint(&m, "bytes_out", &s->bytes_out) < 0)
		return -1;
	if (map_get(&m, "code") != NULL) {
		s->closed = true;
		if (parse_close(&m, &s->close) < 0)
			return -1;
	}
	return 0;
}

static void
status_free(struct wc_status *s)
{
	free(s->name);
	free(s->script);
}

/* Reads an array header of a field and returns its count, or -1. */
static long
array_field(const struct map *m, const char *key, struct mp_reader *r)
{
	const struct kv *e = map_get(m, key);
	struct mp_item it;

	if (e == NULL)
		return -1;
	mp_reader_init(r, e->vp, e->vn);
	if (mp_next(r, &it) < 0 || it.kind != MP_ARRAY)
		return -1;
	return it.len;
}

static int
parse_msgs(const struct map *m, struct wc_reply *out)
{
	struct mp_reader r;
	long i, n = array_field(m, "msgs", &r);

	if (n < 0 || get_bool(m, "closed", &out->closed) < 0)
		return -1;
	out->msgs = calloc((size_t)n + 1, sizeof *out->msgs);
	if (out->msgs == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		out->msgs[i].p = r.p;
		if (mp_skip(&r) < 0)
			return -1;
		out->msgs[i].n = (size_t)(r.p - out->msgs[i].p);
		out->nmsgs++;
	}
	return 0;
}

static int
parse_workers(const struct map *m, const char *key, struct wc_reply *out)
{
	struct mp_reader r;
	const struct kv *e;
	long i, n;

	if (strcmp(key, "worker") == 0) {
		e = map_get(m, key);
		if (e == NULL)
			return -1;
		mp_reader_init(&r, e->vp, e->vn);
		n = 1;
	} else if ((n = array_field(m, key, &r)) < 0)
		return -1;
	out->workers = calloc((size_t)n + 1, sizeof *out->workers);
	if (out->workers == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		out->nworkers++;
		if (parse_status(&r, &out->workers[i]) < 0)
			return -1;
	}
	return 0;
}

static int
parse_lines(const struct map *m, struct wc_reply *out)
{
	struct mp_reader r;
	struct map line;
	long i, n = array_field(m, "lines", &r);

	if (n < 0)
		return -1;
	out->lines = calloc((size_t)n + 1, sizeof *out->lines);
	if (out->lines == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		struct wc_log_line *l = &out->lines[i];

		if (map_read(&r, &line) < 0)
			return -1;
		out->nlines++;
		if (get_fixed(&line, "level", l->level, sizeof l->level) < 0 ||
		    get_str(&line, "text", &l->text) != 1)
			return -1;
	}
	return 0;
}

static int
parse_ok(const struct map *m, struct wc_reply *out)
{
	switch (out->op) {
	case WC_SPAWN:
		if (get_uint(m, "id", &out->id) != 1 || get_uint(m, "pid", &out->pid) < 0 ||
		    get_str(m, "name", &out->name) < 0)
			return -1;
		return 0;
	case WC_RECV:
		return parse_msgs(m, out);
	case WC_TERMINATE:
	case WC_WAIT:
		return parse_close(m, &out->close);
	case WC_LIST:
		return parse_workers(m, "workers", out);
	case WC_STATUS:
		return parse_workers(m, "worker", out);
	case WC_LOGS:
		return parse_lines(m, out);
	default:
		return 0;
	}
}

static int
parse_err(const struct map *m, struct wc_reply *out)
{
	char code[32], *msg = NULL;
	int pe;

	if (get_fixed(m, "code", code, sizeof code) != 1 || get_str(m, "msg", &msg) < 0)
		return wc_fail(&out->err, WC_E_PROTOCOL, "daemon sent a malformed error reply");
	pe = proto_err_from(code, strlen(code));
	wc_fail(&out->err, pe < 0 ? WC_E_INTERNAL : (enum wc_code)(pe + 1), "%s",
	    msg != NULL ? msg : code);
	free(msg);
	return -1;
}

int
wc_parse_reply(uint8_t *doc, size_t len, const struct proto_msg *pm, enum wc_op op,
    struct wc_reply *out)
{
	struct mp_reader r;
	struct map m;

	memset(out, 0, sizeof *out);
	out->op = op;
	out->doc = doc;
	out->doc_len = len;
	mp_reader_init(&r, doc, len);
	if (map_read(&r, &m) < 0)
		return wc_fail(&out->err, WC_E_PROTOCOL, "daemon sent a malformed reply");
	if (pm->type == MSG_ERR)
		return parse_err(&m, out);
	if (pm->type != MSG_OK || parse_ok(&m, out) < 0)
		return wc_fail(&out->err, WC_E_PROTOCOL, "daemon sent a malformed %s reply",
		    proto_type_name(pm->type));
	return 0;
}

void
wc_reply_free(struct wc_reply *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nworkers; i++)
		status_free(&r->workers[i]);
	for (i = 0; i < r->nlines; i++)
		free(r->lines[i].text);
	free(r->workers);
	free(r->lines);
	free(r->msgs);
	free(r->name);
	free(r->doc);
	r->workers = NULL;
	r->lines = NULL;
	r->msgs = NULL;
	r->name = NULL;
	r->doc = NULL;
	r->nworkers = r->nlines = r->nmsgs = 0;
}

static const char *const ev_names[] = {
	[WC_EV_OPEN] = "open", [WC_EV_MESSAGE] = "message", [WC_EV_MESSAGEERROR] = "messageerror",
	[WC_EV_ERROR] = "error", [WC_EV_LOG] = "log", [WC_EV_CLOSE] = "close", [WC_EV_GAP] = "gap",
};

static enum wc_ev
ev_kind(const char *name)
{
	int i;

	for (i = 0; i < WC_EV_UNKNOWN; i++)
		if (strcmp(ev_names[i], name) == 0)
			return (enum wc_ev)i;
	return WC_EV_UNKNOWN;
}

static int
parse_ev_error(const struct map *m, struct wc_event *ev)
{
	const struct kv *e = map_get(m, "error");
	struct mp_reader r;
	struct map em;

	if (e == NULL)
		return -1;
	mp_reader_init(&r, e->vp, e->vn);
	if (map_read(&r, &em) < 0)
		return -1;
	if (get_str(&em, "name", &ev->err_name) < 0 || get_str(&em, "message", &ev->err_message) < 0 ||
	    get_str(&em, "stack", &ev->err_stack) < 0 ||
	    get_str(&em, "filename", &ev->err_filename) < 0 ||
	    get_uint(&em, "lineno", &ev->err_lineno) < 0 || get_uint(&em, "colno", &ev->err_colno) < 0)
		return -1;
	return 0;
}

static int
parse_ev_fields(const struct map *m, struct wc_event *ev)
{
	const struct kv *e;

	switch (ev->kind) {
	case WC_EV_MESSAGE:
		if ((e = map_get(m, "data")) == NULL)
			return -1;
		ev->data.p = e->vp;
		ev->data.n = e->vn;
		return 0;
	case WC_EV_MESSAGEERROR:
	case WC_EV_ERROR:
		return parse_ev_error(m, ev);
	case WC_EV_LOG:
		if (get_fixed(m, "level", ev->level, sizeof ev->level) < 0)
			return -1;
		return get_str(m, "text", &ev->text) == 1 ? 0 : -1;
	case WC_EV_CLOSE:
		return parse_close(m, &ev->close);
	case WC_EV_GAP:
		if (get_uint(m, "from", &ev->gap_from) != 1 || get_uint(m, "to", &ev->gap_to) != 1)
			return -1;
		return 0;
	default:
		return 0;
	}
}

int
wc_parse_event(uint8_t *doc, size_t len, const struct proto_msg *pm, struct wc_event *ev,
    struct wc_error *err)
{
	struct mp_reader r;
	struct map m;

	(void)pm;
	memset(ev, 0, sizeof *ev);
	ev->doc = doc;
	ev->doc_len = len;
	mp_reader_init(&r, doc, len);
	if (map_read(&r, &m) < 0 || get_fixed(&m, "event", ev->name, sizeof ev->name) != 1 ||
	    get_uint(&m, "id", &ev->id) != 1 || get_uint(&m, "seq", &ev->seq) < 0)
		goto bad;
	ev->kind = ev_kind(ev->name);
	if (parse_ev_fields(&m, ev) < 0)
		goto bad;
	return 0;
bad:
	wc_event_free(ev);
	return wc_fail(err, WC_E_PROTOCOL, "daemon sent a malformed event");
}

void
wc_event_free(struct wc_event *ev)
{
	if (ev == NULL)
		return;
	free(ev->err_name);
	free(ev->err_message);
	free(ev->err_stack);
	free(ev->err_filename);
	free(ev->text);
	free(ev->doc);
	memset(ev, 0, sizeof *ev);
}
