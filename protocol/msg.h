/*
 * msg.h - the message schema: one struct per message kind of
 * docs/protocol.md section 2, each with a typed reader and writer.
 *
 * Field names and types are written in msg.c's tables and nowhere else.
 * msg_read_X() takes a frame parsed by proto_parse() and fills the struct
 * (zeroed first, then defaults); strings and values point into the frame's
 * document and live as long as it does.  It returns -1 with *why naming the
 * message and the field ("spawn: \"script\" is missing", "recv: \"n\" must
 * be a uint") when a required field is absent or any schema field has the
 * wrong type; unknown keys are ignored.  A str is valid UTF-8 when read.
 * msg_write_X() appends one whole frame (length word included) to b, or
 * nothing and -1 when the buffer refuses to grow.
 *
 * Presence: a str, value or list whose pointer is NULL is absent and is
 * written only where the schema allows leaving it out; a field guarded by a
 * has_* flag is read into and written from that flag; "rid" is written only
 * when nonzero.  Other fields are always written and, when absent on
 * reading, take the default given in the comment.
 */
#ifndef WP_MSG_H
#define WP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mpread.h"
#include "proto.h"

struct msg_str {
	const char *p;		/* NULL: absent (or nil where nil is allowed) */
	size_t n;
};

/* One msgpack value, whole (a clone payload, a raw array, ...). */
struct msg_val {
	const uint8_t *p;	/* NULL: absent */
	size_t n;
};

/*
 * An array (or, for {str:str}, a map).  As read: count elements (pairs)
 * whose encodings fill [items, items + len).  To write, either the same, or
 * v != NULL: count C strings, encoded by the field's type (a wid list turns
 * all-digit strings into ids; a {str:str} takes "K=V" strings).
 */
struct msg_list {
	uint32_t count;
	const uint8_t *items;
	size_t len;
	const char *const *v;
};

/* A worker reference: an id, or a name. */
struct msg_wid {
	bool is_name;
	uint64_t id;
	struct msg_str name;
};

/* All decimal digits (fitting a uint64) is an id, anything else a name;
 * name points into s. */
void msg_wid_from(struct msg_wid *w, const char *s);

/* ---- both links ----------------------------------------------------- */

struct msg_hello {		/* client -> daemon */
	uint64_t v;
	struct msg_str client;
};

struct msg_welcome {		/* daemon -> client: t "hello" */
	uint64_t v;
	struct msg_str server;
	uint64_t pid;
	uint64_t max_frame;	/* 0: not sent */
};

struct msg_err {
	uint64_t rid;
	int code;		/* enum proto_err; -1 for a name not known */
	struct msg_str msg;
	/* compile errors */
	struct msg_str filename;
	bool has_pos;
	uint64_t lineno, colno;
};

/* ---- client -> daemon ----------------------------------------------- */

struct msg_spawn {
	uint64_t rid;
	struct msg_str script, cwd;
	struct msg_list args;	/* [str] */
	struct msg_list env;	/* {str:str} */
	bool smol;
	uint64_t heap_limit;
	bool ref;		/* default true */
	struct msg_str owner;
	bool attach;
	struct msg_str name;
	struct msg_val data;	/* workerData: one clone value, or absent */
	bool legacy_decorators;	/* TypeScript's experimentalDecorators */
};

/* Exactly one of data and ring: a post whose clone bytes are the next
 * ring bytes of the connection's post ring on that worker (ring.h). */
struct msg_post {
	uint64_t rid;
	struct msg_wid id;
	bool wait;
	struct msg_val data;
	uint64_t ring;
};

/* A post ring of size data bytes: the request (client -> daemon), and the
 * host's frame bringing the descriptor (id: the worker's own). */
struct msg_ring {
	uint64_t rid;
	struct msg_wid id;
	uint64_t size;
};

struct msg_recv {
	uint64_t rid;
	struct msg_wid id;
	uint64_t n;		/* default 1 */
	bool wait;		/* default true */
};

/* terminate, wait, status, ref, unref, channel */
struct msg_target {
	uint64_t rid;
	struct msg_wid id;
};

struct msg_subscribe {		/* also unsubscribe (consume is not sent) */
	uint64_t rid;
	bool consume;
	struct msg_list ids;	/* [wid] */
};

struct msg_list_req {
	uint64_t rid;
};

struct msg_logs {
	uint64_t rid;
	struct msg_wid id;
	bool follow;
};

/* ---- daemon -> client replies ---------------------------------------- */

struct msg_ok {
	uint64_t rid;
};

