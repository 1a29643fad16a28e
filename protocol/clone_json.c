/*
 * clone_json.c - tagged JSON (docs/protocol.md section 5) <-> clone bytes.
 *
 * Parsing is jansson's: JSON_DECODE_INT_AS_REAL makes every number a
 * double, as in JS, so integers past 2^53 arrive rounded (never an error);
 * duplicate keys are refused (JSON_REJECT_DUPLICATES) because which one
 * wins is not something a user should have to guess; \u0000 is allowed in
 * strings.  JSON -> bytes counts identity indices exactly as
 * docs/protocol.md 4.1 does, so {"$type":"ref"} and ext 15 agree; bytes ->
 * JSON is a builder over clone_read(), which checks the bytes and numbers
 * the objects.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clone.h"
#include "clone_json.h"
#include "clone_read.h"
#include "clone_write.h"
#include "mpwrite.h"
#include "utf8.h"

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
	return put(st, cw_string(st->out, st->tmp.data, st->tmp.len, lone));
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
			if (put(st, cw_holes(st->out, run)) == -1)
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

/* Extra properties may not be indices at or past the length (the bytes
 * would say another length); an entries list's shape is fj_entries'. */
static int
check_props(struct fj *st, json_t *props, uint64_t len)
{
	const char *k;
	size_t klen, i;
	json_t *v;
	int64_t idx;

	if (json_is_object(props)) {
		json_object_keylen_foreach(props, k, klen, v) {
			if ((idx = clone_index_key(k, klen)) >= 0 && (uint64_t)idx >= len)
				return fail(&st->c, "array index %lld past its length", (long long)idx);
		}
		return 0;
	}
	json_array_foreach(props, i, v) {
		json_t *kj = json_array_get(v, 0);

		if (json_is_string(kj) && (idx = clone_index_key(json_string_value(kj), json_string_length(kj))) >= 0 &&
		    (uint64_t)idx >= len)
			return fail(&st->c, "array index %lld past its length", (long long)idx);
	}
	return 0;
}

/* Array tag or a plain JSON array: ext 16 when it has trailing holes,
 * extra properties, or a length past its items. */
