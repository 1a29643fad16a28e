#include "compiler.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdnoreturn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "alloc.h"
#include "confine.h"
#include "frame.h"
#include "identity.h"
#include "loader.h"
#include "lowercache.h"
#include "msg.h"
#include "rt_collections.h"
#include "rt_es.h"
#include "rt_regexp.h"
#include "utf8.h"
#include "wire.h"

#include "js_regex-lower.h"
#include "js_tsc-driver.h"

#define K_COMPILE DUK_HIDDEN_SYMBOL("compile")
/* Collect the compiler's garbage cycles now and then, not per request. */
#define GC_EVERY 16

struct compiler {
	duk_context *ctx;
	struct halloc alloc;
	struct event_base *base;
	struct event *accept_ev;
	int lfd;
	const char *listen_path;
	const char *cache_dir;
	int cache_fd;
	char tsc_id[LCACHE_TSC_ID_MAX];
	uint64_t uid, gid;		/* 0: keep the identity it was started with */
	uint64_t cache_max;
	unsigned conns;
	unsigned since_gc;
};

struct conn {
	struct compiler *c;
	struct bufferevent *bev;
};

/* One request's result: code and map (UTF-8), or a syntax error. */
struct result {
	struct pbuf code;
	struct pbuf map;
	char msg[1024];
	uint64_t line, column;
	bool failed;
};

static noreturn void
die(const char *fmt, const char *what)
{
	fprintf(stderr, "worker-host --compile: ");
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	exit(1);
}

static noreturn void
on_fatal(void *udata, const char *msg)
{
	fprintf(stderr, "worker-host --compile: fatal: %s\n", msg ? msg : "unknown");
	_exit(1);
}

static uint64_t
parse_size(const char *flag, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v == 0)
		die("%s wants a positive number of bytes", flag);
	return v;
}

static void
parse_args(struct compiler *c, int argc, char **argv, size_t *heap)
{
	for (int i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			die("%s needs a value", argv[i]);
		if (strcmp(argv[i], "--listen") == 0)
			c->listen_path = v;
		else if (strcmp(argv[i], "--listen-fd") == 0)
			c->lfd = (int)parse_size(argv[i], v);
		else if (strcmp(argv[i], "--cache-dir") == 0)
			c->cache_dir = v;
		else if (strcmp(argv[i], "--heap-limit") == 0)
			*heap = (size_t)parse_size(argv[i], v);
		else if (strcmp(argv[i], "--cache-max") == 0)
			c->cache_max = parse_size(argv[i], v);
		else if (strcmp(argv[i], "--uid") == 0)
			c->uid = parse_size(argv[i], v);
		else if (strcmp(argv[i], "--gid") == 0)
			c->gid = parse_size(argv[i], v);
		else
			die("unknown option %s", argv[i]);
		i++;
	}
	if ((c->listen_path == NULL) == (c->lfd == -1) || c->cache_dir == NULL)
		die("%s", "usage: worker-host --compile (--listen PATH | --listen-fd N) --cache-dir DIR "
		    "[--heap-limit N] [--cache-max N] [--uid N --gid N]");
}

static void
eval_embedded(duk_context *ctx, const char *src, size_t len, const char *file)
{
	duk_push_string(ctx, file);
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, src, len);
	duk_call(ctx, 0);
}

/* Builds the heap's globals, evaluates typescript.js (read before the
 * process gave up its identity: udata) and keeps the driver's compile
 * function in the stash. */
static duk_ret_t
load_tsc(duk_context *ctx, void *udata)
{
	const struct pbuf *src = udata;

	rt_collections_install(ctx);
	rt_es_install(ctx);
	duk_push_string(ctx, WORKERSD_TSC);
	if (duk_pcompile_lstring_filename(ctx, 0, (const char *)src->data, src->len) != 0)
		return duk_throw(ctx);
	duk_call(ctx, 0);
	duk_pop(ctx);
	/* The driver's literal transformer (regex-lower.js), as a global,
	 * with the worker's RegExp grammar to judge literals by. */
	duk_push_c_function(ctx, rt_regexp_check, 2);
	duk_put_global_string(ctx, "__wsdRegexCheck");
	eval_embedded(ctx, js_regex_lower, js_regex_lower_len, "worker-host/regex-lower.js");
	duk_get_global_string(ctx, "ts");
	duk_call(ctx, 1);
	duk_put_global_string(ctx, "__wsdRegexLower");
	eval_embedded(ctx, js_tsc_driver, js_tsc_driver_len, "worker-host/tsc-driver.js");
	duk_get_global_string(ctx, "ts");
	duk_call(ctx, 1);
	duk_push_global_stash(ctx);
	duk_dup(ctx, -2);
	duk_put_prop_string(ctx, -2, K_COMPILE);
	duk_pop_2(ctx);
	return 0;
}

