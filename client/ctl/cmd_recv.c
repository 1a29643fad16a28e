/*
 * cmd_recv.c - `recv ID [-n COUNT]`: prints messages from the worker's
 * mailbox as tagged JSON, one per line, as they come.
 */
#include <stdlib.h>

#include "cmds.h"
#include "output.h"

/* Prints the reply's messages; -1 when one cannot be shown. */
static int
print_msgs(struct ctl *c, const struct wc_reply *r)
{
	struct wc_error err;
	size_t i;
	char *s;

	for (i = 0; i < r->nmsgs; i++) {
		if ((s = wc_value_json(&r->msgs[i], &err)) == NULL)
			return ctl_error(c, c->args[0], &err);
		out_line(s);
		free(s);
	}
	return EX_OK;
}

int
cmd_recv(struct ctl *c)
{
	struct wc_request req = { .op = WC_RECV, .wid = c->args[0] };
	struct wc_reply r;
	unsigned got = 0;
	int rc;

	if ((rc = ctl_connect(c)) != EX_OK)
		return rc;
	while (got < c->count) {
		req.n = c->count - got > 1024 ? 1024 : c->count - got;
		if (wc_call(c->conn, &req, ctl_left(c), &r) < 0) {
			rc = ctl_error(c, c->args[0], &r.err);
			wc_reply_free(&r);
			return rc;
		}
		rc = print_msgs(c, &r);
		got += (unsigned)r.nmsgs;
		if (rc == EX_OK && r.nmsgs == 0 && r.closed)
			rc = ctl_fail(EX_FAIL, "worker %s: closed after %u of %u messages", c->args[0],
			    got, c->count);
		wc_reply_free(&r);
		if (rc != EX_OK)
			return rc;
	}
	return EX_OK;
}
