#include "ctl.h"

#include <stdarg.h>
#include <stdio.h>

#include "wc_clock.h"

double
ctl_left(const struct ctl *c)
{
	double left;

	if (c->deadline < 0)
		return -1;
	left = c->deadline - wc_now();
	return left > 0 ? left : 0;
}

int
ctl_fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("workerctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

static int
status_for(enum wc_code code)
{
	switch (code) {
	case WC_OK:
		return EX_OK;
	case WC_E_UNREACHABLE:
		return EX_UNREACHABLE;
	case WC_E_TIMEOUT:
		return EX_TIMEOUT;
	case WC_E_USAGE:
		return EX_USAGE_ERR;
	default:
		return EX_FAIL;
	}
}

int
ctl_error(const struct ctl *c, const char *wid, const struct wc_error *e)
{
	bool client_side = e->code == WC_E_TIMEOUT || e->code == WC_E_USAGE ||
	    e->code == WC_E_LIMIT_LOCAL;

	if (e->code == WC_E_TIMEOUT && c->timeout >= 0) {
		if (wid != NULL)
			return ctl_fail(EX_TIMEOUT, "worker %s: timed out after %g s", wid, c->timeout);
		return ctl_fail(EX_TIMEOUT, "timed out after %g s", c->timeout);
	}
	if (wid != NULL && client_side)
		return ctl_fail(status_for(e->code), "worker %s: %s", wid, e->msg);
	return ctl_fail(status_for(e->code), "%s", e->msg);
}

int
ctl_connect(struct ctl *c)
{
	struct wc_error err;

	c->conn = wc_connect(c->socket, "workerctl " WORKERSD_VERSION, ctl_left(c), &err);
	return c->conn == NULL ? ctl_error(c, NULL, &err) : EX_OK;
}

int
ctl_exit_code(int64_t code)
{
	return code >= 0 && code <= 255 ? (int)code : 255;
}
