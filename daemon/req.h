/*
 * req.h - the request handlers, one file per family: req_life.c (spawn,
 * terminate, wait, ref, unref), req_post.c (post, recv, channel, ring), req_sub.c
 * (subscribe, unsubscribe), req_info.c (status, list, logs); req.c holds
 * what they share.
 *
 * A handler gets the session of the connection the request came on (its
 * peer, its routing state, the workers it owns) and the daemon's core, and
 * answers by itself: every request gets its reply or error, now or when
 * the event it waits for comes.  Handlers call down (worker, route, stats,
 * peer) and never into the connection code.
 */
#ifndef WD_REQ_H
#define WD_REQ_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "peer.h"
#include "msg.h"
#include "route.h"
#include "stats.h"
#include "worker.h"

/* The modules every handler may use. */
struct core {
	const struct wd_config *cfg;
	struct wpool *pool;
	struct router *rt;
	struct stats *st;
};

struct session {
	struct core *core;
	uid_t uid;			/* the peer's (SO_PEERCRED) */
	gid_t gid;
	struct peer peer;
	struct rpeer rp;
	struct worker_owner owned;
	bool had_ring;			/* asked for a post ring: its end looks for them */
};

/* Looks up the worker a request of type t names; replies with the error
 * itself when there is none. */
struct worker *req_need_worker(struct session *s, enum msg_type t, const struct msg_wid *id, uint64_t rid);
/* Reads a target request (terminate, wait, ref, ...) and looks its worker
 * up; NULL after replying. */
struct worker *req_target(struct session *s, const struct proto_msg *m, uint64_t rid);

void req_spawn(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_terminate(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_wait(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_ref(struct session *s, const struct proto_msg *m, uint64_t rid);
/* 1 when the post must wait for room (wait:true): the frame stays unread. */
int req_post(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_recv(struct session *s, const struct proto_msg *m, uint64_t rid);
/* A direct channel to a worker this connection owns or consumes. */
void req_channel(struct session *s, const struct proto_msg *m, uint64_t rid);
/* A post ring (ring.h) for such a worker. */
void req_ring(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_subscribe(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_unsubscribe(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_status(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_list(struct session *s, const struct proto_msg *m, uint64_t rid);
void req_logs(struct session *s, const struct proto_msg *m, uint64_t rid);

#endif
