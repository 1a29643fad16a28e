/*
 * mod_http.c - fetch's HTTP/1.1 client on libevent's evhttp, on the
 * worker's own event base (mod_http.h): URL parsing with
 * evhttp_uri_parse, names resolved by evdns (never a blocking
 * getaddrinfo), a pool of keep-alive connections per scheme, host and
 * port, and TLS through bufferevent_openssl with OpenSSL's verification
 * against the system's CA store (both mapped by the first https: request,
 * tlslib.h).
 *
 * A request goes resolving -> waiting (for a connection) -> sending (an
 * evhttp request in flight) -> done (its result kept for delivery); one
 * that found its kept-alive connection closed by the server goes from
 * done to waiting once more when it may be repeated.  Its
 * result always reaches JavaScript from an event of its own, one
 * macrotask, never from inside the native call or an evhttp callback.
 * evhttp keeps no errno for a failed connect, so while a connection
 * connects its bufferevent's event callback is ours first: it notes the
 * error, then hands the event to evhttp's.
 */
#include "mod_http.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/dns.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/http_struct.h>
#include <event2/keyvalq_struct.h>
#include <event2/util.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "host.h"
#include "loop.h"
#include "report.h"
#include "rt_define.h"
#include "tlslib.h"
#include "wire.h"

#define K_CALLBACKS DUK_HIDDEN_SYMBOL("httpCallbacks")

enum req_state { R_RESOLVING, R_WAITING, R_SENDING, R_DONE };

struct http_conn {
	struct http_client *cl;
	struct evhttp_connection *evcon;
	struct bufferevent *bev;
	SSL *ssl;			/* NULL for http: */
	char key[300];			/* "scheme host port" */
	bool busy, closed, used;
	/* what our event callback saw while connecting */
	bufferevent_event_cb evhttp_cb;
	void *evhttp_arg;
	int connect_errno;
	short connect_what;
	unsigned long ssl_error;
	long verify;			/* SSL_get_verify_result() after a failed handshake */
	struct http_conn *next;
};

struct http_req {
	struct http_client *cl;
	uint32_t id;
	enum req_state state;
	bool aborted;
	bool tls;
	bool reused;			/* sent on a connection that had served before */
	bool retry;			/* its event sends it again instead of delivering */
	bool retried;
	bool had_body;
	/* opts.stream: a response that is no redirect (not 3xx) reaches
	 * JavaScript as its head, then its body in pieces as they arrive */
	bool stream;
	bool head_sent;			/* JavaScript has the head: in_body is a queue */
	bool paused;			/* reading stopped until resume(id) */
	bool delivering;		/* inside its callback: abort(id) leaves the free to us */
	char host[256];			/* without IPv6 brackets */
	char authority[300];		/* the Host header */
	int port;
	char addr[INET6_ADDRSTRLEN];
	enum evhttp_cmd_type cmd;
	char *path;
	struct evbuffer *out_headers;	/* name NUL value NUL ... */
	struct evbuffer *out_body;	/* NULL: no body */
	struct evdns_getaddrinfo_request *dns;
	struct http_conn *conn;
	struct evhttp_request *evreq;
	struct event *done_ev;
	/* the result */
	bool evhttp_failed;		/* evhttp's error callback ran: evhttp_error says why */
	enum evhttp_request_error evhttp_error;
	int status;
	char version[12];	/* the status line's HTTP version, "1.1" */
	char *reason;
	struct evbuffer *in_headers;	/* name NUL value NUL ...; NULL until the head is in */
	struct evbuffer *in_body;	/* the body, or what of it JavaScript has not had */
	char err_code[48], err_syscall[16], err_message[300];
	int err_errno;
	bool failed;
	struct http_req *next, *wait_next;
};

struct http_client {
	struct host *h;
	struct evdns_base *dns;
	SSL_CTX *ssl_ctx;
	struct tlslib tls;		/* loaded with ssl_ctx */
	char tls_why[160];		/* why TLS could not be set up, or "" */
	struct http_conn *conns;
	size_t nconns;
	struct http_req *reqs;
	struct http_req *wait_head, **wait_tail;
	size_t pending;
	uint32_t next_id;
	size_t max_body;		/* HTTP_MAX_BODY, or the heap cap when smaller */
};

/* ---- URLs ---- */

static int
default_port(const char *scheme)
{
	if (strcmp(scheme, "http") == 0)
		return 80;
	if (strcmp(scheme, "https") == 0)
		return 443;
	return -1;
}

static void
lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Printable ASCII only: evhttp's parser takes bytes, a Duktape string
 * holds CESU-8. */
static bool
plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

static void
put_str(duk_context *ctx, const char *key, const char *v)
{
	duk_push_string(ctx, v != NULL ? v : "");
	duk_put_prop_string(ctx, -2, key);
}

