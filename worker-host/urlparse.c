/*
 * urlparse.c - the WHATWG URL Standard's basic URL parser, state by state
 * as the standard writes it (section 4.4), with the host parser (4.2: IPv6,
 * IPv4 with its hex and octal parts, opaque hosts, and domains through
 * ICU's UTS #46 with the standard's options), the serialisers of hosts and
 * the percent-encode sets.  The parser walks code points; the buffer and
 * every component it builds are UTF-8 bytes, percent-encoded to ASCII as
 * the standard says before they are stored.
 */
#include "urlparse.h"

#include <stdlib.h>
#include <string.h>

#include "rt_icu.h"

#define EOF_CP 0xFFFFFFFFu

struct parser {
	const uint32_t *in;
	size_t n;
	size_t i;		/* the standard's pointer; may step back past 0 by wrapping */
	const struct url_rec *base;
	struct url_rec *url;
	enum url_state override;
	struct pbuf buf;
	int at_seen, in_brackets, pass_seen, oom;
};

void
url_rec_init(struct url_rec *u)
{
	memset(u, 0, sizeof(*u));
	pbuf_init(&u->scheme);
	pbuf_init(&u->user);
	pbuf_init(&u->pass);
	pbuf_init(&u->host);
	pbuf_init(&u->path);
	pbuf_init(&u->query);
	pbuf_init(&u->frag);
	u->port = -1;
}

void
url_rec_free(struct url_rec *u)
{
	pbuf_free(&u->scheme);
	pbuf_free(&u->user);
	pbuf_free(&u->pass);
	pbuf_free(&u->host);
	pbuf_free(&u->path);
	pbuf_free(&u->query);
	pbuf_free(&u->frag);
}

static int
set_buf(struct pbuf *dst, const struct pbuf *src)
{
	pbuf_reset(dst);
	return src->len ? pbuf_append(dst, src->data, src->len) : 0;
}

int
url_rec_copy(struct url_rec *dst, const struct url_rec *src)
{
	if (set_buf(&dst->scheme, &src->scheme) || set_buf(&dst->user, &src->user) ||
	    set_buf(&dst->pass, &src->pass) || set_buf(&dst->host, &src->host) ||
	    set_buf(&dst->path, &src->path) || set_buf(&dst->query, &src->query) ||
	    set_buf(&dst->frag, &src->frag))
		return -1;
	dst->has_host = src->has_host;
	dst->has_query = src->has_query;
	dst->has_frag = src->has_frag;
	dst->opaque = src->opaque;
	dst->port = src->port;
	return 0;
}

/* ---- percent-encoding ---- */

static int
in_set(uint32_t c, enum url_set set)
{
	if (c < 0x20 || c > 0x7E)
		return 1;
	switch (set) {
	case URL_SET_C0:
		return 0;
	case URL_SET_FRAGMENT:
		return strchr(" \"<>`", (int)c) != NULL;
	case URL_SET_QUERY:
		return strchr(" \"#<>", (int)c) != NULL;
	case URL_SET_SPECIAL_QUERY:
		return strchr(" \"#<>'", (int)c) != NULL;
	case URL_SET_PATH:
		return strchr(" \"#<>?`{}", (int)c) != NULL;
	case URL_SET_USERINFO:
		return strchr(" \"#<>?`{}/:;=@[\\]^|", (int)c) != NULL;
	case URL_SET_FORM:
		return strchr(" \"#<>?`{}/:;=@[\\]^|$%&+,!'()~", (int)c) != NULL;
	}
	return 1;
}

static int
put_pct(struct pbuf *out, uint8_t b)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3] = { '%', hex[b >> 4], hex[b & 15] };

	return pbuf_append(out, e, 3);
}

int
url_encode(struct pbuf *out, const uint8_t *p, size_t n, enum url_set set)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t b = p[i];
		int rc;

		/* bytes of multi-byte characters are above 0x7E: always encoded */
		if (set == URL_SET_FORM && b == ' ')
			rc = pbuf_append(out, "+", 1);
		else if (in_set(b, set))
			rc = put_pct(out, b);
		else
			rc = pbuf_append(out, &b, 1);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
hexval(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

int
url_decode(struct pbuf *out, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t b = p[i];

		if (b == '%' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
			b = (uint8_t)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
			i += 2;
		}
		if (pbuf_append(out, &b, 1) == -1)
			return -1;
	}
	return 0;
}

/* ---- small predicates ---- */

