#include "lower.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "frame.h"
#include "host.h"
#include "loader.h"
#include "lowercache.h"
#include "mod_vm.h"
#include "proto.h"
#include "srcext.h"
#include "utf8.h"


#include "js_lower-rt.h"

#define K_LOWER DUK_HIDDEN_SYMBOL("lower")

/* One request to the compile servers, for the module being loaded or for
 * one of its imports ahead of the loader.  A free slot has no path; a
 * request answered ahead keeps its reply (fd -1, the document at doc in
 * `in`) until the loader takes it or the slot is needed. */
struct ljob {
	int fd;
	char key[65];
	char *path;
	struct pbuf in;
	size_t doc, len;
};

/* The host's requests in flight and the paths already looked at (by a
 * hash of the path; when full, nothing more is remembered and a path may
 * be looked at twice, which costs a read but changes nothing). */
struct lower_ahead {
	struct ljob job[LOWER_AHEAD_MAX];
	uint64_t seen[LOWER_SEEN_MAX];
	unsigned nseen;
};

/* What one lowering needs from init, gathered once per call. */
struct lctx {
	struct host *h;
	struct lower_ahead *la;
	char jsx[256];
	bool legacy_decorators;		/* init's: TypeScript's experimentalDecorators */
	char opts[LCACHE_OPTIONS_MAX];	/* the key's view of the two (lcache_options) */
	char tsc[LCACHE_TSC_ID_MAX];
	char server[PATH_MAX];
	bool have_server;
	int cache;		/* the cache directory, or -1 */
};

/* What went wrong, before it becomes a JS error. */
struct lower_err {
	char msg[PATH_MAX + 1024];
	unsigned line, column;	/* 1-based; 0 when not a syntax error */
};

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

/* Connects, retrying for wait_ms while the server is (re)starting. */
static int
connect_server(const char *path, double wait_ms, struct lower_err *e)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	double until = mono_ms() + wait_ms;
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
		    mono_ms() > until)
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

