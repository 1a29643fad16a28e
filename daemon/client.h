/*
 * client.h - client connections: accept (peer check, --max-clients),
 * handshake, reading requests and handing them to their handlers (req.h).
 *
 * A connection's first frame must be `hello`.  A malformed, truncated or
 * oversized frame gets `err bad_request` and the connection is closed once
 * that reply is written; nobody else is affected.  A client whose unread
 * output passes --client-buffer-limit is not read until it drains, so its
 * own replies bound it.  When a connection closes, the workers it owns are
 * terminated and its subscriptions and waiting requests dropped; the
 * struct is freed at the end of the loop iteration (clients_free_dead), so
 * code up the stack may still look at it.  A client whose post waited for
 * room is queued (client_post_room) and read again from clients_run().
 */
#ifndef WD_CLIENT_H
#define WD_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/types.h>

#include "config.h"
#include "listen.h"
#include "peer.h"
#include "req.h"
#include "route.h"

struct client;
TAILQ_HEAD(client_list, client);

struct client {
	TAILQ_ENTRY(client) entry;	/* cl->live or cl->dead */
	TAILQ_ENTRY(client) retry_entry; /* cl->retry */
	struct clients *cl;
	struct session s;
	uid_t uid;
	bool hello;
	bool dead;
	bool retry;			/* on cl->retry */
};

struct clients {
	const struct wd_config *cfg;
	struct core *core;
	struct peers peers;
	struct client_list live;
	unsigned n;
	uint64_t next_serial;
	struct client_list dead;	/* closed, freed at the end of the iteration */
	struct client_list retry;	/* to be read again */
	bool exiting;			/* kick the loop whenever output drains */
};

void clients_init(struct clients *cl, struct core *core, struct dlink_loop *loop);
/* Closes every connection and frees everything. */
void clients_free(struct clients *cl);
/* The listening socket is readable: accepts all pending connections.  -1
 * when accept(2) failed for want of fds (the caller backs off). */
int clients_accept(struct clients *cl, const struct listener *lis);
/* Reads the queued clients again; true when there were any. */
bool clients_run(struct clients *cl);
/* End of the loop iteration: frees closed clients, trims buffers. */
void clients_free_dead(struct clients *cl);
/* Is every client's output written? */
bool clients_flushed(const struct clients *cl);
void clients_set_exiting(struct clients *cl);
/* The router's retry callback: the client's post may fit now. */
void client_post_room(struct rpeer *rp, void *arg);

#endif
