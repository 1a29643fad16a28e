/*
 * cmd_life.c - the end of a worker's life: `terminate` (make it close and
 * wait for that) and `wait` (wait for it to close; print and exit with its
 * code).
 */
#include <stdio.h>

#include "cmds.h"

int
cmd_terminate(struct ctl *c)
{
	struct wc_close cl;
	struct wc_error err;
	int rc;

	if ((rc = ctl_connect(c)) != EX_OK)
		return rc;
	if (wc_terminate(c->conn, c->args[0], ctl_left(c), &cl, &err) < 0)
		return ctl_error(c, c->args[0], &err);
	return EX_OK;
}

int
cmd_wait(struct ctl *c)
{
	struct wc_close cl;
	struct wc_error err;
	int rc;

	if ((rc = ctl_connect(c)) != EX_OK)
		return rc;
	if (wc_wait(c->conn, c->args[0], ctl_left(c), &cl, &err) < 0)
		return ctl_error(c, c->args[0], &err);
	printf("%lld\n", (long long)cl.code);
	return ctl_exit_code(cl.code);
}
