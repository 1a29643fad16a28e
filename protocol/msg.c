/*
 * msg.c - the message schema as tables, and the one reader and one writer
 * that walk them.  Each message kind is a table of fields (key, type,
 * whether reading requires it, where it lives in the kind's struct); the
 * per-kind functions of msg.h are thin wrappers.  A field's refusal
 * reasons are string literals built with its key, so no reason is
 * formatted at run time.  Table order is wire order.
 */
#include "msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mpwrite.h"
#include "utf8.h"

enum ftype {
	T_UINT, T_INT, T_FLOAT, T_BOOL, T_STR, T_VAL, T_WID, T_CODE,
	T_STRS,		/* [str] */
	T_STRMAP,	/* {str:str} */
	T_WIDS,		/* [wid] */
	T_LIST,		/* [any]: elements read by the caller */
	T_MAP,		/* a nested map with a schema of its own */
};

#define F_REQ	0x1	/* reading refuses the message without it */
#define F_NIL	0x2	/* a str may be nil (read as absent, absent written as nil) */
#define F_OMIT	0x4	/* written only when set: pointer not NULL, uint not 0, bool true */

struct schema;

struct field {
	const char *key;
	uint8_t type;
	uint8_t flags;
	uint16_t off;		/* of the member */
	uint16_t has;		/* of its has_* flag plus 1, or 0 */
	uint64_t dflt;		/* uint or bool read when absent */
	const struct schema *sub;
	const char *missing;
	const char *bad;
};

struct schema {
	const struct field *f;
	unsigned n;
};

#define TN_T_UINT	"a uint"
#define TN_T_INT	"an int"
#define TN_T_FLOAT	"a number"
#define TN_T_BOOL	"a bool"
#define TN_T_STR	"a UTF-8 str"
#define TN_T_VAL	"a value"
#define TN_T_WID	"a worker id or name"
#define TN_T_CODE	"an error code str"
#define TN_T_STRS	"an array of str"
#define TN_T_STRMAP	"a map of str to str"
#define TN_T_WIDS	"an array of worker ids or names"
#define TN_T_LIST	"an array"
#define TN_T_MAP	"a map"

/* Within a table, S is its struct and P the name its reasons start with. */
#define FIELD_(k, ty, fl, mem, hasoff, d, sb) {					\
	.key = k, .type = ty, .flags = fl, .off = offsetof(S, mem), .has = hasoff,	\
	.dflt = d, .sub = sb,								\
	.missing = P ": \"" k "\" is missing", .bad = P ": \"" k "\" must be " TN_##ty }
#define FLD(k, ty, fl, mem)		FIELD_(k, ty, fl, mem, 0, 0, NULL)
#define FLD_D(k, ty, mem, d)		FIELD_(k, ty, 0, mem, 0, d, NULL)
#define FLD_H(k, ty, fl, mem, h)	FIELD_(k, ty, fl, mem, offsetof(S, h) + 1, 0, NULL)
#define FLD_M(k, fl, mem, sb)		FIELD_(k, T_MAP, fl, mem, 0, 0, &sb)
#define SCHEMA(name, tab) \
	static const struct schema name = { tab, sizeof(tab) / sizeof(tab[0]) }

/* ---- the tables ------------------------------------------------------ */

#define S struct msg_hello
#define P "hello"
static const struct field hello_f[] = {
	FLD("v", T_UINT, F_REQ, v),
	FLD("client", T_STR, F_OMIT, client),
};
SCHEMA(hello_s, hello_f);
#undef S
#define S struct msg_welcome
static const struct field welcome_f[] = {
	FLD("v", T_UINT, F_REQ, v),
	FLD("server", T_STR, F_OMIT, server),
	FLD("pid", T_UINT, 0, pid),
	FLD("max_frame", T_UINT, 0, max_frame),
};
SCHEMA(welcome_s, welcome_f);
#undef S
#undef P

#define S struct msg_err
#define P "err"
static const struct field err_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("code", T_CODE, F_REQ, code),
	FLD("msg", T_STR, F_NIL | F_OMIT, msg),
	FLD("filename", T_STR, F_OMIT, filename),
	FLD_H("lineno", T_UINT, 0, lineno, has_pos),
	FLD_H("colno", T_UINT, 0, colno, has_pos),
};
SCHEMA(err_s, err_f);
#undef S
#undef P

