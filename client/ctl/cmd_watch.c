/*
 * cmd_watch.c - `watch [ID...]`: events as JSON lines.  Named workers are
 * resolved to ids first (so names work and an unknown one fails at once);
 * watching stops when every named worker has closed.  With no ID it
 * follows every worker until interrupted.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmds.h"
#include "output.h"

struct watched {
	uint64_t id;
	bool closed;
};

static int
resolve(struct ctl *c, struct watched *w, char **ids)
{
	struct wc_request req = { .op = WC_STATUS };
	struct wc_reply r;
	int i, rc;

	for (i = 0; i < c->nargs; i++) {
		req.wid = c->args[i];
		if (wc_call(c->conn, &req, ctl_left(c), &r) < 0 || r.nworkers != 1) {
			rc = r.err.code != WC_OK ? ctl_error(c, c->args[i], &r.err) :
			    ctl_fail(EX_FAIL, "worker %s: daemon sent no status", c->args[i]);
			wc_reply_free(&r);
			return rc;
		}
		w[i].id = r.workers[0].id;
		wc_reply_free(&r);
		if (asprintf(&ids[i], "%llu", (unsigned long long)w[i].id) < 0) {
			ids[i] = NULL;
			return ctl_fail(EX_FAIL, "out of memory");
		}
	}
	return EX_OK;
}

/* True once every watched worker has closed (never with none named). */
static bool
note_close(struct ctl *c, struct watched *w, const struct wc_event *ev)
{
	int i, open = 0;

	for (i = 0; i < c->nargs; i++) {
		if (ev->kind == WC_EV_CLOSE && w[i].id == ev->id)
			w[i].closed = true;
		open += !w[i].closed;
	}
	return c->nargs > 0 && open == 0;
}

static int
stream(struct ctl *c, struct watched *w)
{
	struct wc_event ev;
	struct wc_error err;
	bool done = false;
	char *line;

	while (!done) {
		if (wc_next_event(c->conn, ctl_left(c), &ev, &err) < 0)
			return ctl_error(c, NULL, &err);
		if ((line = wc_event_json(&ev, &err)) == NULL) {
			wc_event_free(&ev);
			return ctl_error(c, NULL, &err);
		}
		out_line(line);
		free(line);
		done = note_close(c, w, &ev);
		wc_event_free(&ev);
	}
	return EX_OK;
}

int
cmd_watch(struct ctl *c)
{
	struct watched *w = calloc((size_t)c->nargs + 1, sizeof *w);
	char **ids = calloc((size_t)c->nargs + 1, sizeof *ids);
	struct wc_error err;
	int i, rc;

	if (w == NULL || ids == NULL)
		rc = ctl_fail(EX_FAIL, "out of memory");
	else if ((rc = ctl_connect(c)) == EX_OK && (rc = resolve(c, w, ids)) == EX_OK) {
		if (wc_subscribe(c->conn, (const char *const *)ids, (size_t)c->nargs, false, &err) < 0)
			rc = ctl_error(c, NULL, &err);
		else
			rc = stream(c, w);
	}
	for (i = 0; ids != NULL && i < c->nargs; i++)
		free(ids[i]);
	free(ids);
	free(w);
	return rc;
}
