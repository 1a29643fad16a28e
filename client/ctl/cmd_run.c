/*
 * cmd_run.c - `run`: spawn a worker owned by this connection, attached from
 * its open on, and bridge it to the terminal in one libevent loop: stdin
 * lines become posts as they arrive, messages go to stdout as JSON lines,
 * console output and errors to stderr.  The exit status is the worker's
 * close code (255 when not 0..255; 128+N after signal N; 124 on --timeout).
 *
 * Ownership by connection is what makes Ctrl-C and `kill -9 workerctl`
 * safe: if this process dies the daemon terminates the worker.  On SIGINT,
 * SIGTERM or SIGHUP we still terminate it ourselves and wait for the close,
 * so the worker is gone when we return; a second signal exits at once.
 *
 * Messages take a direct channel (docs/protocol.md 2.9) unless --no-direct
 * is given or the daemon refuses one: stdin lines are posted on it and the
 * worker's messages come on it, while the connection still brings logs,
 * errors and the close.  The close is acted on once the channel has ended
 * (the worker's exit ends it), so every message is printed first.
 *
 * Bounds: a stdin line may be at most the daemon's frame limit.  At most
 * RUN_MAX_INFLIGHT posts (and RUN_MAX_INFLIGHT_BYTES of them) are
 * unanswered, or on the channel RUN_MAX_INFLIGHT_BYTES unwritten: past
 * that, lines wait in the read buffer and stdin is not read until replies
 * (or the channel's drain) free room, so any number of lines runs in
 * constant memory, in order.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <event2/event.h>

#include "buf.h"
#include "clone_json.h"
#include "cmds.h"
#include "output.h"

#define RUN_MAX_INFLIGHT 64
#define RUN_MAX_INFLIGHT_BYTES ((size_t)64 << 20)
#define READ_CHUNK 65536

struct run {
	struct ctl *c;
	struct event_base *base;
	char wid[32];
	bool spawned;
	struct event *in_ev;
	bool in_polled;		/* stdin works with the poller (pipes, ttys) */
	bool in_paused;
	bool eof;
	struct pbuf line;
	long lineno;
	unsigned inflight;
	/* Sizes of the unanswered posts, oldest first (the daemon answers one
	 * connection's posts to one worker in order). */
	size_t sizes[RUN_MAX_INFLIGHT];
	unsigned oldest;
	size_t inflight_bytes;
	struct event *sig[3];
	struct event *timer;
	int signo;		/* first signal received */
	bool ending;		/* a terminate was sent */
	bool timed_out;		/* --timeout ran out (libevent's clock, not ctl_left's) */
	struct wc_chan *ch;	/* the direct channel, until it ends */
	bool closed;		/* the close event came; its status waits for the channel */
	bool told;		/* an error event was shown */
	int close_status;
	bool done;
	int status;
};

static void
finish(struct run *r, int status)
{
	if (r->done)
		return;
	r->done = true;
	r->status = status;
	event_base_loopbreak(r->base);
}

static void
on_terminated(struct wc_conn *conn, const struct wc_reply *reply, void *arg)
{
	struct run *r = arg;

	if (r->signo != 0)
		finish(r, 128 + r->signo);
	else if (r->timed_out)
		finish(r, EX_TIMEOUT);
	else
		finish(r, EX_OK);
}

/* Asks the daemon to terminate our worker; on_terminated finishes. */
static void
end_worker(struct run *r)
{
	struct wc_request req = { .op = WC_TERMINATE, .wid = r->wid };
	struct wc_error err;

	if (r->ending)
		return;
	r->ending = true;
	if (!r->spawned || wc_call_async(r->c->conn, &req, on_terminated, r, &err) < 0)
		on_terminated(r->c->conn, NULL, r);
}

static void stdin_arm(struct run *r);
static bool take_lines(struct run *r);
static void stdin_done(struct run *r);

static bool
slots_full(const struct run *r)
{
	if (r->ch != NULL)
		return wc_chan_outlen(r->ch) >= RUN_MAX_INFLIGHT_BYTES;
	return r->inflight >= RUN_MAX_INFLIGHT || r->inflight_bytes >= RUN_MAX_INFLIGHT_BYTES;
}

/* Room came: the waiting lines, then stdin again. */
static void
resume_stdin(struct run *r)
{
	if (take_lines(r))
		return;
	r->in_paused = false;
	if (r->eof)
		stdin_done(r);
	else
		stdin_arm(r);
}