/* The JS string at idx as UTF-8 into b; -1 when it is not a string. */
static int
take_utf8(duk_context *ctx, duk_idx_t idx, struct pbuf *b)
{
	duk_size_t n;
	const char *s;
	bool lone;

	if ((s = duk_get_lstring(ctx, idx, &n)) == NULL)
		return -1;
	return cesu8_to_wtf8((const uint8_t *)s, n, b, &lone);
}

static void
fail(struct result *r, const char *msg)
{
	r->failed = true;
	snprintf(r->msg, sizeof(r->msg), "%s", msg);
}

/* Reads the driver's answer (stack top) into r. */
static void
take_answer(duk_context *ctx, struct result *r)
{
	const char *msg;

	if (!duk_is_object(ctx, -1)) {
		fail(r, "the compiler returned nothing");
		return;
	}
	if (duk_get_prop_string(ctx, -1, "code")) {
		duk_get_prop_string(ctx, -2, "map");
		if (take_utf8(ctx, -2, &r->code) == -1 || take_utf8(ctx, -1, &r->map) == -1)
			fail(r, "the compiler returned text that is not UTF-8");
		duk_pop_2(ctx);
		return;
	}
	duk_pop(ctx);
	duk_get_prop_string(ctx, -1, "message");
	duk_get_prop_string(ctx, -2, "line");
	duk_get_prop_string(ctx, -3, "column");
	msg = duk_safe_to_string(ctx, -3);
	fail(r, msg);
	r->line = duk_to_uint32(ctx, -2);
	r->column = duk_to_uint32(ctx, -1);
	duk_pop_3(ctx);
}

static void
run_compiler(struct compiler *c, const struct compile_req *req, struct result *r)
{
	duk_context *ctx = c->ctx;

	duk_push_global_stash(ctx);
	duk_get_prop_string(ctx, -1, K_COMPILE);
	duk_remove(ctx, -2);
	if (wire_push_str(ctx, req->filename, strlen(req->filename)) == -1 ||
	    wire_push_str(ctx, req->source, req->n) == -1 || wire_push_str(ctx, req->jsx, strlen(req->jsx)) == -1) {
		duk_set_top(ctx, 0);
		fail(r, "the request holds text that is not UTF-8");
		return;
	}
	duk_push_boolean(ctx, req->legacy_decorators);
	if (duk_pcall(ctx, 4) != 0)
		fail(r, duk_safe_to_string(ctx, -1));
	else
		take_answer(ctx, r);
	duk_set_top(ctx, 0);
	if (++c->since_gc >= GC_EVERY) {
		c->since_gc = 0;
		duk_gc(ctx, 0);
	}
}

static int
write_reply(struct pbuf *b, uint64_t rid, const char *filename, const struct result *r)
{
	struct msg_compiled ok = {
		.rid = rid,
		.code = { r->code.len > 0 ? (const char *)r->code.data : "", r->code.len },
		.map = { r->map.len > 0 ? (const char *)r->map.data : "", r->map.len },
	};
	struct msg_err err = {
		.rid = rid, .code = PE_BAD_REQUEST, .msg = { r->msg, strlen(r->msg) },
		.filename = { filename, strlen(filename) }, .has_pos = true,
		.lineno = r->line, .colno = r->column,
	};

	return r->failed ? msg_write_err(b, &err) : msg_write_compiled(b, &ok);
}

/* A str field as a NUL-terminated copy (NUL bytes inside are refused). */
static char *
str_copy(const struct msg_str *s)
{
	char *out;

	if (memchr(s->p, '\0', s->n) != NULL || (out = malloc(s->n + 1)) == NULL)
		return NULL;
	memcpy(out, s->p, s->n);
	out[s->n] = '\0';
	return out;
}

