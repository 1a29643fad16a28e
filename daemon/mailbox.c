/*
 * mailbox.c - a worker's untaken messages, oldest first, one block each
 * (mailbox.h).
 */
#include "mailbox.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct mb_entry {
	STAILQ_ENTRY(mb_entry) next;
	uint64_t seq;
	size_t len;
	uint8_t data[];
};

void
mailbox_init(struct mailbox *mb, uint32_t max_msgs, size_t max_bytes)
{
	*mb = (struct mailbox){ .max_msgs = max_msgs, .max_bytes = max_bytes };
	STAILQ_INIT(&mb->q);
}

void
mailbox_free(struct mailbox *mb)
{
	mailbox_clear(mb);
}

bool
mailbox_full(const struct mailbox *mb)
{
	return mb->count >= mb->max_msgs || mb->bytes >= mb->max_bytes;
}

uint32_t
mailbox_count(const struct mailbox *mb)
{
	return mb->count;
}

int
mailbox_push(struct mailbox *mb, uint64_t seq, const uint8_t *data, size_t n)
{
	struct mb_entry *e;

	if (n > SIZE_MAX - sizeof(*e) || (e = malloc(sizeof(*e) + n)) == NULL)
		return -1;
	*e = (struct mb_entry){ .seq = seq, .len = n };
	if (n > 0)
		memcpy(e->data, data, n);
	STAILQ_INSERT_TAIL(&mb->q, e, next);
	mb->count++;
	mb->bytes += n;
	return 0;
}

size_t
mailbox_peek_len(const struct mailbox *mb)
{
	return mb->count > 0 ? STAILQ_FIRST(&mb->q)->len : 0;
}

static void
pop(struct mailbox *mb)
{
	struct mb_entry *e = STAILQ_FIRST(&mb->q);

	STAILQ_REMOVE_HEAD(&mb->q, next);
	mb->count--;
	mb->bytes -= e->len;
	free(e);
}

int
mailbox_take(struct mailbox *mb, struct pbuf *b, uint64_t *seq)
{
	struct mb_entry *e = STAILQ_FIRST(&mb->q);

	if (mb->count == 0 || pbuf_reserve(b, e->len) == -1)
		return -1;
	if (e->len > 0)
		memcpy(b->data + b->len, e->data, e->len);
	b->len += e->len;
	*seq = e->seq;
	pop(mb);
	return 0;
}

void
mailbox_clear(struct mailbox *mb)
{
	while (mb->count > 0)
		pop(mb);
}
