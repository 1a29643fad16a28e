/*
 * client.h - client connections: accept (peer check, --max-clients),
 * handshake, request dispatch, replies.
 *
 * A connection's first frame must be `hello`.  A malformed, truncated or
 * oversized frame gets `err bad_request` and the connection is closed once
 * that reply is written; nobody else is affected.  A client whose unread
 * output passes --client-buffer-limit is not read until it drains, so its
 * own replies bound it.  When a connection closes, the workers it owns are
 * terminated and its subscriptions and waiting requests dropped; the
 * struct is freed at the end of the loop iteration (client_free_dead), so
 * code up the stack may still look at it.
 */
#ifndef WD_CLIENT_H
#define WD_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/types.h>

#include "dlink.h"
#include "proto.h"
#include "route.h"
#include "wd.h"
#include "worker.h"

struct wd;

/* Requests of one connection waiting for an event (recv, wait,
 * terminate, status/list waiting for heap sizes) at most; past it a recv,
 * wait or terminate gets `limit`, and status/list answer at once. */
#define CLIENT_PENDING_MAX 4096

struct gap {
	uint64_t id, from, to;
};

struct client {
	TAILQ_ENTRY(client) entry;	/* wd->clients or wd->dead */
	TAILQ_ENTRY(client) all_entry;	/* wd->all_subs */
	TAILQ_ENTRY(client) post_entry;	/* post_blocked->posters */
	struct worker *post_blocked;	/* a post wait:true waits for room there */
	struct wd *wd;
	struct dlink link;
	uint64_t serial;
	uid_t uid;
	bool hello;
	bool closing;			/* close once output is written */
	bool dead;
	bool sub_all;
	uint64_t stamp;			/* last event delivered (dedupe) */
	struct sub_list subs;
	struct waiter_list waiters;
	struct worker_list owned;
	struct gap *gaps;
	size_t ngaps, capgaps;
	bool lagging;
	unsigned npending;		/* waiters and statqs */
};

/* The listening socket is readable: accepts all pending connections.  -1
 * when accept(2) failed for want of fds (the caller backs off). */
int client_accept(struct wd *wd);
/* Closes a connection (deferred free). */
void client_kill(struct client *c);
void client_free_dead(struct wd *wd);
/* Reads the client's pending requests again (its post may fit now). */
void client_retry(struct client *c);
/* Sends the frame built in wd->out and resets it. */
void client_send_out(struct client *c);
void client_reply_err(struct client *c, uint64_t rid, enum proto_err code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Is the client's output past --client-buffer-limit? */
bool client_over(const struct client *c);

#endif
