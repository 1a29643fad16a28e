/*
 * worker.h - the worker lifecycle: one record per worker and its state
 * machine, starting -> open -> closing -> closed, and the pool that owns
 * every worker (the id, pid and name tables, the live list, the close
 * records, the owner lists).
 *
 * A worker is started by worker_start() on a fresh socketpair (its host gets
 * `init` at once; posts are held until the host says `open`).  It is closed
 * once its process has been reaped AND its socket is done: read to EOF when
 * it ended on its own (so every message it posted is routed before
 * `close`), or shut by us when it was terminated.  The close code and
 * reason come from the host's `exit` frame; otherwise `terminated` (we sent
 * the signal), `killed` (a signal nobody here sent: 128+signal), `timeout`
 * (code 1: the host did not say `open` within --open-timeout of the spawn,
 * and was ended), or `error` (the host broke the protocol, or exited
 * without an `exit` frame: its exit status).  A closed worker becomes a close record (records.h) and is freed
 * when the record expires.
 *
 * This layer knows nothing of clients: what happens to a worker is told to
 * the layer above through struct worker_ops (wired in main.c), called from
 * the loop (the host's socket, SIGCHLD, timers) or from the call that
 * caused it (attach and freeing from worker_start; terminated, room, stats
 * and closed from worker_terminate).  The layer above never reads a worker
 * from inside those calls: a worker whose messages cannot be taken
 * (can_take false) stops being read until worker_resume(), which only
 * queues it; wpool_run() reads the queued workers again at the end of the
 * loop iteration, so nothing is re-entered.  Only this layer writes a
 * struct worker; the others read it.
 */
#ifndef WD_WORKER_H
#define WD_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/types.h>

#include "bctab.h"
#include "buf.h"
#include "config.h"
#include "dlink.h"
#include "logring.h"
#include "msg.h"
#include "records.h"
#include "table.h"

struct spawner;
struct compiler;
struct cgroups;
struct worker;
TAILQ_HEAD(worker_list, worker);

enum wstate { WS_STARTING, WS_OPEN, WS_CLOSING, WS_CLOSED };

/* Event kinds, as in the protocol's `ev` frames. */
enum {
	EV_OPEN = 1, EV_MESSAGE = 2, EV_MESSAGEERROR = 4, EV_ERROR = 8, EV_LOG = 16,
	EV_CLOSE = 32, EV_ALL = 63
};

/* The workers a client owns; only this layer changes the list. */
struct worker_owner {
	struct worker_list list;
};

struct worker {
	struct tnode by_id, by_pid, by_name;
	TAILQ_ENTRY(worker) entry;	/* pool->live */
	TAILQ_ENTRY(worker) owned;	/* owner->list */
	TAILQ_ENTRY(worker) ready_entry; /* pool->ready */
	struct record rec;		/* once closed */
	struct wpool *pool;
	void *up;			/* the layer above's state (worker_set_up) */
	uint64_t id;
	char *name;
	char *script;
	uid_t uid;			/* of the client that spawned it */
	pid_t pid;
	enum wstate state;
	bool ref;
	bool owned_by_client;
	struct worker_owner *owner;
	struct dlink link;

	uint64_t msgs_in, msgs_out, bytes_in, bytes_out;
	double started, ended;
	uint64_t heap_bytes;
	bool stats_pending;
	uint32_t stats_round;

	bool direct;			/* its host has a direct channel (worker_channel) */
	uint64_t ring_peer;		/* serial of the connection its post ring is for, 0: none (wpool_ring_gone) */
	uint64_t ring_size;
	bool opened;			/* the open event went out */
	bool got_exit;
	bool terminating;		/* we sent SIGTERM */
	bool fault;			/* the host broke the protocol or hung */
	char why[160];			/* the fault's one line: the err of a spawn it ended */
	bool reaped;
	bool blocked;			/* reading stopped by back-pressure */
	bool ready;			/* on pool->ready */
	int wstatus;
	int64_t code;
	enum close_reason reason;
	int signal;
	struct event *kill_timer;
	struct event *open_timer;	/* until the host says open (--open-timeout) */
	bool timed_out;			/* it never did */