#define S struct msg_spawn
#define P "spawn"
static const struct field spawn_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("script", T_STR, F_REQ, script),
	FLD("cwd", T_STR, F_OMIT, cwd),
	FLD("args", T_STRS, 0, args),
	FLD("env", T_STRMAP, 0, env),
	FLD("smol", T_BOOL, 0, smol),
	FLD("heap_limit", T_UINT, 0, heap_limit),
	FLD_D("ref", T_BOOL, ref, true),
	FLD("owner", T_STR, F_OMIT, owner),
	FLD("attach", T_BOOL, 0, attach),
	FLD("name", T_STR, F_OMIT, name),
	FLD("data", T_VAL, F_OMIT, data),
	FLD("legacy_decorators", T_BOOL, F_OMIT, legacy_decorators),
};
SCHEMA(spawn_s, spawn_f);
#undef S
#undef P

#define S struct msg_post
#define P "post"
static const struct field post_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("id", T_WID, F_REQ, id),
	FLD("wait", T_BOOL, 0, wait),
	FLD("data", T_VAL, F_OMIT, data),
	FLD("ring", T_UINT, F_OMIT, ring),
};
SCHEMA(post_s, post_f);
#undef S
#undef P

#define S struct msg_ring
#define P "ring"
static const struct field ring_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("id", T_WID, F_REQ, id),
	FLD("size", T_UINT, F_REQ, size),
};
SCHEMA(ring_s, ring_f);
#undef S
#undef P

#define S struct msg_post_ring
#define P "post_ring"
static const struct field post_ring_f[] = {
	FLD("n", T_UINT, F_REQ, n),
};
SCHEMA(post_ring_s, post_ring_f);
#undef S
#undef P

#define S struct msg_recv
#define P "recv"
static const struct field recv_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("id", T_WID, F_REQ, id),
	FLD_D("n", T_UINT, n, 1),
	FLD_D("wait", T_BOOL, wait, true),
};
SCHEMA(recv_s, recv_f);
#undef S
#undef P

#define S struct msg_target
#define P "request"
static const struct field target_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("id", T_WID, F_REQ, id),
};
SCHEMA(target_s, target_f);
#undef S
#undef P

#define S struct msg_subscribe
#define P "subscribe"
static const struct field subscribe_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("consume", T_BOOL, 0, consume),
	FLD("ids", T_WIDS, F_OMIT, ids),
};
SCHEMA(subscribe_s, subscribe_f);
/* unsubscribe sends no consume */
static const struct field unsubscribe_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("ids", T_WIDS, F_OMIT, ids),
};
SCHEMA(unsubscribe_s, unsubscribe_f);
#undef S
#undef P

#define S struct msg_list_req
#define P "list"
static const struct field list_req_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
};
SCHEMA(list_req_s, list_req_f);
#undef S
#undef P

#define S struct msg_logs
#define P "logs"
static const struct field logs_f[] = {
	FLD("rid", T_UINT, F_OMIT, rid),
	FLD("id", T_WID, F_REQ, id),
	FLD("follow", T_BOOL, 0, follow),
};
SCHEMA(logs_s, logs_f);
#undef S
#undef P

#define P "ok"
#define S struct msg_ok
static const struct field ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
};
SCHEMA(ok_s, ok_f);
#undef S
#define S struct msg_spawn_ok
static const struct field spawn_ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("id", T_UINT, F_REQ, id),
	FLD("name", T_STR, F_NIL | F_OMIT, name),
	FLD("pid", T_UINT, 0, pid),
};
SCHEMA(spawn_ok_s, spawn_ok_f);
#undef S
#define S struct msg_recv_ok
static const struct field recv_ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("msgs", T_LIST, F_REQ, msgs),
	FLD("closed", T_BOOL, 0, closed),
};
SCHEMA(recv_ok_s, recv_ok_f);
#undef S
#define S struct msg_close_ok
static const struct field close_ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("code", T_INT, F_REQ, code),
	FLD("reason", T_STR, F_NIL | F_OMIT, reason),
	FLD("signal", T_STR, F_NIL, signal),
};
SCHEMA(close_ok_s, close_ok_f);
#undef S
#undef P

#define S struct msg_status
#define P "status"
static const struct field status_f[] = {
	FLD("id", T_UINT, F_REQ, id),
	FLD("name", T_STR, F_NIL | F_OMIT, name),
	FLD("script", T_STR, F_NIL | F_OMIT, script),
	FLD("pid", T_UINT, 0, pid),
	FLD("state", T_STR, F_NIL | F_OMIT, state),
	FLD("owner", T_STR, F_NIL | F_OMIT, owner),
	FLD("ref", T_BOOL, 0, ref),
	FLD("uptime_s", T_FLOAT, 0, uptime_s),
	FLD("rss_bytes", T_UINT, 0, rss_bytes),
	FLD("heap_bytes", T_UINT, 0, heap_bytes),
	FLD("msgs_in", T_UINT, 0, msgs_in),
	FLD("msgs_out", T_UINT, 0, msgs_out),
	FLD("bytes_in", T_UINT, 0, bytes_in),
	FLD("bytes_out", T_UINT, 0, bytes_out),
	FLD_H("code", T_INT, 0, code, closed),
	FLD_H("reason", T_STR, F_NIL, reason, closed),
	FLD_H("signal", T_STR, F_NIL, signal, closed),
};
SCHEMA(status_s, status_f);
#undef S
#undef P

