/*
 * rawclient.h - a small blocking client speaking raw frames, for tests.
 *
 * It connects, says hello, sends requests built with proto.h/mpwrite.h and
 * reads frames with a timeout (poll; never a sleep).  rc_reply() waits for
 * the reply to one rid (or an err with rid 0), rc_event() for the next
 * event; frames they pass over are queued and returned by a later call that
 * wants them, so tests see every frame exactly once.  The
 * proto_msg a read fills points into the client's current frame, valid
 * until the next read.
 */
#ifndef RAWCLIENT_H
#define RAWCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "proto.h"

struct rc_saved;

struct rawclient {
	int fd;
	uint8_t *in;		/* unparsed bytes */
	size_t in_len, in_cap;
	uint8_t *cur;		/* the frame handed out last */
	size_t cur_len;
	long off;		/* the request being built, or -1 */
	struct rc_saved *head, *tail;	/* queued ev frames */
	struct pbuf out;
	uint64_t next_rid;
	size_t max_frame;
};

/* Connects to the socket; -1 on failure (errno set). */
int rc_connect(struct rawclient *c, const char *path);
/* Connects and completes the handshake; -1 on failure. */
int rc_open(struct rawclient *c, const char *path);
void rc_close(struct rawclient *c);
/* Sends raw bytes as they are. */
int rc_send_raw(struct rawclient *c, const void *p, size_t n);

/* Starts a request frame in c->out with "t", "rid" and room for nfields
 * more; returns the rid.  rc_end() frames and sends everything built, so
 * several requests begun in a row go out in one write. */
uint64_t rc_begin(struct rawclient *c, enum msg_type t, uint32_t nfields);
int rc_end(struct rawclient *c);

/* Reads the next frame (queued ones first): 1 with *m filled, 0 on
 * timeout, -1 on EOF or a bad frame. */
int rc_read(struct rawclient *c, int timeout_ms, struct proto_msg *m);
/* Waits for the reply to rid; 1, 0 (timeout) or -1. */
int rc_reply(struct rawclient *c, uint64_t rid, int timeout_ms, struct proto_msg *m);
/* Waits for the next ev frame; 1, 0 or -1. */
int rc_event(struct rawclient *c, int timeout_ms, struct proto_msg *m);

/* Helpers over the above.  Return the reply type (MSG_OK / MSG_ERR) and
 * fill *m, or -1 on timeout/EOF. */
int rc_spawn(struct rawclient *c, const char *script, const char *name, const char *extra_key,
    bool extra_val, struct proto_msg *m);
uint64_t rc_spawn_id(struct rawclient *c, const char *script, const char *name);
/* Posts an integer; with_rid waits for the reply. */
int rc_post_int(struct rawclient *c, uint64_t id, int64_t v, bool with_rid, struct proto_msg *m);
int rc_post_str(struct rawclient *c, uint64_t id, const char *s, bool with_rid, struct proto_msg *m);
int rc_simple(struct rawclient *c, enum msg_type t, uint64_t id, struct proto_msg *m);
int rc_recv(struct rawclient *c, uint64_t id, uint32_t n, bool wait, int timeout_ms, struct proto_msg *m);
int rc_subscribe(struct rawclient *c, const uint64_t *ids, unsigned nids, bool consume, struct proto_msg *m);

/* Field helpers for tests: the err code of a reply ("" when not err), an
 * int field (INT64_MIN when absent), a str field copied into buf. */
const char *rc_err_code(const struct proto_msg *m, char *buf, size_t len);
int64_t rc_int(const struct proto_msg *m, const char *key);
const char *rc_str(const struct proto_msg *m, const char *key, char *buf, size_t len);
/* The event name of an ev frame into buf. */
const char *rc_event_name(const struct proto_msg *m, char *buf, size_t len);
/* A value field holding one msgpack int: *out; -1 if not an int. */
int rc_data_int(const struct proto_msg *m, const char *key, int64_t *out);

#endif
