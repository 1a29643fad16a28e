/*
 * mailbox.c - a worker's untaken messages in one evbuffer, each behind a
 * 12-byte header (mailbox.h).
 */
#include "mailbox.h"

#include <event2/buffer.h>
#include <string.h>

#define MB_HDR 12	/* u32 length, u64 seq (host order) */

void
mailbox_init(struct mailbox *mb, uint32_t max_msgs, size_t max_bytes)
{
	*mb = (struct mailbox){ .max_msgs = max_msgs, .max_bytes = max_bytes };
}

void
mailbox_free(struct mailbox *mb)
{
	if (mb->q != NULL)
		evbuffer_free(mb->q);
	mb->q = NULL;
	mb->count = 0;
	mb->bytes = 0;
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
	uint8_t hdr[MB_HDR];
	uint32_t len = (uint32_t)n;

	if (n > UINT32_MAX || (mb->q == NULL && (mb->q = evbuffer_new()) == NULL))
		return -1;
	memcpy(hdr, &len, 4);
	memcpy(hdr + 4, &seq, 8);
	/* Room for the whole entry first: a half-written one would break
	 * the format. */
	if (evbuffer_expand(mb->q, MB_HDR + n) == -1)
		return -1;
	evbuffer_add(mb->q, hdr, MB_HDR);
	evbuffer_add(mb->q, data, n);
	mb->count++;
	mb->bytes += n;
	return 0;
}

size_t
mailbox_peek_len(const struct mailbox *mb)
{
	uint32_t len;

	if (mb->count == 0)
		return 0;
	evbuffer_copyout(mb->q, &len, 4);
	return len;
}

int
mailbox_take(struct mailbox *mb, struct pbuf *b, uint64_t *seq)
{
	uint8_t hdr[MB_HDR];
	uint32_t len;

	if (mb->count == 0)
		return -1;
	evbuffer_copyout(mb->q, hdr, MB_HDR);
	memcpy(&len, hdr, 4);
	memcpy(seq, hdr + 4, 8);
	if (pbuf_reserve(b, len) == -1)
		return -1;
	evbuffer_drain(mb->q, MB_HDR);
	evbuffer_remove(mb->q, b->data + b->len, len);
	b->len += len;
	mb->count--;
	mb->bytes -= len;
	return 0;
}

void
mailbox_clear(struct mailbox *mb)
{
	if (mb->q != NULL)
		evbuffer_drain(mb->q, evbuffer_get_length(mb->q));
	mb->count = 0;
	mb->bytes = 0;
}