/* Pushes { href, scheme, userinfo, host, port, path } of a parsed URI. */
static void
push_uri(duk_context *ctx, struct evhttp_uri *u)
{
	char scheme[32], host[256];
	const char *path = evhttp_uri_get_path(u), *q = evhttp_uri_get_query(u);
	const char *frag = evhttp_uri_get_fragment(u), *user = evhttp_uri_get_userinfo(u);
	int port = evhttp_uri_get_port(u);

	(void)snprintf(scheme, sizeof(scheme), "%s", evhttp_uri_get_scheme(u));
	(void)snprintf(host, sizeof(host), "%s", evhttp_uri_get_host(u) ? evhttp_uri_get_host(u) : "");
	lower(scheme);
	lower(host);
	if (port == default_port(scheme))
		port = -1;
	if ((path == NULL || *path == '\0') && default_port(scheme) != -1)
		path = "/";
	duk_push_object(ctx);
	duk_push_sprintf(ctx, "%s:%s%s%s%s%s", scheme, evhttp_uri_get_host(u) ? "//" : "",
	    user ? user : "", user ? "@" : "", host, port != -1 ? ":" : "");
	if (port != -1)
		duk_push_sprintf(ctx, "%d", port);
	else
		duk_push_string(ctx, "");
	duk_push_sprintf(ctx, "%s%s%s%s%s", path ? path : "", q ? "?" : "", q ? q : "", frag ? "#" : "", frag ? frag : "");
	duk_concat(ctx, 3);
	duk_put_prop_string(ctx, -2, "href");
	put_str(ctx, "scheme", scheme);
	put_str(ctx, "userinfo", user);
	put_str(ctx, "host", host);
	duk_push_int(ctx, port != -1 ? port : default_port(scheme));
	duk_put_prop_string(ctx, -2, "port");
	duk_push_sprintf(ctx, "%s%s%s", path ? path : "", q ? "?" : "", q ? q : "");
	duk_put_prop_string(ctx, -2, "path");
}

static duk_ret_t
n_parse_url(duk_context *ctx)
{
	duk_size_t n;
	const char *s = duk_to_lstring(ctx, 0, &n);
	struct evhttp_uri *u;

	if (!plain_ascii(s, n) || strlen(s) != n || (u = evhttp_uri_parse(s)) == NULL) {
		duk_push_null(ctx);
		return 1;
	}
	if (evhttp_uri_get_scheme(u) == NULL || strlen(evhttp_uri_get_scheme(u)) >= 32 ||
	    (evhttp_uri_get_host(u) != NULL && strlen(evhttp_uri_get_host(u)) >= 256))
		duk_push_null(ctx);
	else
		push_uri(ctx, u);
	evhttp_uri_free(u);
	return 1;
}

/* ---- the client, made on the first request ---- */