static void
on_posted(struct wc_conn *conn, const struct wc_reply *reply, void *arg)
{
	struct run *r = arg;

	r->inflight_bytes -= r->sizes[r->oldest];
	r->oldest = (r->oldest + 1) % RUN_MAX_INFLIGHT;
	r->inflight--;
	if (reply->err.code != WC_OK && reply->err.code != WC_E_CLOSED)
		ctl_error(r->c, r->wid, &reply->err);
	if (r->in_paused && r->inflight <= RUN_MAX_INFLIGHT / 2 && !r->done)
		resume_stdin(r);
}

static void
on_chan_drain(struct wc_chan *ch, void *arg)
{
	struct run *r = arg;

	if (r->in_paused && !r->done)
		resume_stdin(r);
}

static void
post_line(struct run *r, const char *text, size_t len)
{
	struct wc_request req = { .op = WC_POST, .wid = r->wid, .post_wait = true };
	struct wc_error err;
	struct pbuf v;
	char msg[256];

	r->lineno++;
	if (strspn(text, " \t\r") >= len)
		return;
	pbuf_init(&v);
	if (clone_from_json(text, len, &v, msg, sizeof msg) < 0) {
		ctl_fail(EX_USAGE_ERR, "stdin line %ld: bad JSON: %s (line skipped)", r->lineno, msg);
		pbuf_free(&v);
		return;
	}
	req.data = v.data;
	req.data_len = v.len;
	if (r->ch != NULL) {
		if (wc_chan_post_clone(r->ch, v.data, v.len, &err) < 0 && err.code != WC_E_CLOSED)
			ctl_error(r->c, r->wid, &err);
	} else if (wc_call_async(r->c->conn, &req, on_posted, r, &err) < 0) {
		ctl_error(r->c, r->wid, &err);
	} else {
		r->sizes[(r->oldest + r->inflight) % RUN_MAX_INFLIGHT] = v.len;
		r->inflight_bytes += v.len;
		r->inflight++;
	}
	pbuf_free(&v);
}

/* Posts complete lines from the buffer while a post slot is free and keeps
 * the rest; true when a complete line is left waiting for a slot (stdin is
 * paused then). */
static bool
take_lines(struct run *r)
{
	uint8_t *nl = NULL, *p = r->line.data;
	size_t left = r->line.len;

	while (left > 0 && !slots_full(r) && (nl = memchr(p, '\n', left)) != NULL) {
		*nl = '\0';
		post_line(r, (char *)p, (size_t)(nl - p));
		left -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
	memmove(r->line.data, p, left);
	pbuf_truncate(&r->line, left);
	r->in_paused = left > 0 && slots_full(r) && memchr(r->line.data, '\n', left) != NULL;
	return r->in_paused;
}

/* Every line of stdin is posted. */
static void
stdin_done(struct run *r)
{
	if (r->c->spawn.unref)
		end_worker(r);
}

static void
stdin_eof(struct run *r)
{
	r->eof = true;
	if (r->line.len > 0 && pbuf_append(&r->line, "\n", 1) == 0 && take_lines(r))
		return;
	stdin_done(r);
}

static void
on_stdin(evutil_socket_t fd, short what, void *arg)
{
	struct run *r = arg;
	ssize_t n;

	if (r->done || r->eof)
		return;
	if (pbuf_reserve(&r->line, READ_CHUNK) < 0) {
		ctl_fail(EX_USAGE_ERR, "stdin line %ld: longer than %zu bytes", r->lineno + 1,
		    r->line.limit);
		finish(r, EX_USAGE_ERR);
		return;
	}
	n = read(0, r->line.data + r->line.len, READ_CHUNK);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		if (r->in_polled)
			event_del(r->in_ev);
		stdin_eof(r);
		return;
	}
	r->line.len += (size_t)n;
	if (take_lines(r) || slots_full(r)) {
		r->in_paused = true;
		if (r->in_polled)
			event_del(r->in_ev);
		return;
	}
	if (!r->in_polled)
		event_active(r->in_ev, EV_READ, 0);
}

/* Starts (or resumes) reading stdin.  A regular file or /dev/null cannot
 * be polled: it is read a chunk per loop turn instead. */
static void
stdin_arm(struct run *r)
{
	struct stat st;

	if (r->eof || r->done)
		return;
	if (r->in_ev == NULL) {
		r->in_ev = event_new(r->base, 0, EV_READ | EV_PERSIST, on_stdin, r);
		r->in_polled = r->in_ev != NULL && fstat(0, &st) == 0 && !S_ISREG(st.st_mode) &&
		    event_add(r->in_ev, NULL) == 0;
		if (r->in_polled)
			return;
		if (r->in_ev != NULL)
			event_free(r->in_ev);
		r->in_ev = event_new(r->base, -1, 0, on_stdin, r);
		if (r->in_ev == NULL) {
			finish(r, ctl_fail(EX_FAIL, "cannot read stdin"));
			return;
		}
	}
	if (r->in_polled)
		event_add(r->in_ev, NULL);
	else
		event_active(r->in_ev, EV_READ, 0);
}

