/*
 * clone_json.c - tagged JSON (docs/protocol.md section 5) <-> clone bytes.
 *
 * Parsing is jansson's: JSON_DECODE_INT_AS_REAL makes every number a
 * double, as in JS, so integers past 2^53 arrive rounded (never an error);
 * duplicate keys are refused (JSON_REJECT_DUPLICATES) because which one
 * wins is not something a user should have to guess; \u0000 is allowed in
 * strings.  Both directions count identity indices exactly as
 * docs/protocol.md 4.1 does, so {"$type":"ref"} and ext 15 agree.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clone.h"
#include "clone_json.h"
#include "mpread.h"
#include "mpwrite.h"
#include "utf8.h"

#define MAX_SAFE 9007199254740991.0
#define MAX_TIME 8.64e15

/* What the converters know about each identity index. */
struct objinfo {
	bool arraybuffer;
	uint32_t len;	/* byte length of an ArrayBuffer */
};

struct conv {
	char *err;
	size_t errlen;
	bool failed;
	int depth;
	struct objinfo *objs;
	size_t nobjs, cap;
	int precision;	/* bytes -> JSON: digits the reals need */
};

static int fail(struct conv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct conv *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	c->failed = true;
	return -1;
}

static long
obj_add(struct conv *c, bool arraybuffer, uint32_t len)
{
	if (c->nobjs == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct objinfo *n = realloc(c->objs, cap * sizeof(*n));

		if (n == NULL)
			return fail(c, "out of memory");
		c->objs = n;
		c->cap = cap;
	}
	c->objs[c->nobjs].arraybuffer = arraybuffer;
	c->objs[c->nobjs].len = len;
	return (long)c->nobjs++;
}

static int
enter(struct conv *c)
{
	if (c->depth >= CLONE_MAX_DEPTH)
		return fail(c, "nesting deeper than %d levels", CLONE_MAX_DEPTH);
	c->depth++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* base64 and dates                                                     */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *
b64_encode(const uint8_t *p, size_t n)
{
	char *o = malloc((n + 2) / 3 * 4 + 1), *w = o;

	if (o == NULL)
		return NULL;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
		*w++ = b64[v >> 18];
		*w++ = b64[(v >> 12) & 63];
		*w++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		*w++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*w = '\0';
	return o;
}

static int
b64_val(char ch)
{
	const char *q = ch ? strchr(b64, ch) : NULL;

	return q ? (int)(q - b64) : -1;
}

/* Strict: padded to a multiple of 4, nothing but the alphabet. */
static int
b64_decode(const char *s, size_t n, struct pbuf *out)
{
	size_t pad = 0;

	if (n % 4 != 0)
		return -1;
	if (n > 0 && s[n - 1] == '=')
		pad = (n > 1 && s[n - 2] == '=') ? 2 : 1;
	if (pbuf_reserve(out, n / 4 * 3) == -1)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		uint8_t b[3];
		size_t k = (i + 4 == n) ? 3 - pad : 3;

		for (int j = 0; j < 4; j++) {
			v[j] = (i + (size_t)j >= n - pad) ? 0 : b64_val(s[i + j]);
			if (v[j] < 0)
				return -1;
		}
		b[0] = (uint8_t)(v[0] << 2 | v[1] >> 4);
		b[1] = (uint8_t)((v[1] & 15) << 4 | v[2] >> 2);
		b[2] = (uint8_t)((v[2] & 3) << 6 | v[3]);
		pbuf_append(out, b, k);
	}
	return 0;
}

static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* Date.prototype.toISOString's form; a time value is whole milliseconds. */
static void
iso_format(double t, char *o, size_t n)
{
	int64_t ms = (int64_t)t, days = ms / 86400000, rem = ms % 86400000, y;
	unsigned m, d;

	if (rem < 0) {
		rem += 86400000;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y >= 0 && y <= 9999)
		snprintf(o, n, "%04lld", (long long)y);
	else
		snprintf(o, n, "%c%06lld", y < 0 ? '-' : '+', (long long)(y < 0 ? -y : y));
	snprintf(o + strlen(o), n - strlen(o), "-%02u-%02uT%02u:%02u:%02u.%03uZ", m, d,
	    (unsigned)(rem / 3600000), (unsigned)(rem / 60000 % 60), (unsigned)(rem / 1000 % 60),
	    (unsigned)(rem % 1000));
}

static bool
digits(const char *s, int n, int64_t *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

static int
iso_parse(const char *s, size_t n, double *t)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t y, mo, d, h, mi, sec, ms;
	size_t yl = (s[0] == '+' || s[0] == '-') ? 7 : 4;
	const char *r = s + yl;
	bool leap;

	if (n != yl + 20 || !digits(s + (yl == 7), (int)yl - (yl == 7), &y))
		return -1;
	if (s[0] == '-')
		y = -y;
	if (r[0] != '-' || r[3] != '-' || r[6] != 'T' || r[9] != ':' || r[12] != ':' || r[15] != '.' || r[19] != 'Z')
		return -1;
	if (!digits(r + 1, 2, &mo) || !digits(r + 4, 2, &d) || !digits(r + 7, 2, &h) || !digits(r + 10, 2, &mi) ||
	    !digits(r + 13, 2, &sec) || !digits(r + 16, 3, &ms))
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 ||
	    sec > 59)
		return -1;
	*t = (double)days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400000.0 + (double)(h * 3600000 + mi * 60000 +
	    sec * 1000 + ms);
	return fabs(*t) <= MAX_TIME ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* JSON -> bytes                                                        */

struct fj {
	struct conv c;
	struct pbuf *out;
	struct pbuf tmp;
};

static int fj_value(struct fj *st, json_t *j);
static int fj_tagged(struct fj *st, json_t *o, const char *tag);

static int
oom(struct fj *st)
{
	return fail(&st->c, "value too large or out of memory");
}

static int
put(struct fj *st, int r)
{
	return r == -1 ? oom(st) : 0;
}

static int
fj_number(struct fj *st, double d)
{
	if (d == trunc(d) && fabs(d) <= MAX_SAFE && !(d == 0 && signbit(d)))
		return put(st, mpw_int(st->out, (int64_t)d));
	return put(st, mpw_double(st->out, d));
}

