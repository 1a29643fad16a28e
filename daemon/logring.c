/*
 * logring.c - a worker's recent log lines, oldest first, one block each,
 * the oldest dropped first (logring.h).
 */
#include "logring.h"

#include <stdlib.h>
#include <string.h>

#include "mpwrite.h"

/* What a line counts beside its map, as the bound was first given. */
#define LR_HDR 4

struct lr_line {
	STAILQ_ENTRY(lr_line) next;
	size_t len;
	uint8_t map[];
};

void
logring_init(struct logring *lr, size_t max_bytes)
{
	*lr = (struct logring){ .max_bytes = max_bytes };
	STAILQ_INIT(&lr->q);
}

static void
drop_oldest(struct logring *lr)
{
	struct lr_line *l = STAILQ_FIRST(&lr->q);

	STAILQ_REMOVE_HEAD(&lr->q, next);
	lr->count--;
	lr->bytes -= LR_HDR + l->len;
	free(l);
}

void
logring_free(struct logring *lr)
{
	while (lr->count > 0)
		drop_oldest(lr);
}

uint32_t
logring_count(const struct logring *lr)
{
	return lr->count;
}

int
logring_add(struct logring *lr, const struct msg_line *line)
{
	struct pbuf map;
	struct lr_line *l;
	int rc = -1;

	pbuf_init(&map);
	map.limit = lr->max_bytes;
	if (msg_write_line(&map, line) == -1 || map.len + LR_HDR > lr->max_bytes ||
	    (l = malloc(sizeof(*l) + map.len)) == NULL)
		goto out;
	*l = (struct lr_line){ .len = map.len };
	memcpy(l->map, map.data, map.len);
	while (lr->count > 0 && lr->bytes + map.len + LR_HDR > lr->max_bytes)
		drop_oldest(lr);
	STAILQ_INSERT_TAIL(&lr->q, l, next);
	lr->count++;
	lr->bytes += LR_HDR + map.len;
	rc = 0;
out:
	pbuf_free(&map);
	return rc;
}

int
logring_write(struct logring *lr, struct pbuf *b)
{
	const struct lr_line *l;

	if (mpw_array(b, lr->count) == -1)
		return -1;
	STAILQ_FOREACH(l, &lr->q, next)
		if (mpw_raw(b, l->map, l->len) == -1)
			return -1;
	return 0;
}
