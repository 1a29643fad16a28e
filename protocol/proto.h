/*
 * proto.h - the envelope of every message on both links (client <-> daemon,
 * daemon <-> worker-host): type names, error codes, parsing a document into
 * its fields, and the frame writer.  The fields of each message kind are
 * msg.h's business; docs/protocol.md is the full reference.
 *
 * Every frame's document is a msgpack map with string keys.  Key "t" names
 * the message type; "rid" (uint) ties a request to its reply.  Unknown keys
 * are ignored, so fields can be added without a version bump.  Message
 * payloads ("data") are structured-clone values embedded as they are: a
 * reader takes their byte span with proto_get_raw() and forwards it without
 * decoding it.
 */
#ifndef WP_PROTO_H
#define WP_PROTO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mpread.h"

#define PROTO_VERSION 1

enum msg_type {
	MSG_UNKNOWN = 0,
	/* both links */
	MSG_HELLO, MSG_OK, MSG_ERR,
	/* client -> daemon requests */
	MSG_SPAWN, MSG_POST, MSG_RECV, MSG_TERMINATE, MSG_WAIT, MSG_SUBSCRIBE,
	MSG_UNSUBSCRIBE, MSG_LIST, MSG_STATUS, MSG_REF, MSG_UNREF, MSG_LOGS,
	/* client -> daemon, and daemon -> worker-host with the descriptor */
	MSG_CHANNEL, MSG_RING,
	/* daemon -> client */
	MSG_EV,
	/* daemon -> worker-host ("post" and "stats" are shared names) */
	MSG_INIT, MSG_STATS, MSG_BC_MESSAGE, MSG_BC_LOST, MSG_BC_REFUSED, MSG_POST_RING,
	MSG_RING_END,
	/* worker-host -> daemon */
	MSG_OPEN, MSG_MESSAGE, MSG_MESSAGEERROR, MSG_ERROR, MSG_LOG, MSG_EXIT,
	MSG_BC_JOIN, MSG_BC_LEAVE, MSG_BC_POST, MSG_CHANNEL_END,
	/* worker-host <-> compile server */
	MSG_COMPILE, MSG_COMPILED,
	MSG__COUNT
};

/* Error reply codes ("code" of an "err" message). */
enum proto_err {
	PE_BAD_REQUEST,		/* "bad_request": malformed or missing field */
	PE_VERSION,		/* "version": handshake version not spoken */
	PE_NO_SUCH_WORKER,	/* "no_such_worker" */
	PE_NO_SUCH_SCRIPT,	/* "no_such_script": missing or unreadable */
	PE_NAME_TAKEN,		/* "name_taken" */
	PE_QUEUE_FULL,		/* "queue_full": the worker's inbound queue is full */
	PE_LIMIT,		/* "limit": --max-workers / --max-clients reached */
	PE_SPAWN_FAILED,	/* "spawn_failed": fork/exec failed */
	PE_SHUTTING_DOWN,	/* "shutting_down" */
	PE_CLOSED,		/* "closed": the worker has closed */
	PE_PERMISSION,		/* "permission" */
	PE_INTERNAL,		/* "internal" */
	PE__COUNT
};

enum close_reason { CR_EXIT, CR_ERROR, CR_TERMINATED, CR_OOM, CR_KILLED, CR_TIMEOUT, CR__COUNT };

const char *proto_type_name(enum msg_type t);
enum msg_type proto_type_from(const char *s, size_t n);
const char *proto_err_name(enum proto_err e);
/* -1 for an unknown name. */
int proto_err_from(const char *s, size_t n);
const char *proto_reason_name(enum close_reason r);
int proto_reason_from(const char *s, size_t n);

#define PROTO_MAX_FIELDS 32

struct proto_field {
	const char *key;
	uint32_t klen;
	const uint8_t *val;	/* the value's whole msgpack encoding */
	uint32_t vlen;
	struct mp_item item;	/* its first header */
};

struct proto_msg {
	enum msg_type type;	/* MSG_UNKNOWN for a name not in the table */
	bool has_rid;
	uint64_t rid;
	unsigned nfields;
	struct proto_field f[PROTO_MAX_FIELDS];
};

/* Parses one frame document.  -1 (with *err) when it is not a map with
 * string keys, has no string "t", has over PROTO_MAX_FIELDS keys, a
 * duplicate key, or a "rid" that is not a uint. */
int proto_parse(const uint8_t *doc, size_t len, struct proto_msg *m, const char **err);
/* The same for one map at r (a nested one: no "t" wanted, type
 * MSG_UNKNOWN); r is left after it. */
int proto_parse_map(struct mp_reader *r, struct proto_msg *m, const char **err);

/* Field getters: PF_OK, PF_ABSENT (no such key; outputs untouched), or
 * PF_BAD (present with the wrong type, or a string that is not UTF-8). */
enum { PF_BAD = -1, PF_OK = 0, PF_ABSENT = 1 };
const struct proto_field *proto_field(const struct proto_msg *m, const char *key);
int proto_get_uint(const struct proto_msg *m, const char *key, uint64_t *out);
int proto_get_int(const struct proto_msg *m, const char *key, int64_t *out);
int proto_get_double(const struct proto_msg *m, const char *key, double *out);
int proto_get_bool(const struct proto_msg *m, const char *key, bool *out);
int proto_get_str(const struct proto_msg *m, const char *key, const char **s, size_t *n);
/* The raw bytes of any value (used for "data", arrays and maps). */
int proto_get_raw(const struct proto_msg *m, const char *key, const uint8_t **p, size_t *n);

/*
 * Writing: proto_begin() starts a frame whose map has `nfields` fields
 * besides "t" and writes "t"; the caller writes exactly nfields key/value
 * pairs (proto_key() then one mpw_* value each); proto_end() closes the
 * frame.  Returns -1 when the buffer refuses to grow.
 */
long proto_begin(struct pbuf *b, enum msg_type t, uint32_t nfields);
int proto_key(struct pbuf *b, const char *key);
int proto_end(struct pbuf *b, long off);

/* A whole "err" reply frame: {t, rid, code, msg}. */
int proto_write_err(struct pbuf *b, uint64_t rid, enum proto_err code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int proto_write_verr(struct pbuf *b, uint64_t rid, enum proto_err code, const char *fmt, va_list ap);

#endif