static json_t *
field(json_t *o, const char *k)
{
	return json_object_get(o, k);
}

static int
want_fields(struct fj *st, json_t *o, const char *tag, const char *const *allowed)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		bool ok = strcmp(k, "$type") == 0;

		for (size_t i = 0; allowed[i] != NULL && !ok; i++)
			ok = strcmp(k, allowed[i]) == 0;
		if (!ok)
			return fail(&st->c, "%s: unknown field \"%s\"", tag, k);
	}
	return 0;
}

/* {"$type":"number","value":"NaN"} and friends, or a plain number. */
static int
number_of(struct fj *st, json_t *j, double *d)
{
	const char *s;

	if (json_is_number(j)) {
		*d = json_number_value(j);
		return 0;
	}
	if (json_is_object(j) && json_is_string(field(j, "$type")) &&
	    strcmp(json_string_value(field(j, "$type")), "number") == 0 && json_object_size(j) == 2 &&
	    (s = json_string_value(field(j, "value"))) != NULL) {
		if (strcmp(s, "NaN") == 0)
			*d = NAN;
		else if (strcmp(s, "Infinity") == 0)
			*d = INFINITY;
		else if (strcmp(s, "-Infinity") == 0)
			*d = -INFINITY;
		else if (strcmp(s, "-0") == 0)
			*d = -0.0;
		else
			return fail(&st->c, "number: bad value \"%s\"", s);
		return 0;
	}
	return fail(&st->c, "expected a number");
}

static int
uint_of(struct fj *st, json_t *j, const char *what, uint64_t max, uint64_t *v)
{
	double d;

	if (!json_is_number(j) || (d = json_number_value(j)) < 0 || d != trunc(d) || d > (double)max)
		return fail(&st->c, "%s is not an integer in 0..%llu", what, (unsigned long long)max);
	*v = (uint64_t)d;
	return 0;
}

/* Element i of a codeUnits array as a UTF-16 code unit. */
static bool
unit_at(json_t *units, size_t i, uint32_t *u)
{
	json_t *v = json_array_get(units, i);
	double d = json_number_value(v);

	if (!json_is_number(v) || d < 0 || d > 0xFFFF || d != trunc(d))
		return false;
	*u = (uint32_t)d;
	return true;
}

/* One code point (a lone surrogate included) as UTF-8/WTF-8 into b. */
static size_t
put_cp(uint8_t *b, uint32_t cp)
{
	if (cp < 0x80) {
		b[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (uint8_t)(0xC0 | cp >> 6);
		b[1] = (uint8_t)(0x80 | (cp & 63));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (uint8_t)(0xE0 | cp >> 12);
		b[1] = (uint8_t)(0x80 | ((cp >> 6) & 63));
		b[2] = (uint8_t)(0x80 | (cp & 63));
		return 3;
	}
	b[0] = (uint8_t)(0xF0 | cp >> 18);
	b[1] = (uint8_t)(0x80 | ((cp >> 12) & 63));
	b[2] = (uint8_t)(0x80 | ((cp >> 6) & 63));
	b[3] = (uint8_t)(0x80 | (cp & 63));
	return 4;
}

/* {"$type":"string","codeUnits":[...]}: UTF-16 units -> WTF-8 in tmp,
 * pairs joined, *lone set when an unpaired surrogate remains. */
static int
code_units(struct fj *st, json_t *units, bool *lone)
{
	size_t n = json_array_size(units);
	uint32_t u, lo;
	uint8_t b[4];

	*lone = false;
	pbuf_reset(&st->tmp);
	if (!json_is_array(units))
		return fail(&st->c, "string: codeUnits is not an array");
	for (size_t i = 0; i < n; i++) {
		if (!unit_at(units, i, &u))
			return fail(&st->c, "string: a code unit is not an integer in 0..65535");
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n && unit_at(units, i + 1, &lo) && lo >= 0xDC00 &&
		    lo <= 0xDFFF) {
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			i++;
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			*lone = true;
		}
		if (pbuf_append(&st->tmp, b, put_cp(b, u)) == -1)
			return oom(st);
	}
	return 0;
}

/* A JSON string or a codeUnits tag: str, or ext 17 when it holds lone
 * surrogates. */
static int
fj_string(struct fj *st, json_t *j, const char *what, const char *dflt)
{
	bool lone;

	if (j == NULL && dflt != NULL)
		return put(st, mpw_str(st->out, dflt, strlen(dflt)));
	if (json_is_string(j))
		return put(st, mpw_str(st->out, json_string_value(j), json_string_length(j)));
	if (!json_is_object(j) || !json_is_string(field(j, "$type")) ||
	    strcmp(json_string_value(field(j, "$type")), "string") != 0 || json_object_size(j) != 2)
		return fail(&st->c, "%s is not a string", what);
	if (code_units(st, field(j, "codeUnits"), &lone) == -1)
		return -1;
	if (lone)
		return put(st, mpw_ext(st->out, CX_WSTRING, st->tmp.data, st->tmp.len));
	return put(st, mpw_str(st->out, (const char *)st->tmp.data, st->tmp.len));
}

static int
hole_bytes(struct fj *st, uint64_t n)
{
	uint8_t tmp[9];

	if (n == 0)
		return 0;
	if (n == 1)
		return put(st, mpw_ext(st->out, CX_HOLE, NULL, 0));
	return put(st, mpw_ext(st->out, CX_HOLE, tmp, clone_uint_bytes(tmp, n)));
}

/* Hole count of {"$type":"hole"} (1, or its "count"), 0 if j is no hole. */
static int
hole_of(struct fj *st, json_t *j, uint64_t *n)
{
	json_t *cnt;

	*n = 0;
	if (!json_is_object(j) || !json_is_string(field(j, "$type")) ||
	    strcmp(json_string_value(field(j, "$type")), "hole") != 0)
		return 0;
	cnt = field(j, "count");
	if (json_object_size(j) != (cnt ? 2u : 1u))
		return fail(&st->c, "hole: unknown field");
	if (cnt == NULL) {
		*n = 1;
		return 0;
	}
	if (uint_of(st, cnt, "hole count", 0xFFFFFFFF, n) == -1)
		return -1;
	return *n == 0 ? fail(&st->c, "hole count is 0") : 0;
}

