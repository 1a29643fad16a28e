/*
 * wc_parse.c - the daemon's replies and events, read with the schema's
 * readers (msg.h), copied into the structs of workerclient.h.  Strings the
 * public structs hold as pointers are malloc'd copies; fixed-size ones are
 * cut to fit.  Message values stay inside the owned document.
 */
#include "wc_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "wc_req.h"

/* The daemon's error codes (docs/protocol.md 2.2) as the library's. */
static const enum wc_code from_proto[PE__COUNT] = {
	[PE_BAD_REQUEST] = WC_E_BAD_REQUEST, [PE_VERSION] = WC_E_VERSION,
	[PE_NO_SUCH_WORKER] = WC_E_NO_SUCH_WORKER, [PE_NO_SUCH_SCRIPT] = WC_E_NO_SUCH_SCRIPT,
	[PE_NAME_TAKEN] = WC_E_NAME_TAKEN, [PE_QUEUE_FULL] = WC_E_QUEUE_FULL,
	[PE_LIMIT] = WC_E_LIMIT, [PE_SPAWN_FAILED] = WC_E_SPAWN_FAILED,
	[PE_SHUTTING_DOWN] = WC_E_SHUTTING_DOWN, [PE_CLOSED] = WC_E_CLOSED,
	[PE_PERMISSION] = WC_E_PERMISSION, [PE_INTERNAL] = WC_E_INTERNAL,
};

/* A malloc'd NUL-terminated copy; NULL for an absent string.  -1 when
 * memory ran out. */
static int
dup_str(const struct msg_str *s, char **out)
{
	*out = NULL;
	if (s->p == NULL)
		return 0;
	if ((*out = malloc(s->n + 1)) == NULL)
		return -1;
	memcpy(*out, s->p, s->n);
	(*out)[s->n] = '\0';
	return 0;
}

static void
copy_fixed(const struct msg_str *s, char *out, size_t outlen)
{
	size_t n = s->p == NULL ? 0 : s->n < outlen - 1 ? s->n : outlen - 1;

	if (n > 0)
		memcpy(out, s->p, n);
	out[n] = '\0';
}

static void
take_close(struct wc_close *c, int64_t code, const struct msg_str *reason,
    const struct msg_str *signal)
{
	c->code = code;
	copy_fixed(reason, c->reason, sizeof c->reason);
	copy_fixed(signal, c->signal, sizeof c->signal);
}

static int
take_status(const struct msg_status *m, struct wc_status *s)
{
	memset(s, 0, sizeof *s);
	s->id = m->id;
	s->pid = m->pid;
	copy_fixed(&m->state, s->state, sizeof s->state);
	copy_fixed(&m->owner, s->owner, sizeof s->owner);
	s->ref = m->ref;
	s->uptime_s = m->uptime_s;
	s->rss_bytes = m->rss_bytes;
	s->heap_bytes = m->heap_bytes;
	s->msgs_in = m->msgs_in;
	s->msgs_out = m->msgs_out;
	s->bytes_in = m->bytes_in;
	s->bytes_out = m->bytes_out;
	s->closed = m->closed;
	if (m->closed)
		take_close(&s->close, m->code, &m->reason, &m->signal);
	if (dup_str(&m->name, &s->name) < 0 || dup_str(&m->script, &s->script) < 0)
		return -1;
	return 0;
}

static void
status_free(struct wc_status *s)
{
	free(s->name);
	free(s->script);
}

static int
parse_msgs(const struct proto_msg *pm, struct wc_reply *out, const char **why)
{
	struct msg_recv_ok m;
	struct msg_iter it;
	struct msg_val v;
	int rc;

	if (msg_read_recv_ok(pm, &m, why) < 0)
		return -1;
	out->closed = m.closed;
	if ((out->msgs = calloc((size_t)m.msgs.count + 1, sizeof *out->msgs)) == NULL)
		return -1;
	msg_iter_init(&it, &m.msgs);
	while ((rc = msg_next_value(&it, &v, why)) == 1) {
		out->msgs[out->nmsgs].p = v.p;
		out->msgs[out->nmsgs].n = v.n;
		out->nmsgs++;
	}
	return rc;
}

static int
parse_workers(const struct proto_msg *pm, struct wc_reply *out, const char **why)
{
	struct msg_list_ok m;
	struct msg_iter it;
	struct msg_status st;
	int rc;

	if (msg_read_list_ok(pm, &m, why) < 0)
		return -1;
	if ((out->workers = calloc((size_t)m.workers.count + 1, sizeof *out->workers)) == NULL)
		return -1;
	msg_iter_init(&it, &m.workers);
	while ((rc = msg_next_status(&it, &st, why)) == 1)
		if (take_status(&st, &out->workers[out->nworkers++]) < 0)
			return -1;
	return rc;
}

static int
parse_worker(const struct proto_msg *pm, struct wc_reply *out, const char **why)
{
	struct msg_status_ok m;

	if (msg_read_status_ok(pm, &m, why) < 0)
		return -1;
	if ((out->workers = calloc(2, sizeof *out->workers)) == NULL)
		return -1;
	out->nworkers = 1;
	return take_status(&m.worker, &out->workers[0]);
}

