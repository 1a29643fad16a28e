/*
 * mod_url.c - the URL records of urlparse.c as Duktape arrays, for the
 * URL and URLSearchParams classes of js/node_internal_url.js: strings in
 * as USV strings (lone surrogates become U+FFFD) and code points, records
 * out as arrays of ASCII strings, and the percent-coding helpers the form
 * encoding and the username/password setters use.  Records are built in C
 * memory and pushed inside a safe call, so a Duktape error (out of memory)
 * never leaks them.
 */
#include "mod_url.h"

#include <stdlib.h>
#include <string.h>

#include "rt_define.h"
#include "urlparse.h"
#include "wire.h"

enum { R_SCHEME, R_USER, R_PASS, R_HOST, R_PORT, R_PATH, R_OPAQUE, R_QUERY, R_FRAG, R_LEN };

/* The code points of the string at idx as a USV string; NULL when out
 * of memory (the caller throws). */
static uint32_t *
code_points(duk_context *ctx, duk_idx_t idx, size_t *n)
{
	struct pbuf u;
	uint32_t *cp;

	pbuf_init(&u);
	if (wire_utf8_at(&u, ctx, idx) == -1) {
		pbuf_free(&u);
		return NULL;
	}
	cp = malloc((u.len ? u.len : 1) * sizeof(*cp));
	if (cp != NULL)
		*n = url_utf8_decode(u.data, u.len, cp);
	pbuf_free(&u);
	return cp;
}

/* A record's string: ASCII by contract.  A script can reach a URL's
 * record through its symbols; anything else there (a Symbol's bytes
 * above all, which pushed back could name a hidden one) is refused. */
static int
get_str(duk_context *ctx, duk_idx_t arr, int i, struct pbuf *b, int *has)
{
	const char *s = NULL;
	duk_size_t n = 0, k;
	int rc = 0;

	duk_get_prop_index(ctx, arr, (duk_uarridx_t)i);
	if (has != NULL)
		*has = !duk_is_null_or_undefined(ctx, -1);
	if (duk_is_string(ctx, -1) && !duk_is_symbol(ctx, -1))
		s = duk_get_lstring(ctx, -1, &n);
	for (k = 0; s != NULL && k < n; k++)
		if ((unsigned char)s[k] >= 0x80)
			s = NULL;
	if (s != NULL)
		rc = pbuf_append(b, s, n);
	else if (has == NULL || *has)
		rc = -2;
	duk_pop(ctx);
	return rc;
}

/* Reads a record pushed by push_record back into u (initialised): 0, -1
 * when out of memory, -2 when it is not a record. */
static int
read_record(duk_context *ctx, duk_idx_t arr, struct url_rec *u)
{
	int rc;

	if ((rc = get_str(ctx, arr, R_SCHEME, &u->scheme, NULL)) || (rc = get_str(ctx, arr, R_USER, &u->user, NULL)) ||
	    (rc = get_str(ctx, arr, R_PASS, &u->pass, NULL)) || (rc = get_str(ctx, arr, R_HOST, &u->host, &u->has_host)) ||
	    (rc = get_str(ctx, arr, R_PATH, &u->path, NULL)) || (rc = get_str(ctx, arr, R_QUERY, &u->query, &u->has_query)) ||
	    (rc = get_str(ctx, arr, R_FRAG, &u->frag, &u->has_frag)))
		return rc;
	duk_get_prop_index(ctx, arr, R_PORT);
	u->port = duk_is_number(ctx, -1) ? (long)duk_get_int(ctx, -1) : -1;
	duk_get_prop_index(ctx, arr, R_OPAQUE);
	u->opaque = duk_to_boolean(ctx, -1);
	duk_pop_2(ctx);
	return 0;
}

static void
put_str(duk_context *ctx, int i, const struct pbuf *b, int has)
{
	if (has)
		duk_push_lstring(ctx, b->len ? (const char *)b->data : "", b->len);
	else
		duk_push_null(ctx);
	duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
}