static struct http_client *
client_get(struct host *h, char *err, size_t errlen)
{
	struct http_client *cl = h->http;

	if (cl != NULL)
		return cl;
	if ((cl = calloc(1, sizeof(*cl))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	cl->h = h;
	cl->next_id = 1;
	/* a body larger than the heap could never be delivered */
	cl->max_body = h->alloc.cap != 0 && h->alloc.cap < HTTP_MAX_BODY ? h->alloc.cap : HTTP_MAX_BODY;
	cl->wait_tail = &cl->wait_head;
	/* resolv.conf and /etc/hosts, read once; no socket while idle */
	cl->dns = evdns_base_new(h->base, EVDNS_BASE_INITIALIZE_NAMESERVERS | EVDNS_BASE_DISABLE_WHEN_INACTIVE);
	if (cl->dns == NULL) {
		snprintf(err, errlen, "cannot start the DNS resolver");
		free(cl);
		return NULL;
	}
	h->http = cl;
	return cl;
}

/* The TLS context, made on the first https: request: the system's CA
 * store (or SSL_CERT_FILE / SSL_CERT_DIR), peers verified. */
static SSL_CTX *
ssl_ctx_get(struct http_client *cl)
{
	const struct tlslib *t = &cl->tls;
	SSL_CTX *ctx;

	if (cl->ssl_ctx != NULL)
		return cl->ssl_ctx;
	if (tlslib_load(&cl->tls, cl->tls_why, sizeof(cl->tls_why)) == -1)
		return NULL;
	if ((ctx = t->SSL_CTX_new(t->TLS_client_method())) == NULL)
		return NULL;
	if (t->SSL_CTX_set_default_verify_paths(ctx) != 1) {
		t->SSL_CTX_free(ctx);
		return NULL;
	}
	t->SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	/* SSL_CTX_set_min_proto_version(), a macro for this call */
	t->SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL);
	return cl->ssl_ctx = ctx;
}

size_t
http_pending(const struct host *h)
{
	return h->http != NULL ? h->http->pending : 0;
}

/* ---- results ---- */

/* The result is kept; it reaches JavaScript from r's own event. */
static void
finish(struct http_req *r)
{
	r->state = R_DONE;
	event_active(r->done_ev, 0, 0);
}

static void __attribute__((format(printf, 5, 6)))
fail(struct http_req *r, const char *code, const char *syscall, int errnum, const char *fmt, ...)
{
	va_list ap;

	r->failed = true;
	snprintf(r->err_code, sizeof(r->err_code), "%s", code);
	snprintf(r->err_syscall, sizeof(r->err_syscall), "%s", syscall);
	r->err_errno = errnum;
	va_start(ap, fmt);
	vsnprintf(r->err_message, sizeof(r->err_message), fmt, ap);
	va_end(ap);
	finish(r);
}

static void
fail_errno(struct http_req *r, const char *syscall, int e)
{
	const char *name = strerrorname_np(e);

	name = name != NULL ? name : "EIO";
	fail(r, name, syscall, -e, "%s %s %s:%d", syscall, name, r->addr, r->port);
}

/* ---- connections ---- */

static void
conn_free(struct http_conn *c)
{
	struct http_client *cl = c->cl;
	struct http_conn **pp;

	for (pp = &cl->conns; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	cl->nconns--;
	/* frees the bufferevent, and with it the SSL object */
	evhttp_connection_free(c->evcon);
	free(c);
}

/* Closed connections that no request uses go (never from inside one of
 * evhttp's callbacks: only from ours). */
static void
sweep(struct http_client *cl)
{
	struct http_conn *c = cl->conns, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		if (c->closed && !c->busy)
			conn_free(c);
	}
}

static void
on_conn_close(struct evhttp_connection *evcon, void *arg)
{
	struct http_conn *c = arg;

	c->closed = true;
}

static void
on_connect_event(struct bufferevent *bev, short what, void *arg)
{
	struct http_conn *c = arg;

	if (!(what & BEV_EVENT_CONNECTED)) {
		c->connect_errno = EVUTIL_SOCKET_ERROR();
		c->connect_what = what;
		if (c->ssl != NULL) {
			c->ssl_error = c->cl->tls.bufferevent_get_openssl_error(bev);
			c->verify = c->cl->tls.SSL_get_verify_result(c->ssl);
		}
	}
	c->evhttp_cb(bev, what, c->evhttp_arg);
}

/* Puts our event callback in front of evhttp's while it connects. */
static void
watch_connect(struct http_conn *c)
{
	bufferevent_data_cb rd, wr;
	bufferevent_event_cb ev;
	void *arg;

	bufferevent_getcb(c->bev, &rd, &wr, &ev, &arg);
	if (ev == on_connect_event || ev == NULL)
		return;
	c->evhttp_cb = ev;
	c->evhttp_arg = arg;
	c->connect_errno = 0;
	c->connect_what = 0;
	bufferevent_setcb(c->bev, rd, wr, on_connect_event, c);
}

static struct http_conn *
conn_new(struct http_client *cl, struct http_req *r, const char *key)
{
	struct http_conn *c = calloc(1, sizeof(*c));
	struct event_base *base = cl->h->base;
	const struct tlslib *t = &cl->tls;
	SSL_CTX *ctx;

	if (c == NULL)
		return NULL;
	c->cl = cl;
	snprintf(c->key, sizeof(c->key), "%s", key);
	if (r->tls) {
		struct in6_addr ip;
		bool numeric = inet_pton(AF_INET, r->host, &ip) == 1 || inet_pton(AF_INET6, r->host, &ip) == 1;

		if ((ctx = ssl_ctx_get(cl)) == NULL || (c->ssl = t->SSL_new(ctx)) == NULL)
			goto fail;
		/* SNI for names (SSL_set_tlsext_host_name(), a macro for the
		 * SSL_ctrl); the certificate must name the host (or IP) */
		if ((!numeric && t->SSL_ctrl(c->ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
		    r->host) != 1) ||
		    (numeric ? X509_VERIFY_PARAM_set1_ip_asc(t->SSL_get0_param(c->ssl), r->host) :
		    t->SSL_set1_host(c->ssl, r->host)) != 1)
			goto fail;
		c->bev = t->bufferevent_openssl_socket_new(base, -1, c->ssl, BUFFEREVENT_SSL_CONNECTING,
		    BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
		/* many servers end without close_notify: an end, not an error */
		if (c->bev != NULL)
			t->bufferevent_openssl_set_allow_dirty_shutdown(c->bev, 1);
	} else {
		c->bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	}
	if (c->bev == NULL)
		goto fail;
	if ((c->evcon = evhttp_connection_base_bufferevent_new(base, NULL, c->bev, r->addr, (ev_uint16_t)r->port)) == NULL) {
		bufferevent_free(c->bev);
		free(c);
		return NULL;
	}
	evhttp_connection_set_timeout(c->evcon, HTTP_TIMEOUT_S);
	evhttp_connection_set_max_body_size(c->evcon, (ev_ssize_t)cl->max_body);
	evhttp_connection_set_max_headers_size(c->evcon, HTTP_MAX_HEADERS);
	evhttp_connection_set_retries(c->evcon, 0);
	evhttp_connection_set_closecb(c->evcon, on_conn_close, c);
	c->next = cl->conns;
	cl->conns = c;
	cl->nconns++;
	return c;
fail:
	if (c->ssl != NULL)
		t->SSL_free(c->ssl);
	free(c);
	return NULL;
}

/* An idle open connection for r's key, a new one, or NULL when the
 * worker is at HTTP_MAX_CONNS with every connection busy. */
static struct http_conn *
conn_for(struct http_client *cl, struct http_req *r, bool *oom)
{
	char key[300];
	struct http_conn *c, *idle = NULL;

	*oom = false;
	sweep(cl);
	snprintf(key, sizeof(key), "%s %s %d", r->tls ? "https" : "http", r->host, r->port);
	for (c = cl->conns; c != NULL; c = c->next) {
		if (c->busy || c->closed)
			continue;
		if (strcmp(c->key, key) == 0)
			return c;
		idle = c;
	}
	if (cl->nconns >= HTTP_MAX_CONNS) {
		if (idle == NULL)
			return NULL;
		conn_free(idle);
	}
	if ((c = conn_new(cl, r, key)) == NULL)
		*oom = true;
	return c;
}

/* ---- requests ---- */

static void
req_free(struct http_req *r)
{
	struct http_client *cl = r->cl;
	struct http_req **pp;

	for (pp = &cl->reqs; *pp != NULL; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	if (r->done_ev != NULL)
		event_free(r->done_ev);
	if (r->out_headers != NULL)
		evbuffer_free(r->out_headers);
	if (r->out_body != NULL)
		evbuffer_free(r->out_body);
	if (r->in_headers != NULL)
		evbuffer_free(r->in_headers);
	if (r->in_body != NULL)
		evbuffer_free(r->in_body);
	free(r->path);
	free(r->reason);
	free(r);
}

static void
wait_remove(struct http_client *cl, struct http_req *r)
{
	struct http_req **pp;

	for (pp = &cl->wait_head; *pp != NULL; pp = &(*pp)->wait_next)
		if (*pp == r) {
			*pp = r->wait_next;
			break;
		}
	cl->wait_tail = &cl->wait_head;
	while (*cl->wait_tail != NULL)
		cl->wait_tail = &(*cl->wait_tail)->wait_next;
	r->wait_next = NULL;
}

/* Node's codes for the verification errors people meet. */
static const char *
verify_code(long v)
{
	switch (v) {
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: return "DEPTH_ZERO_SELF_SIGNED_CERT";
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: return "SELF_SIGNED_CERT_IN_CHAIN";
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: return "UNABLE_TO_GET_ISSUER_CERT_LOCALLY";
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
	case X509_V_ERR_CERT_HAS_EXPIRED: return "CERT_HAS_EXPIRED";
	case X509_V_ERR_CERT_NOT_YET_VALID: return "CERT_NOT_YET_VALID";
	case X509_V_ERR_HOSTNAME_MISMATCH: return "ERR_TLS_CERT_ALTNAME_INVALID";
	case X509_V_ERR_IP_ADDRESS_MISMATCH: return "ERR_TLS_CERT_ALTNAME_INVALID";
	default: return "ERR_TLS_CERT";
	}
}

/* libevent_openssl reports a system call that failed under TLS (the TCP
 * connect refused, say) as SSL_ERROR_SYSCALL in place of an OpenSSL
 * error; the errno names it then, as it does in Node. */
static bool
ssl_syscall_failed(const struct http_conn *c)
{
	return c->ssl_error == SSL_ERROR_SYSCALL && c->connect_what != 0 && c->connect_errno != 0;
}

/* What a failed request's connection saw, as Node names it. */
static void
fail_connection(struct http_req *r, struct http_conn *c, enum evhttp_request_error e, int errnum)
{
	if (c->connect_what & BEV_EVENT_TIMEOUT) {
		fail(r, "UND_ERR_CONNECT_TIMEOUT", "connect", 0, "Connect Timeout Error (%d s)", HTTP_TIMEOUT_S);
		return;
	}
	if (e == EVREQ_HTTP_TIMEOUT) {
		fail(r, "UND_ERR_HEADERS_TIMEOUT", "read", 0, "Headers Timeout Error (%d s)", HTTP_TIMEOUT_S);
		return;
	}
	if (c->ssl != NULL && c->verify != X509_V_OK && c->connect_what != 0) {
		fail(r, verify_code(c->verify), "connect", 0, "%s", X509_verify_cert_error_string(c->verify));
		return;
	}
	if (c->ssl != NULL && c->ssl_error != 0 && !ssl_syscall_failed(c)) {
		char buf[200];

		ERR_error_string_n(c->ssl_error, buf, sizeof(buf));
		fail(r, "ERR_SSL", "connect", 0, "%s", buf);
		return;
	}
	if (c->connect_what != 0 && c->connect_errno != 0) {
		fail_errno(r, "connect", c->connect_errno);
		return;
	}
	if (e == EVREQ_HTTP_DATA_TOO_LONG) {
		fail(r, "ERR_FETCH_TOO_LARGE", "read", 0, "the response is larger than %zu bytes", r->cl->max_body);
		return;
	}
	if (e == EVREQ_HTTP_INVALID_HEADER) {
		fail(r, "HPE_INVALID_HEADER", "read", 0, "the response's status line or headers are invalid");
		return;
	}
	/* evhttp's errno after an end of stream is whatever came last */
	if (errnum == ECONNRESET || errnum == EPIPE) {
		fail_errno(r, "read", errnum);
		return;
	}
	fail(r, "UND_ERR_SOCKET", "read", 0, "other side closed");
}

static void
on_req_error(enum evhttp_request_error e, void *arg)
{
	struct http_req *r = arg;

	r->err_errno = EVUTIL_SOCKET_ERROR();
	r->evhttp_failed = true;
	r->evhttp_error = e;
}

static void
keep_headers(struct evbuffer *out, const struct evkeyvalq *q)
{
	const struct evkeyval *kv;

	for (kv = q->tqh_first; kv != NULL; kv = kv->next.tqe_next) {
		evbuffer_add(out, kv->key, strlen(kv->key) + 1);
		evbuffer_add(out, kv->value, strlen(kv->value) + 1);
	}
}

/* A kept-alive connection the server closed as it was reused: a request
 * that is idempotent and has no body goes again, once, on a new one; not
 * once a head came (a body cut short: its pieces may be JavaScript's
 * already, and would come twice). */
static bool
may_retry(const struct http_req *r, int code)
{
	bool idempotent = r->cmd == EVHTTP_REQ_GET || r->cmd == EVHTTP_REQ_HEAD ||
	    r->cmd == EVHTTP_REQ_OPTIONS || r->cmd == EVHTTP_REQ_DELETE || r->cmd == EVHTTP_REQ_PUT;
	bool closed = !r->evhttp_failed || r->evhttp_error == EVREQ_HTTP_EOF;

	return r->reused && !r->retried && code <= 0 && r->in_headers == NULL && closed && idempotent && !r->had_body;
}

/* Status, reason and headers into r, once; -1 when out of memory. */
static int
keep_head(struct http_req *r, struct evhttp_request *evreq)
{
	const char *line = evhttp_request_get_response_code_line(evreq);

	if (r->in_headers != NULL)
		return 0;
	r->status = evhttp_request_get_response_code(evreq);
	/* no getter in the API: http_struct.h is libevent's public layout */
	snprintf(r->version, sizeof(r->version), "%d.%d", evreq->major, evreq->minor);
	free(r->reason);
	if ((r->reason = strdup(line != NULL ? line : "")) == NULL || (r->in_headers = evbuffer_new()) == NULL)
		return -1;
	keep_headers(r->in_headers, evhttp_request_get_input_headers(evreq));
	return 0;
}

/* Redirects and the statuses without a body come whole. */
static bool
streams_body(const struct http_req *r)
{
	int st = r->status;

	return r->stream && st >= 200 && st != 204 && st != 205 && (st < 300 || st >= 400);
}

/* The head is in: a streamed response goes to JavaScript now. */
static int
on_headers(struct evhttp_request *evreq, void *arg)
{
	struct http_req *r = arg;
	const char *len;

	if (evhttp_request_get_response_code(evreq) <= 0 || keep_head(r, evreq) == -1)
		return 0;
	/* a length beyond the bound fails the fetch itself, as before any
	 * body streamed */
	len = evhttp_find_header(evhttp_request_get_input_headers(evreq), "Content-Length");
	if (len != NULL && strtoull(len, NULL, 10) > r->cl->max_body)
		r->stream = false;
	if (streams_body(r))
		event_active(r->done_ev, 0, 0);
	return 0;
}

/* A piece of the body (evhttp drains its buffer after this returns):
 * kept, and for a streamed response sent on from r's event. */
static void
on_body(struct evhttp_request *evreq, void *arg)
{
	struct http_req *r = arg;

	evbuffer_add_buffer(r->in_body, evhttp_request_get_input_buffer(evreq));
	if (r->head_sent)
		event_active(r->done_ev, 0, 0);
}

static void
on_req_done(struct evhttp_request *evreq, void *arg)
{
	struct http_req *r = arg;
	struct http_conn *c = r->conn;
	int code = evreq != NULL ? evhttp_request_get_response_code(evreq) : 0;

	r->evreq = NULL;
	c->busy = false;
	r->conn = NULL;
	/* no error callback and no status: the connect failed */
	if (code <= 0 || r->evhttp_failed) {
		c->closed = true;
		if (may_retry(r, code)) {
			r->retry = true;
			finish(r);
			return;
		}
		fail_connection(r, c, r->evhttp_failed ? r->evhttp_error : EVREQ_HTTP_EOF, r->err_errno);
		return;
	}
	if (keep_head(r, evreq) == -1) {
		fail(r, "ENOMEM", "read", -ENOMEM, "out of memory");
		return;
	}
	evbuffer_add_buffer(r->in_body, evhttp_request_get_input_buffer(evreq));
	finish(r);
}

/* Host first, as undici sends it, unless the script gave its own. */
static int
add_headers(struct http_req *r, struct evkeyvalq *q)
{
	size_t n = evbuffer_get_length(r->out_headers);
	const char *start = (const char *)evbuffer_pullup(r->out_headers, -1), *end = start + n, *p;
	bool own_host = false;

	for (p = start; p < end; p += strlen(p) + 1, p += strlen(p) + 1)
		if (strcasecmp(p, "host") == 0)
			own_host = true;
	if (!own_host && evhttp_add_header(q, "Host", r->authority) != 0)
		return -1;
	for (p = start; p < end; ) {
		const char *name = p, *value = p + strlen(p) + 1;

		if (evhttp_add_header(q, name, value) != 0)
			return -1;
		p = value + strlen(value) + 1;
	}
	return 0;
}

static void
send_on(struct http_req *r, struct http_conn *c)
{
	struct evhttp_request *evreq = evhttp_request_new(on_req_done, r);
	char len[24];
	bool fresh;

	if (evreq == NULL) {
		fail(r, "ENOMEM", "write", -ENOMEM, "out of memory");
		return;
	}
	evhttp_request_set_error_cb(evreq, on_req_error);
	evhttp_request_set_header_cb(evreq, on_headers);
	evhttp_request_set_chunked_cb(evreq, on_body);
	if (add_headers(r, evhttp_request_get_output_headers(evreq)) != 0) {
		evhttp_request_free(evreq);
		fail(r, "ERR_INVALID_HTTP_TOKEN", "write", 0, "a request header was refused");
		return;
	}
	if (r->out_body != NULL) {
		snprintf(len, sizeof(len), "%zu", evbuffer_get_length(r->out_body));
		evhttp_add_header(evhttp_request_get_output_headers(evreq), "Content-Length", len);
		evbuffer_add_buffer(evhttp_request_get_output_buffer(evreq), r->out_body);
	}
	fresh = !c->used;
	r->reused = !fresh;
	c->used = true;
	c->busy = true;
	r->conn = c;
	r->evreq = evreq;
	r->state = R_SENDING;
	if (evhttp_make_request(c->evcon, evreq, r->cmd, r->path) != 0) {
		/* evhttp freed nothing but took it off its queue */
		evhttp_request_free(evreq);
		r->evreq = NULL;
		r->conn = NULL;
		c->busy = false;
		c->closed = true;
		fail_errno(r, "connect", errno != 0 ? errno : EIO);
		return;
	}
	if (fresh)
		watch_connect(c);
}

/* r has its address: onto a connection, or into the queue. */
static void
dispatch(struct http_req *r)
{
	struct http_client *cl = r->cl;
	struct http_conn *c;
	bool oom;

	if ((c = conn_for(cl, r, &oom)) != NULL) {
		send_on(r, c);
		return;
	}
	if (oom) {
		if (r->tls)
			fail(r, "ERR_SSL", "connect", 0, "cannot set up TLS%s%s", cl->tls_why[0] ? ": " : "",
			    cl->tls_why);
		else
			fail(r, "ENOMEM", "connect", 0, "out of memory");
		return;
	}
	r->state = R_WAITING;
	*cl->wait_tail = r;
	cl->wait_tail = &r->wait_next;
}

static void
drain_waiting(struct http_client *cl)
{
	struct http_req *r;

	while ((r = cl->wait_head) != NULL) {
		bool oom;
		struct http_conn *c = conn_for(cl, r, &oom);

		if (c == NULL && !oom)
			return;
		wait_remove(cl, r);
		if (c != NULL)
			send_on(r, c);
		else
			fail(r, "ENOMEM", "connect", -ENOMEM, "out of memory");
	}
}

static void
on_resolved(int result, struct evutil_addrinfo *res, void *arg)
{
	struct http_req *r = arg;
	struct evutil_addrinfo *ai, *pick = NULL;

	r->dns = NULL;
	if (r->aborted) {
		if (res != NULL)
			evutil_freeaddrinfo(res);
		req_free(r);
		return;
	}
	if (result != 0) {
		const char *code = result == EVUTIL_EAI_NONAME || result == EVUTIL_EAI_NODATA ? "ENOTFOUND" :
		    result == EVUTIL_EAI_AGAIN ? "EAI_AGAIN" : "EAI_FAIL";

		fail(r, code, "getaddrinfo", result == EVUTIL_EAI_NONAME ? -3008 : -3001, "getaddrinfo %s %s", code, r->host);
		return;
	}
	/* IPv4 first, as Node's dns.lookup with ipv4first */
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (pick == NULL || (ai->ai_family == AF_INET && pick->ai_family != AF_INET))
			pick = ai;
	if (pick->ai_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)pick->ai_addr)->sin_addr, r->addr, sizeof(r->addr));
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)pick->ai_addr)->sin6_addr, r->addr, sizeof(r->addr));
	evutil_freeaddrinfo(res);
	dispatch(r);
}

