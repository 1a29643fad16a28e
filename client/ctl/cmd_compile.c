/*
 * cmd_compile.c - `compile DIR|FILE...`: fills the daemon's cache of
 * lowered scripts before any worker needs it (a warm-up for deploy scripts
 * and ExecStartPre=).
 *
 * Directories are walked (symbolic links not followed) for the files a
 * worker lowers: .ts .tsx .mts .cts .jsx .mjs always, .js and .cjs when
 * Duktape rejects them (each is test-compiled here in a bare heap, as the
 * worker's loader would).  Each goes as one `compile` request to the
 * daemon's compile servers (docs/protocol.md 2.6, socket <daemon
 * socket>.compile), CTL_COMPILE_INFLIGHT at a time so that every server of
 * the pool is busy; the servers write the cache.  The text sent is what
 * the worker's loader sends (utf8_script_text()), so the keys agree.
 * Prints one summary line; each failure is one line naming the file and
 * the cause (a syntax error with its line and column), and the exit status
 * is then 1.
 */
#include "srcext.h"
#include "cmds.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <duktape.h>

#include "clock.h"
#include "frame.h"
#include "msg.h"
#include "proto.h"
#include "sockpath.h"
#include "utf8.h"

/* Requests in flight at once: more than any default pool of servers. */
#define CTL_COMPILE_INFLIGHT 16
/* Files one run takes; more is an error before anything is sent. */
#define CTL_COMPILE_FILES_MAX 200000
#define CTL_COMPILE_FILES_MAX_S "200000"
/* The largest source sent and reply read (the worker's bounds). */
#define CTL_COMPILE_SOURCE_MAX ((size_t)64 << 20)
#define CTL_COMPILE_REPLY_MAX ((size_t)256 << 20)
#define JSX_DEFAULT "React.createElement"

struct job {
	int fd;			/* -1: free slot */
	char *path;
	struct pbuf in;
};

struct run {
	char sock[108];
	char **files;
	size_t nfiles, cap;
	size_t lowered, plain, failed;
	duk_context *duk;
	struct job jobs[CTL_COMPILE_INFLIGHT];
};


static int
add_file(struct run *r, const char *path)
{
	char **grown;

	if (r->nfiles == CTL_COMPILE_FILES_MAX) {
		errno = E2BIG;
		return -1;
	}
	if (r->nfiles == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		if ((grown = realloc(r->files, r->cap * sizeof(*grown))) == NULL)
			return -1;
		r->files = grown;
	}
	if ((r->files[r->nfiles] = strdup(path)) == NULL)
		return -1;
	r->nfiles++;
	return 0;
}

static bool
wanted(const FTSENT *e)
{
	return e->fts_info == FTS_F && (srcext_always(e->fts_path) || srcext_if_rejected(e->fts_path));
}

/* A directory's files, its subdirectories' too; symbolic links are not
 * followed. */
static int
walk(struct run *r, char *dir)
{
	char *roots[] = { dir, NULL };
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	FTSENT *e;
	int rc = 0;

	if (fts == NULL)
		return -1;
	while (rc == 0 && (e = fts_read(fts)) != NULL) {
		if (e->fts_info == FTS_DNR || e->fts_info == FTS_ERR) {
			errno = e->fts_errno;
			rc = -1;
		} else if (wanted(e)) {
			rc = add_file(r, e->fts_path);
		}
	}
	fts_close(fts);
	return rc;
}

/* Operands: a file is taken whatever its name; a directory is walked. */
static int
collect(struct run *r, char **args, int nargs)
{
	char abs[PATH_MAX];
	struct stat st;

	for (int i = 0; i < nargs; i++) {
		if (realpath(args[i], abs) == NULL || stat(abs, &st) == -1)
			return ctl_fail(EX_FAIL, "%s: %s", args[i], strerror(errno));
		if (S_ISREG(st.st_mode) ? add_file(r, abs) == -1 : walk(r, abs) == -1)
			return ctl_fail(EX_FAIL, "%s: %s", args[i], errno == E2BIG ?
			    "more than " CTL_COMPILE_FILES_MAX_S " files" : strerror(errno));
	}
	return EX_OK;
}

static int
read_file(const char *path, struct pbuf *b, char *err, size_t errlen)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;

	if (fd == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		if (b->len > CTL_COMPILE_SOURCE_MAX || pbuf_reserve(b, 65536) == -1) {
			snprintf(err, errlen, "larger than %zu bytes", CTL_COMPILE_SOURCE_MAX);
			break;
		}
		if ((n = read(fd, b->data + b->len, b->cap - b->len)) < 0 && errno == EINTR)
			continue;
		if (n < 0)
			snprintf(err, errlen, "%s", strerror(errno));
		if (n <= 0) {
			rc = n == 0 ? 0 : -1;
			break;
		}
		b->len += (size_t)n;
	}
	close(fd);
	return rc;
}