int
compiler_read_request(const struct proto_msg *m, struct compile_req *req, const char **why)
{
	static const struct msg_str default_jsx = { LOWER_DEFAULT_JSX, sizeof(LOWER_DEFAULT_JSX) - 1 };
	struct msg_compile mc;

	memset(req, 0, sizeof(*req));
	if (msg_read_compile(m, &mc, why) == 0) {
		req->filename = str_copy(&mc.filename);
		req->jsx = str_copy(mc.jsx_factory.p != NULL ? &mc.jsx_factory : &default_jsx);
		req->source = (const uint8_t *)mc.source.p;
		req->n = mc.source.n;
		req->legacy_decorators = mc.legacy_decorators;
	}
	if (req->filename == NULL || req->jsx == NULL || *req->jsx == '\0') {
		*why = "compile wants filename, source and jsx_factory strings";
		return -1;
	}
	return 0;
}

void
compiler_request_free(struct compile_req *req)
{
	free(req->filename);
	free(req->jsx);
	memset(req, 0, sizeof(*req));
}

static void
compile_request(struct compiler *c, const struct proto_msg *m, struct pbuf *reply)
{
	char key[65], err[PATH_MAX + 64];
	struct compile_req req;
	struct result r;
	const char *why;

	memset(&r, 0, sizeof(r));
	pbuf_init(&r.code);
	pbuf_init(&r.map);
	if (compiler_read_request(m, &req, &why) == -1) {
		fail(&r, why);
	} else {
		char opts[LCACHE_OPTIONS_MAX];
		bool keyed = lcache_options(opts, sizeof(opts), req.jsx, req.legacy_decorators) == 0 &&
		    lcache_key(c->tsc_id, req.filename, opts, req.source, req.n, key) == 0;

		if (!keyed || lcache_read(c->cache_fd, key, &r.code, &r.map) == -1) {
			run_compiler(c, &req, &r);
			if (keyed && !r.failed && lcache_write(c->cache_fd, key, r.code.data, r.code.len,
			    r.map.data, r.map.len, err, sizeof(err)) == -1)
				fprintf(stderr, "worker-host --compile: cache %s: %s\n", c->cache_dir, err);
			if (keyed && !r.failed)
				lcache_trim(c->cache_fd, c->cache_max);
		}
	}
	if (write_reply(reply, m->rid, req.filename ? req.filename : "", &r) == -1)
		pbuf_reset(reply);
	pbuf_free(&r.code);
	pbuf_free(&r.map);
	compiler_request_free(&req);
}

static void
conn_close(struct conn *cn)
{
	cn->c->conns--;
	bufferevent_free(cn->bev);
	free(cn);
}

static void
on_read(struct bufferevent *bev, void *arg)
{
	struct conn *cn = arg;
	struct compiler *c = cn->c;
	struct evbuffer *in = bufferevent_get_input(bev);
	const uint8_t *doc;
	const char *why;
	struct proto_msg m;
	struct pbuf reply;
	size_t len;
	int rc;

	while ((rc = frame_peek(in, COMPILER_REQUEST_MAX, &doc, &len, &why)) == FRAME_READY) {
		if (proto_parse(doc, len, &m, &why) == -1 || m.type != MSG_COMPILE) {
			conn_close(cn);
			return;
		}
		pbuf_init(&reply);
		compile_request(c, &m, &reply);
		frame_drain(in, len);
		if (reply.len == 0 || bufferevent_write(bev, reply.data, reply.len) == -1) {
			pbuf_free(&reply);
			conn_close(cn);
			return;
		}
		pbuf_free(&reply);
		if (c->alloc.exhausted) {
			/* a fresh process is cheaper than a heap that may not recover */
			fprintf(stderr, "worker-host --compile: out of memory; exiting\n");
			(void)evbuffer_write(bufferevent_get_output(bev), bufferevent_getfd(bev));
			exit(1);
		}
	}
	if (rc == FRAME_ERR)
		conn_close(cn);
}

static void
on_event(struct bufferevent *bev, short what, void *arg)
{
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		conn_close(arg);
}