static duk_ret_t
push_record(duk_context *ctx, void *udata)
{
	const struct url_rec *u = udata;

	duk_push_array(ctx);
	put_str(ctx, R_SCHEME, &u->scheme, 1);
	put_str(ctx, R_USER, &u->user, 1);
	put_str(ctx, R_PASS, &u->pass, 1);
	put_str(ctx, R_HOST, &u->host, u->has_host);
	if (u->port >= 0)
		duk_push_int(ctx, (duk_int_t)u->port);
	else
		duk_push_null(ctx);
	duk_put_prop_index(ctx, -2, R_PORT);
	put_str(ctx, R_PATH, &u->path, 1);
	duk_push_boolean(ctx, u->opaque);
	duk_put_prop_index(ctx, -2, R_OPAQUE);
	put_str(ctx, R_QUERY, &u->query, u->has_query);
	put_str(ctx, R_FRAG, &u->frag, u->has_frag);
	return 1;
}

static enum url_state
state_named(duk_context *ctx, duk_idx_t idx)
{
	static const struct { const char *name; enum url_state st; } states[] = {
		{ "scheme", URL_SCHEME_START }, { "host", URL_HOST }, { "hostname", URL_HOSTNAME },
		{ "port", URL_PORT }, { "path", URL_PATH_START }, { "query", URL_QUERY },
		{ "fragment", URL_FRAGMENT },
	};
	const char *name;
	size_t i;

	if (duk_is_undefined(ctx, idx))
		return URL_NONE;
	name = duk_require_string(ctx, idx);
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i].name, name) == 0)
			return states[i].st;
	(void)duk_type_error(ctx, "unknown URL parser state %s", name);
	return URL_NONE;
}

static duk_ret_t
n_url_parse(duk_context *ctx)
{
	struct url_rec base, url;
	enum url_state st;
	uint32_t *cp;
	size_t n = 0;
	int err = URL_ERR_NOMEM, have_base, rc = 0;

	duk_set_top(ctx, 4);
	st = state_named(ctx, 3);
	have_base = duk_is_array(ctx, 1);
	if (st != URL_NONE && !duk_is_array(ctx, 2))
		return duk_type_error(ctx, "not a URL record");
	url_rec_init(&base);
	url_rec_init(&url);
	if ((have_base && (rc = read_record(ctx, 1, &base)) != 0) ||
	    (st != URL_NONE && (rc = read_record(ctx, 2, &url)) != 0)) {
		url_rec_free(&base);
		url_rec_free(&url);
		if (rc == -2)
			return duk_type_error(ctx, "not a URL record");
		return duk_range_error(ctx, "out of memory parsing a URL");
	}
	cp = code_points(ctx, 0, &n);
	if (cp == NULL)
		goto out;
	rc = url_parse(cp, n, have_base ? &base : NULL, &url, st, &err);
	free(cp);
	/* a setter keeps what the parser changed before it failed */
	if (rc == 0 || (st != URL_NONE && err == URL_ERR_INVALID)) {
		rc = duk_safe_call(ctx, push_record, &url, 0, 1);
		url_rec_free(&base);
		url_rec_free(&url);
		if (rc != 0)
			(void)duk_throw(ctx);
		return 1;
	}
out:
	url_rec_free(&base);
	url_rec_free(&url);
	if (err == URL_ERR_NOMEM)
		return duk_range_error(ctx, "out of memory parsing a URL");
	duk_push_null(ctx);
	return 1;
}

/* Pushes the bytes of b (ASCII, or UTF-8 when utf8) and frees b. */
static duk_ret_t
push_and_free(duk_context *ctx, struct pbuf *b, int ok)
{
	struct pbuf copy = *b;
	int rc;

	if (!ok) {
		pbuf_free(b);
		return duk_range_error(ctx, "out of memory encoding a URL component");
	}
	rc = wire_push_str(ctx, copy.len ? copy.data : (const uint8_t *)"", copy.len);
	pbuf_free(b);
	if (rc == -1)
		return duk_range_error(ctx, "out of memory encoding a URL component");
	return 1;
}

/* The string at idx is ASCII and needs no encoding in set: it is its
 * own encoding (the common case, answered without a copy). */
static int
encodes_to_itself(duk_context *ctx, duk_idx_t idx, enum url_set set)
{
	const uint8_t *p;
	duk_size_t n, i;
	uint8_t one;

	if (!duk_is_string(ctx, idx) || duk_is_symbol(ctx, idx))
		return 0;
	p = (const uint8_t *)duk_get_lstring(ctx, idx, &n);
	for (i = 0; i < n; i++) {
		struct pbuf b = { &one, 0, 1, 1 };

		if (p[i] >= 0x80 || url_encode(&b, p + i, 1, set) == -1 || one != p[i])
			return 0;
	}
	return 1;
}