/* Array items with hole runs merged; *slots counts the slots covered, a
 * trailing run is left unwritten and counted in *tail. */
static int
fj_items(struct fj *st, json_t *items, uint64_t *slots, size_t *written, uint64_t *tail)
{
	uint64_t run = 0, n;

	*slots = 0;
	*written = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *e = json_array_get(items, i);

		if (hole_of(st, e, &n) == -1)
			return -1;
		if (n > 0) {
			run += n;
			*slots += n;
			if (*slots > 0xFFFFFFFF)
				return fail(&st->c, "array longer than 2^32 - 1");
			continue;
		}
		if (run > 0) {
			if (hole_bytes(st, run) == -1)
				return -1;
			(*written)++;
			run = 0;
		}
		if (fj_value(st, e) == -1)
			return -1;
		(*written)++;
		(*slots)++;
	}
	*tail = run;
	return 0;
}

static int
fj_pairs(struct fj *st, json_t *o)
{
	const char *k;
	size_t klen;
	json_t *v;

	json_object_keylen_foreach(o, k, klen, v) {
		if (put(st, mpw_str(st->out, k, klen)) == -1 || fj_value(st, v) == -1)
			return -1;
	}
	return 0;
}

/* [[key, value], ...]: the form for keys holding NUL. */
static int
fj_entries(struct fj *st, json_t *list)
{
	size_t i;
	json_t *e;

	json_array_foreach(list, i, e) {
		json_t *k = json_array_get(e, 0);

		if (!json_is_array(e) || json_array_size(e) != 2 || !json_is_string(k))
			return fail(&st->c, "entries: an entry is not a [string, value] pair");
		if (put(st, mpw_str(st->out, json_string_value(k), json_string_length(k))) == -1 ||
		    fj_value(st, json_array_get(e, 1)) == -1)
			return -1;
	}
	return 0;
}

/* A map from a JSON object, or from an entries array. */
static int
fj_map(struct fj *st, json_t *o)
{
	size_t n = json_is_array(o) ? json_array_size(o) : json_object_size(o);

	if (obj_add(&st->c, false, 0) < 0 || put(st, mpw_map(st->out, (uint32_t)n)) == -1)
		return -1;
	return json_is_array(o) ? fj_entries(st, o) : fj_pairs(st, o);
}

/* Puts hdr[0..n) in front of the bytes written since pos. */
static int
insert_at(struct fj *st, size_t pos, const void *hdr, size_t n)
{
	if (pbuf_reserve(st->out, n) == -1)
		return oom(st);
	memmove(st->out->data + pos + n, st->out->data + pos, st->out->len - pos);
	memcpy(st->out->data + pos, hdr, n);
	st->out->len += n;
	return 0;
}

/* Array tag or a plain JSON array: ext 16 when it has trailing holes,
 * extra properties, or a length past its items. */
static int
fj_array(struct fj *st, json_t *items, json_t *length, json_t *props)
{
	size_t pos = st->out->len, written;
	uint64_t slots, len = 0, tail = 0;
	uint8_t hdr[6 + 9];
	struct pbuf h = { hdr, 0, 5, 5 };	/* never reallocated: limit == capacity */

	if (obj_add(&st->c, false, 0) < 0)
		return -1;
	if (length != NULL && uint_of(st, length, "Array length", 0xFFFFFFFF, &len) == -1)
		return -1;
	if (props != NULL && !json_is_object(props) && !json_is_array(props))
		return fail(&st->c, "Array: props is not an object or an entries array");
	if (items != NULL && !json_is_array(items))
		return fail(&st->c, "Array: items is not an array");
	if (fj_items(st, items, &slots, &written, &tail) == -1)
		return -1;
	if (length == NULL)
		len = slots;
	if (slots > len)
		return fail(&st->c, "Array: items past its length");
	if (tail == 0 && slots == len && json_object_size(props) == 0 && json_array_size(props) == 0) {
		mpw_array(&h, (uint32_t)written);
		return insert_at(st, pos, h.data, h.len);
	}
	slots -= tail;
	hdr[0] = 0xc9;
	memset(hdr + 1, 0, 4);
	hdr[5] = CX_ARRAY;
	if (insert_at(st, pos, hdr, 6 + clone_uint_bytes(hdr + 6, len)) == -1 || hole_bytes(st, len - slots) == -1)
		return -1;
	if (props != NULL && (json_is_array(props) ? fj_entries(st, props) : fj_pairs(st, props)) == -1)
		return -1;
	return put(st, mpw_ext32_end(st->out, (long)pos));
}

static int
fj_bytes(struct fj *st, json_t *j, const char *what)
{
	pbuf_reset(&st->tmp);
	if (!json_is_string(j) || b64_decode(json_string_value(j), json_string_length(j), &st->tmp) == -1)
		return fail(&st->c, "%s: base64 is not valid", what);
	return 0;
}