	struct logring logs;
	struct bcmember bc;		/* its BroadcastChannel names: bctab.c's */
};

struct worker_ops {
	/* A worker is being made: the layer above's state for it (its `up`),
	 * or NULL when out of memory (the start fails). */
	void *(*attach)(struct worker *w, void *arg);
	/* open, error, messageerror or log, with its own fields in ev (NULL:
	 * none). */
	void (*event)(struct worker *w, unsigned kind, const struct msg_ev *ev, void *arg);
	/* May one more message be taken now?  false: stop reading. */
	bool (*can_take)(struct worker *w, void *arg);
	void (*message)(struct worker *w, const uint8_t *data, size_t n, void *arg);
	/* Every frame read at once has been handled. */
	void (*batch)(struct worker *w, void *arg);
	/* The host answered the `stats` of `round`, or never will. */
	void (*stats)(struct worker *w, uint32_t round, void *arg);
	/* Its queue of posts has room again, or it takes no more posts. */
	void (*room)(struct worker *w, void *arg);
	/* We terminated it: what it posted and nobody took is dropped. */
	void (*terminated)(struct worker *w, void *arg);
	/* It has closed (code, reason and signal are set). */
	void (*closed)(struct worker *w, void *arg);
	/* It is about to be freed. */
	void (*freeing)(struct worker *w, void *arg);
	/* Its host, started by the template, has a pid now (a host that
	 * cannot be started closes instead).  Nothing of it is read before. */
	void (*spawned)(struct worker *w, void *arg);
	/* A bc_join, bc_leave or bc_post frame of its host (type), read. */
	void (*bcast)(struct worker *w, enum msg_type type, const struct msg_bcast *m, void *arg);
};

struct wpool {
	const struct wd_config *cfg;
	struct dlink_loop *loop;
	struct spawner *spawner;
	struct compiler *compiler;	/* NULL: no lowering (compiler.h) */
	struct cgroups *cgroups;	/* a cgroup per worker when on; NULL: none (cgroup.h) */
	const struct worker_ops *ops;
	void *arg;

	struct table by_id;
	struct table by_pid;
	struct table by_name;
	struct worker_list live;	/* starting, open, closing */
	unsigned nlive;
	struct worker_list ready;	/* to be read again (worker_resume) */
	struct records records;
	uint64_t next_id;
	bool stopping;			/* no new workers */
	uid_t admin;			/* the daemon's own uid: sees every worker, as root does */
	struct pbuf out;		/* a frame to a host, built and sent at once */
};

struct spawn_opts {
	const char *script;		/* absolute, checked readable */
	const char *name;		/* NULL: "worker-<id>" */
	size_t name_len;
	struct msg_list args;		/* [str], as read (absent: none) */
	struct msg_list env;		/* {str:str}, as read */
	struct msg_str cwd;		/* absolute, or absent: "/" */
	bool smol;
	uint64_t heap_limit;
	bool ref;
	struct worker_owner *owner;	/* NULL: owned by the daemon */
	uid_t uid;			/* the spawning client's: its owner */
	struct runas_id run;		/* what the host becomes (runas.h) */
	struct msg_val data;		/* workerData, opaque (absent: none); read during worker_start */
	bool legacy_decorators;		/* TypeScript's experimentalDecorators for its modules */
};

/* May a client of `uid` see and control w?  Its own workers, or every
 * worker for root and the daemon's own uid. */
bool worker_allows(const struct worker *w, uid_t uid);

/* -1 when out of memory. */
int wpool_init(struct wpool *p, const struct wd_config *cfg, struct dlink_loop *loop, struct spawner *sp,
    struct compiler *cc, struct cgroups *cg, const struct worker_ops *ops, void *arg);
/* Kills every live host and frees every worker and record. */
void wpool_free(struct wpool *p);
/* Reads the workers worker_resume() queued; true when there were any. */
bool wpool_run(struct wpool *p);
/* End of the loop iteration: expires close records, lets go of a frame
 * buffer a huge post made big. */