static void
resolve(struct http_req *r)
{
	struct evutil_addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_protocol = IPPROTO_TCP };
	struct in6_addr ip;

	if (inet_pton(AF_INET, r->host, &ip) == 1 || inet_pton(AF_INET6, r->host, &ip) == 1) {
		/* a numeric host is short enough (inet_pton took it) */
		memcpy(r->addr, r->host, strlen(r->host) < sizeof(r->addr) ? strlen(r->host) + 1 : sizeof(r->addr) - 1);
		dispatch(r);
		return;
	}
	r->state = R_RESOLVING;
	/* NULL when it answered at once: the callback has run */
	r->dns = evdns_getaddrinfo(r->cl->dns, r->host, NULL, &hints, on_resolved, r);
}

/* ---- delivery to JavaScript ---- */

static struct http_req *
find_req(struct http_client *cl, uint32_t id)
{
	struct http_req *r;

	for (r = cl != NULL ? cl->reqs : NULL; r != NULL; r = r->next)
		if (r->id == id)
			return r;
	return NULL;
}

/* Pushes a header name or value: its bytes as Latin-1, as undici does
 * (wire bytes never become a Duktape string as they are). */
static void
push_latin1(duk_context *ctx, const char *s)
{
	size_t n = strlen(s), j = 0;
	char *u = duk_push_fixed_buffer(ctx, n * 2);

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) {
			u[j++] = (char)b;
		} else {
			u[j++] = (char)(0xc0 | (b >> 6));
			u[j++] = (char)(0x80 | (b & 0x3f));
		}
	}
	duk_push_lstring(ctx, u, j);
	duk_remove(ctx, -2);
}

