#include "proto.h"

#include <stdio.h>
#include <string.h>

#include "frame.h"
#include "msg.h"
#include "mpwrite.h"
#include "utf8.h"

static const char *const type_names[MSG__COUNT] = {
	[MSG_UNKNOWN] = "unknown",
	[MSG_HELLO] = "hello", [MSG_OK] = "ok", [MSG_ERR] = "err",
	[MSG_SPAWN] = "spawn", [MSG_POST] = "post", [MSG_RECV] = "recv",
	[MSG_TERMINATE] = "terminate", [MSG_WAIT] = "wait",
	[MSG_SUBSCRIBE] = "subscribe", [MSG_UNSUBSCRIBE] = "unsubscribe",
	[MSG_LIST] = "list", [MSG_STATUS] = "status", [MSG_REF] = "ref",
	[MSG_UNREF] = "unref", [MSG_LOGS] = "logs", [MSG_EV] = "ev",
	[MSG_INIT] = "init", [MSG_STATS] = "stats", [MSG_OPEN] = "open",
	[MSG_MESSAGE] = "message", [MSG_MESSAGEERROR] = "messageerror",
	[MSG_ERROR] = "error", [MSG_LOG] = "log", [MSG_EXIT] = "exit",
	[MSG_BC_MESSAGE] = "bc_message", [MSG_BC_LOST] = "bc_lost", [MSG_BC_REFUSED] = "bc_refused",
	[MSG_BC_JOIN] = "bc_join", [MSG_BC_LEAVE] = "bc_leave", [MSG_BC_POST] = "bc_post",
	[MSG_CHANNEL] = "channel", [MSG_CHANNEL_END] = "channel_end",
	[MSG_RING] = "ring", [MSG_POST_RING] = "post_ring", [MSG_RING_END] = "ring_end",
	[MSG_COMPILE] = "compile", [MSG_COMPILED] = "compiled",
};

static const char *const err_names[PE__COUNT] = {
	[PE_BAD_REQUEST] = "bad_request", [PE_VERSION] = "version",
	[PE_NO_SUCH_WORKER] = "no_such_worker", [PE_NO_SUCH_SCRIPT] = "no_such_script",
	[PE_NAME_TAKEN] = "name_taken", [PE_QUEUE_FULL] = "queue_full",
	[PE_LIMIT] = "limit", [PE_SPAWN_FAILED] = "spawn_failed",
	[PE_SHUTTING_DOWN] = "shutting_down", [PE_CLOSED] = "closed",
	[PE_PERMISSION] = "permission", [PE_INTERNAL] = "internal",
};

static const char *const reason_names[CR__COUNT] = {
	[CR_EXIT] = "exit", [CR_ERROR] = "error", [CR_TERMINATED] = "terminated",
	[CR_OOM] = "oom", [CR_KILLED] = "killed", [CR_TIMEOUT] = "timeout",
};

