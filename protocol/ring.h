/*
 * ring.h - the post ring (docs/protocol.md 2.10): memory a client and a
 * worker host share, which the client writes its posts' clone bytes into,
 * one after the other, and the host reads them from, so that a large post
 * crosses no socket.  Each post's small `post {ring: N}` request still
 * goes through the daemon, which keeps the posts' order among the
 * client's others and the worker's limits.
 *
 * The daemon makes the memfd (ring_create): RING_CTL bytes of control
 * page, then the data area, sealed against resizing so neither side can
 * shrink it under the other.  The control page holds `head`, how many
 * bytes the host has consumed (monotonic, written by the host only), and
 * `waiting`, a futex word the writer sets before it sleeps for room.  A
 * record of n bytes goes where the writer's position is, or at the start
 * of the next lap when it would cross the end (ring_place): both sides
 * find every record's place from the lengths alone, so the frame carries
 * only N.  The writer may use a record's bytes once the host has consumed
 * what was there before (ring_room: the record ends within size of head,
 * or head is at the writer's position, a skipped lap tail included).
 */
#ifndef WP_RING_H
#define WP_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RING_CTL 4096
#define RING_MIN ((size_t)64 << 10)
#define RING_MAX ((size_t)64 << 20)

struct ring_ctl;

struct ring {
	struct ring_ctl *ctl;
	const uint8_t *rdata;	/* the host's view: read only */
	uint8_t *wdata;		/* the writer's view, NULL in the host */
	size_t size;		/* of the data area */
	uint64_t pos;		/* where this side's next record goes */
};

/* A data area the daemon accepts: a multiple of 4096 in [RING_MIN, RING_MAX]. */
bool ring_size_ok(uint64_t size);
/* A new sealed memfd for a ring of size data bytes; -1 with errno. */
int ring_create(size_t size);
/* Maps fd (not taken) as the writer or as the host: 0, or -1 with a
 * message in err (a descriptor of the wrong size, mmap failing). */
int ring_map(struct ring *r, int fd, size_t size, bool writer, char *err, size_t errlen);
void ring_unmap(struct ring *r);

/* Where a record of n bytes (n <= size) goes when the position is pos. */
uint64_t ring_place(uint64_t pos, size_t n, size_t size);

/* Writer: where to write the next n bytes (n <= r->size), waiting up to
 * timeout_ms (-1: no bound) for the host to free them; NULL when the
 * wait ran out.  ring_commit() then makes them the next record. */
uint8_t *ring_room(struct ring *r, size_t n, int timeout_ms);
void ring_commit(struct ring *r, size_t n);

/* Host: the next record, of n bytes (n <= r->size), in the shared memory
 * (which the client may still write: read each byte once, or copy it
 * first); then ring_release() frees its room and wakes a writer waiting
 * for it. */
const uint8_t *ring_peek(const struct ring *r, size_t n);
void ring_release(struct ring *r, size_t n);

#endif