static duk_ret_t
try_compile(duk_context *ctx, void *udata)
{
	duk_push_string(ctx, (const char *)udata);
	duk_compile(ctx, DUK_COMPILE_EVAL);
	return 0;
}

/* Whether Duktape rejects the text as the worker's loader wraps it. */
static bool
duktape_rejects(duk_context *ctx, const char *path, const uint8_t *p, size_t n)
{
	static const char head[] = "(function (exports, require, module, __filename, __dirname, __wsdImportMeta) {";
	struct pbuf cesu;
	bool rejected;

	pbuf_init(&cesu);
	if (pbuf_append(&cesu, head, sizeof(head) - 1) == -1 || utf8_to_cesu8(p, n, false, &cesu) == -1 ||
	    pbuf_append(&cesu, "\n})", 3) == -1) {
		pbuf_free(&cesu);
		return true;
	}
	duk_push_lstring(ctx, (const char *)cesu.data, cesu.len);
	pbuf_free(&cesu);
	rejected = duk_safe_call(ctx, try_compile, (void *)path, 1, 1) != 0;
	duk_set_top(ctx, 0);
	duk_gc(ctx, 0);
	return rejected;
}

static int
connect_servers(const char *sock)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	if (fd == -1 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

static int
send_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = send(fd, p, n, MSG_NOSIGNAL)) < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
fail_file(struct run *r, const char *path, const char *fmt, const char *why)
{
	fprintf(stderr, "workerctl: %s: ", path);
	fprintf(stderr, fmt, why);
	fputc('\n', stderr);
	r->failed++;
}

/* Reads one file and sends its request on a free job, or counts it as
 * plain ES5 or failed.  -1 only when the compile servers cannot be reached. */
static int
start_file(struct run *r, struct job *j, const char *path)
{
	char err[256];
	struct pbuf src, req;
	struct msg_compile m;
	size_t start;
	int fd, rc = 0;

	pbuf_init(&src);
	pbuf_init(&req);
	if (read_file(path, &src, err, sizeof(err)) == -1) {
		fail_file(r, path, "%s", err);
		goto out;
	}
	start = src.len > 0 ? utf8_script_text(src.data, src.len) : 0;
	if (!utf8_valid(src.data + start, src.len - start)) {
		fail_file(r, path, "%s", "the file is not valid UTF-8");
		goto out;
	}
	if (!srcext_always(path) && !duktape_rejects(r->duk, path, src.data + start, src.len - start)) {
		r->plain++;
		goto out;
	}
	m = (struct msg_compile){ .rid = 1, .filename = { path, strlen(path) },
		.source = { (const char *)src.data + start, src.len - start },
		.jsx_factory = { JSX_DEFAULT, sizeof(JSX_DEFAULT) - 1 } };
	if ((fd = connect_servers(r->sock)) == -1) {
		rc = -1;
		goto out;
	}
	if (msg_write_compile(&req, &m) == -1 || send_all(fd, req.data, req.len) == -1) {
		fail_file(r, path, "cannot send it to the compile servers: %s", strerror(errno));
		close(fd);
		goto out;
	}
	j->fd = fd;
	j->path = (char *)path;
	pbuf_reset(&j->in);
out:
	pbuf_free(&src);
	pbuf_free(&req);
	return rc;
}

static void
take_reply(struct run *r, struct job *j, const uint8_t *doc, size_t len)
{
	struct proto_msg m;
	struct msg_err e;
	struct msg_compiled ok;
	const char *why;

	if (proto_parse(doc, len, &m, &why) == -1) {
		fail_file(r, j->path, "the compile server sent a malformed reply: %s", why);
	} else if (m.type == MSG_COMPILED && msg_read_compiled(&m, &ok, &why) == 0) {
		r->lowered++;
	} else if (m.type == MSG_ERR && msg_read_err(&m, &e, &why) == 0) {
		if (e.lineno > 0)
			fprintf(stderr, "workerctl: %s:%llu:%llu: SyntaxError: %.*s\n", j->path,
			    (unsigned long long)e.lineno, (unsigned long long)e.colno, (int)e.msg.n, e.msg.p);
		else
			fprintf(stderr, "workerctl: %s: %.*s\n", j->path, (int)e.msg.n, e.msg.p);
		r->failed++;
	} else {
		fail_file(r, j->path, "the compile server sent a malformed reply%s", "");
	}
}

static void
finish_job(struct job *j)
{
	close(j->fd);
	j->fd = -1;
	j->path = NULL;
}