/* The failure as Node's net and tls errors are: an Error with errno,
 * code, syscall, then address and port (hostname for a name that did not
 * resolve); a TLS or protocol failure (no errno) has its code alone. */
static void
push_error(duk_context *ctx, struct http_req *r)
{
	duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", r->err_message);
	if (r->err_errno == 0) {
		put_str(ctx, "code", r->err_code);
		return;
	}
	duk_push_int(ctx, r->err_errno);
	duk_put_prop_string(ctx, -2, "errno");
	put_str(ctx, "code", r->err_code);
	put_str(ctx, "syscall", r->err_syscall);
	if (strcmp(r->err_syscall, "getaddrinfo") == 0) {
		put_str(ctx, "hostname", r->host);
		return;
	}
	put_str(ctx, "address", r->addr);
	duk_push_int(ctx, r->port);
	duk_put_prop_string(ctx, -2, "port");
}

/* What of the body has come, as a Uint8Array, taken out of in_body. */
static void
push_body(duk_context *ctx, struct http_req *r)
{
	size_t n = evbuffer_get_length(r->in_body);

	evbuffer_remove(r->in_body, wire_push_u8(ctx, NULL, n), n);
}

/* { status, statusText, version, headers, body }; no body when it is to
 * stream. */
static void
push_response(duk_context *ctx, struct http_req *r)
{
	size_t n = evbuffer_get_length(r->in_headers);
	const char *p = (const char *)evbuffer_pullup(r->in_headers, -1), *end = p + n;
	duk_uarridx_t i = 0;

	duk_push_object(ctx);
	duk_push_int(ctx, r->status);
	duk_put_prop_string(ctx, -2, "status");
	push_latin1(ctx, r->reason);
	duk_put_prop_string(ctx, -2, "statusText");
	duk_push_string(ctx, r->version);
	duk_put_prop_string(ctx, -2, "version");
	duk_push_array(ctx);
	while (p < end) {
		const char *value = p + strlen(p) + 1;

		duk_push_array(ctx);
		push_latin1(ctx, p);
		duk_put_prop_index(ctx, -2, 0);
		push_latin1(ctx, value);
		duk_put_prop_index(ctx, -2, 1);
		duk_put_prop_index(ctx, -2, i++);
		p = value + strlen(value) + 1;
	}
	duk_put_prop_string(ctx, -2, "headers");
	if (r->head_sent)
		return;
	push_body(ctx, r);
	duk_put_prop_string(ctx, -2, "body");
}