#define P "ok"
#define S struct msg_list_ok
static const struct field list_ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("workers", T_LIST, F_REQ, workers),
};
SCHEMA(list_ok_s, list_ok_f);
#undef S
#define S struct msg_status_ok
static const struct field status_ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD_M("worker", F_REQ, worker, status_s),
};
SCHEMA(status_ok_s, status_ok_f);
#undef S
#define S struct msg_logs_ok
static const struct field logs_ok_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("lines", T_LIST, F_REQ, lines),
};
SCHEMA(logs_ok_s, logs_ok_f);
#undef S
#undef P

#define S struct msg_line
#define P "line"
static const struct field line_f[] = {
	FLD("level", T_STR, F_NIL | F_OMIT, level),
	FLD("text", T_STR, F_REQ, text),
};
SCHEMA(line_s, line_f);
#undef S
#undef P

#define S struct msg_error
#define P "error"
static const struct field error_f[] = {
	FLD("name", T_STR, F_NIL | F_OMIT, name),
	FLD("message", T_STR, F_NIL | F_OMIT, message),
	FLD("stack", T_STR, F_NIL | F_OMIT, stack),
	FLD("filename", T_STR, F_NIL | F_OMIT, filename),
	FLD_H("lineno", T_UINT, 0, lineno, has_pos),
	FLD_H("colno", T_UINT, 0, colno, has_pos),
};
SCHEMA(error_s, error_f);
#undef S
#undef P

#define S struct msg_ev
#define P "ev"
static const struct field ev_f[] = {
	FLD("event", T_STR, F_REQ, event),
	FLD("id", T_UINT, F_REQ, id),
	FLD("seq", T_UINT, 0, seq),
};
static const struct field ev_message_f[] = {
	FLD("data", T_VAL, F_REQ, data),
};
static const struct field ev_error_f[] = {
	FLD_M("error", F_REQ, error, error_s),
};
static const struct field ev_log_f[] = {
	FLD("level", T_STR, F_NIL | F_OMIT, level),
	FLD("text", T_STR, F_REQ, text),
};
static const struct field ev_close_f[] = {
	FLD("code", T_INT, F_REQ, code),
	FLD("signal", T_STR, F_NIL, signal),
	FLD("reason", T_STR, F_NIL | F_OMIT, reason),
};
static const struct field ev_gap_f[] = {
	FLD("from", T_UINT, F_REQ, from),
	FLD("to", T_UINT, F_REQ, to),
};
SCHEMA(ev_s, ev_f);
#undef S
#undef P

static const struct {
	const char *name;
	struct schema tail;
} ev_kinds[MEV_UNKNOWN] = {
#define TAIL(t) { t, sizeof(t) / sizeof(t[0]) }
	[MEV_OPEN] = { "open", { NULL, 0 } },
	[MEV_MESSAGE] = { "message", TAIL(ev_message_f) },
	[MEV_MESSAGEERROR] = { "messageerror", TAIL(ev_error_f) },
	[MEV_ERROR] = { "error", TAIL(ev_error_f) },
	[MEV_LOG] = { "log", TAIL(ev_log_f) },
	[MEV_CLOSE] = { "close", TAIL(ev_close_f) },
	[MEV_GAP] = { "gap", TAIL(ev_gap_f) },
#undef TAIL
};

#define S struct msg_init
#define P "init"
static const struct field init_f[] = {
	FLD("id", T_UINT, 0, id),
	FLD("name", T_STR, F_OMIT, name),
	FLD("script", T_STR, F_REQ, script),
	FLD("args", T_STRS, 0, args),
	FLD("env", T_STRMAP, 0, env),
	FLD("smol", T_BOOL, 0, smol),
	FLD("heap_limit", T_UINT, 0, heap_limit),
	FLD("max_frame", T_UINT, 0, max_frame),
	FLD("compiler", T_STR, F_OMIT, compiler),
	FLD("cache_dir", T_STR, F_OMIT, cache_dir),
	FLD("jsx_factory", T_STR, F_OMIT, jsx_factory),
	FLD("uid", T_UINT, F_OMIT, uid),
	FLD("gid", T_UINT, F_OMIT, gid),
	FLD("cwd", T_STR, F_OMIT, cwd),
	FLD("data", T_VAL, F_OMIT, data),
	FLD("legacy_decorators", T_BOOL, F_OMIT, legacy_decorators),
	FLD("busy_poll", T_UINT, 0, busy_poll),
};
SCHEMA(init_s, init_f);
#undef S
#undef P

