/*
 * workerclient.h - C client library for workersd (docs/protocol.md).
 *
 * One struct wc_conn is one connection to the daemon.  wc_connect() finds
 * the socket by the rules of CONTRACT section 2, connects and shakes hands.
 * Every request is described by a struct wc_request and answered by a
 * struct wc_reply; the same description serves both forms:
 *
 *  - blocking: wc_call() (and the thin wrappers wc_spawn(), wc_post_json(),
 *    ...) sends the request and waits for its reply, up to a timeout.
 *    Events that arrive meanwhile are queued for wc_next_event().
 *  - non-blocking: after wc_attach() the connection lives in a libevent
 *    loop; wc_call_async() queues a request and its callback runs when the
 *    reply arrives; events go to the on_event handler.  A connection that is
 *    attached takes no blocking calls.  libevent writes without
 *    MSG_NOSIGNAL: a program using this form should ignore SIGPIPE.
 *
 * Errors are values: every call returns 0 or -1 and fills a struct
 * wc_error with a code (the protocol's error codes, plus the client-side
 * WC_E_UNREACHABLE, WC_E_TIMEOUT, WC_E_PROTOCOL, WC_E_USAGE, WC_E_LIMIT_LOCAL)
 * and a one-line message that names the worker or thing and the cause.
 *
 * Bounds: a frame is at most the daemon's max_frame; at most
 * WC_MAX_PENDING requests are in flight per connection; the blocking event
 * queue holds at most WC_MAX_QUEUED_EVENTS events or WC_MAX_QUEUED_BYTES
 * bytes, and the async output queue at most WC_MAX_OUTPUT bytes.  Past a
 * bound the call fails with WC_E_LIMIT_LOCAL; a full event queue fails the
 * connection (nothing is dropped silently).
 *
 * Worker references ("wid") are strings: all decimal digits is an id,
 * anything else a name (IDs and names are interchangeable).
 */
#ifndef WORKERCLIENT_H
#define WORKERCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;
struct wc_conn;

#define WC_MAX_PENDING 1024
#define WC_MAX_QUEUED_EVENTS 65536
#define WC_MAX_QUEUED_BYTES ((size_t)256 << 20)
#define WC_MAX_OUTPUT ((size_t)256 << 20)

enum wc_code {
	WC_OK = 0,
	/* the daemon's error codes (docs/protocol.md 2.2) */
	WC_E_BAD_REQUEST, WC_E_VERSION, WC_E_NO_SUCH_WORKER, WC_E_NO_SUCH_SCRIPT,
	WC_E_NAME_TAKEN, WC_E_QUEUE_FULL, WC_E_LIMIT, WC_E_SPAWN_FAILED,
	WC_E_SHUTTING_DOWN, WC_E_CLOSED, WC_E_PERMISSION, WC_E_INTERNAL,
	/* client side */
	WC_E_UNREACHABLE,	/* cannot connect, or the connection was lost */
	WC_E_TIMEOUT,		/* the caller's timeout passed */
	WC_E_PROTOCOL,		/* the daemon sent something malformed */
	WC_E_USAGE,		/* bad argument: bad JSON, bad wid, ... */
	WC_E_LIMIT_LOCAL,	/* a client-side bound was reached, or out of memory */
	WC__CODE_COUNT
};

struct wc_error {
	enum wc_code code;
	char msg[512];
};

/* "no_such_worker", "timeout", ... */
const char *wc_code_name(enum wc_code c);

/*
 * Connects to `socket_path` (NULL: $WORKERSD_SOCKET, then the default
 * path) and does the handshake within `timeout_s` seconds (< 0: no limit).
 * `client_name` is sent in hello (NULL: "libworkerclient").
 */
struct wc_conn *wc_connect(const char *socket_path, const char *client_name, double timeout_s,
    struct wc_error *err);
/* Closes the connection; pending async callbacks are not called. */
void wc_close(struct wc_conn *c);
/* The socket path used, the daemon's "server" string, and its max_frame. */
const char *wc_socket_path(const struct wc_conn *c);
const char *wc_server(const struct wc_conn *c);
size_t wc_max_frame(const struct wc_conn *c);

