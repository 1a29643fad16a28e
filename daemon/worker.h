/*
 * worker.h - one record per worker and its state machine:
 * starting -> open -> closing -> closed.
 *
 * A worker is started by worker_start() on a fresh socketpair (its host gets
 * `init` at once; posts are held until the host says `open`).  It is closed
 * once its process has been reaped AND its socket is done: read to EOF when
 * it ended on its own (so every message it posted is routed before
 * `close`), or shut by us when it was terminated.  The close code and
 * reason come from the host's `exit` frame; otherwise `terminated` (we sent
 * the signal), `killed` (a signal nobody here sent: 128+signal), or `error`
 * (the host broke the protocol, or exited without an `exit` frame: its exit
 * status).  A closed worker becomes a close record (records.h) and is freed
 * when the record expires.
 */
#ifndef WD_WORKER_H
#define WD_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/types.h>

#include "dlink.h"
#include "logring.h"
#include "mailbox.h"
#include "proto.h"
#include "table.h"

struct wd;
struct client;
struct sub;
struct waiter;
TAILQ_HEAD(sub_list, sub);
TAILQ_HEAD(waiter_list, waiter);
TAILQ_HEAD(poster_list, client);

enum wstate { WS_STARTING, WS_OPEN, WS_CLOSING, WS_CLOSED };

struct worker {
	struct tnode by_id, by_pid, by_name;
	TAILQ_ENTRY(worker) entry;	/* wd->live or wd->records */
	TAILQ_ENTRY(worker) owned;	/* owner->owned */
	struct wd *wd;
	uint64_t id;
	char *name;
	char *script;
	pid_t pid;
	enum wstate state;
	bool ref;
	bool owned_by_client;
	struct client *owner;
	struct dlink link;

	uint64_t seq;			/* events so far */
	uint64_t msgs_in, msgs_out, bytes_in, bytes_out;
	double started, ended;
	uint64_t heap_bytes;
	bool stats_pending;
	uint32_t stats_round;

	bool opened;			/* the open event went out */
	bool got_exit;
	bool terminating;		/* we sent SIGTERM */
	bool fault;			/* the host broke the protocol or hung */
	bool reaped;
	bool blocked;			/* reading stopped by back-pressure */
	bool in_input;
	int wstatus;
	int64_t code;
	enum close_reason reason;
	int signal;
	struct event *kill_timer;

	struct mailbox mb;		/* route.c's */
	struct logring logs;
	struct sub_list subs;
	struct sub *consumer;
	struct waiter_list waiters;
	struct poster_list posters;	/* clients stopped by post wait:true */
};

struct spawn_opts {
	const char *script;		/* absolute, checked readable */
	const char *name;		/* NULL: "worker-<id>" */
	size_t name_len;
	const uint8_t *args;		/* raw msgpack [str], or NULL */
	size_t args_len;
	const uint8_t *env;		/* raw msgpack {str:str}, or NULL */
	size_t env_len;
	bool smol;
	uint64_t heap_limit;
	bool ref;
	struct client *owner;		/* NULL: owned by the daemon */
};

/* NULL with *code and err set (limit, name_taken, spawn_failed, ...). */
struct worker *worker_start(struct wd *wd, const struct spawn_opts *o, enum proto_err *code,
    char *err, size_t errlen);
/* Looks up a live worker by name. */
struct worker *worker_by_name(struct wd *wd, const char *name, size_t n);
/* Resolves a wid field (uint id, or str name / decimal id): live workers
 * first, then close records.  NULL when absent or unknown; *bad set when
 * the field is missing or mistyped. */
struct worker *worker_lookup(struct wd *wd, const struct proto_msg *m, const char *key, bool *bad);
/* The same for one msgpack item (an element of "ids"). */
struct worker *worker_lookup_item(struct wd *wd, const struct mp_item *it, bool *bad);
/* Terminates (SIGTERM, SIGKILL after the grace period); idempotent. */
void worker_terminate(struct worker *w);
/* Ends a worker that broke the protocol (reason error). */
void worker_fault(struct worker *w, const char *why);
/* Reaps every exited host (SIGCHLD). */
void worker_reap(struct wd *wd);
/* Lets clients stopped by a full inbound queue try their post again. */
void worker_wake_posters(struct worker *w);
/* Restarts reading after back-pressure was lifted. */
void worker_unblock(struct worker *w);
/* Frees a close record (or, at exit, any worker). */
void worker_free(struct worker *w);
const char *worker_state_name(enum wstate s);
/* SIGKILLs every live worker's process group (daemon exit path). */
void worker_kill_all(struct wd *wd);

#endif