static int
is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static uint8_t
lower(uint32_t c)
{
	return (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static int
eq(const struct pbuf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len == n && (n == 0 || memcmp(b->data, s, n) == 0);
}

static int
same(const struct pbuf *a, const struct pbuf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static int
eq_nocase(const uint8_t *p, size_t n, const char *s)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(p[i]) != (uint8_t)s[i])
			return 0;
	return 1;
}

static const struct { const char *name; long port; } specials[] = {
	{ "ftp", 21 }, { "file", -1 }, { "http", 80 }, { "https", 443 }, { "ws", 80 }, { "wss", 443 },
};

static int
url_special(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
		if (strlen(specials[i].name) == n && memcmp(specials[i].name, s, n) == 0)
			return 1;
	return 0;
}

/* -1 for file and the schemes that are not special */
static long
url_default_port(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
		if (strlen(specials[i].name) == n && memcmp(specials[i].name, s, n) == 0)
			return specials[i].port;
	return -1;
}

static int
special(const struct url_rec *u)
{
	return url_special(u->scheme.data, u->scheme.len);
}

/* Two code points: an ASCII letter and ':' (normalized) or '|'. */
static int
drive_letter(const uint8_t *p, size_t n, int normalized)
{
	return n == 2 && is_alpha(p[0]) && (p[1] == ':' || (!normalized && p[1] == '|'));
}

/* The code points from i on start with a Windows drive letter. */
static int
starts_with_drive(const struct parser *ps, size_t i)
{
	uint32_t c;

	if (i + 2 > ps->n || !is_alpha(ps->in[i]) || (ps->in[i + 1] != ':' && ps->in[i + 1] != '|'))
		return 0;
	if (i + 2 == ps->n)
		return 1;
	c = ps->in[i + 2];
	return c == '/' || c == '\\' || c == '?' || c == '#';
}

/* The first path segment is a normalized Windows drive letter. */
static int
path_starts_drive(const struct pbuf *path)
{
	return path->len >= 3 && path->data[0] == '/' && is_alpha(path->data[1]) && path->data[2] == ':' &&
	    (path->len == 3 || path->data[3] == '/');
}

static size_t
path_size(const struct pbuf *path)
{
	size_t i, k = 0;

	for (i = 0; i < path->len; i++)
		k += path->data[i] == '/';
	return k;
}

static void
shorten_path(struct url_rec *u)
{
	size_t k;

	if (eq(&u->scheme, "file") && path_size(&u->path) == 1 && path_starts_drive(&u->path))
		return;
	for (k = u->path.len; k > 0 && u->path.data[k - 1] != '/'; k--)
		;
	if (k > 0)
		pbuf_truncate(&u->path, k - 1);
}

static int
single_dot(const struct pbuf *b)
{
	return eq(b, ".") || eq_nocase(b->data, b->len, "%2e");
}

static int
double_dot(const struct pbuf *b)
{
	return eq(b, "..") || eq_nocase(b->data, b->len, ".%2e") || eq_nocase(b->data, b->len, "%2e.") ||
	    eq_nocase(b->data, b->len, "%2e%2e");
}

/* ---- hosts ---- */

static int
forbidden_host(uint8_t c)
{
	return c == 0 || strchr("\t\n\r #/:<>?@[\\]^|", c) != NULL;
}

static int
forbidden_domain(uint8_t c)
{
	return forbidden_host(c) || c <= 0x1F || c == '%' || c == 0x7F;
}

static int
put_num(struct pbuf *out, unsigned long v, int base)
{
	char tmp[24];
	int k = 0;

	do {
		tmp[k++] = "0123456789abcdef"[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	while (k > 0)
		if (pbuf_append(out, &tmp[--k], 1) == -1)
			return -1;
	return 0;
}

/* The IPv6 parser on [p, p+n) into a[8]; -1 on failure. */
static int
ipv6_parse(const uint8_t *p, size_t n, uint16_t a[8])
{
	size_t i = 0;
	int piece = 0, compress = -1;

	memset(a, 0, 8 * sizeof(a[0]));
#define C (i < n ? p[i] : 0x100)
	if (C == ':') {
		if (i + 1 >= n || p[i + 1] != ':')
			return -1;
		i += 2;
		compress = ++piece;
	}
	while (i < n) {
		unsigned value = 0, len = 0;

		if (piece == 8)
			return -1;
		if (C == ':') {
			if (compress != -1)
				return -1;
			i++;
			compress = ++piece;
			continue;
		}
		while (len < 4 && C != 0x100 && hexval(C) >= 0) {
			value = value * 16 + (unsigned)hexval(C);
			i++;
			len++;
		}
		if (C == '.') {
			int seen = 0;

			if (len == 0)
				return -1;
			i -= len;
			if (piece > 6)
				return -1;
			while (i < n) {
				int v4 = -1;

				if (seen > 0) {
					if (C == '.' && seen < 4)
						i++;
					else
						return -1;
				}
				if (!is_digit(C))
					return -1;
				while (is_digit(C)) {
					int d = (int)(C - '0');

					if (v4 == -1)
						v4 = d;
					else if (v4 == 0)
						return -1;
					else
						v4 = v4 * 10 + d;
					if (v4 > 255)
						return -1;
					i++;
				}
				a[piece] = (uint16_t)(a[piece] * 0x100 + v4);
				seen++;
				if (seen == 2 || seen == 4)
					piece++;
			}
			if (seen != 4)
				return -1;
			break;
		} else if (C == ':') {
			i++;
			if (i >= n)
				return -1;
		} else if (i < n) {
			return -1;
		}
		a[piece++] = (uint16_t)value;
	}
#undef C
	if (compress != -1) {
		int swaps = piece - compress;

		piece = 7;
		while (piece != 0 && swaps > 0) {
			uint16_t t = a[piece];

			a[piece] = a[compress + swaps - 1];
			a[compress + swaps - 1] = t;
			piece--;
			swaps--;
		}
	} else if (piece != 8) {
		return -1;
	}
	return 0;
}

static int
ipv6_serialize(struct pbuf *out, const uint16_t a[8])
{
	int i, best = -1, bestlen = 1, ignore0 = 0;

	for (i = 0; i < 8; i++) {
		int j = i;

		while (j < 8 && a[j] == 0)
			j++;
		if (j - i > bestlen) {
			best = i;
			bestlen = j - i;
		}
		if (j > i)
			i = j - 1;
	}
	if (pbuf_append(out, "[", 1) == -1)
		return -1;
	for (i = 0; i < 8; i++) {
		if (ignore0 && a[i] == 0)
			continue;
		ignore0 = 0;
		if (best == i) {
			if (pbuf_append(out, i == 0 ? "::" : ":", i == 0 ? 2 : 1) == -1)
				return -1;
			ignore0 = 1;
			continue;
		}
		if (put_num(out, a[i], 16) == -1 || (i != 7 && pbuf_append(out, ":", 1) == -1))
			return -1;
	}
	return pbuf_append(out, "]", 1);
}

/* The IPv4 number parser: 0 with *v, or -1.  Values saturate above 2^32. */
static int
ipv4_number(const uint8_t *p, size_t n, uint64_t *v)
{
	int radix = 10;
	size_t i;

	if (n == 0)
		return -1;
	if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		n -= 2;
		radix = 16;
	} else if (n >= 2 && p[0] == '0') {
		p++;
		n--;
		radix = 8;
	}
	*v = 0;
	for (i = 0; i < n; i++) {
		int d = hexval(p[i]);

		if (d < 0 || d >= radix)
			return -1;
		*v = *v > 0xFFFFFFFFull ? *v : *v * (unsigned)radix + (unsigned)d;
	}
	return 0;
}

/* The standard's "ends in a number". */
static int
ends_in_number(const uint8_t *p, size_t n)
{
	size_t k, i;
	uint64_t v;

	if (n > 0 && p[n - 1] == '.')
		n--;
	for (k = n; k > 0 && p[k - 1] != '.'; k--)
		;
	if (k == n)
		return 0;
	for (i = k; i < n && is_digit(p[i]); i++)
		;
	return i == n || ipv4_number(p + k, n - k, &v) == 0;
}

/* The IPv4 parser; appends the dotted serialisation. */
static int
ipv4_parse(struct pbuf *out, const uint8_t *p, size_t n)
{
	uint64_t nums[4], v4;
	size_t parts = 0, start = 0, i;
	int k;

	if (n > 0 && p[n - 1] == '.')
		n--;
	for (i = 0; i <= n; i++) {
		if (i < n && p[i] != '.')
			continue;
		if (parts == 4 || ipv4_number(p + start, i - start, &nums[parts]) == -1)
			return -1;
		parts++;
		start = i + 1;
	}
	for (i = 0; i + 1 < parts; i++)
		if (nums[i] > 255)
			return -1;
	if (nums[parts - 1] >= (1ull << (8 * (5 - parts))))
		return -1;
	v4 = nums[parts - 1];
	for (i = 0; i + 1 < parts; i++)
		v4 += nums[i] << (8 * (3 - i));
	for (k = 3; k >= 0; k--)
		if (put_num(out, (unsigned long)((v4 >> (8 * k)) & 255), 10) == -1 ||
		    (k > 0 && pbuf_append(out, ".", 1) == -1))
			return -1;
	return 0;
}

/* The validation errors UTS #46 reports that the standard's options
 * (CheckHyphens and VerifyDnsLength false) do not count. */
#define IDNA_IGNORED (UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | \
	UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | \
	UIDNA_ERROR_HYPHEN_3_4)

/* The fast path: ASCII with no label starting "xn--" only lowercases. */
static int
plain_ascii(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x80)
			return 0;
		if ((i == 0 || p[i - 1] == '.') && n - i >= 4 && eq_nocase(p + i, 4, "xn--"))
			return 0;
	}
	return 1;
}

