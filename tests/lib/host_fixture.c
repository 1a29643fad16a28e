#include "host_fixture.h"

#include <check.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "clone_json.h"
#include "frame.h"
#include "mpwrite.h"

int
hostfx_init(struct hostfx *f)
{
	memset(f, 0, sizeof(*f));
	f->pid = -1;
	f->fd = -1;
	f->err_fd = -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/hostfx-XXXXXX");
	return mkdtemp(f->dir) == NULL ? -1 : 0;
}

const char *
hostfx_write(struct hostfx *f, const char *rel, const char *text)
{
	FILE *fp;
	char *slash;

	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, rel);
	for (slash = strchr(f->path + strlen(f->dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(f->path, 0700) == -1 && errno != EEXIST)
			return NULL;
		*slash = '/';
	}
	if ((fp = fopen(f->path, "w")) == NULL)
		return NULL;
	fputs(text, fp);
	return fclose(fp) == 0 ? f->path : NULL;
}

static const char *
host_path(char *buf, size_t n)
{
	const char *b = getenv("WORKERSD_BUILD");

	snprintf(buf, n, "%s/worker-host", b && *b ? b : "build");
	return buf;
}

static int
count_strs(const char *const *v)
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* cwd: the fixture's directory, as a client spawning from beside the
 * script would send it; "" sends none. */
static int
build_init(struct pbuf *b, const char *script, const char *cwd, const struct hostfx_opts *o)
{
	long off = proto_begin(b, MSG_INIT, 8 + (o->compiler != NULL) + (o->cache_dir != NULL) +
	    (o->jsx_factory != NULL) + (cwd[0] != '\0'));
	int nargs = count_strs(o->args), nenv = count_strs(o->env);

	if (off == -1)
		return -1;
	proto_key(b, "id");
	mpw_uint(b, 1);
	proto_key(b, "name");
	mpw_cstr(b, o->name ? o->name : "");
	proto_key(b, "script");
	mpw_cstr(b, script);
	proto_key(b, "args");
	mpw_array(b, (uint32_t)nargs);
	for (int i = 0; i < nargs; i++)
		mpw_cstr(b, o->args[i]);
	proto_key(b, "env");
	mpw_map(b, (uint32_t)nenv);
	for (int i = 0; i < nenv; i++) {
		const char *eq = strchr(o->env[i], '=');
		size_t kl = eq ? (size_t)(eq - o->env[i]) : strlen(o->env[i]);

		mpw_str(b, o->env[i], kl);
		mpw_cstr(b, eq ? eq + 1 : "");
	}
	proto_key(b, "smol");
	mpw_bool(b, o->smol);
	proto_key(b, "heap_limit");
	mpw_uint(b, o->heap_limit);
	proto_key(b, "max_frame");
	mpw_uint(b, o->max_frame);
	if (o->compiler != NULL) {
		proto_key(b, "compiler");
		mpw_cstr(b, o->compiler);
	}
	if (o->cache_dir != NULL) {
		proto_key(b, "cache_dir");
		mpw_cstr(b, o->cache_dir);
	}
	if (o->jsx_factory != NULL) {
		proto_key(b, "jsx_factory");
		mpw_cstr(b, o->jsx_factory);
	}
	if (cwd[0] != '\0') {
		proto_key(b, "cwd");
		mpw_cstr(b, cwd);
	}
	return proto_end(b, off);
}

int
hostfx_start(struct hostfx *f, const char *script, const struct hostfx_opts *o)
{
	static const struct hostfx_opts none;
	char exe[PATH_MAX];
	int sv[2], ep[2];
	struct pbuf b;
	int rc;

	if (o == NULL)
		o = &none;
	host_path(exe, sizeof(exe));
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	if (pipe2(ep, O_CLOEXEC) == -1)
		return -1;
	f->pid = fork();
	if (f->pid == -1)
		return -1;
	if (f->pid == 0) {
		dup2(sv[1], 3);
		dup2(ep[1], 2);
		execl(exe, "worker-host", (char *)NULL);
		fprintf(stderr, "exec %s: %s\n", exe, strerror(errno));
		_exit(127);
	}
	close(sv[1]);
	close(ep[1]);
	f->fd = sv[0];
	f->err_fd = ep[0];
	pbuf_init(&b);
	rc = build_init(&b, script, f->dir, o) == 0 ? hostfx_send_raw(f, b.data, b.len) : -1;
	pbuf_free(&b);
	return rc;
}