static int
fj_view(struct fj *st, json_t *o, int kind, const char *tag)
{
	static const char *const compact[] = { "base64", NULL };
	static const char *const general[] = { "buffer", "byteOffset", "length", NULL };
	unsigned size = clone_view_size(kind);
	uint64_t off, len, u;
	uint8_t k = (uint8_t)kind;
	json_t *buf;
	long ext, bi;

	if (field(o, "base64") != NULL) {
		if (want_fields(st, o, tag, compact) == -1 || fj_bytes(st, field(o, "base64"), tag) == -1)
			return -1;
		if (st->tmp.len % size != 0)
			return fail(&st->c, "%s: bytes are not a whole number of elements", tag);
		if (obj_add(&st->c, false, 0) < 0 || obj_add(&st->c, true, (uint32_t)st->tmp.len) < 0)
			return -1;
		if (kind == CV_UINT8)
			return put(st, mpw_bin(st->out, st->tmp.data, st->tmp.len));
		if ((ext = mpw_ext32_begin(st->out, CX_VIEW)) == -1 || pbuf_append(st->out, &k, 1) == -1 ||
		    pbuf_append(st->out, st->tmp.data, st->tmp.len) == -1)
			return oom(st);
		return put(st, mpw_ext32_end(st->out, ext));
	}
	if (want_fields(st, o, tag, general) == -1 || uint_of(st, field(o, "byteOffset"), "byteOffset", 0xFFFFFFFF, &off) == -1 ||
	    uint_of(st, field(o, "length"), "length", 0xFFFFFFFF, &len) == -1)
		return -1;
	if (obj_add(&st->c, false, 0) < 0)
		return -1;
	if ((ext = mpw_ext32_begin(st->out, CX_VIEW_FULL)) == -1 || mpw_uint(st->out, (uint64_t)kind) == -1 ||
	    mpw_uint(st->out, off) == -1 || mpw_uint(st->out, len) == -1)
		return oom(st);
	buf = field(o, "buffer");
	bi = (long)st->c.nobjs;
	if (!json_is_object(buf) || !json_is_string(field(buf, "$type")))
		return fail(&st->c, "%s: buffer is not an ArrayBuffer", tag);
	if (strcmp(json_string_value(field(buf, "$type")), "ref") == 0) {
		if (uint_of(st, field(buf, "index"), "ref index", 0xFFFFFFFF, &u) == -1)
			return -1;
		if (u >= st->c.nobjs)
			return fail(&st->c, "%s: buffer refers to a later object", tag);
		bi = (long)u;
	} else if (strcmp(json_string_value(field(buf, "$type")), "ArrayBuffer") != 0) {
		return fail(&st->c, "%s: buffer is not an ArrayBuffer", tag);
	}
	if (enter(&st->c) == -1)
		return -1;
	if (fj_tagged(st, buf, json_string_value(field(buf, "$type"))) == -1)
		return -1;
	st->c.depth--;
	if (!st->c.objs[bi].arraybuffer)
		return fail(&st->c, "%s: buffer is not an ArrayBuffer", tag);
	if (off % size != 0 || len > st->c.objs[bi].len / size || off > st->c.objs[bi].len - len * size)
		return fail(&st->c, "%s: view lies outside its buffer", tag);
	return put(st, mpw_ext32_end(st->out, ext));
}

static int
fj_error(struct fj *st, json_t *o)
{
	static const char *const allowed[] = { "name", "message", "stack", NULL };
	json_t *stack = field(o, "stack");
	long off;

	if (want_fields(st, o, "Error", allowed) == -1 || obj_add(&st->c, false, 0) < 0)
		return -1;
	if ((off = mpw_ext32_begin(st->out, CX_ERROR)) == -1)
		return oom(st);
	if (fj_string(st, field(o, "name"), "Error name", "Error") == -1 ||
	    fj_string(st, field(o, "message"), "Error message", "") == -1)
		return -1;
	if (stack == NULL || json_is_null(stack)) {
		if (put(st, mpw_nil(st->out)) == -1)
			return -1;
	} else if (fj_string(st, stack, "Error stack", NULL) == -1) {
		return -1;
	}
	return put(st, mpw_ext32_end(st->out, off));
}

static int
fj_bigint(struct fj *st, json_t *o)
{
	json_t *v = field(o, "value");

	if (!json_is_string(v) || json_object_size(o) != 2 ||
	    !clone_bigint_valid((const uint8_t *)json_string_value(v), json_string_length(v)))
		return fail(&st->c, "bigint: value is not a decimal integer string");
	return put(st, mpw_ext(st->out, CX_BIGINT, json_string_value(v), json_string_length(v)));
}

static int
fj_seq_begin(struct fj *st, int8_t type, long *off)
{
	if (obj_add(&st->c, false, 0) < 0)
		return -1;
	if ((*off = mpw_ext32_begin(st->out, type)) == -1)
		return oom(st);
	return 0;
}

