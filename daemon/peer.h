/*
 * peer.h - a client connection as the layers below the connection code
 * see it: a link to write whole frames to, its reply helpers, its output
 * bound and its count of waiting requests.
 *
 * A peer whose unwritten output passes --client-buffer-limit is "over"
 * (peer_over): the connection stops reading it and the routing layer
 * starts dropping its events.  A request that waits for an event (recv,
 * wait, terminate, status/list waiting for heap sizes) takes one of its
 * PEER_PENDING_MAX pending slots; past them it is answered at once
 * (`limit`, or a status without fresh heap sizes).  After peer_close
 * nothing more is sent.  Replies are built in the module's one reply
 * buffer (struct peers) and sent within the same call.
 */
#ifndef WD_PEER_H
#define WD_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "config.h"
#include "dlink.h"
#include "msg.h"

#define PEER_PENDING_MAX 4096

struct peers {
	const struct wd_config *cfg;
	struct dlink_loop *loop;
	struct pbuf reply;
};

struct peer {
	struct dlink link;
	struct peers *ps;
	uint64_t serial;
	bool closing;			/* close once output is written */
	bool gone;
	unsigned npending;
};

void peers_init(struct peers *ps, const struct wd_config *cfg, struct dlink_loop *loop);
void peers_free(struct peers *ps);
/* Lets go of a reply buffer a huge reply made big. */
void peers_trim(struct peers *ps);

int peer_open(struct peers *ps, struct peer *p, int fd, uint64_t serial, dlink_cb on_read, dlink_cb on_drain,
    void *arg);
void peer_close(struct peer *p);
/* Appends one whole frame (nothing once the peer is gone); -1 when out of
 * memory. */
int peer_send(struct peer *p, const void *data, size_t n);
/* The reply buffer: build one reply in it and send it with peer_send_buf
 * before calling anything else. */
struct pbuf *peer_reply_buf(struct peer *p);
/* Sends the frame in b, then empties b. */
void peer_send_buf(struct peer *p, struct pbuf *b);
void peer_reply_ok(struct peer *p, uint64_t rid);
/* The ok with fd riding on it (SCM_RIGHTS, dlink_send_fd): the peer owns
 * fd, also on failure.  -1 when it could not be queued (fd is closed). */
int peer_reply_ok_fd(struct peer *p, uint64_t rid, int fd);
void peer_reply_err(struct peer *p, uint64_t rid, enum proto_err code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Replies with an error and closes the connection once it is written. */
void peer_fail(struct peer *p, uint64_t rid, enum proto_err code, const char *what);
/* Stops reading and closes the connection once its output is written. */
void peer_close_when_written(struct peer *p);
bool peer_over(const struct peer *p);
size_t peer_outlen(const struct peer *p);
/* Takes a pending slot; -1 when all are taken. */
int peer_pending_take(struct peer *p);
void peer_pending_done(struct peer *p);

#endif