#define S struct msg_open
#define P "open"
static const struct field open_f[] = {
	FLD("pid", T_UINT, F_REQ, pid),
};
SCHEMA(open_s, open_f);
#undef S
#undef P

#define S struct msg_data
#define P "post"
static const struct field data_f[] = {
	FLD("data", T_VAL, F_REQ, data),
};
SCHEMA(data_s, data_f);
#undef S
#undef P

#define S struct msg_bcast
#define P "bc_join"
static const struct field bcname_f[] = {
	FLD("name", T_STR, F_REQ, name),
};
SCHEMA(bcname_s, bcname_f);
#undef P
#define P "bc_post"
static const struct field bcdata_f[] = {
	FLD("name", T_STR, F_REQ, name),
	FLD("data", T_VAL, F_REQ, data),
};
SCHEMA(bcdata_s, bcdata_f);
#undef P
#define P "bc_lost"
static const struct field bclost_f[] = {
	FLD("name", T_STR, F_REQ, name),
	FLD("count", T_UINT, F_REQ, count),
};
SCHEMA(bclost_s, bclost_f);
#undef P
#define P "bc_refused"
static const struct field bcrefused_f[] = {
	FLD("name", T_STR, F_REQ, name),
	FLD("msg", T_STR, F_REQ, msg),
};
SCHEMA(bcrefused_s, bcrefused_f);
#undef S
#undef P

#define S struct msg_stats
#define P "stats"
static const struct field stats_f[] = {
	FLD("heap_bytes", T_UINT, F_REQ, heap_bytes),
};
SCHEMA(stats_s, stats_f);
#undef S
#undef P

#define S struct msg_fault
#define P "error"
static const struct field fault_f[] = {
	FLD_M("error", F_REQ, error, error_s),
};
SCHEMA(fault_s, fault_f);
#undef S
#undef P

#define S struct msg_log
#define P "log"
static const struct field log_f[] = {
	FLD("level", T_STR, F_REQ, level),
	FLD("text", T_STR, F_REQ, text),
};
SCHEMA(log_s, log_f);
#undef S
#undef P

#define S struct msg_exit
#define P "exit"
static const struct field exit_f[] = {
	FLD("code", T_INT, F_REQ, code),
	FLD("reason", T_STR, F_REQ, reason),
};
SCHEMA(exit_s, exit_f);
#undef S
#undef P

#define S struct msg_compile
#define P "compile"
static const struct field compile_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("filename", T_STR, F_REQ, filename),
	FLD("source", T_STR, F_REQ, source),
	FLD("jsx_factory", T_STR, F_OMIT, jsx_factory),
	FLD("legacy_decorators", T_BOOL, F_OMIT, legacy_decorators),
};
SCHEMA(compile_s, compile_f);
#undef S
#undef P

#define S struct msg_compiled
#define P "compiled"
static const struct field compiled_f[] = {
	FLD("rid", T_UINT, 0, rid),
	FLD("code", T_STR, F_REQ, code),
	FLD("map", T_STR, F_REQ, map),
};
SCHEMA(compiled_s, compiled_f);
#undef S
#undef P

/* ---- reading --------------------------------------------------------- */

#define AT(base, f, type) ((type *)(void *)((char *)(base) + (f)->off))
#define CAT(base, f, type) ((const type *)(const void *)((const char *)(base) + (f)->off))

static bool
str_ok(const struct mp_item *it)
{
	return it->kind == MP_STR && utf8_valid(it->ptr, it->len);
}

static bool
wid_ok(const struct mp_item *it)
{
	return it->kind == MP_UINT || str_ok(it);
}

/* Checks the elements of a list field and fills l. */
static bool
read_list(const struct field *f, const struct proto_field *pf, struct msg_list *l)
{
	struct mp_reader r;
	struct mp_item it;
	uint64_t i, count;

	if (pf->item.kind != (f->type == T_STRMAP ? MP_MAP : MP_ARRAY))
		return false;
	mp_reader_init(&r, pf->val, pf->vlen);
	if (mp_next(&r, &it) == -1)
		return false;
	l->count = it.len;
	l->items = r.p;
	l->len = mp_left(&r);
	l->v = NULL;
	if (f->type == T_LIST)
		return true;
	count = f->type == T_STRMAP ? (uint64_t)it.len * 2 : it.len;
	for (i = 0; i < count; i++) {
		if (mp_next(&r, &it) == -1)
			return false;
		if (f->type == T_WIDS ? !wid_ok(&it) : !str_ok(&it))
			return false;
	}
	return true;
}

static int read_fields(const struct schema *s, const struct proto_msg *m, void *out,
    const char **why);