int
hostfx_send_raw(struct hostfx *f, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = send(f->fd, c, n, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
hostfx_post_json(struct hostfx *f, const char *json)
{
	struct pbuf b;
	char err[256];
	long off;
	int rc = -1;

	pbuf_init(&b);
	off = proto_begin(&b, MSG_POST, 1);
	if (off != -1 && proto_key(&b, "data") == 0 &&
	    clone_from_json(json, strlen(json), &b, err, sizeof(err)) == 0 && proto_end(&b, off) == 0)
		rc = hostfx_send_raw(f, b.data, b.len);
	else
		fprintf(stderr, "hostfx_post_json: %s: %s\n", json, err);
	pbuf_free(&b);
	return rc;
}

int
hostfx_send_stats(struct hostfx *f)
{
	struct pbuf b;
	long off;
	int rc = -1;

	pbuf_init(&b);
	off = proto_begin(&b, MSG_STATS, 0);
	if (off != -1 && proto_end(&b, off) == 0)
		rc = hostfx_send_raw(f, b.data, b.len);
	pbuf_free(&b);
	return rc;
}

/* Takes one whole frame from the input buffer if there is one: 1, 0, -1. */
static int
take_frame(struct hostfx *f)
{
	const uint8_t *doc;
	size_t len, used;
	const char *err;
	int r = frame_parse(f->in, f->in_len, FRAME_MAX_DEFAULT + 4096, &doc, &len, &used, &err);

	if (r == FRAME_MORE)
		return 0;
	if (r == FRAME_ERR)
		return -1;
	free(f->doc);
	if ((f->doc = malloc(len)) == NULL)
		return -1;
	memcpy(f->doc, doc, len);
	memmove(f->in, f->in + used, f->in_len - used);
	f->in_len -= used;
	return proto_parse(f->doc, len, &f->msg, &err) == 0 ? 1 : -1;
}

int
hostfx_next(struct hostfx *f, int timeout_ms)
{
	double deadline = mono_ms() + timeout_ms;
	struct pollfd p = { .fd = f->fd, .events = POLLIN };
	int r;

	for (;;) {
		if ((r = take_frame(f)) != 0)
			return r == 1 ? (int)f->msg.type : -1;
		long left = (long)(deadline - mono_ms());
		if (left <= 0)
			return -1;
		if (poll(&p, 1, (int)left) <= 0)
			continue;
		if (f->in_cap - f->in_len < 65536) {
			size_t cap = f->in_cap ? f->in_cap * 2 : 131072;
			uint8_t *n = realloc(f->in, cap);

			if (n == NULL)
				return -1;
			f->in = n;
			f->in_cap = cap;
		}
		ssize_t got = read(f->fd, f->in + f->in_len, f->in_cap - f->in_len);
		if (got == 0)
			return -1;
		if (got < 0 && errno != EINTR)
			return -1;
		if (got > 0)
			f->in_len += (size_t)got;
	}
}

int
hostfx_next_nolog(struct hostfx *f, int timeout_ms)
{
	int t;

	while ((t = hostfx_next(f, timeout_ms)) == MSG_LOG)
		;
	return t;
}

char *
hostfx_json(struct hostfx *f, const char *key)
{
	const uint8_t *p;
	size_t n;
	char err[256];

	if (proto_get_raw(&f->msg, key, &p, &n) != PF_OK)
		return NULL;
	return clone_to_json(p, n, err, sizeof(err));
}

char *
hostfx_str(struct hostfx *f, const char *key)
{
	const char *s;
	size_t n;

	if (proto_get_str(&f->msg, key, &s, &n) != PF_OK)
		return NULL;
	return strndup(s, n);
}

int64_t
hostfx_int(struct hostfx *f, const char *key, int64_t dflt)
{
	int64_t v;

	return proto_get_int(&f->msg, key, &v) == PF_OK ? v : dflt;
}

int
hostfx_wait(struct hostfx *f, int timeout_ms)
{
	int pfd, st;
	struct pollfd p;
	pid_t r;

	if (f->reaped)
		return f->status;
	/* a pidfd becomes readable when the process exits: no polling loop */
	pfd = (int)syscall(SYS_pidfd_open, f->pid, 0);
	if (pfd >= 0) {
		p.fd = pfd;
		p.events = POLLIN;
		r = poll(&p, 1, timeout_ms);
		close(pfd);
		if (r <= 0)
			return -1;
	}
	while ((r = waitpid(f->pid, &st, 0)) == -1 && errno == EINTR)
		;
	if (r == -1)
		return -1;
	f->reaped = true;
	f->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return f->status;
}

char *
hostfx_stderr(struct hostfx *f)
{
	struct pbuf b;
	char buf[4096];
	ssize_t n;
	struct pollfd p = { .fd = f->err_fd, .events = POLLIN };

	pbuf_init(&b);
	while (poll(&p, 1, 0) > 0 && (n = read(f->err_fd, buf, sizeof(buf))) > 0)
		pbuf_append(&b, buf, (size_t)n);
	pbuf_append(&b, "", 1);
	return (char *)b.data;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

void
hostfx_stop(struct hostfx *f)
{
	if (f->pid > 0 && !f->reaped) {
		kill(f->pid, SIGKILL);
		(void)hostfx_wait(f, HOSTFX_TIMEOUT);
	}
	if (f->fd != -1)
		close(f->fd);
	if (f->err_fd != -1)
		close(f->err_fd);
	free(f->in);
	free(f->doc);
	f->in = f->doc = NULL;
	f->fd = f->err_fd = -1;
	if (f->dir[0])
		nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
add_line(char **acc, const char *line)
{
	size_t old = *acc ? strlen(*acc) : 0, n = strlen(line);
	char *p = realloc(*acc, old + n + 2);

	if (p == NULL)
		return;
	memcpy(p + old, line, n);
	p[old + n] = '\n';
	p[old + n + 1] = '\0';
	*acc = p;
}

static void
add_json(char **acc, struct hostfx *f, const char *key)
{
	char *j = hostfx_json(f, key);

	add_line(acc, j ? j : "<bad>");
	free(j);
}

static void
add_order(struct hostfx_result *r, struct hostfx *f, const char *what, const char *key)
{
	char *j = hostfx_json(f, key), line[8192];

	snprintf(line, sizeof(line), "%s %s", what, j ? j : "<bad>");
	add_line(&r->order, line);
	free(j);
}

int
hostfx_run(struct hostfx *f, struct hostfx_result *r, int timeout_ms)
{
	char *level, *text, *reason, line[8192];
	int t;

	memset(r, 0, sizeof(*r));
	while ((t = hostfx_next(f, timeout_ms)) != -1) {
		switch (t) {
		case MSG_MESSAGE:
			add_json(&r->messages, f, "data");
			add_order(r, f, "message", "data");
			break;
		case MSG_ERROR:
			add_json(&r->errors, f, "error");
			break;
		case MSG_MESSAGEERROR:
			add_json(&r->msgerrors, f, "error");
			break;
		case MSG_LOG:
			level = hostfx_str(f, "level");
			text = hostfx_str(f, "text");
			snprintf(line, sizeof(line), "%s %s", level ? level : "?", text ? text : "?");
			add_line(&r->logs, line);
			snprintf(line, sizeof(line), "log %s %s", level ? level : "?", text ? text : "?");
			add_line(&r->order, line);
			free(level);
			free(text);
			break;
		case MSG_EXIT:
			r->code = hostfx_int(f, "code", INT64_MIN);
			reason = hostfx_str(f, "reason");
			snprintf(r->reason, sizeof(r->reason), "%s", reason ? reason : "?");
			free(reason);
			return 0;
		default:
			break;
		}
	}
	return -1;
}

void
hostfx_result_free(struct hostfx_result *r)
{
	free(r->messages);
	free(r->errors);
	free(r->logs);
	free(r->msgerrors);
	free(r->order);
	memset(r, 0, sizeof(*r));
}

int
hostfx_run_script(struct hostfx *f, const char *src, const struct hostfx_opts *o,
    const char *const *posts, struct hostfx_result *r)
{
	const char *path;

	memset(r, 0, sizeof(*r));
	if ((path = hostfx_write(f, "main.js", src)) == NULL || hostfx_start(f, path, o) == -1)
		return -1;
	for (int i = 0; posts && posts[i]; i++)
		if (hostfx_post_json(f, posts[i]) == -1)
			return -1;
	if (hostfx_run(f, r, HOSTFX_TIMEOUT) == -1)
		return -1;
	return hostfx_wait(f, HOSTFX_TIMEOUT);
}

void
hostfx_case_setup(struct hostfx *f, struct hostfx_result *r)
{
	ck_assert_int_eq(hostfx_init(f), 0);
	memset(r, 0, sizeof(*r));
}

void
hostfx_case_teardown(struct hostfx *f, struct hostfx_result *r)
{
	hostfx_result_free(r);
	hostfx_stop(f);
}

const char *
hostfx_nz(const char *s)
{
	return s ? s : "";
}