void wpool_expire(struct wpool *p);
/* Refuses new workers from now on (graceful stop). */
void wpool_stop(struct wpool *p);
/* Reaps every exited host (SIGCHLD). */
void wpool_reap(struct wpool *p);
/* Terminates every live worker, or those without a ref. */
void wpool_terminate(struct wpool *p, bool all);

/* NULL with *code and err set (limit, name_taken, spawn_failed, ...). */
struct worker *worker_start(struct wpool *p, const struct spawn_opts *o, enum proto_err *code,
    char *err, size_t errlen);
/* Looks up a worker by name: the live one, else the newest record. */
struct worker *worker_by_name(struct wpool *p, const char *name, size_t n);
struct worker *worker_by_id(struct wpool *p, uint64_t id);
/* Resolves a wid (id, or name / decimal id): live workers first, then
 * close records.  NULL when unknown; *bad set for an empty name. */
struct worker *worker_lookup(struct wpool *p, const struct msg_wid *wid, bool *bad);
/* Terminates (SIGTERM, SIGKILL after the grace period); idempotent. */
void worker_terminate(struct worker *w);
/* Ends a worker that broke the protocol (reason error). */
void worker_fault(struct worker *w, const char *why);
/* A post to forward: n clone bytes at data, or with ring the next n bytes
 * of the worker's post ring (data NULL).  When data lies in blk (the block
 * the client's frame came in, dlink_in_block), its bytes are sent by
 * reference, not copied; blk may be NULL. */
struct wpost {
	const uint8_t *data;
	size_t n;
	struct frame_blk *blk;
	bool ring;
};
/* Sends a post: 0, -1 when its queue is past --queue-limit, -2 when out of
 * memory. */
int worker_post(struct worker *w, const struct wpost *p);
/* Sends a bc_lost or bc_refused frame to the host: 0, or -2 when out of
 * memory or the host takes nothing more. */
int worker_send_bcast(struct worker *w, enum msg_type type, const struct msg_bcast *m);
/* Sends a whole frame shared with other hosts (a bc_message, dlink.h):
 * 0, -1 when its queue is past --queue-limit (as worker_post), -2 when
 * out of memory or the host takes nothing more. */
int worker_send_shared(struct worker *w, struct dlink_shared *f);
/* Hands the host one end of a direct channel (docs/protocol.md 2.9) in a
 * `channel` frame; w owns fd from then on.  0; -1 when it already has one
 * (until its host says `channel_end`) or takes no posts; -2 when out of
 * memory.  fd is closed on failure. */
int worker_channel(struct worker *w, int fd);
/* Hands the host a post ring of size data bytes (ring.h) for the
 * connection with serial peer, in a `ring` frame; w owns fd from then on.
 * A worker has one at a time.  0; -1 when it has one or takes no posts;
 * -2 when out of memory.  fd is closed on failure. */
int worker_ring(struct worker *w, int fd, uint64_t size, uint64_t peer);
/* The connection with serial peer is gone: each live worker whose ring
 * was its gets `ring_end` (after the posts already sent) and may be given
 * another. */
void wpool_ring_gone(struct wpool *p, uint64_t peer);
/* Bytes of posts waiting to be written to the host. */
size_t worker_queued(const struct worker *w);
/* Can it still take posts (open or starting, socket open)? */
bool worker_takes_posts(const struct worker *w);
/* Asks the host for its heap size on behalf of `round`; false when it
 * cannot answer (not open). */
bool worker_ask_stats(struct worker *w, uint32_t round);
/* Appends the array of the worker's kept log lines to b (logring.h). */
int worker_write_logs(struct worker *w, struct pbuf *b);
/* Queues a blocked worker to be read again (see above). */
void worker_resume(struct worker *w);
void worker_set_up(struct worker *w, void *up);
void worker_set_ref(struct worker *w, bool ref);
const char *worker_state_name(enum wstate s);

void worker_owner_init(struct worker_owner *o);
/* The owner is gone: every worker it owns is terminated. */
void worker_owner_gone(struct worker_owner *o);

#endif