int
url_domain_to_ascii(struct pbuf *out, const uint8_t *p, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	UIDNAInfo info = UIDNA_INFO_INITIALIZER;
	UIDNA *idna;
	size_t i, at = out->len;
	int32_t len;
	char err[128];
	const struct icu *lib;

	if (plain_ascii(p, n)) {
		for (i = 0; i < n; i++) {
			uint8_t c = lower(p[i]);

			if (pbuf_append(out, &c, 1) == -1)
				return -1;
		}
		return n == 0 ? -1 : 0;
	}
	/* a host ICU cannot be mapped to convert is a host that fails */
	if (n > INT32_MAX / 4 || (lib = icu_get(err, sizeof(err))) == NULL)
		return -1;
	idna = lib->idna_open(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII |
	    UIDNA_NONTRANSITIONAL_TO_UNICODE, &st);
	if (U_FAILURE(st))
		return -1;
	/* punycode takes at most 5 bytes for each UTF-8 byte, and "xn--" per label */
	if (pbuf_reserve(out, n * 8 + 64) == -1) {
		lib->idna_close(idna);
		return -1;
	}
	len = lib->idna_to_ascii(idna, (const char *)p, (int32_t)n, (char *)out->data + at,
	    (int32_t)(out->cap - at), &info, &st);
	lib->idna_close(idna);
	if (U_FAILURE(st) || (info.errors & ~IDNA_IGNORED) != 0 || len <= 0)
		return -1;
	out->len = at + (size_t)len;
	return 0;
}

