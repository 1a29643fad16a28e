/*
 * tmpl.h - the template link (docs/protocol.md 2.7): the control socket
 * between workersd and `worker-host --template`.
 *
 * Both directions are fixed 8-byte messages, big-endian.  A request is
 * 'S', three zero bytes and a u32 sequence number, with exactly one file
 * descriptor (the worker's end of a fresh socketpair) attached as
 * SCM_RIGHTS.  A reply is that u32 sequence number and an i32 result: the
 * worker's pid, or -errno when the fork failed.  Replies come in request
 * order.  Senders and receivers here never block on their own: the socket's
 * mode decides (the daemon's end is non-blocking, the template's blocks).
 */
#ifndef WP_TMPL_H
#define WP_TMPL_H

#include <stdint.h>

#define TMPL_MSG_LEN 8

/* 0 when sent; -1 with errno otherwise, nothing sent (EAGAIN: the socket
 * is full; EPROTO: the kernel took part of the message, which it does not
 * do for 8 bytes, and the link is unusable). */
int tmpl_send_request(int sock, uint32_t seq, int fd);
/* 1 with *seq and *fd (close-on-exec), 0 at EOF, -1 with errno on failure
 * or EPROTO for a malformed request (any descriptor it carried is closed). */
int tmpl_recv_request(int sock, uint32_t *seq, int *fd);
/* Writes one whole reply: 0, or -1 with errno. */
int tmpl_send_reply(int sock, uint32_t seq, int32_t result);
void tmpl_decode_reply(const uint8_t p[TMPL_MSG_LEN], uint32_t *seq, int32_t *result);

#endif