static int
fj_array(struct fj *st, json_t *items, json_t *length, json_t *props)
{
	size_t pos = st->out->len, written;
	uint64_t slots, len = 0, tail = 0;

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
	if (props != NULL && check_props(st, props, len) == -1)
		return -1;
	if (tail == 0 && slots == len && json_object_size(props) == 0 && json_array_size(props) == 0)
		return put(st, cw_array_at(st->out, pos, 0, (uint32_t)written));
	slots -= tail;
	if (put(st, cw_array_ext_at(st->out, pos, 0, (uint32_t)len)) == -1 || put(st, cw_holes(st->out, len - slots)) == -1)
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
	json_t *buf;
	long ext, bi;

	if (field(o, "base64") != NULL) {
		if (want_fields(st, o, tag, compact) == -1 || fj_bytes(st, field(o, "base64"), tag) == -1)
			return -1;
		if (st->tmp.len % size != 0)
			return fail(&st->c, "%s: bytes are not a whole number of elements", tag);
		if (obj_add(&st->c, false, 0) < 0 || obj_add(&st->c, true, (uint32_t)st->tmp.len) < 0)
			return -1;
		return put(st, cw_view_whole(st->out, kind, st->tmp.data, st->tmp.len));
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
		return put(st, cw_ref(st->out, (uint32_t)u));
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
		return put(st, cw_double_ext(st->out, CX_DATE, d));
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
		return put(st, cw_boolean(st->out, json_is_true(v)));
	}
	if (strcmp(tag, "Number") == 0) {
		if (want_fields(st, o, tag, value_only) == -1 || number_of(st, v, &d) == -1 ||
		    obj_add(&st->c, false, 0) < 0)
			return -1;
		return put(st, cw_double_ext(st->out, CX_NUMBER, d));
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
		return put(st, cw_number(st->out, json_number_value(j)));
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

/* A builder over clone_read(), which has checked the bytes and numbered
 * the objects; refs print the reader's indices. */
struct tj {
	struct conv c;
	struct clone_reader rd;
};

static json_t *tj_value(struct tj *t);
static json_t *tj_item(struct tj *t, const struct clone_item *it);

static json_t *
tjfail(struct conv *c, json_t *partial, const char *msg)
{
	json_decref(partial);
	fail(c, "%s", msg);
	return NULL;
}

static int
tj_read(struct tj *t, struct clone_item *it)
{
	if (clone_read(&t->rd, it) == -1)
		return fail(&t->c, "%s", t->rd.err);
	return 0;
}

static json_t *
tag(const char *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "$type", json_string(t));
	return o;
}

static json_t *
tj_number(double d)
{
	json_t *o;

	if (isnan(d) || isinf(d) || (d == 0 && signbit(d))) {
		o = tag("number");
		json_object_set_new(o, "value", json_string(isnan(d) ? "NaN" : d == 0 ? "-0" : d > 0 ? "Infinity" :
		    "-Infinity"));
		return o;
	}
	if (d == trunc(d) && fabs(d) < 9.2e18)
		return json_integer((json_int_t)d);
	return json_real(d);
}

/* The digits the reals of j need to read back exactly (0: it has none).
 * jansson prints every real of a document with one precision, so this is
 * taken from the finished tree: a value that a later duplicate key
 * replaced must not raise it, or the printed text would not be what its
 * own bytes print. */
static int
real_digits(json_t *j)
{
	const char *k;
	json_t *v;
	size_t i;
	int p = 0, q;
	char tmp[32];
	double d;

	if (json_is_real(j)) {
		d = json_real_value(j);
		for (p = 15; p < 17; p++) {
			snprintf(tmp, sizeof(tmp), "%.*g", p, d);
			if (strtod(tmp, NULL) == d)
				break;
		}
		return p;
	}
	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if ((q = real_digits(v)) > p)
				p = q;
	} else if (json_is_object(j)) {
		json_object_foreach(j, k, v)
			if ((q = real_digits(v)) > p)
				p = q;
	}
	return p;
}

/* A checked string as a JSON string, or a codeUnits tag when it holds
 * lone surrogates. */