/* A request in flight goes: no callback follows; its connection is reset. */
static void
cancel_sending(struct http_req *r)
{
	evhttp_cancel_request(r->evreq);
	r->evreq = NULL;
	r->conn->busy = false;
	r->conn->closed = true;
	r->conn = NULL;
}

/* The request's callback, left in K_CALLBACKS unless last. */
static void
push_callback(duk_context *ctx, struct http_req *r, bool last)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_CALLBACKS);
	duk_push_uint(ctx, r->id);
	duk_get_prop(ctx, -2);
	if (last) {
		duk_push_uint(ctx, r->id);
		duk_del_prop(ctx, -3);
	}
	duk_replace(ctx, -3);
	duk_pop(ctx);
}

/* One call of the callback for what r holds now: the head of a streamed
 * response (then its body in pieces: callback(null, null, piece) and at
 * the end callback(null, null, null, true), or callback(error, null,
 * null, true) when it fails), or the whole result. */
static duk_ret_t
deliver_safe(duk_context *ctx, void *udata)
{
	struct http_req *r = udata;
	bool last = r->state == R_DONE;

	if (!r->head_sent && !r->failed && streams_body(r)) {
		push_callback(ctx, r, false);
		duk_push_null(ctx);
		r->head_sent = true;
		push_response(ctx, r);
		duk_call(ctx, 2);
		duk_pop(ctx);
	}
	if (r->head_sent) {
		if (!r->aborted && evbuffer_get_length(r->in_body) > 0) {
			push_callback(ctx, r, false);
			duk_push_null(ctx);
			duk_push_null(ctx);
			push_body(ctx, r);
			duk_call(ctx, 3);
			duk_pop(ctx);
		}
		if (!last || r->aborted)
			return 0;
		push_callback(ctx, r, true);
		if (r->failed)
			push_error(ctx, r);
		else
			duk_push_null(ctx);
		duk_push_null(ctx);
		duk_push_null(ctx);
		duk_push_true(ctx);
		duk_call(ctx, 4);
		duk_pop(ctx);
		return 0;
	}
	push_callback(ctx, r, true);
	if (r->failed) {
		push_error(ctx, r);
		duk_push_undefined(ctx);
	} else {
		duk_push_null(ctx);
		push_response(ctx, r);
	}
	duk_call(ctx, 2);
	duk_pop(ctx);
	return 0;
}