static int
fj_tagged(struct fj *st, json_t *o, const char *tag)
{
	static const char *const value_only[] = { "value", NULL };
	static const char *const regexp[] = { "source", "flags", NULL };
	static const char *const array[] = { "length", "items", "props", NULL };
	static const char *const map[] = { "entries", NULL };
	static const char *const set[] = { "values", NULL };
	static const char *const ab[] = { "base64", NULL };
	static const char *const ref[] = { "index", NULL };
	json_t *v = field(o, "value");
	uint8_t b[9];
	double d;
	uint64_t u;
	long off;
	int kind;

	if (strcmp(tag, "undefined") == 0) {
		if (json_object_size(o) != 1)
			return fail(&st->c, "undefined: unknown field");
		return put(st, mpw_ext(st->out, CX_UNDEFINED, NULL, 0));
	}
	if (strcmp(tag, "number") == 0)
		return number_of(st, o, &d) == -1 ? -1 : put(st, mpw_double(st->out, d));
	if (strcmp(tag, "string") == 0)
		return fj_string(st, o, "string", NULL);
	if (strcmp(tag, "bigint") == 0)
		return fj_bigint(st, o);
	if (strcmp(tag, "ref") == 0) {
		if (want_fields(st, o, tag, ref) == -1 || uint_of(st, field(o, "index"), "ref index", 0xFFFFFFFF, &u) == -1)
			return -1;
		if (u >= st->c.nobjs)
			return fail(&st->c, "ref: index %llu is not an earlier object", (unsigned long long)u);
		return put(st, mpw_ext(st->out, CX_REF, b, clone_uint_bytes(b, u)));
	}
	if (strcmp(tag, "object") == 0) {
		json_t *entries = field(o, "entries");

		if (json_object_size(o) != 2 || (v != NULL ? !json_is_object(v) : !json_is_array(entries)))
			return fail(&st->c, "object: needs a \"value\" object or an \"entries\" array");
		return fj_map(st, v != NULL ? v : entries);
	}
	if (strcmp(tag, "hole") == 0)
		return fail(&st->c, "hole outside an array");
	if (strcmp(tag, "Date") == 0) {
		if (want_fields(st, o, tag, value_only) == -1 || obj_add(&st->c, false, 0) < 0)
			return -1;
		if (json_is_null(v))
			d = NAN;
		else if (!json_is_string(v) || iso_parse(json_string_value(v), json_string_length(v), &d) == -1)
			return fail(&st->c, "Date: value is not an ISO-8601 time or null");
		clone_put_double(b, d);
		return put(st, mpw_ext(st->out, CX_DATE, b, 8));
	}
	if (strcmp(tag, "RegExp") == 0) {
		if (want_fields(st, o, tag, regexp) == -1 || fj_seq_begin(st, CX_REGEXP, &off) == -1 ||
		    fj_string(st, field(o, "source"), "RegExp source", NULL) == -1 ||
		    fj_string(st, field(o, "flags"), "RegExp flags", "") == -1)
			return -1;
		return put(st, mpw_ext32_end(st->out, off));
	}
	if (strcmp(tag, "Boolean") == 0) {
		if (want_fields(st, o, tag, value_only) == -1 || !json_is_boolean(v) || obj_add(&st->c, false, 0) < 0)
			return fail(&st->c, "Boolean: value is not a boolean");
		b[0] = json_is_true(v);
		return put(st, mpw_ext(st->out, CX_BOOLEAN, b, 1));
	}
	if (strcmp(tag, "Number") == 0) {
		if (want_fields(st, o, tag, value_only) == -1 || number_of(st, v, &d) == -1 ||
		    obj_add(&st->c, false, 0) < 0)
			return -1;
		clone_put_double(b, d);
		return put(st, mpw_ext(st->out, CX_NUMBER, b, 8));
	}
	if (strcmp(tag, "String") == 0) {
		if (want_fields(st, o, tag, value_only) == -1 || fj_seq_begin(st, CX_STRING, &off) == -1 ||
		    fj_string(st, v, "String value", NULL) == -1)
			return -1;
		return put(st, mpw_ext32_end(st->out, off));
	}
	if (strcmp(tag, "Array") == 0) {
		if (want_fields(st, o, tag, array) == -1)
			return -1;
		return fj_array(st, field(o, "items"), field(o, "length"), field(o, "props"));
	}
	if (strcmp(tag, "Map") == 0 || strcmp(tag, "Set") == 0) {
		bool ismap = tag[0] == 'M';
		json_t *list = field(o, ismap ? "entries" : "values");

		if (want_fields(st, o, tag, ismap ? map : set) == -1)
			return -1;
		if (!json_is_array(list))
			return fail(&st->c, "%s: %s is not an array", tag, ismap ? "entries" : "values");
		if (fj_seq_begin(st, ismap ? CX_MAP : CX_SET, &off) == -1)
			return -1;
		for (size_t i = 0; i < json_array_size(list); i++) {
			json_t *e = json_array_get(list, i);

			if (ismap && (!json_is_array(e) || json_array_size(e) != 2))
				return fail(&st->c, "Map: an entry is not a [key, value] pair");
			if (ismap ? (fj_value(st, json_array_get(e, 0)) == -1 || fj_value(st, json_array_get(e, 1)) == -1) :
			    fj_value(st, e) == -1)
				return -1;
		}
		return put(st, mpw_ext32_end(st->out, off));
	}
	if (strcmp(tag, "ArrayBuffer") == 0) {
		if (want_fields(st, o, tag, ab) == -1 || fj_bytes(st, field(o, "base64"), tag) == -1 ||
		    obj_add(&st->c, true, (uint32_t)st->tmp.len) < 0)
			return -1;
		return put(st, mpw_ext(st->out, CX_ARRAYBUFFER, st->tmp.data, st->tmp.len));
	}
	if (strcmp(tag, "Error") == 0)
		return fj_error(st, o);
	if ((kind = clone_view_from(tag, strlen(tag))) >= 0)
		return fj_view(st, o, kind, tag);
	return fail(&st->c, "unknown $type \"%s\"", tag);
}

static int
fj_value(struct fj *st, json_t *j)
{
	json_t *tag;
	int r;

	switch (json_typeof(j)) {
	case JSON_NULL:
		return put(st, mpw_nil(st->out));
	case JSON_TRUE:
	case JSON_FALSE:
		return put(st, mpw_bool(st->out, json_is_true(j)));
	case JSON_INTEGER:
	case JSON_REAL:
		return fj_number(st, json_number_value(j));
	case JSON_STRING:
		return put(st, mpw_str(st->out, json_string_value(j), json_string_length(j)));
	case JSON_ARRAY:
	case JSON_OBJECT:
		break;
	}
	if (enter(&st->c) == -1)
		return -1;
	if (json_is_array(j)) {
		r = fj_array(st, j, NULL, NULL);
	} else if ((tag = field(j, "$type")) == NULL) {
		r = fj_map(st, j);
	} else if (!json_is_string(tag)) {
		r = fail(&st->c, "$type is not a string");
	} else {
		r = fj_tagged(st, j, json_string_value(tag));
	}
	st->c.depth--;
	return r;
}

