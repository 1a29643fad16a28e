/*
 * logring.h - the last lines a worker logged, for `logs`: each line a
 * msgpack map {level, text}, oldest first.
 *
 * Each line is a block of its own, the format this module's alone, so a
 * worker that logged one line keeps about that line (an evbuffer would
 * take a 1 KiB chain for it).  The bound is --log-buffer bytes, each line
 * counting its map and 4 bytes: a new line drops the oldest ones until it
 * fits, and a line larger than the whole ring is not kept (its event still
 * goes out).
 */
#ifndef WD_LOGRING_H
#define WD_LOGRING_H

#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include "buf.h"
#include "msg.h"

STAILQ_HEAD(lr_lines, lr_line);

struct logring {
	struct lr_lines q;		/* oldest first */
	uint32_t count;
	size_t bytes;			/* as the bound counts them */
	size_t max_bytes;
};

void logring_init(struct logring *lr, size_t max_bytes);
void logring_free(struct logring *lr);
uint32_t logring_count(const struct logring *lr);
/* Keeps one line.  -1 when it was not kept (too large, or out of memory). */
int logring_add(struct logring *lr, const struct msg_line *line);
/* Appends an array of every kept line to b; -1 when b cannot grow. */
int logring_write(struct logring *lr, struct pbuf *b);

#endif