/* ---- requests ------------------------------------------------------ */

enum wc_op {
	WC_SPAWN, WC_POST, WC_RECV, WC_TERMINATE, WC_WAIT, WC_SUBSCRIBE, WC_UNSUBSCRIBE,
	WC_LIST, WC_STATUS, WC_REF, WC_UNREF, WC_LOGS, WC__OP_COUNT
};

struct wc_spawn_opts {
	const char *script;	/* a path resolved against cwd by the daemon, or a file: URL */
	const char *cwd;	/* NULL: the caller's working directory */
	const char *const *args;
	size_t nargs;
	const char *const *env;	/* "K=V" strings */
	size_t nenv;
	const char *name;	/* NULL: the daemon picks one */
	bool smol;
	uint64_t heap_limit;	/* bytes, 0 = default */
	bool unref;
	bool client_owned;	/* owner:"client": ends with this connection */
	bool attach;		/* subscribe this connection (consume) from open on */
	const uint8_t *data;	/* workerData: one clone value (clone_from_json), NULL: none */
	bool legacy_decorators;	/* TypeScript's experimentalDecorators in its modules */
	size_t data_len;
};

struct wc_request {
	enum wc_op op;
	const char *wid;		/* every op that names one worker */
	const struct wc_spawn_opts *spawn;	/* WC_SPAWN */
	const uint8_t *data;		/* WC_POST: one clone value */
	size_t data_len;
	bool post_wait;			/* WC_POST: wait for queue room, never queue_full */
	unsigned n;			/* WC_RECV: 1..1024 (0 means 1) */
	bool nowait;			/* WC_RECV: answer at once */
	bool consume;			/* WC_SUBSCRIBE */
	bool follow;			/* WC_LOGS */
	const char *const *wids;	/* WC_SUBSCRIBE / WC_UNSUBSCRIBE; none: all */
	size_t nwids;
};

/* A worker's close: code, reason ("exit", "error", "terminated", "oom",
 * "killed", "timeout") and signal name ("" when none). */
struct wc_close {
	int64_t code;
	char reason[16];
	char signal[16];
};

struct wc_status {
	uint64_t id;
	char *name;
	char *script;
	uint64_t pid;
	char state[16];		/* starting, open, closing, closed */
	char owner[16];		/* daemon, client */
	bool ref;
	double uptime_s;
	uint64_t rss_bytes, heap_bytes, msgs_in, msgs_out, bytes_in, bytes_out;
	bool closed;		/* close is valid */
	struct wc_close close;
};

/* A clone value: bytes inside its reply or event. */
struct wc_value {
	const uint8_t *p;
	size_t n;
};

/* A log text may hold NUL bytes (console.log('a\0b')): text_len is its
 * length; text is NUL-terminated too, for callers that stop at the first. */
struct wc_log_line {
	char level[16];
	char *text;
	size_t text_len;
};

struct wc_reply {
	enum wc_op op;
	struct wc_error err;	/* err.code == WC_OK on success */
	/* WC_SPAWN */
	uint64_t id, pid;
	char *name;
	/* WC_RECV */
	struct wc_value *msgs;
	size_t nmsgs;
	bool closed;
	/* WC_TERMINATE, WC_WAIT */
	struct wc_close close;
	/* WC_LIST (nworkers entries), WC_STATUS (one) */
	struct wc_status *workers;
	size_t nworkers;
	/* WC_LOGS */
	struct wc_log_line *lines;
	size_t nlines;
	/* owned copy of the reply document */
	uint8_t *doc;
	size_t doc_len;
};

void wc_reply_free(struct wc_reply *r);

/* Blocking: sends `req`, waits up to timeout_s (< 0: no limit) for the
 * reply.  Returns 0, or -1 with out->err set; out must be freed with
 * wc_reply_free() either way. */