struct msg_spawn_ok {
	uint64_t rid, id;
	struct msg_str name;
	uint64_t pid;
};

struct msg_recv_ok {
	uint64_t rid;
	struct msg_list msgs;	/* [value] */
	bool closed;
};

/* The reply of terminate and wait. */
struct msg_close_ok {
	uint64_t rid;
	int64_t code;
	struct msg_str reason;
	struct msg_str signal;	/* nil: no signal */
};

struct msg_status {
	uint64_t id;
	struct msg_str name, script;
	uint64_t pid;
	struct msg_str state, owner;
	bool ref;
	double uptime_s;
	uint64_t rss_bytes, heap_bytes, msgs_in, msgs_out, bytes_in, bytes_out;
	bool closed;		/* the next three are there */
	int64_t code;
	struct msg_str reason, signal;
};

struct msg_list_ok {
	uint64_t rid;
	struct msg_list workers;	/* [status]: msg_next_status() */
};

struct msg_status_ok {
	uint64_t rid;
	struct msg_status worker;
};

struct msg_line {
	struct msg_str level, text;
};

struct msg_logs_ok {
	uint64_t rid;
	struct msg_list lines;	/* [line]: msg_next_line() */
};

/* ---- events ----------------------------------------------------------- */

/* error:{...} of an error or messageerror; absent strings are not sent. */
struct msg_error {
	struct msg_str name, message, stack, filename;
	bool has_pos;
	uint64_t lineno, colno;
};

enum msg_ev_kind {
	MEV_OPEN, MEV_MESSAGE, MEV_MESSAGEERROR, MEV_ERROR, MEV_LOG, MEV_CLOSE, MEV_GAP,
	MEV_UNKNOWN
};

const char *msg_ev_name(enum msg_ev_kind k);

/* {t:"ev", event, id, seq, ...}: the fields after seq depend on kind. */
struct msg_ev {
	enum msg_ev_kind kind;	/* read from event; written as its name */
	struct msg_str event;	/* the wire's name, as read */
	uint64_t id, seq;
	struct msg_val data;	/* message */
	struct msg_error error;	/* messageerror, error */
	struct msg_str level, text;	/* log */
	int64_t code;		/* close */
	struct msg_str signal, reason;
	uint64_t from, to;	/* gap */
};

/* ---- daemon <-> worker-host ------------------------------------------- */

struct msg_init {
	uint64_t id;
	struct msg_str name, script;
	struct msg_list args, env;
	bool smol;
	uint64_t heap_limit, max_frame;
	struct msg_str compiler, cache_dir, jsx_factory;
	uint64_t uid, gid;	/* uid 0 (absent): the host keeps the daemon's */
	struct msg_str cwd;	/* the client's working directory (absent: "/") */
	struct msg_val data;	/* workerData, as the spawn gave it */
	bool legacy_decorators;	/* the spawn's */
	uint64_t busy_poll;	/* µs the host polls before sleeping (spin.h), 0: never */
};

struct msg_open {
	uint64_t pid;
};

/* post (daemon -> host) and message (host -> daemon) */
struct msg_data {
	struct msg_val data;
};

/* post_ring (daemon -> host): the next n bytes of the ring are a post. */
struct msg_post_ring {
	uint64_t n;
};

struct msg_stats {		/* the host's answer; the query has no field */
	uint64_t heap_bytes;
};

struct msg_fault {		/* error and messageerror (host -> daemon) */
	struct msg_error error;
};

struct msg_log {
	struct msg_str level, text;
};

struct msg_exit {
	int64_t code;
	struct msg_str reason;
};

/* BroadcastChannel: bc_join, bc_leave {name}; bc_post, bc_message {name,
 * data}; bc_lost {name, count}; bc_refused {name, msg}.  Each kind
 * requires its own fields.  The bounds both ends keep: a name is at most
 * BC_NAME_MAX bytes, a worker has at most BC_NAMES_MAX names joined, a
 * name at most BC_SUBS_MAX workers of one user. */
#define BC_NAME_MAX 1024
#define BC_NAMES_MAX 256
#define BC_SUBS_MAX 1024
struct msg_bcast {
	struct msg_str name;
	struct msg_val data;
	uint64_t count;		/* messages dropped */
	struct msg_str msg;	/* why the daemon refused the name */
};

/* ---- worker-host <-> compile server ----------------------------------- */

struct msg_compile {
	uint64_t rid;
	struct msg_str filename, source, jsx_factory;
	bool legacy_decorators;
};

struct msg_compiled {
	uint64_t rid;
	struct msg_str code, map;
};

