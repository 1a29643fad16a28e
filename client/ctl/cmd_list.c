/*
 * cmd_list.c - `ls` / `list` and `status`: the daemon's status records as
 * an aligned table, "key: value" lines, or JSON.
 */
#include "cmds.h"
#include "output.h"

static int
query(struct ctl *c, const struct wc_request *req, struct wc_reply *r)
{
	int rc;

	if ((rc = ctl_connect(c)) != EX_OK)
		return rc;
	if (wc_call(c->conn, req, ctl_left(c), r) < 0)
		return ctl_error(c, req->wid, &r->err);
	return EX_OK;
}

int
cmd_ls(struct ctl *c)
{
	struct wc_request req = { .op = WC_LIST };
	struct wc_reply r = { .op = WC_LIST };
	int rc = query(c, &req, &r);

	if (rc == EX_OK && c->json && out_status_json(r.workers, r.nworkers, 1) < 0)
		rc = ctl_fail(EX_FAIL, "out of memory");
	else if (rc == EX_OK && !c->json)
		out_table(r.workers, r.nworkers);
	wc_reply_free(&r);
	return rc;
}

int
cmd_status(struct ctl *c)
{
	struct wc_request req = { .op = WC_STATUS, .wid = c->args[0] };
	struct wc_reply r = { .op = WC_STATUS };
	int rc = query(c, &req, &r);

	if (rc == EX_OK && r.nworkers != 1)
		rc = ctl_fail(EX_FAIL, "worker %s: daemon sent no status", c->args[0]);
	else if (rc == EX_OK && c->json && out_status_json(r.workers, 1, 0) < 0)
		rc = ctl_fail(EX_FAIL, "out of memory");
	else if (rc == EX_OK && !c->json)
		out_status(&r.workers[0]);
	wc_reply_free(&r);
	return rc;
}