int wc_call(struct wc_conn *c, const struct wc_request *req, double timeout_s, struct wc_reply *out);

/* Sends a request without asking for a reply (a post without rid); a
 * failure the daemon reports later arrives as an error for rid 0, which
 * fails the connection.  Blocking mode only waits for the write. */
int wc_send_noreply(struct wc_conn *c, const struct wc_request *req, struct wc_error *err);

/* ---- blocking conveniences ------------------------------------------ */

int wc_spawn(struct wc_conn *c, const struct wc_spawn_opts *o, uint64_t *id, struct wc_error *err);
/* Converts one tagged-JSON text (docs/protocol.md section 5) and posts it. */
int wc_post_json(struct wc_conn *c, const char *wid, const char *json, size_t len, struct wc_error *err);
int wc_post_clone(struct wc_conn *c, const char *wid, const uint8_t *p, size_t n, struct wc_error *err);
int wc_terminate(struct wc_conn *c, const char *wid, double timeout_s, struct wc_close *out,
    struct wc_error *err);
int wc_wait(struct wc_conn *c, const char *wid, double timeout_s, struct wc_close *out,
    struct wc_error *err);
int wc_subscribe(struct wc_conn *c, const char *const *wids, size_t n, bool consume,
    struct wc_error *err);
int wc_set_ref(struct wc_conn *c, const char *wid, bool ref, struct wc_error *err);

/* ---- events --------------------------------------------------------- */

enum wc_ev {
	WC_EV_OPEN, WC_EV_MESSAGE, WC_EV_MESSAGEERROR, WC_EV_ERROR, WC_EV_LOG, WC_EV_CLOSE,
	WC_EV_GAP, WC_EV_UNKNOWN
};

struct wc_event {
	enum wc_ev kind;
	char name[16];		/* the wire's event name */
	uint64_t id, seq;
	struct wc_value data;	/* message */
	/* messageerror, error */
	char *err_name, *err_message, *err_stack, *err_filename;
	uint64_t err_lineno, err_colno;
	/* log (text_len: as in struct wc_log_line) */
	char level[16];
	char *text;
	size_t text_len;
	/* close */
	struct wc_close close;
	/* gap */
	uint64_t gap_from, gap_to;
	uint8_t *doc;
	size_t doc_len;
};

void wc_event_free(struct wc_event *ev);
/* The event as one JSON line without newline, as `workerctl watch` prints
 * it (message data as tagged JSON).  malloc'd; NULL with err. */
char *wc_event_json(const struct wc_event *ev, struct wc_error *err);

/* Blocking: the next event (queued or read), waiting up to timeout_s.
 * 0 with *ev filled (free with wc_event_free), or -1. */
int wc_next_event(struct wc_conn *c, double timeout_s, struct wc_event *ev, struct wc_error *err);

/* ---- non-blocking (libevent) ---------------------------------------- */

struct wc_handlers {
	/* an event; ev is freed after the call */
	void (*on_event)(struct wc_conn *c, const struct wc_event *ev, void *arg);
	/* the connection failed or the daemon closed it; no callback follows */
	void (*on_error)(struct wc_conn *c, const struct wc_error *err, void *arg);
};

/* reply is freed after the call */
typedef void (*wc_reply_cb)(struct wc_conn *c, const struct wc_reply *reply, void *arg);

/* Moves the connection into `base`.  Queued events are delivered from the
 * loop.  -1 when it cannot register its events. */
int wc_attach(struct wc_conn *c, struct event_base *base, const struct wc_handlers *h, void *arg,
    struct wc_error *err);
/* Queues `req`; cb (may be NULL) runs with the reply.  -1 when the
 * connection has failed or a bound is reached. */
int wc_call_async(struct wc_conn *c, const struct wc_request *req, wc_reply_cb cb, void *arg,
    struct wc_error *err);

/* ---- helpers -------------------------------------------------------- */

/* Tagged JSON of one clone value (malloc'd), NULL with err. */
char *wc_value_json(const struct wc_value *v, struct wc_error *err);

#endif