static void
on_done_event(evutil_socket_t fd, short what, void *arg)
{
	struct http_req *r = arg;
	struct http_client *cl = r->cl;
	struct host *h = cl->h;
	bool last;

	if (r->retry) {
		r->retry = false;
		r->retried = true;
		r->evhttp_failed = false;
		r->err_errno = 0;
		dispatch(r);
		return;
	}
	r->delivering = true;
	if (duk_safe_call(h->ctx, deliver_safe, r, 0, 1) != 0)
		report_uncaught(h);
	duk_pop(h->ctx);
	r->delivering = false;
	/* aborted from its callback: abort() left r to us */
	last = r->state == R_DONE || r->aborted;
	if (last) {
		if (!r->paused && !r->aborted)
			cl->pending--;
		if (r->aborted && r->state == R_SENDING)
			cancel_sending(r);
		req_free(r);
		drain_waiting(cl);
	}
	loop_task_end(h);
}

/* ---- the natives ---- */

static enum evhttp_cmd_type
method_cmd(duk_context *ctx, const char *m)
{
	static const struct { const char *name; enum evhttp_cmd_type cmd; } map[] = {
		{ "GET", EVHTTP_REQ_GET }, { "POST", EVHTTP_REQ_POST }, { "HEAD", EVHTTP_REQ_HEAD },
		{ "PUT", EVHTTP_REQ_PUT }, { "DELETE", EVHTTP_REQ_DELETE }, { "OPTIONS", EVHTTP_REQ_OPTIONS },
		{ "PATCH", EVHTTP_REQ_PATCH },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(map[i].name, m) == 0)
			return map[i].cmd;
	(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "the method %s is not supported by this HTTP client", m);
	return EVHTTP_REQ_GET;
}

/* Appends a header name or value (a ByteString: code points up to 0xFF,
 * two-byte UTF-8 above 0x7F in the CESU-8 string) as its bytes. */
static void
add_byte_string(duk_context *ctx, struct evbuffer *out, duk_idx_t idx)
{
	duk_size_t n;
	const unsigned char *s = (const unsigned char *)duk_require_lstring(ctx, idx, &n);

	for (duk_size_t i = 0; i < n; i++) {
		unsigned char b = s[i];

		if (b == 0)
			(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "a header holds a NUL byte");
		if (b >= 0x80) {
			if ((b != 0xc2 && b != 0xc3) || i + 1 >= n || (s[i + 1] & 0xc0) != 0x80)
				(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "a header holds a character above U+00FF");
			b = (unsigned char)(((b & 0x03) << 6) | (s[++i] & 0x3f));
		}
		evbuffer_add(out, &b, 1);
	}
	evbuffer_add(out, "", 1);
}

static void
read_headers(duk_context *ctx, struct http_req *r, duk_idx_t opts)
{
	duk_uarridx_t i, n;

	duk_get_prop_string(ctx, opts, "headers");
	n = (duk_uarridx_t)duk_get_length(ctx, -1);
	for (i = 0; i < n; i++) {
		duk_get_prop_index(ctx, -1, i);
		duk_get_prop_index(ctx, -1, 0);
		add_byte_string(ctx, r->out_headers, -1);
		duk_get_prop_index(ctx, -2, 1);
		add_byte_string(ctx, r->out_headers, -1);
		duk_pop_3(ctx);
	}
	duk_pop(ctx);
}