static void
on_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct compiler *c = arg;
	struct conn *cn;
	int fd;

	if ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) == -1)
		return;
	if (c->conns >= COMPILER_CONN_MAX || (cn = calloc(1, sizeof(*cn))) == NULL) {
		close(fd);
		return;
	}
	cn->c = c;
	if ((cn->bev = bufferevent_socket_new(c->base, fd, BEV_OPT_CLOSE_ON_FREE)) == NULL) {
		close(fd);
		free(cn);
		return;
	}
	c->conns++;
	bufferevent_setcb(cn->bev, on_read, NULL, on_event, cn);
	(void)bufferevent_enable(cn->bev, EV_READ);
}

static void
listen_on(struct compiler *c)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	int fl;

	if (c->lfd != -1) {
		if ((fl = fcntl(c->lfd, F_GETFL)) == -1 || fcntl(c->lfd, F_SETFL, fl | O_NONBLOCK) == -1)
			die("--listen-fd: %s", strerror(errno));
	} else {
		if (strlen(c->listen_path) >= sizeof(sa.sun_path))
			die("%s: socket path too long", c->listen_path);
		memcpy(sa.sun_path, c->listen_path, strlen(c->listen_path) + 1);
		if ((c->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1)
			die("socket: %s", strerror(errno));
		(void)unlink(c->listen_path);
		if (bind(c->lfd, (struct sockaddr *)&sa, sizeof(sa)) == -1 || listen(c->lfd, 64) == -1)
			die("%s: cannot listen", c->listen_path);
	}
	c->accept_ev = event_new(c->base, c->lfd, EV_READ | EV_PERSIST, on_accept, c);
	if (c->accept_ev == NULL || event_add(c->accept_ev, NULL) == -1)
		die("%s", "cannot watch the socket");
}

/* Everything that needs the identity it was started with (the cache
 * directory, typescript.js, the key's view of it) comes before the drop;
 * the no-fork filter, which ends any change of identity, after it. */
static void
take_resources(struct compiler *c, struct pbuf *tsc, const struct confine_nofork *nofork)
{
	char err[PATH_MAX + 128];

	if (mkdir(c->cache_dir, 0755) == -1 && errno != EEXIST)
		die("cannot create the cache directory %s", c->cache_dir);
	if ((c->cache_fd = lcache_open(c->cache_dir)) == -1)
		die("cannot open the cache directory %s", c->cache_dir);
	if (lcache_tsc_id(c->tsc_id, sizeof(c->tsc_id)) == -1)
		die("%s: path too long", WORKERSD_TSC);
	/* the pinned compiler is installed outside the tree (Makefile, TSC_DIR) */
	if (host_load_source(NULL, WORKERSD_TSC, tsc, err, sizeof(err)) != 0)
		die("loading TypeScript: %s (run `sudo make deps`: it installs the pinned TypeScript)", err);
	if (identity_drop(c->uid, c->gid, err, sizeof(err)) == -1 ||
	    confine_nofork_apply(nofork, err, sizeof(err)) == -1)
		die("%s", err);
}

int
compiler_main(int argc, char **argv, const struct confine_nofork *nofork)
{
	struct compiler c = { .cache_max = LCACHE_MAX_DEFAULT, .lfd = -1 };
	size_t heap = COMPILER_HEAP_DEFAULT;
	struct pbuf tsc;

	parse_args(&c, argc, argv, &heap);
	pbuf_init(&tsc);
	take_resources(&c, &tsc, nofork);
	halloc_init(&c.alloc, heap);
	if ((c.ctx = duk_create_heap(halloc_alloc, halloc_realloc, halloc_free, &c.alloc, on_fatal)) == NULL)
		die("%s", "cannot create the JavaScript heap");
	if (duk_safe_call(c.ctx, load_tsc, &tsc, 0, 1) != 0)
		die("loading TypeScript: %s", duk_safe_to_string(c.ctx, -1));
	pbuf_free(&tsc);
	duk_set_top(c.ctx, 0);
	if ((c.base = event_base_new()) == NULL)
		die("%s", "cannot create the event loop");
	listen_on(&c);
	event_base_dispatch(c.base);
	return 0;
}
