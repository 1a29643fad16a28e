#include "lower.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "frame.h"
#include "host.h"
#include "lowercache.h"
#include "proto.h"
#include "utf8.h"


#include "js_lower-rt.h"

#define K_LOWER DUK_HIDDEN_SYMBOL("lower")

/* What went wrong, before it becomes a JS error. */
struct lower_err {
	char msg[PATH_MAX + 1024];
	unsigned line, column;	/* 1-based; 0 when not a syntax error */
};

static const char *
extension(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot != NULL && (slash == NULL || dot > slash) ? dot : "";
}

static bool
ext_in(const char *path, const char *const *list)
{
	const char *e = extension(path);

	for (; *list != NULL; list++)
		if (strcmp(e, *list) == 0)
			return true;
	return false;
}

bool
lower_by_extension(const char *path)
{
	static const char *const always[] = { ".ts", ".tsx", ".jsx", ".mjs", ".mts", ".cts", NULL };

	return ext_in(path, always);
}

bool
lower_on_syntax_error(const char *path)
{
	static const char *const maybe[] = { ".js", ".cjs", NULL };

	return ext_in(path, maybe);
}

/* An init str field as a C string; false when absent, empty or unfit. */
static bool
init_str(const struct msg_str *s, char *out, size_t len)
{
	if (s->p == NULL || s->n == 0 || s->n >= len || memchr(s->p, '\0', s->n) != NULL)
		return false;
	memcpy(out, s->p, s->n);
	out[s->n] = '\0';
	return true;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Connects, retrying while the server is (re)starting. */
static int
connect_server(const char *path, struct lower_err *e)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	double until = now_ms() + LOWER_CONNECT_MS;
	struct timespec pause = { 0, 50 * 1000000L };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(e->msg, sizeof(e->msg), "compile server socket path too long: %s", path);
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	for (;;) {
		if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
			break;
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			return fd;
		close(fd);
		if ((errno != ENOENT && errno != ECONNREFUSED && errno != EAGAIN && errno != EINTR) ||
		    now_ms() > until)
			break;
		nanosleep(&pause, NULL);
	}
	snprintf(e->msg, sizeof(e->msg), "cannot reach the compile server at %s: %s", path, strerror(errno));
	return -1;
}

static int
send_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads one whole frame into in; *doc and *len point at its document. */
static int
recv_frame(int fd, struct pbuf *in, const uint8_t **doc, size_t *len, struct lower_err *e)
{
	double until = now_ms() + LOWER_REPLY_MS;
	const char *why = "connection closed";
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t used;
	ssize_t n;
	int rc;

	for (;;) {
		rc = frame_parse(in->data, in->len, LOWER_REPLY_MAX, doc, len, &used, &why);
		if (rc == FRAME_READY)
			return 0;
		if (rc == FRAME_ERR || now_ms() > until)
			break;
		if (poll(&pfd, 1, (int)(until - now_ms()) + 1) <= 0)
			continue;
		if (pbuf_reserve(in, 65536) == -1)
			break;
		n = read(fd, in->data + in->len, in->cap - in->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		in->len += (size_t)n;
	}
	snprintf(e->msg, sizeof(e->msg), "the compile server did not answer (%s)",
	    now_ms() > until ? "timed out" : why);
	return -1;
}

static int
build_request(struct pbuf *b, const char *path, const uint8_t *p, size_t n, const char *jsx)
{
	struct msg_compile m = {
		.rid = 1, .filename = { path, strlen(path) }, .source = { (const char *)p, n },
		.jsx_factory = { jsx, strlen(jsx) },
	};

	return msg_write_compile(b, &m);
}

static void
copy_str(const struct msg_str *s, char *out, size_t len)
{
	size_t n = s->p != NULL ? s->n : 0;

	if (n >= len)
		n = len - 1;
	memcpy(out, n ? s->p : "", n);
	out[n] = '\0';
}

/* Reads the reply into code/map, or e (a syntax error has a line). */
static int
take_reply(const struct proto_msg *m, struct pbuf *code, struct pbuf *map, struct lower_err *e)
{
	struct msg_err err;
	struct msg_compiled ok;
	const char *why;

	if (m->type == MSG_ERR) {
		if (msg_read_err(m, &err, &why) == -1) {
			snprintf(e->msg, sizeof(e->msg), "the compile server sent a malformed reply: %s", why);
			return -1;
		}
		copy_str(&err.msg, e->msg, sizeof(e->msg));
		e->line = err.lineno < UINT_MAX ? (unsigned)err.lineno : 0;
		e->column = err.colno < UINT_MAX ? (unsigned)err.colno : 0;
		return -1;
	}
	if (m->type != MSG_COMPILED || msg_read_compiled(m, &ok, &why) == -1 ||
	    pbuf_append(code, ok.code.p, ok.code.n) == -1 || pbuf_append(map, ok.map.p, ok.map.n) == -1) {
		snprintf(e->msg, sizeof(e->msg), "the compile server sent a malformed reply");
		return -1;
	}
	return 0;
}

static int
compile_remote(const char *server, const char *path, const uint8_t *p, size_t n, const char *jsx,
    struct pbuf *code, struct pbuf *map, struct lower_err *e)
{
	struct pbuf req, in;
	struct proto_msg m;
	const uint8_t *doc;
	const char *why;
	size_t len;
	int fd, rc = -1;

	if ((fd = connect_server(server, e)) == -1)
		return -1;
	pbuf_init(&req);
	pbuf_init(&in);
	if (build_request(&req, path, p, n, jsx) == -1 || send_all(fd, req.data, req.len) == -1)
		snprintf(e->msg, sizeof(e->msg), "cannot send to the compile server: %s", strerror(errno));
	else if (recv_frame(fd, &in, &doc, &len, e) == 0) {
		if (proto_parse(doc, len, &m, &why) == -1)
			snprintf(e->msg, sizeof(e->msg), "the compile server sent a malformed reply: %s", why);
		else
			rc = take_reply(&m, code, map, e);
	}
	pbuf_free(&req);
	pbuf_free(&in);
	close(fd);
	return rc;
}

/* The lowering runtime's object (js/lower-rt.js), made on first use. */
static void
push_runtime(duk_context *ctx)
{
	duk_push_global_stash(ctx);
	if (duk_get_prop_string(ctx, -1, K_LOWER)) {
		duk_remove(ctx, -2);
		return;
	}
	duk_pop(ctx);
	/* no file name: helpers must not be blamed for errors they construct */
	duk_compile_lstring(ctx, DUK_COMPILE_EVAL, js_lower_rt, js_lower_rt_len);
	duk_call(ctx, 0);
	duk_push_global_object(ctx);
	duk_call(ctx, 1);
	duk_dup_top(ctx);
	duk_put_prop_string(ctx, -3, K_LOWER);
	duk_remove(ctx, -2);
}

static void
register_map(duk_context *ctx, const char *path, const struct pbuf *map)
{
	struct pbuf cesu;

	push_runtime(ctx);
	duk_get_prop_string(ctx, -1, "register");
	duk_swap_top(ctx, -2);
	duk_push_string(ctx, path);
	pbuf_init(&cesu);
	if (utf8_to_cesu8(map->data, map->len, false, &cesu) == -1)
		duk_push_string(ctx, "");
	else
		duk_push_lstring(ctx, (const char *)cesu.data, cesu.len);
	pbuf_free(&cesu);
	duk_call_method(ctx, 2);
	duk_pop(ctx);
}

static void
own_prop(duk_context *ctx, const char *key)
{
	duk_push_string(ctx, key);
	duk_insert(ctx, -2);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_SET_CONFIGURABLE);
}

