/*
 * cmd_logs.c - `logs ID [-f]`: the worker's console output, one line per
 * console call (or {"level","text"} JSON lines); -f then follows the log
 * events until the worker closes.
 */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "cmds.h"
#include "output.h"

static void
print_line(const struct ctl *c, const char *level, const char *text, size_t len)
{
	json_t *o;
	char *s;

	if (!c->json) {
		out_text(stdout, text, len);
		return;
	}
	/* s%: the length is a size_t (s# reads an int) */
	o = json_pack("{s:s, s:s%}", "level", level, "text", text, len);
	s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	if (s != NULL)
		out_line(s);
	free(s);
	json_decref(o);
}

static int
follow(struct ctl *c)
{
	struct wc_event ev;
	struct wc_error err;
	bool closed = false;

	while (!closed) {
		if (wc_next_event(c->conn, ctl_left(c), &ev, &err) < 0)
			return ctl_error(c, c->args[0], &err);
		if (ev.kind == WC_EV_LOG)
			print_line(c, ev.level, ev.text, ev.text_len);
		closed = ev.kind == WC_EV_CLOSE;
		wc_event_free(&ev);
	}
	return EX_OK;
}

int
cmd_logs(struct ctl *c)
{
	struct wc_request req = { .op = WC_LOGS, .wid = c->args[0], .follow = c->follow };
	struct wc_reply r;
	size_t i;
	int rc;

	if ((rc = ctl_connect(c)) != EX_OK)
		return rc;
	if (wc_call(c->conn, &req, ctl_left(c), &r) < 0) {
		rc = ctl_error(c, c->args[0], &r.err);
		wc_reply_free(&r);
		return rc;
	}
	for (i = 0; i < r.nlines; i++)
		print_line(c, r.lines[i].level, r.lines[i].text, r.lines[i].text_len);
	wc_reply_free(&r);
	return c->follow ? follow(c) : EX_OK;
}