static void
on_subscribed(struct wc_conn *conn, const struct wc_reply *reply, void *arg)
{
	struct run *r = arg;

	if (reply->err.code != WC_OK)
		finish(r, ctl_error(r->c, r->wid, &reply->err));
}

/* spawn asked for attach:true already; the explicit consuming subscribe
 * is idempotent then, and keeps run working with a daemon that predates
 * attach (it then misses at most the events before the subscribe, never
 * a message or the close). */
static void
print_value(struct run *r, const struct wc_value *v)
{
	struct wc_error err;
	char *s;

	if ((s = wc_value_json(v, &err)) == NULL) {
		ctl_error(r->c, r->wid, &err);
		return;
	}
	out_line(s);
	free(s);
}

static void
on_chan_message(struct wc_chan *ch, const struct wc_value *v, void *arg)
{
	print_value(arg, v);
}

/* The worker's end closed (its exit), or it refused what we sent. */
static void
on_chan_end(struct wc_chan *ch, const struct wc_error *err, void *arg)
{
	struct run *r = arg;

	if (err != NULL)
		ctl_error(r->c, r->wid, err);
	wc_chan_close(ch);
	r->ch = NULL;
	if (r->closed)
		finish(r, r->close_status);
}

/* With the channel, or without it when the daemon would not give one
 * (one older than channels, say): messages then come as events. */
static void
on_channel(struct wc_conn *conn, const struct wc_reply *reply, void *arg)
{
	struct wc_chan_handlers h = { .on_message = on_chan_message, .on_end = on_chan_end,
	    .on_drain = on_chan_drain };
	struct run *r = arg;
	struct wc_error err;

	if (reply->err.code == WC_OK &&
	    (r->ch = wc_chan_from_fd(reply->fd, wc_max_frame(conn), &err)) != NULL &&
	    wc_chan_attach(r->ch, r->base, &h, r, &err) < 0) {
		wc_chan_close(r->ch);
		r->ch = NULL;
	}
	if (!r->ending)
		stdin_arm(r);
}

static void
on_spawned(struct wc_conn *conn, const struct wc_reply *reply, void *arg)
{
	struct run *r = arg;
	const char *wids[1] = { r->wid };
	struct wc_request req = { .op = WC_SUBSCRIBE, .wids = wids, .nwids = 1, .consume = true };
	struct wc_request chreq = { .op = WC_CHANNEL, .wid = r->wid };
	struct wc_error err;

	if (reply->err.code != WC_OK) {
		finish(r, ctl_error(r->c, NULL, &reply->err));
		return;
	}
	snprintf(r->wid, sizeof r->wid, "%llu", (unsigned long long)reply->id);
	r->spawned = true;
	if (wc_call_async(r->c->conn, &req, on_subscribed, r, &err) < 0) {
		finish(r, ctl_error(r->c, r->wid, &err));
		return;
	}
	if (r->signo != 0 || r->ending) {
		r->ending = false;
		end_worker(r);
		return;
	}
	if (!r->c->no_direct && wc_call_async(r->c->conn, &chreq, on_channel, r, &err) == 0)
		return;
	stdin_arm(r);
}

static void
show_error(const struct wc_event *ev)
{
	if (ev->err_stack != NULL && ev->err_stack[0] != '\0')
		fprintf(stderr, "%s\n", ev->err_stack);
	else
		fprintf(stderr, "%s: %s\n", ev->err_name != NULL ? ev->err_name : "Error",
		    ev->err_message != NULL ? ev->err_message : "");
}

static void
on_close(struct run *r, const struct wc_event *ev)
{
	const struct wc_close *cl = &ev->close;

	if (cl->signal[0] != '\0' && r->signo == 0)
		ctl_fail(EX_FAIL, "worker %llu: killed by %s", (unsigned long long)ev->id, cl->signal);
	else if (strcmp(cl->reason, "oom") == 0)
		ctl_fail(EX_FAIL, "worker %llu: heap limit reached", (unsigned long long)ev->id);
	if (cl->code < 0 || cl->code > 255)
		ctl_fail(EX_FAIL, "worker %llu: exit code %lld", (unsigned long long)ev->id,
		    (long long)cl->code);
	else if (strcmp(cl->reason, "error") == 0 && !r->told && cl->code != 0 && r->signo == 0)
		/* the host failed without an error event (it could not start, say):
		 * only the daemon's log has its words */
		ctl_fail(EX_FAIL, "worker %llu: ended with code %lld and no error event (see the daemon's log)",
		    (unsigned long long)ev->id, (long long)cl->code);
	if (r->signo != 0)
		r->close_status = 128 + r->signo;
	else if (r->timed_out)
		r->close_status = EX_TIMEOUT;
	else
		r->close_status = r->ending && r->c->spawn.unref ? EX_OK : ctl_exit_code(cl->code);
	r->closed = true;
	if (r->ch == NULL)
		finish(r, r->close_status);
}

