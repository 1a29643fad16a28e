/*
 * hring.c - the host's end of a post ring (see hring.h).
 */
#include "hring.h"

#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "fdpass.h"
#include "host.h"
#include "mpread.h"
#include "ring.h"

struct hring {
	struct ring ring;
	struct pbuf copy;	/* the post being delivered */
	size_t held;		/* bytes of the record handed out in place, 0: none */
	char err[160];
};

/* The payload of a record that is exactly one bin, or NULL: mp_next()
 * reads the header's bytes once, so the length checked is the length
 * used. */
static const uint8_t *
lone_bin(const uint8_t *rec, size_t n, size_t *len)
{
	struct mp_reader rd;
	struct mp_item it;

	mp_reader_init(&rd, rec, n);
	if (mp_next(&rd, &it) == -1 || it.kind != MP_BIN || mp_left(&rd) != 0)
		return NULL;
	*len = it.len;
	return it.ptr;
}

int
hring_open(struct host *h, const struct proto_msg *m, const char **why)
{
	struct msg_ring req;
	struct hring *r;
	int fd = fdq_take(&h->fdq), rc;

	if (fd < 0) {
		*why = "ring: no descriptor came with it";
		return -1;
	}
	if (msg_read_ring(m, &req, why) == -1 || h->ring != NULL) {
		if (h->ring != NULL)
			*why = "ring: one is mapped already";
		close(fd);
		return -1;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		close(fd);
		*why = "ring: out of memory";
		return -1;
	}
	pbuf_init(&r->copy);
	rc = ring_map(&r->ring, fd, req.size, false, r->err, sizeof(r->err));
	close(fd);
	if (rc == -1) {
		*why = r->err;
		h->ring = r;	/* kept for its message: the host ends on this error */
		return -1;
	}
	h->ring = r;
	return 0;
}

int
hring_take(struct host *h, const struct proto_msg *m, struct hring_post *out, const char **why)
{
	struct hring *r = h->ring;
	struct msg_post_ring req;
	const uint8_t *rec, *bin;
	size_t len;

	if (msg_read_post_ring(m, &req, why) == -1)
		return -1;
	if (r == NULL || r->ring.ctl == NULL) {
		*why = "post_ring: no ring is mapped";
		return -1;
	}
	if (req.n == 0 || req.n > r->ring.size) {
		*why = "post_ring: \"n\" is 0 or past the ring's size";
		return -1;
	}
	rec = ring_peek(&r->ring, req.n);
	if ((bin = lone_bin(rec, req.n, &len)) != NULL) {
		r->held = req.n;
		*out = (struct hring_post){ bin, len, true };
		return 0;
	}
	pbuf_reset(&r->copy);
	if (pbuf_append(&r->copy, rec, req.n) == -1) {
		*why = "post_ring: out of memory";
		return -1;
	}
	ring_release(&r->ring, req.n);
	*out = (struct hring_post){ r->copy.data, req.n, false };
	return 0;
}

void
hring_done(struct host *h)
{
	struct hring *r = h->ring;

	if (r == NULL || r->held == 0)
		return;
	ring_release(&r->ring, r->held);
	r->held = 0;
}

void
hring_end(struct host *h)
{
	struct hring *r = h->ring;

	if (r == NULL)
		return;
	ring_unmap(&r->ring);
	pbuf_free(&r->copy);
	free(r);
	h->ring = NULL;
}
