/*
 * mod_http.c - fetch's HTTP client on libevent's evhttp (mod_http.h): URL
 * parsing with evhttp_uri_parse.
 */
#include "mod_http.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <event2/http.h>

#include "buf.h"
#include "rt_define.h"

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
	duk_push_int(ctx, port);
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

void
http_natives(duk_context *ctx, duk_idx_t native)
{
	native = duk_normalize_index(ctx, native);
	duk_push_object(ctx);
	rt_def_method(ctx, -1, "parseUrl", n_parse_url, 1);
	duk_put_prop_string(ctx, native, "http");
}