static void
on_event(struct wc_conn *conn, const struct wc_event *ev, void *arg)
{
	struct run *r = arg;

	switch (ev->kind) {
	case WC_EV_MESSAGE:
		print_value(r, &ev->data);
		return;
	case WC_EV_LOG:
		out_text(stderr, ev->text, ev->text_len);
		return;
	case WC_EV_ERROR:
		r->told = true;
		show_error(ev);
		return;
	case WC_EV_MESSAGEERROR:
		ctl_fail(EX_FAIL, "worker %llu: messageerror: %s: %s", (unsigned long long)ev->id,
		    ev->err_name != NULL ? ev->err_name : "Error",
		    ev->err_message != NULL ? ev->err_message : "");
		return;
	case WC_EV_GAP:
		ctl_fail(EX_FAIL, "worker %llu: missed events %llu..%llu", (unsigned long long)ev->id,
		    (unsigned long long)ev->gap_from, (unsigned long long)ev->gap_to);
		return;
	case WC_EV_CLOSE:
		on_close(r, ev);
		return;
	default:
		return;
	}
}

static void
on_conn_error(struct wc_conn *conn, const struct wc_error *err, void *arg)
{
	struct run *r = arg;

	finish(r, ctl_error(r->c, NULL, err));
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct run *r = arg;

	if (r->signo != 0) {
		finish(r, 128 + r->signo);
		return;
	}
	r->signo = (int)sig;
	end_worker(r);
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct run *r = arg;

	r->timed_out = true;
	ctl_fail(EX_TIMEOUT, "worker %s: timed out after %g s", r->spawned ? r->wid : "-",
	    r->c->timeout);
	end_worker(r);
}

/* libevent's own warnings (a stdin it cannot poll, for one) are handled
 * here and must not reach the user's stderr. */
static void
quiet_log(int severity, const char *msg)
{
}

static int
setup(struct run *r)
{
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	struct wc_handlers h = { .on_event = on_event, .on_error = on_conn_error };
	struct wc_request req = { .op = WC_SPAWN, .spawn = &r->c->spawn };
	struct wc_error err;
	struct timeval tv;
	double left;
	int i;

	event_set_log_callback(quiet_log);
	for (i = 0; i < 3; i++)
		if ((r->sig[i] = evsignal_new(r->base, sigs[i], on_signal, r)) == NULL ||
		    event_add(r->sig[i], NULL) < 0)
			return ctl_fail(EX_FAIL, "cannot set up signal handling");
	if (r->c->timeout >= 0) {
		left = ctl_left(r->c);
		tv.tv_sec = (time_t)left;
		tv.tv_usec = (suseconds_t)((left - (double)tv.tv_sec) * 1e6);
		if ((r->timer = evtimer_new(r->base, on_timeout, r)) == NULL ||
		    evtimer_add(r->timer, &tv) < 0)
			return ctl_fail(EX_FAIL, "cannot set up the timeout");
	}
	if (wc_attach(r->c->conn, r->base, &h, r, &err) < 0 ||
	    wc_call_async(r->c->conn, &req, on_spawned, r, &err) < 0)
		return ctl_error(r->c, NULL, &err);
	return EX_OK;
}

static void
teardown(struct run *r)
{
	int i;

	wc_chan_close(r->ch);
	wc_close(r->c->conn);
	r->c->conn = NULL;
	if (r->in_ev != NULL)
		event_free(r->in_ev);
	for (i = 0; i < 3; i++)
		if (r->sig[i] != NULL)
			event_free(r->sig[i]);
	if (r->timer != NULL)
		event_free(r->timer);
	pbuf_free(&r->line);
	event_base_free(r->base);
}

int
cmd_run(struct ctl *c)
{
	struct run r = { .c = c };
	char abs[PATH_MAX];
	int rc;

	c->spawn.client_owned = true;
	c->spawn.attach = true;
	if ((rc = spawn_prepare(c, abs, sizeof abs)) != EX_OK || (rc = ctl_connect(c)) != EX_OK)
		return rc;
	pbuf_init(&r.line);
	r.line.limit = wc_max_frame(c->conn);
	if ((r.base = event_base_new()) == NULL)
		return ctl_fail(EX_FAIL, "cannot create an event loop");
	rc = setup(&r);
	if (rc == EX_OK) {
		event_base_dispatch(r.base);
		rc = r.done ? r.status : ctl_fail(EX_FAIL, "event loop ended early");
	}
	teardown(&r);
	return rc;
}
