/*
 * wc_ring.c - the client's end of a post ring (workerclient.h,
 * docs/protocol.md 2.10): the memory the daemon made for it, mapped
 * writable, and the worker's id, which each post's request names.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ring.h"
#include "workerclient.h"
#include "wc_req.h"

struct wc_ring {
	struct wc_conn *conn;
	struct ring ring;
	char *wid;
};

struct wc_ring *
wc_ring_open(struct wc_conn *c, const char *wid, size_t size, double timeout_s, struct wc_error *err)
{
	struct wc_request req = { .op = WC_RING, .wid = wid, .ring_size = size };
	struct wc_reply rep;
	int fd;

	if (wc_call(c, &req, timeout_s, &rep) < 0) {
		if (err != NULL)
			*err = rep.err;
		wc_reply_free(&rep);
		return NULL;
	}
	fd = rep.fd;
	wc_reply_free(&rep);
	return wc_ring_from_fd(c, wid, fd, size, err);
}

struct wc_ring *
wc_ring_from_fd(struct wc_conn *c, const char *wid, int fd, size_t size, struct wc_error *err)
{
	struct wc_ring *r;
	char msg[160];
	int rc;

	if (wid == NULL || wid[0] == '\0') {
		close(fd);
		wc_fail(err, WC_E_USAGE, "ring: no worker id or name given");
		return NULL;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL || (r->wid = strdup(wid)) == NULL) {
		free(r);
		close(fd);
		wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
		return NULL;
	}
	rc = ring_map(&r->ring, fd, size, true, msg, sizeof msg);
	close(fd);
	if (rc == -1) {
		free(r->wid);
		free(r);
		wc_fail(err, WC_E_PROTOCOL, "worker %s: %s", wid, msg);
		return NULL;
	}
	r->conn = c;
	return r;
}

int
wc_ring_post_clone(struct wc_ring *r, const uint8_t *p, size_t n, double timeout_s, struct wc_error *err)
{
	struct wc_request req = { .op = WC_POST, .wid = r->wid, .ring_len = n };
	uint8_t *at;

	if (n == 0 || n > r->ring.size)
		return wc_fail(err, WC_E_USAGE, "worker %s: a post of %zu bytes for a ring of %zu", r->wid, n,
		    r->ring.size);
	/* past about 24 days (an int of ms) the wait has no bound */
	if ((at = ring_room(&r->ring, n, timeout_s < 0 || timeout_s > INT_MAX / 1000 ? -1
	    : (int)(timeout_s * 1000))) == NULL)
		return wc_fail(err, WC_E_TIMEOUT, "worker %s: post ring still full after %gs", r->wid, timeout_s);
	memcpy(at, p, n);
	ring_commit(&r->ring, n);
	return wc_send_noreply(r->conn, &req, err);
}

void
wc_ring_close(struct wc_ring *r)
{
	if (r == NULL)
		return;
	ring_unmap(&r->ring);
	free(r->wid);
	free(r);
}
