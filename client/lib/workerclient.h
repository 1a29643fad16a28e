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
	WC_LIST, WC_STATUS, WC_REF, WC_UNREF, WC_LOGS,
	WC_CHANNEL,		/* a direct channel (below); the reply's fd */
	WC_RING,		/* a post ring (below); the reply's fd */
	WC__OP_COUNT
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
	size_t ring_len;		/* WC_POST instead of data: the next bytes of the post ring */
	size_t ring_size;		/* WC_RING: its data bytes */
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
	/* WC_CHANNEL, WC_RING: the channel's end or the ring's memory, the
	 * caller's (or the async callback's) to keep or close; wc_reply_free
	 * leaves it alone.  -1 otherwise. */
	int fd;
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

/* ---- the direct channel (docs/protocol.md 2.9) ------------------------ */

/*
 * A socketpair straight to a worker this connection owns (spawned with
 * client_owned) or consumes (attach, or a consuming subscribe): posts and
 * messages take one hop instead of going through the daemon, which still
 * reports open, log, error and close on the connection.  While it is open
 * every message the worker posts comes here, none through the daemon (no
 * mailbox, no message events for anyone).  A worker has one at a time
 * (WC_E_LIMIT for a second); closing it sends the worker's later messages
 * back through the daemon; the worker closing ends it (EOF) before its
 * close event reaches the connection, so a reader that takes the channel
 * to EOF once it sees close has every message.  The daemon's queue bound
 * does not apply: the socket's buffer is what pushes back.
 *
 * Blocking form: wc_chan_recv() and wc_chan_post_*(); a post that waits
 * for room keeps reading what the worker sends meanwhile, so a loop that
 * posts much and reads afterwards does not deadlock (what it read is
 * bounded by WC_MAX_QUEUED_BYTES: past it the post fails).  Libevent form:
 * wc_chan_attach(); posts are queued (at most WC_MAX_OUTPUT bytes) and
 * written as the socket takes them; on_drain says the queue emptied.
 */
struct wc_chan;

/* Blocking: asks for a channel to wid and waits up to timeout_s. */
struct wc_chan *wc_channel_open(struct wc_conn *c, const char *wid, double timeout_s,
    struct wc_error *err);
/* Wraps the fd of a WC_CHANNEL reply (taken by the call, also on failure);
 * max_frame: wc_max_frame() of the connection. */
struct wc_chan *wc_chan_from_fd(int fd, size_t max_frame, struct wc_error *err);
void wc_chan_close(struct wc_chan *ch);
int wc_chan_post_clone(struct wc_chan *ch, const uint8_t *p, size_t n, struct wc_error *err);
/* Converts one tagged-JSON text (as wc_post_json) and posts it. */
int wc_chan_post_json(struct wc_chan *ch, const char *json, size_t len, struct wc_error *err);
/* Blocking: the next message, waiting up to timeout_s: 1 with *v (valid
 * until the next call on ch), 0 at the channel's end, -1 with err (the
 * worker refused what was sent: its bad_request; a timeout). */
int wc_chan_recv(struct wc_chan *ch, double timeout_s, struct wc_value *v, struct wc_error *err);
/* How long wc_chan_recv() polls before it sleeps, in µs, while replies come
 * back within that time (0 never; at most 1000; default 100, the daemon's
 * --busy-poll default): it trades that CPU for the wake-up of a sleeping
 * process in a ping-pong.  Returns what was set. */
unsigned wc_chan_busy_poll(struct wc_chan *ch, unsigned usec);

struct wc_chan_handlers {
	/* a message; v points into the input, valid during the call */
	void (*on_message)(struct wc_chan *ch, const struct wc_value *v, void *arg);
	/* the channel ended: err NULL at EOF (after every message); no
	 * callback follows */
	void (*on_end)(struct wc_chan *ch, const struct wc_error *err, void *arg);
	/* every queued post is written (may be NULL) */
	void (*on_drain)(struct wc_chan *ch, void *arg);
};

int wc_chan_attach(struct wc_chan *ch, struct event_base *base, const struct wc_chan_handlers *h,
    void *arg, struct wc_error *err);
/* Bytes of posts queued and not yet written (libevent form). */
size_t wc_chan_outlen(const struct wc_chan *ch);

/* ---- the post ring (docs/protocol.md 2.10) ----------------------------- */

/*
 * Memory shared with a worker this connection owns or consumes, which
 * posts' clone bytes are written into instead of the socket: a large post
 * crosses no socket and the daemon copies none of it, while its small
 * `post` request still goes through the daemon, in order with the
 * connection's other requests.  One per worker at a time (WC_E_LIMIT for
 * a second), until this connection closes; size is its data bytes, a multiple of 4096
 * from 64 KiB to 64 MiB, and bounds one post.  A post waits for room while
 * the worker has not yet taken the posts before it (up to timeout_s, negative: no bound, then
 * WC_E_TIMEOUT).  The connection must stay open while the ring is used.
 * Libevent form: ask with wc_call_async() (WC_RING, .ring_size) and wrap
 * the reply's fd with wc_ring_from_fd(), or open it before wc_attach();
 * post with timeout_s 0, so that a full ring fails at once with
 * WC_E_TIMEOUT instead of blocking the loop, and post again once the
 * worker has answered (its messages say it took what came before).
 */
struct wc_ring;

struct wc_ring *wc_ring_open(struct wc_conn *c, const char *wid, size_t size, double timeout_s,
    struct wc_error *err);
/* Wraps the fd of a WC_RING reply for wid (taken by the call, also on
 * failure); size as asked. */
struct wc_ring *wc_ring_from_fd(struct wc_conn *c, const char *wid, int fd, size_t size,
    struct wc_error *err);
/* Posts one clone value through the ring (as wc_send_noreply: a refusal
 * fails the connection later). */
int wc_ring_post_clone(struct wc_ring *r, const uint8_t *p, size_t n, double timeout_s,
    struct wc_error *err);
/* Unmaps it; the worker keeps its end until this connection closes. */
void wc_ring_close(struct wc_ring *r);

/* ---- helpers -------------------------------------------------------- */

/* Tagged JSON of one clone value (malloc'd), NULL with err. */
char *wc_value_json(const struct wc_value *v, struct wc_error *err);

#endif