static int
read_nested(const struct field *f, const struct proto_field *pf, void *out, const char **why)
{
	struct proto_msg sub;
	struct mp_reader r;

	if (pf->item.kind != MP_MAP)
		return -1;
	mp_reader_init(&r, pf->val, pf->vlen);
	if (proto_parse_map(&r, &sub, why) == -1)
		return -1;
	return read_fields(f->sub, &sub, out, why);
}

/* -1 with *why = NULL: the field's own type reason applies. */
static int
read_field(const struct field *f, const struct proto_field *pf, void *base, const char **why)
{
	const struct mp_item *it = &pf->item;

	switch (f->type) {
	case T_UINT:
		if (it->kind != MP_UINT)
			return -1;
		*AT(base, f, uint64_t) = it->v.u;
		break;
	case T_INT:
		if (mp_item_int64(it, AT(base, f, int64_t)) == -1)
			return -1;
		break;
	case T_FLOAT:
		if (it->kind == MP_FLOAT)
			*AT(base, f, double) = it->v.f;
		else if (it->kind == MP_UINT)
			*AT(base, f, double) = (double)it->v.u;
		else if (it->kind == MP_INT)
			*AT(base, f, double) = (double)it->v.i;
		else
			return -1;
		break;
	case T_BOOL:
		if (it->kind != MP_BOOL)
			return -1;
		*AT(base, f, bool) = it->v.b;
		break;
	case T_STR:
		if (it->kind == MP_NIL && (f->flags & F_NIL))
			break;
		if (!str_ok(it))
			return -1;
		AT(base, f, struct msg_str)->p = (const char *)it->ptr;
		AT(base, f, struct msg_str)->n = it->len;
		break;
	case T_VAL:
		AT(base, f, struct msg_val)->p = pf->val;
		AT(base, f, struct msg_val)->n = pf->vlen;
		break;
	case T_WID:
		if (!wid_ok(it))
			return -1;
		AT(base, f, struct msg_wid)->is_name = it->kind == MP_STR;
		if (it->kind == MP_UINT) {
			AT(base, f, struct msg_wid)->id = it->v.u;
		} else {
			AT(base, f, struct msg_wid)->name.p = (const char *)it->ptr;
			AT(base, f, struct msg_wid)->name.n = it->len;
		}
		break;
	case T_CODE:
		if (!str_ok(it))
			return -1;
		*AT(base, f, int) = proto_err_from((const char *)it->ptr, it->len);
		break;
	case T_STRS:
	case T_STRMAP:
	case T_WIDS:
	case T_LIST:
		if (!read_list(f, pf, AT(base, f, struct msg_list)))
			return -1;
		break;
	case T_MAP:
		if (read_nested(f, pf, AT(base, f, void), why) == -1)
			return -1;
		break;
	}
	if (f->has)
		*(bool *)(void *)((char *)base + f->has - 1) = true;
	return 0;
}

static void
set_default(const struct field *f, void *base)
{
	if (f->type == T_UINT)
		*AT(base, f, uint64_t) = f->dflt;
	else if (f->type == T_BOOL)
		*AT(base, f, bool) = f->dflt != 0;
}

static int
read_fields(const struct schema *s, const struct proto_msg *m, void *out, const char **why)
{
	const struct field *f;
	const struct proto_field *pf;

	for (unsigned i = 0; i < s->n; i++) {
		f = &s->f[i];
		if ((pf = proto_field(m, f->key)) == NULL) {
			if (f->flags & F_REQ) {
				*why = f->missing;
				return -1;
			}
			if (f->dflt != 0)
				set_default(f, out);
			continue;
		}
		*why = NULL;
		if (read_field(f, pf, out, why) == -1) {
			if (*why == NULL)
				*why = f->bad;
			return -1;
		}
	}
	return 0;
}

static int
read_msg(const struct schema *s, const struct proto_msg *m, void *out, size_t size,
    const char **why)
{
	memset(out, 0, size);
	return read_fields(s, m, out, why);
}

/* ---- writing --------------------------------------------------------- */

static bool
present(const struct field *f, const void *base)
{
	if (f->has)
		return *(const bool *)(const void *)((const char *)base + f->has - 1);
	if (!(f->flags & F_OMIT))
		return true;
	switch (f->type) {
	case T_UINT:
		return *CAT(base, f, uint64_t) != 0;
	case T_STR:
		return CAT(base, f, struct msg_str)->p != NULL;
	case T_VAL:
		return CAT(base, f, struct msg_val)->p != NULL;
	case T_BOOL:
		return *CAT(base, f, bool);
	case T_STRS:
	case T_STRMAP:
	case T_WIDS:
	case T_LIST:
		return CAT(base, f, struct msg_list)->items != NULL ||
		    CAT(base, f, struct msg_list)->v != NULL;
	default:
		return true;
	}
}