/* The host parser: appends the serialised host of [p, p+n) to out. */
static int
host_parse(struct pbuf *out, const uint8_t *p, size_t n, int not_special, int *oom)
{
	struct pbuf dec, ascii;
	uint16_t a[8];
	size_t i;
	int rc = -1;

	if (n > 0 && p[0] == '[') {
		if (n < 2 || p[n - 1] != ']' || ipv6_parse(p + 1, n - 2, a) == -1)
			return -1;
		if (ipv6_serialize(out, a) == -1)
			*oom = 1;
		return *oom ? -1 : 0;
	}
	if (not_special) {
		for (i = 0; i < n; i++)
			if (forbidden_host(p[i]))
				return -1;
		if (url_encode(out, p, n, URL_SET_C0) == -1)
			*oom = 1;
		return *oom ? -1 : 0;
	}
	pbuf_init(&dec);
	pbuf_init(&ascii);
	if (url_decode(&dec, p, n) == -1) {
		*oom = 1;
		goto out;
	}
	if (url_domain_to_ascii(&ascii, dec.data, dec.len) == -1)
		goto out;
	for (i = 0; i < ascii.len; i++)
		if (forbidden_domain(ascii.data[i]))
			goto out;
	if (ends_in_number(ascii.data, ascii.len))
		rc = ipv4_parse(out, ascii.data, ascii.len);
	else if ((rc = pbuf_append(out, ascii.data, ascii.len)) == -1)
		*oom = 1;
out:
	pbuf_free(&dec);
	pbuf_free(&ascii);
	return rc;
}

/* ---- the parser ---- */

enum st {
	S_SCHEME_START = URL_SCHEME_START, S_HOST = URL_HOST, S_HOSTNAME = URL_HOSTNAME,
	S_PORT = URL_PORT, S_PATH_START = URL_PATH_START, S_QUERY = URL_QUERY,
	S_FRAGMENT = URL_FRAGMENT,
	S_SCHEME = 100, S_NO_SCHEME, S_SPECIAL_RELATIVE_OR_AUTHORITY, S_PATH_OR_AUTHORITY, S_RELATIVE,
	S_RELATIVE_SLASH, S_SPECIAL_AUTHORITY_SLASHES, S_SPECIAL_AUTHORITY_IGNORE_SLASHES, S_AUTHORITY,
	S_FILE, S_FILE_SLASH, S_FILE_HOST, S_PATH, S_OPAQUE_PATH,
};

/* What a state step says: go on, stop with success, or fail. */
enum step { GO, DONE, FAIL };

static void
app(struct parser *ps, struct pbuf *b, const void *p, size_t n)
{
	if (n && pbuf_append(b, p, n) == -1)
		ps->oom = 1;
}