int
clone_from_json(const char *text, size_t len, struct pbuf *out, char *err, size_t errlen)
{
	struct fj st;
	json_error_t jerr;
	json_t *j;
	size_t start = out->len;

	memset(&st, 0, sizeof(st));
	st.c.err = err;
	st.c.errlen = errlen;
	st.out = out;
	j = json_loadb(text, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL | JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
	    &jerr);
	if (j == NULL) {
		snprintf(err, errlen, "invalid JSON at line %d column %d: %s", jerr.line, jerr.column, jerr.text);
		return -1;
	}
	pbuf_init(&st.tmp);
	fj_value(&st, j);
	json_decref(j);
	pbuf_free(&st.tmp);
	free(st.c.objs);
	if (st.c.failed) {
		pbuf_truncate(out, start);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* bytes -> JSON                                                        */

static json_t *tj_value(struct conv *c, struct mp_reader *r);

static json_t *
tjfail(struct conv *c, json_t *partial, const char *msg)
{
	json_decref(partial);
	fail(c, "%s", msg);
	return NULL;
}

static json_t *
tag(const char *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "$type", json_string(t));
	return o;
}

static json_t *
tj_number(struct conv *c, double d)
{
	json_t *o;
	char tmp[32];

	if (isnan(d) || isinf(d) || (d == 0 && signbit(d))) {
		o = tag("number");
		json_object_set_new(o, "value", json_string(isnan(d) ? "NaN" : d == 0 ? "-0" : d > 0 ? "Infinity" :
		    "-Infinity"));
		return o;
	}
	if (d == trunc(d) && fabs(d) < 9.2e18)
		return json_integer((json_int_t)d);
	for (int p = 15; p <= 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*g", p, d);
		if (strtod(tmp, NULL) == d) {
			if (p > c->precision)
				c->precision = p;
			break;
		}
	}
	return json_real(d);
}

/* A str or ext 17 payload as a JSON string or a codeUnits tag. */
static json_t *
tj_string(struct conv *c, const uint8_t *p, size_t n, bool wtf)
{
	json_t *units, *o;
	size_t i = 0;

	/* A wstring without lone surrogates is an ordinary string. */
	if (utf8_valid(p, n))
		return json_stringn_nocheck((const char *)p, n);
	if (!wtf)
		return tjfail(c, NULL, "string is not valid UTF-8");
	if (!wtf8_valid(p, n))
		return tjfail(c, NULL, "wstring is not valid WTF-8");
	units = json_array();
	while (i < n) {
		uint32_t cp;
		uint8_t b = p[i];
		size_t k = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;

		cp = k == 1 ? b : (uint32_t)(b & (0xFF >> (k + 1)));
		for (size_t j = 1; j < k; j++)
			cp = cp << 6 | (p[i + j] & 63);
		if (cp >= 0x10000) {
			json_array_append_new(units, json_integer(0xD800 + ((cp - 0x10000) >> 10)));
			json_array_append_new(units, json_integer(0xDC00 + ((cp - 0x10000) & 0x3FF)));
		} else {
			json_array_append_new(units, json_integer(cp));
		}
		i += k;
	}
	o = tag("string");
	json_object_set_new(o, "codeUnits", units);
	return o;
}

static json_t *
tj_str_item(struct conv *c, struct mp_reader *r, bool nil_ok)
{
	struct mp_item it;

	if (mp_next(r, &it) == -1)
		return tjfail(c, NULL, r->err);
	if (it.kind == MP_STR)
		return tj_string(c, it.ptr, it.len, false);
	if (it.kind == MP_EXT && it.ext_type == CX_WSTRING)
		return tj_string(c, it.ptr, it.len, true);
	if (nil_ok && it.kind == MP_NIL)
		return json_null();
	return tjfail(c, NULL, "expected a string");
}

static json_t *
hole_json(uint64_t n)
{
	json_t *h = tag("hole");

	if (n > 1)
		json_object_set_new(h, "count", json_integer((json_int_t)n));
	return h;
}

/* Elements of an array into items; a trailing hole run is not appended
 * but counted in *tail. */
static int
tj_elements(struct conv *c, struct mp_reader *r, json_t *items, uint64_t count_or_slots, bool by_slots,
    uint64_t *slots, uint64_t *tail)
{
	uint64_t i = 0, n = 0;
	struct mp_item it;
	json_t *v;

	*slots = 0;
	*tail = 0;
	while (by_slots ? *slots < count_or_slots : i < count_or_slots) {
		const uint8_t *save = r->p;

		if (mp_next(r, &it) == -1)
			return fail(c, "%s", r->err);
		i++;
		if (it.kind == MP_EXT && it.ext_type == CX_HOLE) {
			if (clone_hole_run(it.ptr, it.len, &n) == -1)
				return fail(c, "bad hole run");
			*tail += n;	/* adjacent runs print as one */
			*slots += n;
			if (*slots > 0xFFFFFFFF || (by_slots && *slots > count_or_slots))
				return fail(c, "array holes past its length");
			continue;
		}
		if (*tail > 0) {
			json_array_append_new(items, hole_json(*tail));
			*tail = 0;
		}
		r->p = save;
		if ((v = tj_value(c, r)) == NULL)
			return -1;
		json_array_append_new(items, v);
		(*slots)++;
	}
	return 0;
}

static json_t *
tj_array(struct conv *c, struct mp_reader *r, uint32_t n)
{
	json_t *items = json_array(), *o;
	uint64_t slots, tail;

	if (obj_add(c, false, 0) < 0 || tj_elements(c, r, items, n, false, &slots, &tail) == -1)
		return tjfail(c, items, "array");
	if (tail == 0)
		return items;
	o = tag("Array");
	json_object_set_new(o, "length", json_integer((json_int_t)slots));
	json_object_set_new(o, "items", items);
	return o;
}

/* A map key: str as it is, an int in decimal form (written into tmp). */
static int
tj_key(struct conv *c, struct mp_reader *r, char *tmp, size_t n, size_t *klen, const char **k)
{
	struct mp_item it;

	if (mp_next(r, &it) == -1)
		return fail(c, "%s", r->err);
	if (it.kind == MP_STR) {
		if (!utf8_valid(it.ptr, it.len))
			return fail(c, "map key is not valid UTF-8");
		*k = (const char *)it.ptr;
		*klen = it.len;
		return 0;
	}
	if (it.kind == MP_UINT)
		snprintf(tmp, n, "%llu", (unsigned long long)it.v.u);
	else if (it.kind == MP_INT)
		snprintf(tmp, n, "%lld", (long long)it.v.i);
	else
		return fail(c, "map key is not a string or an integer");
	*k = tmp;
	*klen = strlen(tmp);
	return 0;
}

/* Key/value pairs, count of them (or up to the reader's end), as a JSON
 * array of [key, value]; notes a "$type" key and keys holding NUL, which
 * jansson cannot hold as object keys. */
static json_t *
tj_pairs(struct conv *c, struct mp_reader *r, uint64_t count, bool to_end, bool *has_type, bool *has_nul)
{
	json_t *pairs = json_array(), *v;
	char tmp[24];
	const char *k = NULL;
	size_t klen = 0;

	for (uint64_t i = 0; to_end ? mp_left(r) > 0 : i < count; i++) {
		if (tj_key(c, r, tmp, sizeof(tmp), &klen, &k) == -1)
			return tjfail(c, pairs, "map key");
		*has_type |= klen == 5 && memcmp(k, "$type", 5) == 0;
		*has_nul |= memchr(k, '\0', klen) != NULL;
		if ((v = tj_value(c, r)) == NULL)
			return tjfail(c, pairs, "map value");
		json_array_append_new(pairs, json_pack("[s%o]", k, klen, v));
	}
	return pairs;
}

/* The pairs as a JSON object (consumes pairs). */
static json_t *
pairs_object(json_t *pairs)
{
	json_t *o = json_object(), *e;
	size_t i;

	json_array_foreach(pairs, i, e) {
		json_t *k = json_array_get(e, 0);

		json_object_setn_nocheck(o, json_string_value(k), json_string_length(k), json_array_get(e, 1));
	}
	json_decref(pairs);
	return o;
}

static json_t *
tj_map(struct conv *c, struct mp_reader *r, uint32_t n)
{
	json_t *pairs, *w;
	bool has_type = false, has_nul = false;

	if (obj_add(c, false, 0) < 0 || (pairs = tj_pairs(c, r, n, false, &has_type, &has_nul)) == NULL)
		return NULL;
	if (!has_type && !has_nul)
		return pairs_object(pairs);
	w = tag("object");
	if (has_nul)
		json_object_set_new(w, "entries", pairs);
	else
		json_object_set_new(w, "value", pairs_object(pairs));
	return w;
}

static json_t *
tj_view_compact(struct conv *c, int kind, const uint8_t *p, size_t n)
{
	json_t *o;
	char *s;

	if (kind < 0 || kind >= CV__COUNT)
		return tjfail(c, NULL, "unknown view kind");
	if (n % clone_view_size(kind) != 0)
		return tjfail(c, NULL, "view bytes are not a whole number of elements");
	if (obj_add(c, false, 0) < 0 || obj_add(c, true, (uint32_t)n) < 0 || (s = b64_encode(p, n)) == NULL)
		return tjfail(c, NULL, "out of memory");
	o = tag(clone_view_name(kind));
	json_object_set_new(o, "base64", json_string(s));
	free(s);
	return o;
}

static json_t *
tj_arraybuffer(struct conv *c, const uint8_t *p, size_t n)
{
	json_t *o;
	char *s;

	if (obj_add(c, true, (uint32_t)n) < 0 || (s = b64_encode(p, n)) == NULL)
		return tjfail(c, NULL, "out of memory");
	o = tag("ArrayBuffer");
	json_object_set_new(o, "base64", json_string(s));
	free(s);
	return o;
}

static json_t *
tj_ref(struct conv *c, const struct mp_item *it, long *idx)
{
	struct mp_reader sub;
	struct mp_item v;
	json_t *o;

	mp_reader_init(&sub, it->ptr, it->len);
	if (mp_next(&sub, &v) == -1 || v.kind != MP_UINT || mp_left(&sub) != 0)
		return tjfail(c, NULL, "back-reference is not one uint");
	if (v.v.u >= c->nobjs)
		return tjfail(c, NULL, "back-reference to an object not decoded yet");
	*idx = (long)v.v.u;
	o = tag("ref");
	json_object_set_new(o, "index", json_integer((json_int_t)v.v.u));
	return o;
}

static json_t *
tj_view_full(struct conv *c, struct mp_reader *r)
{
	struct mp_item k, off, len, b;
	json_t *o, *buf;
	long bi = (long)c->nobjs + 1;
	unsigned size;

	if (obj_add(c, false, 0) < 0)
		return NULL;
	if (mp_next(r, &k) == -1 || mp_next(r, &off) == -1 || mp_next(r, &len) == -1 || k.kind != MP_UINT ||
	    off.kind != MP_UINT || len.kind != MP_UINT || k.v.u >= CV__COUNT)
		return tjfail(c, NULL, "bad view header");
	if (mp_next(r, &b) == -1 || b.kind != MP_EXT)
		return tjfail(c, NULL, "view buffer is not an ArrayBuffer");
	if (b.ext_type == CX_ARRAYBUFFER)
		buf = tj_arraybuffer(c, b.ptr, b.len), bi = (long)c->nobjs - 1;
	else if (b.ext_type == CX_REF)
		buf = tj_ref(c, &b, &bi);
	else
		return tjfail(c, NULL, "view buffer is not an ArrayBuffer");
	if (buf == NULL)
		return NULL;
	size = clone_view_size((int)k.v.u);
	if (!c->objs[bi].arraybuffer || off.v.u % size != 0 || len.v.u > c->objs[bi].len / size ||
	    off.v.u > c->objs[bi].len - len.v.u * size)
		return tjfail(c, buf, "view lies outside its buffer or refers to something else");
	o = tag(clone_view_name((int)k.v.u));
	json_object_set_new(o, "buffer", buf);
	json_object_set_new(o, "byteOffset", json_integer((json_int_t)off.v.u));
	json_object_set_new(o, "length", json_integer((json_int_t)len.v.u));
	return o;
}

static json_t *
tj_sequence(struct conv *c, const struct mp_item *it)
{
	struct mp_reader sub;
	json_t *o = NULL, *a = NULL, *b = NULL, *list;
	bool dummy = false, has_nul = false;
	uint64_t slots, tail;

	mp_reader_init(&sub, it->ptr, it->len);
	switch (it->ext_type) {
	case CX_REGEXP:
		if (obj_add(c, false, 0) < 0 || (a = tj_str_item(c, &sub, false)) == NULL ||
		    (b = tj_str_item(c, &sub, false)) == NULL)
			return tjfail(c, a, "RegExp");
		o = tag("RegExp");
		json_object_set_new(o, "source", a);
		json_object_set_new(o, "flags", b);
		break;
	case CX_STRING:
		if (obj_add(c, false, 0) < 0 || (a = tj_str_item(c, &sub, false)) == NULL)
			return NULL;
		o = tag("String");
		json_object_set_new(o, "value", a);
		break;
	case CX_VIEW_FULL:
		o = tj_view_full(c, &sub);
		break;
	case CX_MAP:
	case CX_SET:
		if (obj_add(c, false, 0) < 0)
			return NULL;
		list = json_array();
		while (mp_left(&sub) > 0) {
			if ((a = tj_value(c, &sub)) == NULL)
				return tjfail(c, list, "collection");
			if (it->ext_type == CX_MAP) {
				if ((b = tj_value(c, &sub)) == NULL) {
					json_decref(a);
					return tjfail(c, list, "collection");
				}
				a = json_pack("[oo]", a, b);
			}
			json_array_append_new(list, a);
		}
		o = tag(it->ext_type == CX_MAP ? "Map" : "Set");
		json_object_set_new(o, it->ext_type == CX_MAP ? "entries" : "values", list);
		break;
	case CX_ERROR:
		if (obj_add(c, false, 0) < 0 || (a = tj_str_item(c, &sub, false)) == NULL ||
		    (b = tj_str_item(c, &sub, false)) == NULL || (list = tj_str_item(c, &sub, true)) == NULL) {
			json_decref(a);
			json_decref(b);
			return NULL;
		}
		o = tag("Error");
		json_object_set_new(o, "name", a);
		json_object_set_new(o, "message", b);
		if (json_is_null(list))
			json_decref(list);
		else
			json_object_set_new(o, "stack", list);
		break;
	default: {
		struct mp_item len;
		json_t *props;

		if (obj_add(c, false, 0) < 0)
			return NULL;
		if (mp_next(&sub, &len) == -1 || len.kind != MP_UINT || len.v.u > 0xFFFFFFFF)
			return tjfail(c, NULL, "array length is not a uint32");
		list = json_array();
		if (tj_elements(c, &sub, list, len.v.u, true, &slots, &tail) == -1)
			return tjfail(c, list, "array");
		if ((props = tj_pairs(c, &sub, 0, true, &dummy, &has_nul)) == NULL)
			return tjfail(c, list, "array");
		if (tail == 0 && json_array_size(props) == 0) {
			/* Nothing a plain array cannot say. */
			json_decref(props);
			o = list;
			break;
		}
		if (!has_nul)
			props = pairs_object(props);
		o = tag("Array");
		json_object_set_new(o, "length", json_integer((json_int_t)len.v.u));
		json_object_set_new(o, "items", list);
		if (json_is_object(props) && json_object_size(props) == 0)
			json_decref(props);
		else
			json_object_set_new(o, "props", props);
		break;
	}
	}
	if (o != NULL && mp_left(&sub) != 0)
		return tjfail(c, o, "trailing bytes in an ext payload");
	return o;
}

static json_t *
tj_ext(struct conv *c, const struct mp_item *it)
{
	json_t *o;
	long idx;
	double d;

	switch (it->ext_type) {
	case CX_UNDEFINED:
		return it->len == 0 ? tag("undefined") : tjfail(c, NULL, "undefined with a payload");
	case CX_BIGINT:
		if (!clone_bigint_valid(it->ptr, it->len))
			return tjfail(c, NULL, "malformed BigInt");
		o = tag("bigint");
		json_object_set_new(o, "value", json_stringn((const char *)it->ptr, it->len));
		return o;
	case CX_DATE: {
		char iso[40];

		if (it->len != 8 || obj_add(c, false, 0) < 0)
			return tjfail(c, NULL, "Date payload is not 8 bytes");
		d = trunc(clone_get_double(it->ptr));
		o = tag("Date");
		if (isnan(d) || fabs(d) > MAX_TIME) {
			json_object_set_new(o, "value", json_null());
		} else {
			iso_format(d, iso, sizeof(iso));
			json_object_set_new(o, "value", json_string(iso));
		}
		return o;
	}
	case CX_BOOLEAN:
		if (it->len != 1 || it->ptr[0] > 1 || obj_add(c, false, 0) < 0)
			return tjfail(c, NULL, "Boolean payload is not one byte 0 or 1");
		o = tag("Boolean");
		json_object_set_new(o, "value", json_boolean(it->ptr[0]));
		return o;
	case CX_NUMBER:
		if (it->len != 8 || obj_add(c, false, 0) < 0)
			return tjfail(c, NULL, "Number payload is not 8 bytes");
		o = tag("Number");
		json_object_set_new(o, "value", tj_number(c, clone_get_double(it->ptr)));
		return o;
	case CX_ARRAYBUFFER:
		return tj_arraybuffer(c, it->ptr, it->len);
	case CX_VIEW:
		if (it->len < 1)
			return tjfail(c, NULL, "empty ext 10");
		return tj_view_compact(c, it->ptr[0], it->ptr + 1, it->len - 1);
	case CX_REF:
		return tj_ref(c, it, &idx);
	case CX_WSTRING:
		return tj_string(c, it->ptr, it->len, true);
	case CX_REGEXP:
	case CX_STRING:
	case CX_VIEW_FULL:
	case CX_MAP:
	case CX_SET:
	case CX_ERROR:
	case CX_ARRAY:
		if (enter(c) == -1)
			return NULL;
		o = tj_sequence(c, it);
		c->depth--;
		return o;
	case CX_HOLE:
		return tjfail(c, NULL, "array hole outside an array");
	default:
		fail(c, "unknown ext type %d", it->ext_type);
		return NULL;
	}
}

static json_t *
tj_value(struct conv *c, struct mp_reader *r)
{
	struct mp_item it;
	json_t *o;

	if (mp_next(r, &it) == -1)
		return tjfail(c, NULL, r->err);
	switch (it.kind) {
	case MP_NIL:
		return json_null();
	case MP_BOOL:
		return json_boolean(it.v.b);
	case MP_INT:
		return tj_number(c, (double)it.v.i);
	case MP_UINT:
		return tj_number(c, (double)it.v.u);
	case MP_FLOAT:
		return tj_number(c, it.v.f);
	case MP_STR:
		return tj_string(c, it.ptr, it.len, false);
	case MP_BIN:
		return tj_view_compact(c, CV_UINT8, it.ptr, it.len);
	case MP_EXT:
		return tj_ext(c, &it);
	case MP_ARRAY:
	case MP_MAP:
		if (enter(c) == -1)
			return NULL;
		o = it.kind == MP_ARRAY ? tj_array(c, r, it.len) : tj_map(c, r, it.len);
		c->depth--;
		return o;
	}
	return tjfail(c, NULL, "unknown msgpack item");
}

char *
clone_to_json(const uint8_t *p, size_t n, char *err, size_t errlen)
{
	struct conv c;
	struct mp_reader r;
	json_t *j;
	char *s = NULL;

	memset(&c, 0, sizeof(c));
	c.err = err;
	c.errlen = errlen;
	mp_reader_init(&r, p, n);
	j = tj_value(&c, &r);
	if (j != NULL && mp_left(&r) != 0)
		fail(&c, "trailing bytes after the value");
	if (j != NULL && !c.failed) {
		s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(c.precision ? c.precision : 17));
		if (s == NULL)
			fail(&c, "out of memory");
	}
	if (j != NULL && c.failed && err[0] == '\0')
		fail(&c, "invalid value");
	json_decref(j);
	free(c.objs);
	if (c.failed) {
		free(s);
		return NULL;
	}
	return s;
}