static void
read_body(duk_context *ctx, struct http_req *r, duk_idx_t opts)
{
	duk_size_t n;
	void *p;

	duk_get_prop_string(ctx, opts, "body");
	if (!duk_is_undefined(ctx, -1) && !duk_is_null(ctx, -1)) {
		p = duk_require_buffer_data(ctx, -1, &n);
		r->had_body = true;
		if ((r->out_body = evbuffer_new()) == NULL || evbuffer_add(r->out_body, p, n) != 0)
			(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	}
	duk_pop(ctx);
}

/* Fills r from opts (it throws on a bad option; r is freed by the caller
 * then). */
static duk_ret_t
read_opts(duk_context *ctx, void *udata)
{
	struct http_req *r = udata;
	const char *s;

	duk_get_prop_string(ctx, 0, "scheme");
	r->tls = strcmp(duk_require_string(ctx, -1), "https") == 0;
	duk_get_prop_string(ctx, 0, "host");
	s = duk_require_string(ctx, -1);
	if (s[0] == '[' && s[strlen(s) - 1] == ']')
		snprintf(r->host, sizeof(r->host), "%.*s", (int)strlen(s) - 2, s + 1);
	else
		snprintf(r->host, sizeof(r->host), "%s", s);
	duk_get_prop_string(ctx, 0, "port");
	r->port = duk_require_int(ctx, -1);
	if (r->port <= 0 || r->port > 65535)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "bad port %d", r->port);
	if (r->port == (r->tls ? 443 : 80))
		snprintf(r->authority, sizeof(r->authority), "%s", s);
	else
		snprintf(r->authority, sizeof(r->authority), "%s:%d", s, r->port);
	duk_get_prop_string(ctx, 0, "path");
	if ((r->path = strdup(duk_require_string(ctx, -1))) == NULL)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	duk_get_prop_string(ctx, 0, "method");
	r->cmd = method_cmd(ctx, duk_require_string(ctx, -1));
	duk_get_prop_string(ctx, 0, "stream");
	r->stream = duk_to_boolean(ctx, -1);
	duk_pop_n(ctx, 6);
	read_headers(ctx, r, 0);
	read_body(ctx, r, 0);
	return 0;
}

/* request(opts, callback) -> id */
static duk_ret_t
n_request(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct http_client *cl;
	struct http_req *r;
	char err[128];

	duk_require_object(ctx, 0);
	duk_require_function(ctx, 1);
	if ((cl = client_get(h, err, sizeof(err))) == NULL)
		return duk_error(ctx, DUK_ERR_ERROR, "%s", err);
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	r->cl = cl;
	r->next = cl->reqs;
	cl->reqs = r;
	if ((r->out_headers = evbuffer_new()) == NULL || (r->in_body = evbuffer_new()) == NULL ||
	    (r->done_ev = event_new(h->base, -1, 0, on_done_event, r)) == NULL) {
		req_free(r);
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	}
	duk_dup(ctx, 0);
	if (duk_safe_call(ctx, read_opts, r, 1, 1) != 0) {
		req_free(r);
		return duk_throw(ctx);
	}
	duk_pop(ctx);
	r->id = cl->next_id++;
	if (cl->next_id == 0)
		cl->next_id = 1;
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_CALLBACKS);
	duk_push_uint(ctx, r->id);
	duk_dup(ctx, 1);
	duk_put_prop(ctx, -3);
	cl->pending++;
	resolve(r);
	duk_push_uint(ctx, r->id);
	return 1;
}

/* abort(id): the request goes, its callback is never called. */
static duk_ret_t
n_abort(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct http_req *r = find_req(h->http, (uint32_t)duk_require_uint(ctx, 0));

	if (r == NULL)
		return 0;
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_CALLBACKS);
	duk_push_uint(ctx, r->id);
	duk_del_prop(ctx, -2);
	if (!r->paused)
		h->http->pending--;
	r->paused = false;
	if (r->delivering) {
		r->aborted = true;
		return 0;
	}
	switch (r->state) {
	case R_RESOLVING:
		r->aborted = true;
		/* its callback frees r, now or later */
		evdns_getaddrinfo_cancel(r->dns);
		return 0;
	case R_WAITING:
		wait_remove(h->http, r);
		break;
	case R_SENDING:
		cancel_sending(r);
		break;
	case R_DONE:
		break;
	}
	req_free(r);
	drain_waiting(h->http);
	return 0;
}

/* pause(id): a streamed body stops being read (and stops keeping the
 * worker alive) until resume(id); the socket's buffer is the bound. */
static duk_ret_t
n_pause(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct http_req *r = find_req(h->http, (uint32_t)duk_require_uint(ctx, 0));

	if (r == NULL || r->paused || r->aborted || r->state != R_SENDING)
		return 0;
	bufferevent_disable(r->conn->bev, EV_READ);
	r->paused = true;
	h->http->pending--;
	return 0;
}

static duk_ret_t
n_resume(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct http_req *r = find_req(h->http, (uint32_t)duk_require_uint(ctx, 0));

	if (r == NULL || !r->paused)
		return 0;
	r->paused = false;
	h->http->pending++;
	if (r->state == R_SENDING)
		bufferevent_enable(r->conn->bev, EV_READ);
	return 0;
}

/* native.http is made on first use: a worker that never fetches carries
 * nothing of it but this getter. */
static duk_ret_t
n_http_object(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_push_object(ctx);
	duk_put_prop_string(ctx, -2, K_CALLBACKS);
	duk_pop(ctx);
	duk_push_this(ctx);
	duk_push_string(ctx, "http");
	duk_push_object(ctx);
	rt_def_method(ctx, -1, "parseUrl", n_parse_url, 1);
	rt_def_method(ctx, -1, "request", n_request, 2);
	rt_def_method(ctx, -1, "abort", n_abort, 1);
	rt_def_method(ctx, -1, "pause", n_pause, 1);
	rt_def_method(ctx, -1, "resume", n_resume, 1);
	duk_dup_top(ctx);
	duk_insert(ctx, -4);
	rt_def_hidden(ctx, -3);
	duk_pop(ctx);
	return 1;
}

void
http_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_getter(ctx, native, "http", n_http_object);
}