static duk_ret_t
n_url_encode(duk_context *ctx)
{
	const char *set = duk_require_string(ctx, 1);
	struct pbuf u, out;
	enum url_set s;
	int ok;

	if (strcmp(set, "form") == 0)
		s = URL_SET_FORM;
	else if (strcmp(set, "userinfo") == 0)
		s = URL_SET_USERINFO;
	else
		return duk_type_error(ctx, "unknown percent-encode set %s", set);
	if (encodes_to_itself(ctx, 0, s)) {
		duk_dup(ctx, 0);
		return 1;
	}

	pbuf_init(&u);
	pbuf_init(&out);
	ok = wire_utf8_at(&u, ctx, 0) == 0 && url_encode(&out, u.data, u.len, s) == 0;
	pbuf_free(&u);
	return push_and_free(ctx, &out, ok);
}

/* The bytes of u as UTF-8 with U+FFFD for bad sequences, into out. */
static int
utf8_sanitize(struct pbuf *out, const struct pbuf *u)
{
	uint32_t *cp = malloc((u->len ? u->len : 1) * sizeof(*cp));
	size_t n, i;
	int rc = 0;

	if (cp == NULL)
		return -1;
	n = url_utf8_decode(u->data, u->len, cp);
	for (i = 0; i < n && rc == 0; i++)
		rc = url_put_utf8(out, cp[i]);
	free(cp);
	return rc;
}

static duk_ret_t
n_url_decode(duk_context *ctx)
{
	int form = duk_to_boolean(ctx, 1);
	struct pbuf u, dec, out;
	size_t i;
	int ok;

	pbuf_init(&u);
	pbuf_init(&dec);
	pbuf_init(&out);
	ok = wire_utf8_at(&u, ctx, 0) == 0;
	for (i = 0; ok && form && i < u.len; i++)
		if (u.data[i] == '+')
			u.data[i] = ' ';
	ok = ok && url_decode(&dec, u.data, u.len) == 0 && utf8_sanitize(&out, &dec) == 0;
	pbuf_free(&u);
	pbuf_free(&dec);
	return push_and_free(ctx, &out, ok);
}

static duk_ret_t
n_url_domain_to_ascii(duk_context *ctx)
{
	struct pbuf u, out;
	int ok;

	pbuf_init(&u);
	pbuf_init(&out);
	ok = wire_utf8_at(&u, ctx, 0) == 0;
	if (ok && url_domain_to_ascii(&out, u.data, u.len) == -1)
		pbuf_reset(&out);
	pbuf_free(&u);
	return push_and_free(ctx, &out, ok);
}

/* A lone surrogate in CESU-8 is ED A0..BF xx not part of a pair; any
 * ED A0..BF at all sends the string through the UTF-8 conversion, which
 * replaces the lone ones. */
static duk_ret_t
n_url_usv(duk_context *ctx)
{
	const uint8_t *p;
	duk_size_t n, i;
	struct pbuf u;
	int rc;

	p = (const uint8_t *)duk_require_lstring(ctx, 0, &n);
	for (i = 0; i + 1 < n && !(p[i] == 0xED && p[i + 1] >= 0xA0); i++)
		;
	if (i + 1 >= n) {
		duk_dup(ctx, 0);
		return 1;
	}
	pbuf_init(&u);
	if (wire_utf8(&u, (const char *)p, n) == -1) {
		pbuf_free(&u);
		return duk_range_error(ctx, "out of memory converting a string");
	}
	rc = wire_push_str(ctx, u.len ? u.data : (const uint8_t *)"", u.len);
	pbuf_free(&u);
	if (rc == -1)
		return duk_range_error(ctx, "out of memory converting a string");
	return 1;
}

void
url_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "urlParse", n_url_parse, 4);
	rt_def_method(ctx, native, "urlEncode", n_url_encode, 2);
	rt_def_method(ctx, native, "urlDecode", n_url_decode, 2);
	rt_def_method(ctx, native, "urlUSV", n_url_usv, 1);
	rt_def_method(ctx, native, "urlDomainToASCII", n_url_domain_to_ascii, 1);
}
