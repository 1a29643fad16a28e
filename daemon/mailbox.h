/*
 * mailbox.h - the messages a worker posted that no client has taken yet,
 * oldest first, each with the seq of its `message` event.
 *
 * Each message is a block of its own (its seq, length and bytes), the
 * format this module's alone: a mailbox holding one small message costs
 * about that message (an evbuffer would take a 1 KiB chain for it, and a
 * daemon keeps a mailbox for each of thousands of idle workers), an empty
 * one holds nothing.  The bound is --mailbox-limit messages
 * and --mailbox-bytes: mailbox_full() says when it is reached, and the
 * caller then stops taking messages from the worker (back-pressure), so a
 * push never refuses for size and the mailbox passes its byte bound by one
 * message at most.  Nothing is ever dropped except by mailbox_clear().
 */
#ifndef WD_MAILBOX_H
#define WD_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include "buf.h"

STAILQ_HEAD(mb_entries, mb_entry);

struct mailbox {
	struct mb_entries q;		/* oldest first */
	uint32_t count;
	size_t bytes;			/* of values, headers not counted */
	uint32_t max_msgs;
	size_t max_bytes;
};

void mailbox_init(struct mailbox *mb, uint32_t max_msgs, size_t max_bytes);
void mailbox_free(struct mailbox *mb);
bool mailbox_full(const struct mailbox *mb);
uint32_t mailbox_count(const struct mailbox *mb);
/* Keeps a copy of one value; -1 when out of memory (nothing kept). */
int mailbox_push(struct mailbox *mb, uint64_t seq, const uint8_t *data, size_t n);
/* The length of the oldest value; 0 when empty. */
size_t mailbox_peek_len(const struct mailbox *mb);
/* Moves the oldest value to the end of b, its seq to *seq; -1 (nothing
 * taken) when empty or b cannot grow. */
int mailbox_take(struct mailbox *mb, struct pbuf *b, uint64_t *seq);
/* Drops every message. */
void mailbox_clear(struct mailbox *mb);

#endif