static int
write_wid(struct pbuf *b, const struct msg_wid *w)
{
	return w->is_name ? mpw_str(b, w->name.p, w->name.n) : mpw_uint(b, w->id);
}

static int
write_cstr_item(struct pbuf *b, enum ftype type, const char *s)
{
	const char *eq;
	struct msg_wid w;

	switch (type) {
	case T_WIDS:
		msg_wid_from(&w, s);
		return write_wid(b, &w);
	case T_STRMAP:
		if ((eq = strchr(s, '=')) == NULL)
			eq = s + strlen(s);
		return mpw_str(b, s, (size_t)(eq - s)) == -1 ? -1 : mpw_cstr(b, *eq ? eq + 1 : "");
	default:
		return mpw_cstr(b, s);
	}
}

static int
write_list(struct pbuf *b, enum ftype type, const struct msg_list *l)
{
	if ((type == T_STRMAP ? mpw_map(b, l->count) : mpw_array(b, l->count)) == -1)
		return -1;
	if (l->v == NULL)
		return l->len == 0 ? 0 : mpw_raw(b, l->items, l->len);
	for (uint32_t i = 0; i < l->count; i++)
		if (write_cstr_item(b, type, l->v[i]) == -1)
			return -1;
	return 0;
}

static int write_map(struct pbuf *b, const struct schema *s, const void *in);

static int
write_value(struct pbuf *b, const struct field *f, const void *base)
{
	const struct msg_str *s;
	const struct msg_val *v;

	switch (f->type) {
	case T_UINT:
		return mpw_uint(b, *CAT(base, f, uint64_t));
	case T_INT:
		return mpw_int(b, *CAT(base, f, int64_t));
	case T_FLOAT:
		return mpw_double(b, *CAT(base, f, double));
	case T_BOOL:
		return mpw_bool(b, *CAT(base, f, bool));
	case T_STR:
		s = CAT(base, f, struct msg_str);
		if (s->p == NULL)
			return (f->flags & F_NIL) ? mpw_nil(b) : mpw_str(b, "", 0);
		return mpw_str(b, s->p, s->n);
	case T_VAL:
		v = CAT(base, f, struct msg_val);
		return v->p == NULL ? mpw_nil(b) : mpw_raw(b, v->p, v->n);
	case T_WID:
		return write_wid(b, CAT(base, f, struct msg_wid));
	case T_CODE:
		return mpw_cstr(b, proto_err_name((enum proto_err)*CAT(base, f, int)));
	case T_STRS:
	case T_STRMAP:
	case T_WIDS:
	case T_LIST:
		return write_list(b, (enum ftype)f->type, CAT(base, f, struct msg_list));
	case T_MAP:
		return write_map(b, f->sub, CAT(base, f, void));
	}
	return -1;
}

static uint32_t
count_present(const struct schema *s, const void *in)
{
	uint32_t n = 0;

	for (unsigned i = 0; i < s->n; i++)
		n += present(&s->f[i], in);
	return n;
}

static int
write_fields(struct pbuf *b, const struct schema *s, const void *in)
{
	for (unsigned i = 0; i < s->n; i++) {
		if (!present(&s->f[i], in))
			continue;
		if (mpw_cstr(b, s->f[i].key) == -1 || write_value(b, &s->f[i], in) == -1)
			return -1;
	}
	return 0;
}

static int
write_map(struct pbuf *b, const struct schema *s, const void *in)
{
	if (mpw_map(b, count_present(s, in)) == -1)
		return -1;
	return write_fields(b, s, in);
}

/* One frame of type t: the fields of head, then those of tail (may be NULL). */
static int
write_msg(struct pbuf *b, enum msg_type t, const struct schema *head, const struct schema *tail,
    const void *in)
{
	uint32_t n = count_present(head, in) + (tail != NULL ? count_present(tail, in) : 0);
	long off = proto_begin(b, t, n);

	if (off == -1)
		return -1;
	if (write_fields(b, head, in) == -1 || (tail != NULL && write_fields(b, tail, in) == -1) ||
	    proto_end(b, off) == -1) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	return 0;
}

/* ---- the kinds ------------------------------------------------------- */

int
msg_read_post(const struct proto_msg *m, struct msg_post *out, const char **why)
{
	if (read_msg(&post_s, m, out, sizeof(*out), why) == -1)
		return -1;
	if (out->data.p == NULL && out->ring == 0) {
		*why = "post: \"data\" is missing (\"ring\" is missing too: one of them names the bytes)";
		return -1;
	}
	if (out->data.p != NULL && out->ring != 0) {
		*why = "post: \"data\" and \"ring\" are both given";
		return -1;
	}
	return 0;
}