static json_t *
tj_string(const struct clone_str *s)
{
	json_t *units, *o;
	size_t i = 0;

	if (!s->lone)
		return json_stringn_nocheck((const char *)s->p, s->n);
	units = json_array();
	while (i < s->n) {
		uint32_t cp;
		uint8_t b = s->p[i];
		size_t k = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;

		cp = k == 1 ? b : (uint32_t)(b & (0xFF >> (k + 1)));
		for (size_t j = 1; j < k; j++)
			cp = cp << 6 | (s->p[i + j] & 63);
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
hole_json(uint64_t n)
{
	json_t *h = tag("hole");

	if (n > 1)
		json_object_set_new(h, "count", json_integer((json_int_t)n));
	return h;
}

/* A key item and the value after it as [key, value] onto pairs; notes a
 * "$type" key and keys holding NUL, which jansson cannot hold as object
 * keys.  The key is copied first: an int key's text lives in the reader
 * only until the next item. */
static int
tj_pair(struct tj *t, json_t *pairs, const struct clone_item *key, bool *has_type, bool *has_nul)
{
	const struct clone_str *k = &key->u.s;
	json_t *kj, *v;

	*has_type |= k->n == 5 && memcmp(k->p, "$type", 5) == 0;
	*has_nul |= memchr(k->p, '\0', k->n) != NULL;
	kj = json_stringn_nocheck((const char *)k->p, k->n);
	if ((v = tj_value(t)) == NULL) {
		json_decref(kj);
		return -1;
	}
	json_array_append_new(pairs, json_pack("[oo]", kj, v));
	return 0;
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

/* Elements with adjacent hole runs printed as one; a plain JSON array
 * unless trailing holes or extra properties need the Array tag. */
static json_t *
tj_array(struct tj *t)
{
	json_t *items = json_array(), *props = NULL, *v, *o;
	bool has_type = false, has_nul = false;
	struct clone_item it;
	uint64_t tail = 0;

	for (;;) {
		if (tj_read(t, &it) == -1)
			goto fail;
		if (it.kind == CI_END)
			break;
		if (it.key) {
			if (props == NULL)
				props = json_array();
			if (tj_pair(t, props, &it, &has_type, &has_nul) == -1)
				goto fail;
			continue;
		}
		if (it.kind == CI_HOLES) {
			tail += it.u.count;
			continue;
		}
		if (tail > 0) {
			json_array_append_new(items, hole_json(tail));
			tail = 0;
		}
		if ((v = tj_item(t, &it)) == NULL)
			goto fail;
		json_array_append_new(items, v);
	}
	if (tail == 0 && props == NULL)
		return items;
	o = tag("Array");
	json_object_set_new(o, "length", json_integer((json_int_t)it.u.array.len));
	json_object_set_new(o, "items", items);
	if (props != NULL)
		json_object_set_new(o, "props", has_nul ? props : pairs_object(props));
	return o;
fail:
	json_decref(props);
	json_decref(items);
	return NULL;
}

static json_t *
tj_object(struct tj *t)
{
	json_t *pairs = json_array(), *w;
	bool has_type = false, has_nul = false;
	struct clone_item it;

	for (;;) {
		if (tj_read(t, &it) == -1 || (it.kind != CI_END && tj_pair(t, pairs, &it, &has_type, &has_nul) == -1)) {
			json_decref(pairs);
			return NULL;
		}
		if (it.kind == CI_END)
			break;
	}
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
tj_collection(struct tj *t, bool map)
{
	json_t *list = json_array(), *a, *b, *o;
	struct clone_item it;

	for (;;) {
		if (tj_read(t, &it) == -1)
			return tjfail(&t->c, list, "collection");
		if (it.kind == CI_END)
			break;
		if ((a = tj_item(t, &it)) == NULL)
			return tjfail(&t->c, list, "collection");
		if (map) {
			if ((b = tj_value(t)) == NULL) {
				json_decref(a);
				return tjfail(&t->c, list, "collection");
			}
			a = json_pack("[oo]", a, b);
		}
		json_array_append_new(list, a);
	}
	o = tag(map ? "Map" : "Set");
	json_object_set_new(o, map ? "entries" : "values", list);
	return o;
}

static json_t *
tj_base64(struct conv *c, const char *type, const uint8_t *p, size_t n)
{
	json_t *o;
	char *s;

	if ((s = b64_encode(p, n)) == NULL)
		return tjfail(c, NULL, "out of memory");
	o = tag(type);
	json_object_set_new(o, "base64", json_string(s));
	free(s);
	return o;
}

static json_t *
tj_ref(uint32_t idx)
{
	json_t *o = tag("ref");

	json_object_set_new(o, "index", json_integer((json_int_t)idx));
	return o;
}

static json_t *
tj_view(struct tj *t, const struct clone_item *it)
{
	const char *name = clone_view_name(it->u.view.kind);
	json_t *o, *buf;

	if (it->u.view.whole)
		return tj_base64(&t->c, name, it->u.view.p, it->u.view.n);
	if (it->u.view.p != NULL)
		buf = tj_base64(&t->c, "ArrayBuffer", it->u.view.p, it->u.view.n);
	else
		buf = tj_ref(it->u.view.buffer);
	if (buf == NULL)
		return NULL;
	o = tag(name);
	json_object_set_new(o, "buffer", buf);
	json_object_set_new(o, "byteOffset", json_integer((json_int_t)it->u.view.offset));
	json_object_set_new(o, "length", json_integer((json_int_t)it->u.view.length));
	return o;
}

static json_t *
tj_date(double t)
{
	json_t *o = tag("Date");
	char iso[40];
	double d = trunc(t);

	if (isnan(d) || fabs(d) > MAX_TIME) {
		json_object_set_new(o, "value", json_null());
	} else {
		iso_format(d, iso, sizeof(iso));
		json_object_set_new(o, "value", json_string(iso));
	}
	return o;
}

static json_t *
tj_error(const struct clone_item *it)
{
	json_t *o = tag("Error");

	json_object_set_new(o, "name", tj_string(&it->u.error.name));
	json_object_set_new(o, "message", tj_string(&it->u.error.message));
	if (it->u.error.has_stack)
		json_object_set_new(o, "stack", tj_string(&it->u.error.stack));
	return o;
}

/* A tag whose "value" is v. */
static json_t *
tag_value(const char *type, json_t *v)
{
	json_t *o = tag(type);

	json_object_set_new(o, "value", v);
	return o;
}

static json_t *
tj_item(struct tj *t, const struct clone_item *it)
{
	json_t *o;

	switch (it->kind) {
	case CI_NULL:
		return json_null();
	case CI_BOOL:
		return json_boolean(it->u.b);
	case CI_NUMBER:
		return tj_number(it->u.d);
	case CI_STRING:
		return tj_string(&it->u.s);
	case CI_UNDEFINED:
		return tag("undefined");
	case CI_BIGINT:
		return tag_value("bigint", json_stringn((const char *)it->u.s.p, it->u.s.n));
	case CI_REF:
		return tj_ref(it->u.ref);
	case CI_PORT:
		fail(&t->c, "a MessagePort cannot leave its worker");
		return NULL;
	case CI_DATE:
		return tj_date(it->u.d);
	case CI_BOOLEAN:
		return tag_value("Boolean", json_boolean(it->u.b));
	case CI_NUMBER_OBJ:
		return tag_value("Number", tj_number(it->u.d));
	case CI_STRING_OBJ:
		return tag_value("String", tj_string(&it->u.s));
	case CI_REGEXP:
		o = tag("RegExp");
		json_object_set_new(o, "source", tj_string(&it->u.re.source));
		json_object_set_new(o, "flags", tj_string(&it->u.re.flags));
		return o;
	case CI_ERROR:
		return tj_error(it);
	case CI_ARRAYBUFFER:
		return tj_base64(&t->c, "ArrayBuffer", it->u.bytes.p, it->u.bytes.n);
	case CI_VIEW:
		return tj_view(t, it);
	case CI_ARRAY:
		return tj_array(t);
	case CI_OBJECT:
		return tj_object(t);
	case CI_MAP:
	case CI_SET:
		return tj_collection(t, it->kind == CI_MAP);
	default:
		fail(&t->c, "unexpected item %d", (int)it->kind);
		return NULL;
	}
}

static json_t *
tj_value(struct tj *t)
{
	struct clone_item it;

	if (tj_read(t, &it) == -1)
		return NULL;
	return tj_item(t, &it);
}

char *
clone_to_json(const uint8_t *p, size_t n, char *err, size_t errlen)
{
	struct tj t;
	json_t *j;
	char *s = NULL;
	int digits;

	memset(&t.c, 0, sizeof(t.c));
	t.c.err = err;
	t.c.errlen = errlen;
	clone_reader_init(&t.rd, p, n);
	j = tj_value(&t);
	clone_reader_free(&t.rd);
	if (j != NULL && !t.c.failed) {
		digits = real_digits(j);
		s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(digits > 0 ? digits : 17));
		if (s == NULL)
			fail(&t.c, "out of memory");
	}
	json_decref(j);
	if (t.c.failed) {
		free(s);
		return NULL;
	}
	return s;
}