static int
build_request(struct pbuf *b, const char *path, const uint8_t *p, size_t n, const struct lctx *lc)
{
	struct msg_compile m = {
		.rid = 1, .filename = { path, strlen(path) }, .source = { (const char *)p, n },
		.jsx_factory = { lc->jsx, strlen(lc->jsx) }, .legacy_decorators = lc->legacy_decorators,
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
	duk_push_c_function(ctx, vm_compile_script, 2);
	duk_call(ctx, 2);
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
lower_note_not_lowered(duk_context *ctx, const char *what)
{
	duk_get_prop_literal(ctx, -2, "message");
	duk_push_sprintf(ctx, "; the %s was not lowered: ", what);
	duk_get_prop_literal(ctx, -3, "message");
	duk_concat(ctx, 3);
	duk_put_prop_literal(ctx, -3, "message");
	duk_pop(ctx);
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


/* ---- requests in flight ---- */

static struct lower_ahead *
ahead_of(struct host *h)
{
	if (h->ahead == NULL && (h->ahead = calloc(1, sizeof(*h->ahead))) != NULL) {
		for (unsigned i = 0; i < LOWER_AHEAD_MAX; i++)
			h->ahead->job[i].fd = -1;
	}
	return h->ahead;
}

static void
job_end(struct ljob *j)
{
	if (j->fd != -1)
		close(j->fd);
	j->fd = -1;
	free(j->path);
	j->path = NULL;
	pbuf_free(&j->in);
}

static struct ljob *
job_find(struct lower_ahead *la, const char *key)
{
	for (unsigned i = 0; la != NULL && i < LOWER_AHEAD_MAX; i++)
		if (la->job[i].path != NULL && strcmp(la->job[i].key, key) == 0)
			return &la->job[i];
	return NULL;
}

/* A free slot, else one whose reply came ahead (its result is in the
 * cache too), else NULL. */
static struct ljob *
job_free_slot(struct lower_ahead *la)
{
	for (unsigned i = 0; la != NULL && i < LOWER_AHEAD_MAX; i++)
		if (la->job[i].path == NULL)
			return &la->job[i];
	for (unsigned i = 0; la != NULL && i < LOWER_AHEAD_MAX; i++) {
		if (la->job[i].fd == -1) {
			job_end(&la->job[i]);
			return &la->job[i];
		}
	}
	return NULL;
}

/* Connects and sends the request; the reply is read later (job_read). */
static int
job_start(struct lctx *lc, struct ljob *j, const char *path, const uint8_t *p, size_t n,
    const char *key, double connect_ms, struct lower_err *e)
{
	struct pbuf req;
	int fd;

	if ((fd = connect_server(lc->server, connect_ms, e)) == -1)
		return -1;
	pbuf_init(&req);
	if (build_request(&req, path, p, n, lc) == -1 || send_all(fd, req.data, req.len) == -1) {
		snprintf(e->msg, sizeof(e->msg), "cannot send to the compile server: %s", strerror(errno));
		pbuf_free(&req);
		close(fd);
		return -1;
	}
	pbuf_free(&req);
	if ((j->path = strdup(path)) == NULL) {
		snprintf(e->msg, sizeof(e->msg), "out of memory");
		close(fd);
		return -1;
	}
	j->fd = fd;
	memcpy(j->key, key, 65);
	pbuf_init(&j->in);
	return 0;
}

/* Reads what has come: 1 with the reply's document in [*doc, *doc+*len),
 * 0 when more is to come, -1 when the server closed or sent garbage. */
static int
job_read(struct ljob *j, const uint8_t **doc, size_t *len, const char **why)
{
	size_t used;
	ssize_t n;
	int rc;

	if (pbuf_reserve(&j->in, 65536) == -1) {
		*why = "out of memory";
		return -1;
	}
	while ((n = read(j->fd, j->in.data + j->in.len, j->in.cap - j->in.len)) < 0 && errno == EINTR)
		;
	if (n > 0)
		j->in.len += (size_t)n;
	*why = "connection closed";
	rc = frame_parse(j->in.data, j->in.len, LOWER_REPLY_MAX, doc, len, &used, why);
	if (rc == FRAME_READY)
		return 1;
	return rc == FRAME_ERR || n <= 0 ? -1 : 0;
}

/* ---- imports lowered ahead ---- */

static void prefetch_imports(duk_context *ctx, struct lctx *lc, const char *parent, const struct pbuf *code);

static duk_ret_t
try_compile(duk_context *ctx, void *udata)
{
	duk_push_string(ctx, "lower-ahead");
	duk_compile(ctx, DUK_COMPILE_EVAL);
	return 0;
}

/* Whether Duktape rejects a .js/.cjs file's text (so the loader will
 * lower it); compiled, not run, inside a function as the loader wraps it. */
static bool
duktape_rejects(duk_context *ctx, const uint8_t *p, size_t n)
{
	struct pbuf cesu;
	bool rejected;

	pbuf_init(&cesu);
	if (pbuf_append(&cesu, "(function(){", 12) == -1 || utf8_to_cesu8(p, n, false, &cesu) == -1 ||
	    pbuf_append(&cesu, "\n})", 3) == -1) {
		pbuf_free(&cesu);
		return false;
	}
	duk_push_lstring(ctx, (const char *)cesu.data, cesu.len);
	pbuf_free(&cesu);
	rejected = duk_safe_call(ctx, try_compile, NULL, 1, 1) != 0;
	duk_pop(ctx);
	return rejected;
}

bool
lower_es2015_meaning(const uint8_t *p, size_t n)
{
	static const char key[] = "__proto__";
	const uint8_t *at = p, *end = p + n, *q;

	while ((q = memmem(at, (size_t)(end - at), key, sizeof(key) - 1)) != NULL) {
		q += sizeof(key) - 1;
		if (q < end && (*q == '"' || *q == '\''))
			q++;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
			q++;
		if (q < end && *q == ':')
			return true;
		at = q;
	}
	return false;
}

static uint64_t
path_hash(const char *path)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *path != '\0'; path++)
		h = (h ^ (uint8_t)*path) * 1099511628211ULL;
	return h;
}

/* Whether path was looked at before; remembers it when there is room. */
static bool
seen_before(struct lower_ahead *la, const char *path)
{
	uint64_t h = path_hash(path);

	for (unsigned i = 0; i < la->nseen; i++)
		if (la->seen[i] == h)
			return true;
	if (la->nseen < LOWER_SEEN_MAX)
		la->seen[la->nseen++] = h;
	return false;
}

static bool
cached(const struct lctx *lc, const char *key)
{
	char name[80];

	snprintf(name, sizeof(name), "%s.lower", key);
	return lc->cache != -1 && faccessat(lc->cache, name, R_OK, 0) == 0;
}

/* Sends path for lowering when the loader will lower it and its result is
 * neither cached nor asked for already, and a slot is free. */
static void
prefetch_file(duk_context *ctx, struct lctx *lc, const char *path)
{
	char err[PATH_MAX + 128], key[65];
	struct ljob *j;
	struct lower_err e;
	const uint8_t *p;
	struct pbuf raw;
	size_t n;

	if (!srcext_always(path) && !srcext_if_rejected(path))
		return;
	if (seen_before(lc->la, path) || (j = job_free_slot(lc->la)) == NULL)
		return;
	pbuf_init(&raw);
	if (host_read_text(path, &raw, &p, &n, err, sizeof(err)) == 0 &&
	    (srcext_always(path) || lower_es2015_meaning(p, n) || duktape_rejects(ctx, p, n))) {
		if (lcache_key(lc->tsc, path, lc->opts, p, n, key) == 0 && !cached(lc, key) &&
		    job_find(lc->la, key) == NULL)
			(void)job_start(lc, j, path, p, n, key, 0, &e);	/* one try: it is only ahead */
	}
	pbuf_free(&raw);
}

/* A regular file at path: 1; else 0. */
static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A relative specifier as require.js resolves it, but for package.json
 * "main": the file, the file plus each extension, index plus each.  A
 * miss only costs the look-ahead: the loader still resolves for itself. */
static bool
resolve_relative(const char *dir, const char *spec, size_t len, char *out, size_t outlen)
{
	static const char *const exts[] = { ".js", ".ts", ".tsx", ".jsx", ".mjs", ".cjs", NULL };
	static const char *const forms[] = { "%s/%.*s%s", "%s/%.*s/index%s" };
	int n;

	/* "./x" as "x": the loader's real path of it, when nothing is a link */
	if (len > 2 && spec[0] == '.' && spec[1] == '/') {
		spec += 2;
		len -= 2;
	}
	n = snprintf(out, outlen, "%s/%.*s", dir, (int)len, spec);
	if (n > 0 && (size_t)n < outlen && is_file(out))
		return true;
	for (unsigned f = 0; f < 2; f++) {
		for (unsigned i = 0; exts[i] != NULL; i++) {
			n = snprintf(out, outlen, forms[f], dir, (int)len, spec, exts[i]);
			if (n > 0 && (size_t)n < outlen && is_file(out))
				return true;
		}
	}
	return false;
}

/* The lowered code's require("./x") and require('../y') calls: string
 * literals, which is what TypeScript makes of static imports. */
static void
prefetch_imports(duk_context *ctx, struct lctx *lc, const char *parent, const struct pbuf *code)
{
	char dir[PATH_MAX], path[PATH_MAX];
	const char *p = (const char *)code->data, *end = p + code->len, *q, *close;
	const char *slash = strrchr(parent, '/');

	if (lc->la == NULL || !lc->have_server || slash == NULL || (size_t)(slash - parent) >= sizeof(dir))
		return;
	memcpy(dir, parent, (size_t)(slash - parent));
	dir[slash - parent] = '\0';
	while (p < end && (q = memmem(p, (size_t)(end - p), "require(", 8)) != NULL) {
		p = q + 8;
		if (p + 3 >= end || (*p != '"' && *p != '\'') || p[1] != '.')
			continue;
		if ((close = memchr(p + 1, *p, (size_t)(end - p - 1))) == NULL || close + 1 >= end || close[1] != ')')
			continue;
		if (memchr(p + 1, '\\', (size_t)(close - p - 1)) == NULL &&
		    (strncmp(p + 1, "./", 2) == 0 || strncmp(p + 1, "../", 3) == 0) &&
		    resolve_relative(dir, p + 1, (size_t)(close - p - 1), path, sizeof(path)))
			prefetch_file(ctx, lc, path);
		p = close + 1;
	}
}

/* A reply to a request made ahead is kept for the loader; the module's
 * own imports are sent next. */
static void
finish_ahead(duk_context *ctx, struct lctx *lc, struct ljob *j, const uint8_t *doc, size_t len)
{
	struct pbuf code, map;
	struct proto_msg m;
	struct lower_err e;
	const char *why;

	close(j->fd);
	j->fd = -1;
	j->doc = (size_t)(doc - j->in.data);
	j->len = len;
	pbuf_init(&code);
	pbuf_init(&map);
	if (proto_parse(doc, len, &m, &why) == 0 && take_reply(&m, &code, &map, &e) == 0)
		prefetch_imports(ctx, lc, j->path, &code);
	pbuf_free(&code);
	pbuf_free(&map);
}

/* Reads every job that has something, without waiting when wait_ms is 0;
 * returns when target (may be NULL) has its reply, with 1 and the
 * document, or -1 when target failed or timed out. */
static int
pump(duk_context *ctx, struct lctx *lc, struct ljob *target, int wait_ms, const uint8_t **tdoc,
    size_t *tlen, struct lower_err *e)
{
	double until = mono_ms() + wait_ms;
	struct pollfd pfd[LOWER_AHEAD_MAX];
	const uint8_t *doc;
	const char *why;
	size_t len;
	int rc;

	for (;;) {
		for (unsigned i = 0; i < LOWER_AHEAD_MAX; i++)
			pfd[i] = (struct pollfd){ .fd = lc->la->job[i].fd, .events = POLLIN };
		if (target != NULL && target->fd == -1)
			break;
		if (poll(pfd, LOWER_AHEAD_MAX, wait_ms == 0 ? 0 : (int)(until - mono_ms()) + 1) < 0 && errno != EINTR)
			break;
		for (unsigned i = 0; i < LOWER_AHEAD_MAX; i++) {
			struct ljob *j = &lc->la->job[i];

			if (pfd[i].revents == 0 || j->fd == -1 || (rc = job_read(j, &doc, &len, &why)) == 0)
				continue;
			if (j == target) {
				if (rc == 1) {
					*tdoc = doc;
					*tlen = len;
					return 1;
				}
				snprintf(e->msg, sizeof(e->msg), "the compile server did not answer (%s)", why);
				return -1;
			}
			if (rc == 1)
				finish_ahead(ctx, lc, j, doc, len);
			else
				job_end(j);
		}
		if (target == NULL)
			return 0;
		if (mono_ms() > until)
			break;
	}
	snprintf(e->msg, sizeof(e->msg), "the compile server did not answer (timed out)");
	return -1;
}

/* ---- the loader's request ---- */

static void
lctx_init(struct lctx *lc, struct host *h)
{
	char dir[PATH_MAX];

	memset(lc, 0, sizeof(*lc));
	lc->h = h;
	lc->cache = -1;
	if (!init_str(&h->init.jsx_factory, lc->jsx, sizeof(lc->jsx)))
		snprintf(lc->jsx, sizeof(lc->jsx), "%s", LOWER_DEFAULT_JSX);
	lc->legacy_decorators = h->init.legacy_decorators;
	if (lcache_options(lc->opts, sizeof(lc->opts), lc->jsx, lc->legacy_decorators) == 0 &&
	    lcache_tsc_id(lc->tsc, sizeof(lc->tsc)) == 0 && init_str(&h->init.cache_dir, dir, sizeof(dir)))
		lc->cache = lcache_open(dir);
	lc->have_server = init_str(&h->init.compiler, lc->server, sizeof(lc->server));
	if (lc->have_server)
		lc->la = ahead_of(h);
}

/* Waits for the reply of job j (the module the loader wants now), reading
 * the others' meanwhile. */
static int
await_job(duk_context *ctx, struct lctx *lc, struct ljob *j, struct pbuf *code, struct pbuf *map,
    struct lower_err *e)
{
	struct proto_msg m;
	const uint8_t *doc;
	const char *why;
	size_t len;
	int rc = -1;

	if (j->fd == -1) {
		doc = j->in.data + j->doc;
		len = j->len;
	}
	if (j->fd == -1 || pump(ctx, lc, j, LOWER_REPLY_MS, &doc, &len, e) == 1) {
		if (proto_parse(doc, len, &m, &why) == -1)
			snprintf(e->msg, sizeof(e->msg), "the compile server sent a malformed reply: %s", why);
		else
			rc = take_reply(&m, code, map, e);
	}
	job_end(j);
	return rc;
}

static int
lookup_or_compile(duk_context *ctx, struct lctx *lc, const char *path, const uint8_t *p, size_t n,
    struct pbuf *code, struct pbuf *map, struct lower_err *e)
{
	double until = mono_ms() + LOWER_REPLY_MS;
	struct ljob *j;
	char key[65];
	bool keyed;

	/* Without a key (libcrypto failed) the cache is skipped. */
	keyed = lcache_key(lc->tsc, path, lc->opts, p, n, key) == 0;
	if (!keyed)
		key[0] = '\0';
	if (lc->la != NULL) {
		(void)pump(ctx, lc, NULL, 0, NULL, NULL, e);
		(void)seen_before(lc->la, path);
	}
	if (keyed && (j = job_find(lc->la, key)) != NULL)
		return await_job(ctx, lc, j, code, map, e);
	if (keyed && lc->cache != -1 && lcache_read(lc->cache, key, code, map) == 0)
		return 0;
	pbuf_reset(code);
	pbuf_reset(map);
	if (!lc->have_server) {
		snprintf(e->msg, sizeof(e->msg), "no compile server (workersd starts one; this worker-host was given none)");
		return -1;
	}
	if (lc->la == NULL) {
		snprintf(e->msg, sizeof(e->msg), "out of memory");
		return -1;
	}
	/* the module wanted now takes a slot too, so the others are read while
	 * it is awaited; with every slot taken, it waits for one */
	while ((j = job_free_slot(lc->la)) == NULL && mono_ms() < until)
		(void)pump(ctx, lc, NULL, 100, NULL, NULL, e);
	if (j == NULL) {
		snprintf(e->msg, sizeof(e->msg), "the compile server did not answer (timed out)");
		return -1;
	}
	if (job_start(lc, j, path, p, n, key, LOWER_CONNECT_MS, e) == -1)
		return -1;
	return await_job(ctx, lc, j, code, map, e);
}

/* Lowers [p, p+n) of name, sent to the servers as `as` (the extension
 * TypeScript reads the language by); the map and any error name `name`.
 * With ahead, the lowered code's relative imports are sent ahead. */
static int
lower_named(duk_context *ctx, const char *name, const char *as, const uint8_t *p, size_t n, struct pbuf *out,
    bool ahead)
{
	struct lower_err e;
	struct pbuf code, map;
	struct lctx lc;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	pbuf_init(&code);
	pbuf_init(&map);
	lctx_init(&lc, host_get(ctx));
	if (lookup_or_compile(ctx, &lc, as, p, n, &code, &map, &e) == 0) {
		if (utf8_to_cesu8(code.data, code.len, false, out) == -1)
			snprintf(e.msg, sizeof(e.msg), "the lowered code is not UTF-8");
		else
			rc = 0;
	}
	if (rc == 0) {
		if (ahead)
			prefetch_imports(ctx, &lc, name, &code);
		register_map(ctx, name, &map);
	} else {
		push_error(ctx, name, &e);
	}
	if (lc.cache != -1)
		close(lc.cache);
	pbuf_free(&code);
	pbuf_free(&map);
	return rc;
}

int
lower_source(duk_context *ctx, const char *path, const uint8_t *p, size_t n, struct pbuf *out)
{
	return lower_named(ctx, path, path, p, n, out, true);
}

int
lower_script(duk_context *ctx, const char *name, const uint8_t *p, size_t n, struct pbuf *out)
{
	char as[PATH_MAX + 4];
	size_t len = strlen(name);
	bool js = (len >= 3 && strcmp(name + len - 3, ".js") == 0) || (len >= 4 && strcmp(name + len - 4, ".cjs") == 0);

	if (len >= PATH_MAX) {
		(void)duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR, "the script's filename is longer than %d bytes",
		    PATH_MAX - 1);
		return -1;
	}
	snprintf(as, sizeof(as), "%s%s", name, js ? "" : ".js");
	return lower_named(ctx, name, as, p, n, out, false);
}