int
msg_write_post(struct pbuf *b, const struct msg_post *in)
{
	return write_msg(b, MSG_POST, &post_s, NULL, in);
}

#define KIND(name, type)							\
int										\
msg_read_##name(const struct proto_msg *m, struct msg_##name *out, const char **why) \
{										\
	return read_msg(&name##_s, m, out, sizeof(*out), why);			\
}										\
int										\
msg_write_##name(struct pbuf *b, const struct msg_##name *in)		\
{										\
	return write_msg(b, type, &name##_s, NULL, in);			\
}
KIND(hello, MSG_HELLO)
KIND(welcome, MSG_HELLO)
KIND(err, MSG_ERR)
KIND(spawn, MSG_SPAWN)
KIND(ring, MSG_RING)
KIND(post_ring, MSG_POST_RING)
KIND(recv, MSG_RECV)
KIND(list_req, MSG_LIST)
KIND(logs, MSG_LOGS)
KIND(ok, MSG_OK)
KIND(spawn_ok, MSG_OK)
KIND(recv_ok, MSG_OK)
KIND(close_ok, MSG_OK)
KIND(list_ok, MSG_OK)
KIND(status_ok, MSG_OK)
KIND(logs_ok, MSG_OK)
KIND(init, MSG_INIT)
KIND(open, MSG_OPEN)
KIND(stats, MSG_STATS)
KIND(log, MSG_LOG)
KIND(exit, MSG_EXIT)
KIND(compile, MSG_COMPILE)
KIND(compiled, MSG_COMPILED)
#undef KIND

#define SHARED(name)								\
int										\
msg_read_##name(const struct proto_msg *m, struct msg_##name *out, const char **why) \
{										\
	return read_msg(&name##_s, m, out, sizeof(*out), why);			\
}										\
int										\
msg_write_##name(struct pbuf *b, enum msg_type t, const struct msg_##name *in) \
{										\
	return write_msg(b, t, &name##_s, NULL, in);				\
}
SHARED(target)
SHARED(data)
SHARED(fault)
#undef SHARED

int
msg_write_data_head(struct pbuf *b, enum msg_type t, size_t n)
{
	long off = proto_begin(b, t, 1);
	size_t doc;

	if (off == -1)
		return -1;
	if (proto_key(b, data_f[0].key) == -1) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	doc = b->len - (size_t)off - 4 + n;
	if (n == 0 || doc > UINT32_MAX) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	pbuf_patch_be32(b, (size_t)off, (uint32_t)doc);
	return 0;
}

int
msg_read_subscribe(const struct proto_msg *m, struct msg_subscribe *out, const char **why)
{
	return read_msg(&subscribe_s, m, out, sizeof(*out), why);
}

int
msg_write_subscribe(struct pbuf *b, enum msg_type t, const struct msg_subscribe *in)
{
	return write_msg(b, t, t == MSG_UNSUBSCRIBE ? &unsubscribe_s : &subscribe_s, NULL, in);
}

static const struct schema *
bcast_schema(enum msg_type t)
{
	switch (t) {
	case MSG_BC_POST:
	case MSG_BC_MESSAGE:
		return &bcdata_s;
	case MSG_BC_LOST:
		return &bclost_s;
	case MSG_BC_REFUSED:
		return &bcrefused_s;
	default:
		return &bcname_s;
	}
}

int
msg_read_bcast(const struct proto_msg *m, struct msg_bcast *out, const char **why)
{
	return read_msg(bcast_schema(m->type), m, out, sizeof(*out), why);
}

int
msg_write_bcast(struct pbuf *b, enum msg_type t, const struct msg_bcast *in)
{
	return write_msg(b, t, bcast_schema(t), NULL, in);
}

int
msg_write_bare(struct pbuf *b, enum msg_type t)
{
	long off = proto_begin(b, t, 0);

	if (off == -1)
		return -1;
	if (proto_end(b, off) == -1) {
		pbuf_truncate(b, (size_t)off);
		return -1;
	}
	return 0;
}

const char *
msg_ev_name(enum msg_ev_kind k)
{
	return (unsigned)k < MEV_UNKNOWN ? ev_kinds[k].name : "unknown";
}

static enum msg_ev_kind
ev_kind_from(const struct msg_str *s)
{
	for (int k = 0; k < MEV_UNKNOWN; k++)
		if (strlen(ev_kinds[k].name) == s->n && memcmp(ev_kinds[k].name, s->p, s->n) == 0)
			return (enum msg_ev_kind)k;
	return MEV_UNKNOWN;
}

int
msg_read_ev(const struct proto_msg *m, struct msg_ev *out, const char **why)
{
	if (read_msg(&ev_s, m, out, sizeof(*out), why) == -1)
		return -1;
	out->kind = ev_kind_from(&out->event);
	if (out->kind == MEV_UNKNOWN)
		return 0;
	return read_fields(&ev_kinds[out->kind].tail, m, out, why);
}

int
msg_write_ev(struct pbuf *b, const struct msg_ev *in)
{
	struct msg_ev ev = *in;

	if ((unsigned)ev.kind >= MEV_UNKNOWN)
		return -1;
	ev.event.p = ev_kinds[ev.kind].name;
	ev.event.n = strlen(ev.event.p);
	return write_msg(b, MSG_EV, &ev_s, &ev_kinds[ev.kind].tail, &ev);
}

void
msg_wid_from(struct msg_wid *w, const char *s)
{
	unsigned long long v;
	char *end;

	memset(w, 0, sizeof(*w));
	if (s[0] >= '0' && s[0] <= '9' && strspn(s, "0123456789") == strlen(s)) {
		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno == 0 && *end == '\0') {
			w->id = v;
			return;
		}
	}
	w->is_name = true;
	w->name.p = s;
	w->name.n = strlen(s);
}

/* ---- walking lists ---------------------------------------------------- */

void
msg_iter_init(struct msg_iter *it, const struct msg_list *l)
{
	mp_reader_init(&it->r, l->items, l->items != NULL ? l->len : 0);
	it->left = l->items != NULL ? l->count : 0;
}

int
msg_list_from(struct msg_list *l, const uint8_t *p, size_t n)
{
	struct mp_reader r;
	struct mp_item it;

	mp_reader_init(&r, p, n);
	if (mp_next(&r, &it) == -1 || (it.kind != MP_ARRAY && it.kind != MP_MAP))
		return -1;
	*l = (struct msg_list){ .count = it.len, .items = r.p, .len = mp_left(&r) };
	return 0;
}

static int
next_item(struct msg_iter *it, struct mp_item *item, const char **why)
{
	if (it->left == 0)
		return 0;
	it->left--;
	if (mp_next(&it->r, item) == -1) {
		*why = it->r.err;
		return -1;
	}
	return 1;
}

int
msg_next_value(struct msg_iter *it, struct msg_val *out, const char **why)
{
	const uint8_t *start = it->r.p;

	if (it->left == 0)
		return 0;
	it->left--;
	if (mp_skip(&it->r) == -1) {
		*why = it->r.err;
		return -1;
	}
	out->p = start;
	out->n = (size_t)(it->r.p - start);
	return 1;
}

int
msg_next_str(struct msg_iter *it, struct msg_str *out, const char **why)
{
	struct mp_item item;
	int rc = next_item(it, &item, why);

	if (rc != 1)
		return rc;
	if (!str_ok(&item)) {
		*why = "list element is not a UTF-8 str";
		return -1;
	}
	out->p = (const char *)item.ptr;
	out->n = item.len;
	return 1;
}

int
msg_next_wid(struct msg_iter *it, struct msg_wid *out, const char **why)
{
	struct mp_item item;
	int rc = next_item(it, &item, why);

	if (rc != 1)
		return rc;
	memset(out, 0, sizeof(*out));
	if (item.kind == MP_UINT) {
		out->id = item.v.u;
		return 1;
	}
	if (!str_ok(&item)) {
		*why = "list element is not a worker id or name";
		return -1;
	}
	out->is_name = true;
	out->name.p = (const char *)item.ptr;
	out->name.n = item.len;
	return 1;
}

int
msg_next_pair(struct msg_iter *it, struct msg_str *key, struct msg_str *val, const char **why)
{
	int rc;

	if (it->left == 0)
		return 0;
	it->left++;	/* one count, two items */
	if ((rc = msg_next_str(it, key, why)) != 1)
		return rc;
	return msg_next_str(it, val, why) == 1 ? 1 : -1;
}

static int
next_map(struct msg_iter *it, const struct schema *s, void *out, size_t size, const char **why)
{
	struct proto_msg sub;

	if (it->left == 0)
		return 0;
	it->left--;
	memset(out, 0, size);
	if (proto_parse_map(&it->r, &sub, why) == -1 || read_fields(s, &sub, out, why) == -1)
		return -1;
	return 1;
}

int
msg_next_status(struct msg_iter *it, struct msg_status *out, const char **why)
{
	return next_map(it, &status_s, out, sizeof(*out), why);
}

int
msg_next_line(struct msg_iter *it, struct msg_line *out, const char **why)
{
	return next_map(it, &line_s, out, sizeof(*out), why);
}

int
msg_write_line(struct pbuf *b, const struct msg_line *l)
{
	return write_map(b, &line_s, l);
}

int
msg_write_status(struct pbuf *b, const struct msg_status *s)
{
	return write_map(b, &status_s, s);
}