/*
 * Readers and writers.  A reader checks the fields, not m->type: the
 * caller dispatched on that already.  Kinds that share one shape take the
 * type to write.
 */
#define MSG_KIND(name)								\
	int msg_read_##name(const struct proto_msg *, struct msg_##name *, const char **); \
	int msg_write_##name(struct pbuf *, const struct msg_##name *);
MSG_KIND(hello)
MSG_KIND(welcome)
MSG_KIND(err)
MSG_KIND(spawn)
MSG_KIND(post)
MSG_KIND(ring)
MSG_KIND(post_ring)
MSG_KIND(recv)
MSG_KIND(list_req)
MSG_KIND(logs)
MSG_KIND(ok)
MSG_KIND(spawn_ok)
MSG_KIND(recv_ok)
MSG_KIND(close_ok)
MSG_KIND(list_ok)
MSG_KIND(status_ok)
MSG_KIND(logs_ok)
MSG_KIND(ev)
MSG_KIND(init)
MSG_KIND(open)
MSG_KIND(stats)
MSG_KIND(log)
MSG_KIND(exit)
MSG_KIND(compile)
MSG_KIND(compiled)
#undef MSG_KIND

/* MSG_TERMINATE, MSG_WAIT, MSG_STATUS, MSG_REF, MSG_UNREF or MSG_CHANNEL
 * (client -> daemon). */
int msg_read_target(const struct proto_msg *, struct msg_target *, const char **);
int msg_write_target(struct pbuf *, enum msg_type, const struct msg_target *);
/* MSG_SUBSCRIBE or MSG_UNSUBSCRIBE. */
int msg_read_subscribe(const struct proto_msg *, struct msg_subscribe *, const char **);
int msg_write_subscribe(struct pbuf *, enum msg_type, const struct msg_subscribe *);
/* MSG_POST (daemon -> host) or MSG_MESSAGE. */
int msg_read_data(const struct proto_msg *, struct msg_data *, const char **);
int msg_write_data(struct pbuf *, enum msg_type, const struct msg_data *);
/* The same frame's first bytes only, up to where its data value of n bytes
 * (one whole msgpack value) goes; the caller appends those n bytes itself
 * (sending them by reference, dlink.h).  -1 as msg_write_data. */
int msg_write_data_head(struct pbuf *, enum msg_type, size_t n);
/* MSG_ERROR or MSG_MESSAGEERROR. */
int msg_read_fault(const struct proto_msg *, struct msg_fault *, const char **);
int msg_write_fault(struct pbuf *, enum msg_type, const struct msg_fault *);
/* MSG_BC_JOIN, MSG_BC_LEAVE, MSG_BC_POST, MSG_BC_MESSAGE, MSG_BC_LOST or
 * MSG_BC_REFUSED: the reader takes the schema of m->type. */
int msg_read_bcast(const struct proto_msg *, struct msg_bcast *, const char **);
int msg_write_bcast(struct pbuf *, enum msg_type, const struct msg_bcast *);
/* A frame with no field but t: the daemon's {t:"stats"} query, its
 * {t:"channel"} to a host (the descriptor rides with it, fdpass.h), the
 * host's {t:"channel_end"}. */
int msg_write_bare(struct pbuf *, enum msg_type);

/*
 * Walking a list as read.  Each call takes the next element: 1 with *out
 * filled, 0 at the end, -1 with *why when the element is malformed.
 */
struct msg_iter {
	struct mp_reader r;
	uint32_t left;
};

void msg_iter_init(struct msg_iter *it, const struct msg_list *l);
/* An encoded array (or map) as a list, to hand to a writer; -1 when
 * [p, p+n) does not start with one. */
int msg_list_from(struct msg_list *l, const uint8_t *p, size_t n);
int msg_next_value(struct msg_iter *it, struct msg_val *out, const char **why);
int msg_next_str(struct msg_iter *it, struct msg_str *out, const char **why);
int msg_next_wid(struct msg_iter *it, struct msg_wid *out, const char **why);
/* {str:str}: one pair per call. */
int msg_next_pair(struct msg_iter *it, struct msg_str *key, struct msg_str *val, const char **why);
int msg_next_status(struct msg_iter *it, struct msg_status *out, const char **why);
int msg_next_line(struct msg_iter *it, struct msg_line *out, const char **why);

/* One {level, text} map alone, as an element of logs' "lines"; one status
 * map, as an element of list's "workers". */
int msg_write_line(struct pbuf *b, const struct msg_line *l);
int msg_write_status(struct pbuf *b, const struct msg_status *s);

#endif
