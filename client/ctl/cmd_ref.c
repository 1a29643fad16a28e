/*
 * cmd_ref.c - `ref` / `unref`: set whether a worker keeps its owner alive.
 */
#include "cmds.h"

static int
set_ref(struct ctl *c, bool ref)
{
	struct wc_error err;
	int rc;

	if ((rc = ctl_connect(c)) != EX_OK)
		return rc;
	if (wc_set_ref(c->conn, c->args[0], ref, &err) < 0)
		return ctl_error(c, c->args[0], &err);
	return EX_OK;
}

int
cmd_ref(struct ctl *c)
{
	return set_ref(c, true);
}

int
cmd_unref(struct ctl *c)
{
	return set_ref(c, false);
}