/* Reads what job j's server sent; finishes it once a whole reply is in. */
static void
read_job(struct run *r, struct job *j)
{
	const uint8_t *doc;
	const char *why = "the connection closed";
	size_t len, used;
	ssize_t n;
	int rc;

	if (pbuf_reserve(&j->in, 65536) == -1) {
		fail_file(r, j->path, "%s", "out of memory");
		finish_job(j);
		return;
	}
	if ((n = read(j->fd, j->in.data + j->in.len, j->in.cap - j->in.len)) < 0 && errno == EINTR)
		return;
	if (n > 0)
		j->in.len += (size_t)n;
	rc = frame_parse(j->in.data, j->in.len, CTL_COMPILE_REPLY_MAX, &doc, &len, &used, &why);
	if (rc == FRAME_READY)
		take_reply(r, j, doc, len);
	else if (rc == FRAME_ERR || n <= 0)
		fail_file(r, j->path, "the compile server did not answer: %s", n < 0 ? strerror(errno) : why);
	else
		return;
	finish_job(j);
}

/* Waits for some job to make progress; 0, or the exit status on timeout. */
static int
poll_jobs(struct ctl *c, struct run *r)
{
	struct pollfd p[CTL_COMPILE_INFLIGHT];
	double left = ctl_left(c);
	int n;

	for (int i = 0; i < CTL_COMPILE_INFLIGHT; i++)
		p[i] = (struct pollfd){ .fd = r->jobs[i].fd, .events = POLLIN };
	if ((n = poll(p, CTL_COMPILE_INFLIGHT, left < 0 ? -1 : (int)(left * 1000) + 1)) < 0 && errno != EINTR)
		return ctl_fail(EX_FAIL, "poll: %s", strerror(errno));
	if (n == 0 && left >= 0 && ctl_left(c) == 0)
		return ctl_fail(EX_TIMEOUT, "timed out after %g s", c->timeout);
	for (int i = 0; i < CTL_COMPILE_INFLIGHT; i++)
		if (p[i].revents != 0)
			read_job(r, &r->jobs[i]);
	return EX_OK;
}

static struct job *
free_job(struct run *r)
{
	for (int i = 0; i < CTL_COMPILE_INFLIGHT; i++)
		if (r->jobs[i].fd == -1)
			return &r->jobs[i];
	return NULL;
}

static bool
busy(const struct run *r)
{
	for (int i = 0; i < CTL_COMPILE_INFLIGHT; i++)
		if (r->jobs[i].fd != -1)
			return true;
	return false;
}

static int
compile_all(struct ctl *c, struct run *r)
{
	struct job *j;
	size_t next = 0;
	int rc;

	while (next < r->nfiles || busy(r)) {
		while (next < r->nfiles && (j = free_job(r)) != NULL) {
			if (start_file(r, j, r->files[next]) == -1)
				return ctl_fail(EX_UNREACHABLE, "cannot reach the compile servers at %s: %s", r->sock,
				    strerror(errno));
			next++;
		}
		if (busy(r) && (rc = poll_jobs(c, r)) != EX_OK)
			return rc;
	}
	return EX_OK;
}

static int
socket_of_servers(struct ctl *c, struct run *r)
{
	char daemon[sizeof(r->sock)], err[256];

	if (sockpath_resolve(c->socket, daemon, sizeof(daemon), err, sizeof(err)) == -1)
		return ctl_fail(EX_USAGE_ERR, "%s", err);
	if (strlen(daemon) + sizeof(".compile") > sizeof(r->sock))
		return ctl_fail(EX_USAGE_ERR, "%s.compile: socket path too long", daemon);
	snprintf(r->sock, sizeof(r->sock), "%s.compile", daemon);
	return EX_OK;
}

static void
run_free(struct run *r)
{
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	for (int i = 0; i < CTL_COMPILE_INFLIGHT; i++) {
		if (r->jobs[i].fd != -1)
			close(r->jobs[i].fd);
		pbuf_free(&r->jobs[i].in);
	}
	if (r->duk != NULL)
		duk_destroy_heap(r->duk);
	free(r);
}

int
cmd_compile(struct ctl *c)
{
	struct run *r = calloc(1, sizeof(*r));
	double t0, t1;
	int rc;

	if (r == NULL)
		return ctl_fail(EX_FAIL, "out of memory");
	for (int i = 0; i < CTL_COMPILE_INFLIGHT; i++) {
		r->jobs[i].fd = -1;
		pbuf_init(&r->jobs[i].in);
	}
	t0 = mono_s();
	if ((rc = socket_of_servers(c, r)) == EX_OK && (rc = collect(r, c->args, c->nargs)) == EX_OK) {
		if ((r->duk = duk_create_heap_default()) == NULL)
			rc = ctl_fail(EX_FAIL, "cannot create a JavaScript heap");
		else
			rc = compile_all(c, r);
	}
	t1 = mono_s();
	if (rc == EX_OK) {
		printf("compiled %zu files: %zu lowered, %zu plain ES5, %zu failed (%.2f s)\n", r->nfiles,
		    r->lowered, r->plain, r->failed,
		    t1 - t0);
		rc = r->failed > 0 ? EX_FAIL : EX_OK;
	}
	run_free(r);
	return rc;
}
