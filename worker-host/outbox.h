/*
 * outbox.h - the frames a worker has committed, on their way to the daemon.
 *
 * The event loop writes the outbox when it is idle, so frames posted in a
 * row leave in one write.  A script that computes without returning to the
 * loop would hold them for as long as it computes, so committing to an
 * empty outbox arms a one-shot timer: OUTBOX_LATENCY_US later its signal
 * (OUTBOX_SIGNAL, SA_RESTART) writes whatever is still pending, without
 * blocking, and re-arms while anything is left.  The handler never touches
 * the buffer while the loop is changing it (it re-arms instead), so frames
 * leave whole and in order; an idle worker takes no signal at all.  Code
 * in the worker that sleeps in poll() or connect() may therefore see EINTR
 * and must retry.
 *
 * The outbox is not bounded here: hlink.c blocks in outbox_flush() once
 * what outbox_add() reports pending passes its high mark.  A write that fails for any reason
 * but "try again" means the daemon is gone and ends the process (exit 0:
 * there is nobody to report to), unless the outbox is soft (the direct
 * channel, hchan.h): then it is broken, writes nothing more, and its
 * owner takes back the frames not yet begun (outbox_unsent) and resets it.
 * Its bytes are whole frames (frame.h) from its start, which is what
 * lets outbox_unsent find where the next whole frame begins.
 */
#ifndef WH_OUTBOX_H
#define WH_OUTBOX_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

#define OUTBOX_LATENCY_US 500
#define OUTBOX_SIGNAL SIGRTMIN

struct outbox;

/* Sets up the timer and its handler; NULL with err on failure.  Call in
 * the process that will write fd (timers do not survive fork). */
struct outbox *outbox_new(int fd, char *err, size_t errlen);
/* Appends one whole frame; the bytes then pending (committed, not yet
 * written), or -1 when memory ran out (nothing added). */
ssize_t outbox_add(struct outbox *o, const void *p, size_t n);
/* Writes what the socket takes now, without blocking; the bytes still
 * pending after it. */
size_t outbox_write(struct outbox *o);
/* Blocks until every committed byte is written (or, soft, it broke); -1
 * when waiting failed. */
int outbox_flush(struct outbox *o);

/* Makes a write failure break the outbox instead of ending the process. */
void outbox_soft(struct outbox *o);
bool outbox_broken(const struct outbox *o);
/* Stops the outbox (nothing more is written until outbox_reset, so the
 * timer cannot race the caller) and gives the frames no byte of which has
 * been written: [*p, *p + *n), valid until the reset. */
void outbox_unsent(struct outbox *o, const uint8_t **p, size_t *n);
/* Drops everything and writes to fd from now on (-1: nowhere). */
void outbox_reset(struct outbox *o, int fd);

#endif