static int
lookup(const char *const *names, int count, const char *s, size_t n)
{
	for (int i = 0; i < count; i++)
		if (names[i] != NULL && strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return i;
	return -1;
}

const char *
proto_type_name(enum msg_type t)
{
	return (unsigned)t < MSG__COUNT ? type_names[t] : "unknown";
}

enum msg_type
proto_type_from(const char *s, size_t n)
{
	int i = lookup(type_names, MSG__COUNT, s, n);

	return i <= 0 ? MSG_UNKNOWN : (enum msg_type)i;
}

const char *
proto_err_name(enum proto_err e)
{
	return (unsigned)e < PE__COUNT ? err_names[e] : "internal";
}

int
proto_err_from(const char *s, size_t n)
{
	return lookup(err_names, PE__COUNT, s, n);
}

const char *
proto_reason_name(enum close_reason r)
{
	return (unsigned)r < CR__COUNT ? reason_names[r] : "error";
}

int
proto_reason_from(const char *s, size_t n)
{
	return lookup(reason_names, CR__COUNT, s, n);
}

static bool
key_is(const struct proto_field *f, const char *key)
{
	size_t n = strlen(key);

	return f->klen == n && memcmp(f->key, key, n) == 0;
}

static int
parse_field(struct mp_reader *r, struct proto_msg *m, const char **err)
{
	struct proto_field *f;
	struct mp_item k;
	const uint8_t *start;

	if (mp_next(r, &k) == -1) {
		*err = r->err;
		return -1;
	}
	if (k.kind != MP_STR) {
		*err = "message keys must be strings";
		return -1;
	}
	if (m->nfields == PROTO_MAX_FIELDS) {
		*err = "too many fields in message";
		return -1;
	}
	f = &m->f[m->nfields];
	f->key = (const char *)k.ptr;
	f->klen = k.len;
	for (unsigned i = 0; i < m->nfields; i++) {
		if (m->f[i].klen == f->klen && memcmp(m->f[i].key, f->key, f->klen) == 0) {
			*err = "duplicate key in message";
			return -1;
		}
	}
	start = r->p;
	if (mp_next(r, &f->item) == -1) {
		*err = r->err;
		return -1;
	}
	if (f->item.kind == MP_ARRAY || f->item.kind == MP_MAP) {
		/* Re-read from the start: mp_skip wants the container header too. */
		r->p = start;
		if (mp_skip(r) == -1) {
			*err = r->err;
			return -1;
		}
	}
	f->val = start;
	f->vlen = (uint32_t)(r->p - start);
	m->nfields++;
	return 0;
}

int
proto_parse_map(struct mp_reader *r, struct proto_msg *m, const char **err)
{
	struct mp_item top;

	m->type = MSG_UNKNOWN;
	m->has_rid = false;
	m->rid = 0;
	m->nfields = 0;
	if (mp_next(r, &top) == -1) {
		*err = r->err;
		return -1;
	}
	if (top.kind != MP_MAP) {
		*err = "message is not a map";
		return -1;
	}
	for (uint32_t i = 0; i < top.len; i++)
		if (parse_field(r, m, err) == -1)
			return -1;
	return 0;
}

int
proto_parse(const uint8_t *doc, size_t len, struct proto_msg *m, const char **err)
{
	struct mp_reader r;
	const struct proto_field *t, *rid;

	mp_reader_init(&r, doc, len);
	if (proto_parse_map(&r, m, err) == -1)
		return -1;
	if (mp_left(&r) != 0) {
		*err = "trailing bytes after the message";
		return -1;
	}
	t = proto_field(m, "t");
	if (t == NULL || t->item.kind != MP_STR) {
		*err = "message has no string \"t\"";
		return -1;
	}
	m->type = proto_type_from((const char *)t->item.ptr, t->item.len);
	rid = proto_field(m, "rid");
	if (rid != NULL) {
		if (rid->item.kind != MP_UINT) {
			*err = "\"rid\" must be an unsigned integer";
			return -1;
		}
		m->has_rid = true;
		m->rid = rid->item.v.u;
	}
	return 0;
}

const struct proto_field *
proto_field(const struct proto_msg *m, const char *key)
{
	for (unsigned i = 0; i < m->nfields; i++)
		if (key_is(&m->f[i], key))
			return &m->f[i];
	return NULL;
}

int
proto_get_uint(const struct proto_msg *m, const char *key, uint64_t *out)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL)
		return PF_ABSENT;
	if (f->item.kind != MP_UINT)
		return PF_BAD;
	*out = f->item.v.u;
	return PF_OK;
}

int
proto_get_int(const struct proto_msg *m, const char *key, int64_t *out)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL)
		return PF_ABSENT;
	return mp_item_int64(&f->item, out) == 0 ? PF_OK : PF_BAD;
}

int
proto_get_double(const struct proto_msg *m, const char *key, double *out)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL)
		return PF_ABSENT;
	switch (f->item.kind) {
	case MP_FLOAT: *out = f->item.v.f; return PF_OK;
	case MP_UINT: *out = (double)f->item.v.u; return PF_OK;
	case MP_INT: *out = (double)f->item.v.i; return PF_OK;
	default: return PF_BAD;
	}
}

int
proto_get_bool(const struct proto_msg *m, const char *key, bool *out)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL)
		return PF_ABSENT;
	if (f->item.kind != MP_BOOL)
		return PF_BAD;
	*out = f->item.v.b;
	return PF_OK;
}

int
proto_get_str(const struct proto_msg *m, const char *key, const char **s, size_t *n)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL)
		return PF_ABSENT;
	if (f->item.kind != MP_STR || !utf8_valid(f->item.ptr, f->item.len))
		return PF_BAD;
	*s = (const char *)f->item.ptr;
	*n = f->item.len;
	return PF_OK;
}

int
proto_get_raw(const struct proto_msg *m, const char *key, const uint8_t **p, size_t *n)
{
	const struct proto_field *f = proto_field(m, key);

	if (f == NULL)
		return PF_ABSENT;
	*p = f->val;
	*n = f->vlen;
	return PF_OK;
}

long
proto_begin(struct pbuf *b, enum msg_type t, uint32_t nfields)
{
	long off = frame_begin(b);

	if (off == -1)
		return -1;
	if (mpw_map(b, nfields + 1) == -1 || mpw_str(b, "t", 1) == -1 ||
	    mpw_cstr(b, proto_type_name(t)) == -1) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	return off;
}

int
proto_key(struct pbuf *b, const char *key)
{
	return mpw_cstr(b, key);
}

int
proto_end(struct pbuf *b, long off)
{
	return frame_end(b, off);
}

int
proto_write_verr(struct pbuf *b, uint64_t rid, enum proto_err code, const char *fmt, va_list ap)
{
	char msg[512];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(msg))
		n = sizeof(msg) - 1;
	return msg_write_err(b, &(struct msg_err){ .rid = rid, .code = code,
	    .msg = { msg, (size_t)n } });
}

int
proto_write_err(struct pbuf *b, uint64_t rid, enum proto_err code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = proto_write_verr(b, rid, code, fmt, ap);
	va_end(ap);
	return rc;
}