int
url_put_utf8(struct pbuf *out, uint32_t c)
{
	uint8_t u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (uint8_t)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (uint8_t)(0xC0 | (c >> 6));
		u[1] = (uint8_t)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (uint8_t)(0xE0 | (c >> 12));
		u[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (uint8_t)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (uint8_t)(0xF0 | (c >> 18));
		u[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (uint8_t)(0x80 | (c & 0x3F));
		n = 4;
	}
	return pbuf_append(out, u, n);
}

size_t
url_utf8_decode(const uint8_t *p, size_t n, uint32_t *out)
{
	size_t i = 0, k = 0;
	unsigned need = 0, seen = 0;
	uint32_t cp = 0;
	uint8_t lo = 0x80, hi = 0xBF;

	while (i < n) {
		uint8_t b = p[i];

		if (need == 0) {
			i++;
			if (b <= 0x7F) {
				out[k++] = b;
			} else if (b >= 0xC2 && b <= 0xDF) {
				need = 1;
				cp = b & 0x1F;
			} else if (b >= 0xE0 && b <= 0xEF) {
				lo = b == 0xE0 ? 0xA0 : 0x80;
				hi = b == 0xED ? 0x9F : 0xBF;
				need = 2;
				cp = b & 0x0F;
			} else if (b >= 0xF0 && b <= 0xF4) {
				lo = b == 0xF0 ? 0x90 : 0x80;
				hi = b == 0xF4 ? 0x8F : 0xBF;
				need = 3;
				cp = b & 0x07;
			} else {
				out[k++] = 0xFFFD;
			}
			continue;
		}
		if (b < lo || b > hi) {
			/* the byte is looked at again as a lead */
			need = seen = 0;
			lo = 0x80;
			hi = 0xBF;
			out[k++] = 0xFFFD;
			continue;
		}
		i++;
		lo = 0x80;
		hi = 0xBF;
		cp = (cp << 6) | (b & 0x3F);
		if (++seen == need) {
			out[k++] = cp;
			need = seen = 0;
		}
	}
	if (need)
		out[k++] = 0xFFFD;
	return k;
}

/* Appends code point c, percent-encoded by set (raw when set < 0). */
static void
app_cp(struct parser *ps, struct pbuf *b, uint32_t c, int set)
{
	struct pbuf one;
	uint8_t u[4];

	if (set < 0 || !in_set(c, (enum url_set)set)) {
		if (url_put_utf8(b, c) == -1)
			ps->oom = 1;
		return;
	}
	one.data = u;
	one.len = 0;
	one.cap = sizeof(u);
	one.limit = sizeof(u);
	if (url_put_utf8(&one, c) == -1 || url_encode(b, u, one.len, (enum url_set)set) == -1)
		ps->oom = 1;
}

static uint32_t
at(const struct parser *ps, size_t i)
{
	return i < ps->n ? ps->in[i] : EOF_CP;
}

static int
remaining_starts(const struct parser *ps, uint32_t c)
{
	return at(ps, ps->i + 1) == c;
}

static void
empty_query(struct parser *ps)
{
	pbuf_reset(&ps->url->query);
	ps->url->has_query = 1;
}

static void
empty_frag(struct parser *ps)
{
	pbuf_reset(&ps->url->frag);
	ps->url->has_frag = 1;
}

static void
copy_from_base(struct parser *ps, int path_and_query)
{
	struct url_rec *u = ps->url;
	const struct url_rec *b = ps->base;

	ps->oom |= set_buf(&u->user, &b->user) || set_buf(&u->pass, &b->pass) ||
	    set_buf(&u->host, &b->host);
	u->has_host = b->has_host;
	u->port = b->port;
	if (!path_and_query)
		return;
	ps->oom |= set_buf(&u->path, &b->path) || set_buf(&u->query, &b->query);
	u->has_query = b->has_query;
}

static int
base_is(const struct parser *ps, const char *scheme)
{
	return ps->base != NULL && eq(&ps->base->scheme, scheme);
}

static enum step
st_scheme(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	struct pbuf *b = &ps->buf;
	long dflt;

	if (c != EOF_CP && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.')) {
		uint8_t l = lower(c);

		app(ps, b, &l, 1);
		return GO;
	}
	if (c != ':') {
		if (ps->override)
			return FAIL;
		pbuf_reset(b);
		*s = S_NO_SCHEME;
		ps->i = (size_t)-1;
		return GO;
	}
	if (ps->override) {
		if (special(u) != url_special(b->data, b->len))
			return DONE;
		if ((u->user.len || u->pass.len || u->port != -1) && eq(b, "file"))
			return DONE;
		if (eq(&u->scheme, "file") && u->has_host && u->host.len == 0)
			return DONE;
	}
	ps->oom |= set_buf(&u->scheme, b);
	if (ps->override) {
		dflt = url_default_port(u->scheme.data, u->scheme.len);
		if (dflt != -1 && u->port == dflt)
			u->port = -1;
		return DONE;
	}
	pbuf_reset(b);
	if (eq(&u->scheme, "file")) {
		*s = S_FILE;
	} else if (special(u) && ps->base != NULL && same(&ps->base->scheme, &u->scheme)) {
		*s = S_SPECIAL_RELATIVE_OR_AUTHORITY;
	} else if (special(u)) {
		*s = S_SPECIAL_AUTHORITY_SLASHES;
	} else if (remaining_starts(ps, '/')) {
		*s = S_PATH_OR_AUTHORITY;
		ps->i++;
	} else {
		pbuf_reset(&u->path);
		u->opaque = 1;
		*s = S_OPAQUE_PATH;
	}
	return GO;
}

static enum step
st_no_scheme(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	const struct url_rec *b = ps->base;

	if (b == NULL || (b->opaque && c != '#'))
		return FAIL;
	if (b->opaque) {
		ps->oom |= set_buf(&u->scheme, &b->scheme) || set_buf(&u->path, &b->path) ||
		    set_buf(&u->query, &b->query);
		u->opaque = 1;
		u->has_query = b->has_query;
		empty_frag(ps);
		*s = S_FRAGMENT;
		return GO;
	}
	*s = eq(&b->scheme, "file") ? S_FILE : S_RELATIVE;
	ps->i--;
	return GO;
}

static enum step
st_relative(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;

	ps->oom |= set_buf(&u->scheme, &ps->base->scheme);
	if (c == '/' || (special(u) && c == '\\')) {
		*s = S_RELATIVE_SLASH;
		return GO;
	}
	copy_from_base(ps, 1);
	if (c == '?') {
		empty_query(ps);
		*s = S_QUERY;
	} else if (c == '#') {
		empty_frag(ps);
		*s = S_FRAGMENT;
	} else if (c != EOF_CP) {
		u->has_query = 0;
		pbuf_reset(&u->query);
		shorten_path(u);
		*s = S_PATH;
		ps->i--;
	}
	return GO;
}

static enum step
st_authority(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	struct pbuf *b = &ps->buf;
	size_t k, cps = 0;

	if (c == '@') {
		if (ps->at_seen) {
			struct pbuf t;

			pbuf_init(&t);
			app(ps, &t, "%40", 3);
			app(ps, &t, b->data, b->len);
			pbuf_free(b);
			*b = t;
		}
		ps->at_seen = 1;
		for (k = 0; k < b->len; k++) {
			if (b->data[k] == ':' && !ps->pass_seen) {
				ps->pass_seen = 1;
				continue;
			}
			if (url_encode(ps->pass_seen ? &u->pass : &u->user, b->data + k, 1, URL_SET_USERINFO) == -1)
				ps->oom = 1;
		}
		pbuf_reset(b);
		return GO;
	}
	if (c == EOF_CP || c == '/' || c == '?' || c == '#' || (special(u) && c == '\\')) {
		if (ps->at_seen && b->len == 0)
			return FAIL;
		for (k = 0; k < b->len; k++)
			cps += (b->data[k] & 0xC0) != 0x80;
		ps->i -= cps + 1;
		pbuf_reset(b);
		*s = S_HOST;
		return GO;
	}
	app_cp(ps, b, c, -1);
	return GO;
}

/* Parses the buffer as the URL's host. */
static int
take_host(struct parser *ps)
{
	struct url_rec *u = ps->url;
	struct pbuf h;
	int rc;

	pbuf_init(&h);
	rc = host_parse(&h, ps->buf.data, ps->buf.len, !special(u), &ps->oom);
	if (rc == 0) {
		pbuf_free(&u->host);
		u->host = h;
		u->has_host = 1;
	} else {
		pbuf_free(&h);
	}
	pbuf_reset(&ps->buf);
	return rc;
}

static enum step
st_host(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	struct pbuf *b = &ps->buf;

	if (ps->override && eq(&u->scheme, "file")) {
		ps->i--;
		*s = S_FILE_HOST;
		return GO;
	}
	if (c == ':' && !ps->in_brackets) {
		if (b->len == 0)
			return FAIL;
		if (ps->override == URL_HOSTNAME)
			return FAIL;
		if (take_host(ps) == -1)
			return FAIL;
		*s = S_PORT;
		return GO;
	}
	if (c == EOF_CP || c == '/' || c == '?' || c == '#' || (special(u) && c == '\\')) {
		ps->i--;
		if (special(u) && b->len == 0)
			return FAIL;
		if (ps->override && b->len == 0 && (u->user.len || u->pass.len || u->port != -1))
			return FAIL;
		if (take_host(ps) == -1)
			return FAIL;
		*s = S_PATH_START;
		return ps->override ? DONE : GO;
	}
	if (c == '[')
		ps->in_brackets = 1;
	if (c == ']')
		ps->in_brackets = 0;
	app_cp(ps, b, c, -1);
	return GO;
}

static enum step
st_port(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	struct pbuf *b = &ps->buf;
	long port = 0;
	size_t k;

	if (is_digit(c)) {
		app_cp(ps, b, c, -1);
		return GO;
	}
	if (!(c == EOF_CP || c == '/' || c == '?' || c == '#' || (special(u) && c == '\\') || ps->override))
		return FAIL;
	if (b->len) {
		for (k = 0; k < b->len; k++) {
			port = port * 10 + (b->data[k] - '0');
			if (port > 65535)
				return FAIL;
		}
		u->port = port == url_default_port(u->scheme.data, u->scheme.len) ? -1 : port;
		pbuf_reset(b);
	}
	if (ps->override)
		return DONE;
	*s = S_PATH_START;
	ps->i--;
	return GO;
}

static enum step
st_file(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;

	pbuf_reset(&u->scheme);
	app(ps, &u->scheme, "file", 4);
	pbuf_reset(&u->host);
	u->has_host = 1;
	if (c == '/' || c == '\\') {
		*s = S_FILE_SLASH;
		return GO;
	}
	if (base_is(ps, "file")) {
		ps->oom |= set_buf(&u->host, &ps->base->host) || set_buf(&u->path, &ps->base->path) ||
		    set_buf(&u->query, &ps->base->query);
		u->has_host = ps->base->has_host;
		u->has_query = ps->base->has_query;
		if (c == '?') {
			empty_query(ps);
			*s = S_QUERY;
			return GO;
		}
		if (c == '#') {
			empty_frag(ps);
			*s = S_FRAGMENT;
			return GO;
		}
		if (c != EOF_CP) {
			u->has_query = 0;
			pbuf_reset(&u->query);
			if (!starts_with_drive(ps, ps->i))
				shorten_path(u);
			else
				pbuf_reset(&u->path);
			*s = S_PATH;
			ps->i--;
		}
		return GO;
	}
	*s = S_PATH;
	ps->i--;
	return GO;
}

static enum step
st_file_slash(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;

	if (c == '/' || c == '\\') {
		*s = S_FILE_HOST;
		return GO;
	}
	if (base_is(ps, "file")) {
		ps->oom |= set_buf(&u->host, &ps->base->host);
		u->has_host = ps->base->has_host;
		if (!starts_with_drive(ps, ps->i) && path_starts_drive(&ps->base->path))
			app(ps, &u->path, ps->base->path.data, 3);
	}
	*s = S_PATH;
	ps->i--;
	return GO;
}

static enum step
st_file_host(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	struct pbuf *b = &ps->buf;

	if (!(c == EOF_CP || c == '/' || c == '\\' || c == '?' || c == '#')) {
		app_cp(ps, b, c, -1);
		return GO;
	}
	ps->i--;
	if (!ps->override && drive_letter(b->data, b->len, 0)) {
		*s = S_PATH;	/* the buffer is kept for the path state */
		return GO;
	}
	if (b->len == 0) {
		pbuf_reset(&u->host);
		u->has_host = 1;
		if (ps->override)
			return DONE;
		*s = S_PATH_START;
		return GO;
	}
	if (take_host(ps) == -1)
		return FAIL;
	if (eq(&u->host, "localhost"))
		pbuf_reset(&u->host);
	if (ps->override)
		return DONE;
	*s = S_PATH_START;
	return GO;
}

static enum step
st_path_start(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;

	if (special(u)) {
		*s = S_PATH;
		if (c != '/' && c != '\\')
			ps->i--;
	} else if (!ps->override && c == '?') {
		empty_query(ps);
		*s = S_QUERY;
	} else if (!ps->override && c == '#') {
		empty_frag(ps);
		*s = S_FRAGMENT;
	} else if (c != EOF_CP) {
		*s = S_PATH;
		if (c != '/')
			ps->i--;
	} else if (ps->override && !u->has_host) {
		app(ps, &u->path, "/", 1);
	}
	return GO;
}

static enum step
st_path(struct parser *ps, uint32_t c, enum st *s)
{
	struct url_rec *u = ps->url;
	struct pbuf *b = &ps->buf;
	int slash = c == '/' || (special(u) && c == '\\');

	if (!(c == EOF_CP || slash || (!ps->override && (c == '?' || c == '#')))) {
		app_cp(ps, b, c, URL_SET_PATH);
		return GO;
	}
	if (double_dot(b)) {
		shorten_path(u);
		if (!slash)
			app(ps, &u->path, "/", 1);
	} else if (single_dot(b) && !slash) {
		app(ps, &u->path, "/", 1);
	} else if (!single_dot(b)) {
		if (eq(&u->scheme, "file") && u->path.len == 0 && drive_letter(b->data, b->len, 0))
			b->data[1] = ':';
		app(ps, &u->path, "/", 1);
		app(ps, &u->path, b->data, b->len);
	}
	pbuf_reset(b);
	if (c == '?') {
		empty_query(ps);
		*s = S_QUERY;
	} else if (c == '#') {
		empty_frag(ps);
		*s = S_FRAGMENT;
	}
	return GO;
}

static enum step
st_opaque_path(struct parser *ps, uint32_t c, enum st *s)
{
	if (c == '?') {
		empty_query(ps);
		*s = S_QUERY;
	} else if (c == '#') {
		empty_frag(ps);
		*s = S_FRAGMENT;
	} else if (c != EOF_CP) {
		app_cp(ps, &ps->url->path, c, URL_SET_C0);
	}
	return GO;
}

static enum step
step(struct parser *ps, enum st *s)
{
	uint32_t c = at(ps, ps->i);
	struct url_rec *u = ps->url;

	switch (*s) {
	case S_SCHEME_START:
		if (is_alpha(c)) {
			uint8_t l = lower(c);

			app(ps, &ps->buf, &l, 1);
			*s = S_SCHEME;
		} else if (!ps->override) {
			*s = S_NO_SCHEME;
			ps->i--;
		} else {
			return FAIL;
		}
		return GO;
	case S_SCHEME:
		return st_scheme(ps, c, s);
	case S_NO_SCHEME:
		return st_no_scheme(ps, c, s);
	case S_SPECIAL_RELATIVE_OR_AUTHORITY:
		if (c == '/' && remaining_starts(ps, '/')) {
			*s = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
			ps->i++;
		} else {
			*s = S_RELATIVE;
			ps->i--;
		}
		return GO;
	case S_PATH_OR_AUTHORITY:
		*s = c == '/' ? S_AUTHORITY : S_PATH;
		if (c != '/')
			ps->i--;
		return GO;
	case S_RELATIVE:
		return st_relative(ps, c, s);
	case S_RELATIVE_SLASH:
		if (special(u) && (c == '/' || c == '\\')) {
			*s = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
		} else if (c == '/') {
			*s = S_AUTHORITY;
		} else {
			copy_from_base(ps, 0);
			*s = S_PATH;
			ps->i--;
		}
		return GO;
	case S_SPECIAL_AUTHORITY_SLASHES:
		*s = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
		if (c == '/' && remaining_starts(ps, '/'))
			ps->i++;
		else
			ps->i--;
		return GO;
	case S_SPECIAL_AUTHORITY_IGNORE_SLASHES:
		if (c != '/' && c != '\\') {
			*s = S_AUTHORITY;
			ps->i--;
		}
		return GO;
	case S_AUTHORITY:
		return st_authority(ps, c, s);
	case S_HOST:
	case S_HOSTNAME:
		return st_host(ps, c, s);
	case S_PORT:
		return st_port(ps, c, s);
	case S_FILE:
		return st_file(ps, c, s);
	case S_FILE_SLASH:
		return st_file_slash(ps, c, s);
	case S_FILE_HOST:
		return st_file_host(ps, c, s);
	case S_PATH_START:
		return st_path_start(ps, c, s);
	case S_PATH:
		return st_path(ps, c, s);
	case S_OPAQUE_PATH:
		return st_opaque_path(ps, c, s);
	case S_QUERY:
		if (c == EOF_CP || (!ps->override && c == '#')) {
			if (c == '#') {
				empty_frag(ps);
				*s = S_FRAGMENT;
			}
		} else {
			app_cp(ps, &u->query, c, special(u) ? URL_SET_SPECIAL_QUERY : URL_SET_QUERY);
		}
		return GO;
	case S_FRAGMENT:
		if (c != EOF_CP)
			app_cp(ps, &u->frag, c, URL_SET_FRAGMENT);
		return GO;
	}
	return FAIL;
}

int
url_parse(const uint32_t *in, size_t n, const struct url_rec *base, struct url_rec *url,
    enum url_state override, int *err)
{
	struct parser ps = { .base = base, .url = url, .override = override };
	enum st s = override ? (enum st)override : S_SCHEME_START;
	enum step r = GO;
	uint32_t *clean;
	size_t i;

	if (!override) {
		while (n > 0 && in[0] <= 0x20) {
			in++;
			n--;
		}
		while (n > 0 && in[n - 1] <= 0x20)
			n--;
	}
	/* tabs and newlines go first: the states step back over the input */
	clean = malloc((n ? n : 1) * sizeof(*clean));
	if (clean == NULL) {
		*err = URL_ERR_NOMEM;
		return -1;
	}
	for (i = 0; i < n; i++)
		if (in[i] != '\t' && in[i] != '\n' && in[i] != '\r')
			clean[ps.n++] = in[i];
	ps.in = clean;
	pbuf_init(&ps.buf);
	/* the pointer may step back to "before 0" (SIZE_MAX) and is then
	 * incremented; the machine stops after a run at the EOF code point */
	for (ps.i = 0;; ps.i++) {
		r = step(&ps, &s);
		if (r != GO || ps.oom || ps.i == ps.n)
			break;
	}
	pbuf_free(&ps.buf);
	free(clean);
	*err = ps.oom ? URL_ERR_NOMEM : r == FAIL ? URL_ERR_INVALID : URL_OK;
	return *err == URL_OK ? 0 : -1;
}