static int
parse_lines(const struct proto_msg *pm, struct wc_reply *out, const char **why)
{
	struct msg_logs_ok m;
	struct msg_iter it;
	struct msg_line line;
	struct wc_log_line *l;
	int rc;

	if (msg_read_logs_ok(pm, &m, why) < 0)
		return -1;
	if ((out->lines = calloc((size_t)m.lines.count + 1, sizeof *out->lines)) == NULL)
		return -1;
	msg_iter_init(&it, &m.lines);
	while ((rc = msg_next_line(&it, &line, why)) == 1) {
		l = &out->lines[out->nlines++];
		copy_fixed(&line.level, l->level, sizeof l->level);
		if (dup_str(&line.text, &l->text) < 0)
			return -1;
		l->text_len = line.text.n;
	}
	return rc;
}

static int
parse_ok(const struct proto_msg *pm, struct wc_reply *out, const char **why)
{
	struct msg_spawn_ok sp;
	struct msg_close_ok cl;

	switch (out->op) {
	case WC_SPAWN:
		if (msg_read_spawn_ok(pm, &sp, why) < 0)
			return -1;
		out->id = sp.id;
		out->pid = sp.pid;
		return dup_str(&sp.name, &out->name);
	case WC_RECV:
		return parse_msgs(pm, out, why);
	case WC_TERMINATE:
	case WC_WAIT:
		if (msg_read_close_ok(pm, &cl, why) < 0)
			return -1;
		take_close(&out->close, cl.code, &cl.reason, &cl.signal);
		return 0;
	case WC_LIST:
		return parse_workers(pm, out, why);
	case WC_STATUS:
		return parse_worker(pm, out, why);
	case WC_LOGS:
		return parse_lines(pm, out, why);
	default:
		return 0;
	}
}

static int
parse_err(const struct proto_msg *pm, struct wc_reply *out)
{
	struct msg_err m;
	const char *why;
	enum wc_code code;
	size_t n;

	if (msg_read_err(pm, &m, &why) < 0)
		return wc_fail(&out->err, WC_E_PROTOCOL, "daemon sent a malformed error reply");
	code = m.code >= 0 && m.code < PE__COUNT ? from_proto[m.code] : WC_E_INTERNAL;
	/* the message is a C string here: it ends at a NUL, and one that
	 * leaves nothing to show says no more than an absent one */
	n = m.msg.p != NULL ? strnlen(m.msg.p, m.msg.n) : 0;
	if (n > 0)
		return wc_fail(&out->err, code, "%.*s", (int)n, m.msg.p);
	return wc_fail(&out->err, code, "%s", m.code >= 0 ? proto_err_name(m.code) : "unknown error");
}

int
wc_parse_reply(uint8_t *doc, size_t len, const struct proto_msg *pm, enum wc_op op,
    struct wc_reply *out)
{
	const char *why = NULL;

	memset(out, 0, sizeof *out);
	out->op = op;
	out->fd = -1;
	out->doc = doc;
	out->doc_len = len;
	if (pm->type == MSG_ERR)
		return parse_err(pm, out);
	if (pm->type != MSG_OK || parse_ok(pm, out, &why) < 0)
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

static const enum wc_ev from_ev[MEV_UNKNOWN + 1] = {
	[MEV_OPEN] = WC_EV_OPEN, [MEV_MESSAGE] = WC_EV_MESSAGE,
	[MEV_MESSAGEERROR] = WC_EV_MESSAGEERROR, [MEV_ERROR] = WC_EV_ERROR,
	[MEV_LOG] = WC_EV_LOG, [MEV_CLOSE] = WC_EV_CLOSE, [MEV_GAP] = WC_EV_GAP,
	[MEV_UNKNOWN] = WC_EV_UNKNOWN,
};

static int
take_error(const struct msg_error *e, struct wc_event *ev)
{
	ev->err_lineno = e->lineno;
	ev->err_colno = e->colno;
	if (dup_str(&e->name, &ev->err_name) < 0 || dup_str(&e->message, &ev->err_message) < 0 ||
	    dup_str(&e->stack, &ev->err_stack) < 0 || dup_str(&e->filename, &ev->err_filename) < 0)
		return -1;
	return 0;
}

int
wc_parse_event(uint8_t *doc, size_t len, const struct proto_msg *pm, struct wc_event *ev,
    struct wc_error *err)
{
	struct msg_ev m;
	const char *why;

	memset(ev, 0, sizeof *ev);
	ev->doc = doc;
	ev->doc_len = len;
	if (msg_read_ev(pm, &m, &why) < 0)
		goto bad;
	ev->kind = from_ev[m.kind];
	copy_fixed(&m.event, ev->name, sizeof ev->name);
	ev->id = m.id;
	ev->seq = m.seq;
	switch (m.kind) {
	case MEV_MESSAGE:
		ev->data.p = m.data.p;
		ev->data.n = m.data.n;
		break;
	case MEV_MESSAGEERROR:
	case MEV_ERROR:
		if (take_error(&m.error, ev) < 0)
			goto bad;
		break;
	case MEV_LOG:
		copy_fixed(&m.level, ev->level, sizeof ev->level);
		if (dup_str(&m.text, &ev->text) < 0)
			goto bad;
		ev->text_len = m.text.n;
		break;
	case MEV_CLOSE:
		take_close(&ev->close, m.code, &m.reason, &m.signal);
		break;
	case MEV_GAP:
		ev->gap_from = m.from;
		ev->gap_to = m.to;
		break;
	default:
		break;
	}
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
