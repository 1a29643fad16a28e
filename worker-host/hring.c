/*
 * hring.c - the host's end of a post ring (see hring.h).
 */
#include "hring.h"

#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "fdpass.h"
#include "host.h"
#include "ring.h"

struct hring {
	struct ring ring;
	struct pbuf copy;	/* the post being delivered */
	char err[160];
};

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
		h->ring = r;	/* kept for its message; a worker gets one ring */
		return -1;
	}
	h->ring = r;
	return 0;
}

int
hring_take(struct host *h, const struct proto_msg *m, struct msg_val *out, const char **why)
{
	struct hring *r = h->ring;
	struct msg_post_ring req;

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
	pbuf_reset(&r->copy);
	if (pbuf_reserve(&r->copy, req.n) == -1) {
		*why = "post_ring: out of memory";
		return -1;
	}
	ring_take(&r->ring, req.n, r->copy.data);
	r->copy.len = req.n;
	*out = (struct msg_val){ r->copy.data, req.n };
	return 0;
}