/* The stack of an error made here would name lower.c: it names the
 * position in the source instead. */
static void
push_error(duk_context *ctx, const char *path, const struct lower_err *e)
{
	if (e->line == 0) {
		duk_push_error_object(ctx, DUK_ERR_ERROR, "cannot lower %s: %s", path, e->msg);
		duk_push_sprintf(ctx, "Error: cannot lower %s: %s\n    at %s", path, e->msg, path);
		own_prop(ctx, "stack");
		return;
	}
	duk_push_error_object(ctx, DUK_ERR_SYNTAX_ERROR, "%s (%s:%u:%u)", e->msg, path, e->line, e->column);
	duk_push_sprintf(ctx, "SyntaxError: %s (%s:%u:%u)\n    at %s:%u:%u", e->msg, path, e->line, e->column,
	    path, e->line, e->column);
	own_prop(ctx, "stack");
	duk_push_string(ctx, path);
	own_prop(ctx, "fileName");
	duk_push_uint(ctx, e->line);
	own_prop(ctx, "lineNumber");
	duk_push_uint(ctx, e->column);
	own_prop(ctx, "columnNumber");
}

void
lower_fix_syntax_error(duk_context *ctx, const char *path)
{
	push_runtime(ctx);
	duk_get_prop_string(ctx, -1, "fixSyntaxError");
	duk_swap_top(ctx, -2);
	duk_push_string(ctx, path);
	duk_dup(ctx, -4);
	duk_call_method(ctx, 2);
	duk_pop(ctx);
}

static int
lookup_or_compile(struct host *h, const char *path, const uint8_t *p, size_t n,
    struct pbuf *code, struct pbuf *map, struct lower_err *e)
{
	int rc;
	char server[PATH_MAX], dir[PATH_MAX], jsx[256], key[65], tsc[LCACHE_TSC_ID_MAX];
	int fd;

	if (!init_str(&h->init.jsx_factory, jsx, sizeof(jsx)))
		snprintf(jsx, sizeof(jsx), "%s", LOWER_DEFAULT_JSX);
	if (init_str(&h->init.cache_dir, dir, sizeof(dir)) && lcache_tsc_id(tsc, sizeof(tsc)) == 0 &&
	    (fd = lcache_open(dir)) != -1) {
		lcache_key(tsc, path, jsx, p, n, key);
		rc = lcache_read(fd, key, code, map);
		close(fd);
		if (rc == 0)
			return 0;
		pbuf_reset(code);
		pbuf_reset(map);
	}
	if (!init_str(&h->init.compiler, server, sizeof(server))) {
		snprintf(e->msg, sizeof(e->msg), "no compile server (workersd starts one; this worker-host was given none)");
		return -1;
	}
	return compile_remote(server, path, p, n, jsx, code, map, e);
}

int
lower_source(duk_context *ctx, const char *path, const uint8_t *p, size_t n, struct pbuf *out)
{
	struct lower_err e;
	struct pbuf code, map;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	pbuf_init(&code);
	pbuf_init(&map);
	if (lookup_or_compile(host_get(ctx), path, p, n, &code, &map, &e) == 0) {
		if (utf8_to_cesu8(code.data, code.len, false, out) == -1)
			snprintf(e.msg, sizeof(e.msg), "the lowered code is not UTF-8");
		else
			rc = 0;
	}
	if (rc == 0)
		register_map(ctx, path, &map);
	else
		push_error(ctx, path, &e);
	pbuf_free(&code);
	pbuf_free(&map);
	return rc;
}
