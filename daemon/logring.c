/*
 * logring.c - a worker's recent log lines in one evbuffer, each behind a
 * 4-byte length, the oldest dropped first (logring.h).
 */
#include "logring.h"

#include <event2/buffer.h>
#include <string.h>

#include "mpwrite.h"

#define LR_HDR 4

void
logring_init(struct logring *lr, size_t max_bytes)
{
	*lr = (struct logring){ .max_bytes = max_bytes };
}

void
logring_free(struct logring *lr)
{
	if (lr->q != NULL)
		evbuffer_free(lr->q);
	lr->q = NULL;
	lr->count = 0;
}

uint32_t
logring_count(const struct logring *lr)
{
	return lr->count;
}

static void
drop_oldest(struct logring *lr)
{
	uint32_t len;

	evbuffer_remove(lr->q, &len, LR_HDR);
	evbuffer_drain(lr->q, len);
	lr->count--;
}

int
logring_add(struct logring *lr, const struct msg_line *line)
{
	struct pbuf map;
	uint32_t len;
	int rc = -1;

	pbuf_init(&map);
	map.limit = lr->max_bytes;
	if (msg_write_line(&map, line) == -1)
		goto out;
	len = (uint32_t)map.len;
	if (map.len > UINT32_MAX - LR_HDR || map.len + LR_HDR > lr->max_bytes)
		goto out;
	if (lr->q == NULL && (lr->q = evbuffer_new()) == NULL)
		goto out;
	while (lr->count > 0 && evbuffer_get_length(lr->q) + map.len + LR_HDR > lr->max_bytes)
		drop_oldest(lr);
	if (evbuffer_expand(lr->q, map.len + LR_HDR) == -1)
		goto out;
	evbuffer_add(lr->q, &len, LR_HDR);
	evbuffer_add(lr->q, map.data, map.len);
	lr->count++;
	rc = 0;
out:
	pbuf_free(&map);
	return rc;
}

int
logring_write(struct logring *lr, struct pbuf *b)
{
	const uint8_t *p;
	size_t at = 0, len;
	uint32_t i, n;

	if (lr->count == 0)
		return mpw_array(b, 0);
	len = evbuffer_get_length(lr->q);
	p = evbuffer_pullup(lr->q, -1);
	if (p == NULL || mpw_array(b, lr->count) == -1)
		return -1;
	for (i = 0; i < lr->count && at + LR_HDR <= len; i++) {
		memcpy(&n, p + at, LR_HDR);
		if (mpw_raw(b, p + at + LR_HDR, n) == -1)
			return -1;
		at += LR_HDR + (size_t)n;
	}
	return 0;
}
