/*
 * clone_read.c - the clone wire format checked once, handed out as items
 * (clone_read.h).
 *
 * A stack of frames replaces recursion: each open container is a frame
 * that knows what may come next in it (an element or a hole run, a key, a
 * value) and when it is complete.  A msgpack array or map reads on in its
 * parent's bytes and gives the position back when it closes; an ext
 * payload is a reader of its own, whose end closes the container.  Leaf
 * objects whose payload holds only strings and numbers (RegExp, String
 * object, Error, the views) are read whole and handed out as one item.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clone.h"
#include "clone_read.h"
#include "utf8.h"

enum {
	F_TOP,		/* left: 1 until the value has started */
	F_ARRAY,	/* msgpack array */
	F_ARRAY_EXT,	/* ext 16 */
	F_OBJECT,	/* msgpack map */
	F_MAP,		/* ext 12 */
	F_SET,		/* ext 13 */
};

/* Identity table flags. */
#define O_READY 1	/* a back-reference may name it */
#define O_BUFFER 2	/* an ArrayBuffer; len is its byte length */

static int fail(struct clone_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct clone_reader *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->failed) {
		va_start(ap, fmt);
		vsnprintf(r->err, sizeof(r->err), fmt, ap);
		va_end(ap);
	}
	r->failed = true;
	return -1;
}

void
clone_reader_init(struct clone_reader *r, const uint8_t *p, size_t n)
{
	r->frames = r->finl;
	r->fcap = CLONE_READ_FRAMES;
	r->depth = 0;
	r->objs = r->oinl;
	r->ocap = CLONE_READ_OBJS;
	r->nobjs = 0;
	r->failed = false;
	r->err[0] = '\0';
	memset(&r->frames[0], 0, sizeof(r->frames[0]));
	mp_reader_init(&r->frames[0].in, p, n);
	r->frames[0].type = F_TOP;
	r->frames[0].left = 1;
}

void
clone_reader_free(struct clone_reader *r)
{
	if (r->frames != r->finl)
		free(r->frames);
	if (r->objs != r->oinl)
		free(r->objs);
	r->frames = r->finl;
	r->objs = r->oinl;
}

/* Grows a table that starts in the reader itself. */
static void *
grow(void *tab, const void *inl, size_t *cap, size_t size)
{
	void *n = malloc(*cap * 2 * size);

	if (n == NULL)
		return NULL;
	memcpy(n, tab, *cap * size);
	if (tab != inl)
		free(tab);
	*cap *= 2;
	return n;
}

/* The next identity index (docs/protocol.md 4.1). */
static inline int
reserve(struct clone_reader *r, uint8_t flags, uint32_t len, uint32_t *id)
{
	struct clone_obj *o;

	if (r->nobjs == r->ocap) {
		if ((o = grow(r->objs, r->oinl, &r->ocap, sizeof(*o))) == NULL)
			return fail(r, "out of memory");
		r->objs = o;
	}
	r->objs[r->nobjs].flags = flags;
	r->objs[r->nobjs].len = len;
	*id = (uint32_t)r->nobjs++;
	return 0;
}

/* A level of nesting for an ext payload read whole. */
static int
check_depth(struct clone_reader *r)
{
	if (r->depth >= CLONE_MAX_DEPTH)
		return fail(r, "nesting deeper than %d levels", CLONE_MAX_DEPTH);
	return 0;
}

/* Opens a container; `in` is what it reads. */
static inline int
push(struct clone_reader *r, uint8_t type, const struct mp_reader *in, uint64_t left, uint32_t id)
{
	struct mp_reader from = *in;	/* in may lie in the table about to move */
	struct clone_frame *f;

	if (check_depth(r) == -1)
		return -1;
	if (r->depth + 1 == r->fcap) {
		if ((f = grow(r->frames, r->finl, &r->fcap, sizeof(*f))) == NULL)
			return fail(r, "out of memory");
		r->frames = f;
	}
	f = &r->frames[++r->depth];
	f->in = from;
	f->left = left;
	f->slots = 0;
	f->len = 0;
	f->id = id;
	f->type = type;
	f->value_next = false;
	return 0;
}

/* A value is complete; the top one must end the input. */
static inline int
done(struct clone_reader *r)
{
	if (r->depth == 0 && mp_left(&r->frames[0].in) != 0)
		return fail(r, "trailing bytes after the value");
	return 0;
}

static inline int
check_str(struct clone_reader *r, const uint8_t *p, uint32_t n, bool wtf, struct clone_str *s)
{
	uint32_t i;

	for (i = 0; i < n && p[i] < 0x80; i++)
		;
	s->p = p;
	s->n = n;
	s->ascii = i == n;
	s->lone = false;
	if (s->ascii || utf8_valid(p + i, n - i))
		return 0;
	if (!wtf)
		return fail(r, "string is not valid UTF-8");
	if (!wtf8_valid(p + i, n - i))
		return fail(r, "wstring is not valid WTF-8");
	s->lone = true;
	return 0;
}

/* A str or wstring inside a payload; `what` names it in errors. */
static int
read_str(struct clone_reader *r, struct mp_reader *in, const char *what, struct clone_str *s)
{
	struct mp_item m;

	if (mp_next(in, &m) == -1)
		return fail(r, "%s: %s", what, in->err);
	if (m.kind == MP_STR)
		return check_str(r, m.ptr, m.len, false, s);
	if (m.kind == MP_EXT && m.ext_type == CX_WSTRING)
		return check_str(r, m.ptr, m.len, true, s);
	return fail(r, "%s is not a string", what);
}

/* An ext 15 payload: one uint naming an object already complete. */
static int
read_ref(struct clone_reader *r, const struct mp_item *m, uint32_t *idx)
{
	struct mp_reader sub;
	struct mp_item v;

	mp_reader_init(&sub, m->ptr, m->len);
	if (mp_next(&sub, &v) == -1 || v.kind != MP_UINT || mp_left(&sub) != 0)
		return fail(r, "back-reference is not one uint");
	if (v.v.u >= r->nobjs || !(r->objs[v.v.u].flags & O_READY))
		return fail(r, "back-reference to object %llu, not decoded yet", (unsigned long long)v.v.u);
	*idx = (uint32_t)v.v.u;
	return 0;
}

/* An ext 18 payload: one uint below 2^32, a port's place in the transfer
 * list (the decoder checks it against the ports it has). */
static int
read_port(struct clone_reader *r, const struct mp_item *m, uint32_t *idx)
{
	struct mp_reader sub;
	struct mp_item v;

	mp_reader_init(&sub, m->ptr, m->len);
	if (mp_next(&sub, &v) == -1 || v.kind != MP_UINT || mp_left(&sub) != 0 || v.v.u > UINT32_MAX)
		return fail(r, "MessagePort reference is not one uint32");
	*idx = (uint32_t)v.v.u;
	return 0;
}

static int
trailing(struct clone_reader *r, const struct mp_reader *in, int type)
{
	if (mp_left(in) != 0)
		return fail(r, "trailing bytes in ext %d payload", type);
	return 0;
}

/* bin and ext 10: a view over the whole of a new buffer. */
static int
read_view_whole(struct clone_reader *r, int kind, const uint8_t *p, uint32_t n, struct clone_item *it)
{
	if (kind >= CV__COUNT)
		return fail(r, "unknown view kind %d", kind);
	if (n % clone_view_size(kind) != 0)
		return fail(r, "view bytes are not a whole number of elements");
	if (reserve(r, O_READY, 0, &it->id) == -1 || reserve(r, O_READY | O_BUFFER, n, &it->u.view.buffer) == -1)
		return -1;
	it->kind = CI_VIEW;
	it->u.view.kind = kind;
	it->u.view.whole = true;
	it->u.view.p = p;
	it->u.view.n = n;
	it->u.view.offset = 0;
	it->u.view.length = n / clone_view_size(kind);
	return 0;
}

/* ext 11: kind, byteOffset, length, then an ext 9 or a back-reference. */
static int
read_view_full(struct clone_reader *r, struct mp_reader *in, struct clone_item *it)
{
	struct mp_item k, off, len, b;
	uint64_t size, blen;
	uint32_t id = 0;	/* set by reserve(); gcc cannot see it once inlined */

	if (reserve(r, 0, 0, &id) == -1)
		return -1;
	if (mp_next(in, &k) == -1 || mp_next(in, &off) == -1 || mp_next(in, &len) == -1 || k.kind != MP_UINT ||
	    off.kind != MP_UINT || len.kind != MP_UINT)
		return fail(r, "view header is not three uints");
	if (k.v.u >= CV__COUNT)
		return fail(r, "unknown view kind %llu", (unsigned long long)k.v.u);
	if (mp_next(in, &b) == -1 || b.kind != MP_EXT)
		return fail(r, "view buffer is not an ArrayBuffer");
	it->u.view.p = NULL;
	it->u.view.n = 0;
	if (b.ext_type == CX_ARRAYBUFFER) {
		if (reserve(r, O_READY | O_BUFFER, b.len, &it->u.view.buffer) == -1)
			return -1;
		it->u.view.p = b.ptr;
		it->u.view.n = b.len;
	} else if (b.ext_type == CX_REF) {
		if (read_ref(r, &b, &it->u.view.buffer) == -1)
			return -1;
		if (!(r->objs[it->u.view.buffer].flags & O_BUFFER))
			return fail(r, "view buffer refers to something else than an ArrayBuffer");
	} else {
		return fail(r, "view buffer is not an ArrayBuffer");
	}
	size = clone_view_size((int)k.v.u);
	blen = r->objs[it->u.view.buffer].len;
	if (off.v.u % size != 0)
		return fail(r, "view offset is not a multiple of its element size");
	if (len.v.u > blen / size || off.v.u > blen || len.v.u * size > blen - off.v.u)
		return fail(r, "view lies outside its buffer");
	if (trailing(r, in, CX_VIEW_FULL) == -1)
		return -1;
	r->objs[id].flags |= O_READY;
	it->kind = CI_VIEW;
	it->id = id;
	it->u.view.kind = (int)k.v.u;
	it->u.view.whole = false;
	it->u.view.offset = off.v.u;
	it->u.view.length = len.v.u;
	return 0;
}

static int
read_error(struct clone_reader *r, struct mp_reader *in, struct clone_item *it)
{
	struct mp_item m;

	if (read_str(r, in, "Error name", &it->u.error.name) == -1 ||
	    read_str(r, in, "Error message", &it->u.error.message) == -1)
		return -1;
	if (mp_next(in, &m) == -1)
		return fail(r, "Error stack: %s", in->err);
	it->u.error.has_stack = m.kind != MP_NIL;
	if (m.kind == MP_STR || (m.kind == MP_EXT && m.ext_type == CX_WSTRING))
		return check_str(r, m.ptr, m.len, m.kind == MP_EXT, &it->u.error.stack);
	if (m.kind != MP_NIL)
		return fail(r, "Error stack is not a string or nil");
	return 0;
}

/* Ext types whose payload is a sequence of values. */
static int
read_sequence(struct clone_reader *r, const struct mp_item *m, struct clone_item *it)
{
	struct mp_reader in;
	struct mp_item len;
	int rc = 0;

	if (check_depth(r) == -1)
		return -1;
	mp_reader_init(&in, m->ptr, m->len);
	if (m->ext_type == CX_VIEW_FULL)
		return read_view_full(r, &in, it);
	if (reserve(r, O_READY, 0, &it->id) == -1)
		return -1;
	switch (m->ext_type) {
	case CX_MAP:
	case CX_SET:
		it->kind = m->ext_type == CX_MAP ? CI_MAP : CI_SET;
		return push(r, m->ext_type == CX_MAP ? F_MAP : F_SET, &in, 0, it->id);
	case CX_ARRAY:
		if (mp_next(&in, &len) == -1 || len.kind != MP_UINT || len.v.u > 0xFFFFFFFF)
			return fail(r, "array length is not a uint32");
		it->kind = CI_ARRAY;
		it->u.array.ext = true;
		it->u.array.len = len.v.u;
		if (push(r, F_ARRAY_EXT, &in, 0, it->id) == -1)
			return -1;
		r->frames[r->depth].len = len.v.u;
		return 0;
	case CX_REGEXP:
		it->kind = CI_REGEXP;
		if (read_str(r, &in, "RegExp source", &it->u.re.source) == -1 ||
		    read_str(r, &in, "RegExp flags", &it->u.re.flags) == -1)
			return -1;
		break;
	case CX_STRING:
		it->kind = CI_STRING_OBJ;
		rc = read_str(r, &in, "String object", &it->u.s);
		break;
	default:	/* CX_ERROR: read_ext sends nothing else here */
		it->kind = CI_ERROR;
		rc = read_error(r, &in, it);
		break;
	}
	if (rc == -1 || trailing(r, &in, m->ext_type) == -1)
		return -1;
	return done(r);
}

static int
fixed(struct clone_reader *r, const struct mp_item *m, uint32_t want)
{
	if (m->len != want)
		return fail(r, "ext %d payload is %u bytes, not %u", m->ext_type, m->len, want);
	return 0;
}

static int
read_ext(struct clone_reader *r, const struct mp_item *m, struct clone_item *it)
{
	switch (m->ext_type) {
	case CX_UNDEFINED:
		if (fixed(r, m, 0) == -1)
			return -1;
		it->kind = CI_UNDEFINED;
		break;
	case CX_BIGINT:
		if (!clone_bigint_valid(m->ptr, m->len))
			return fail(r, "malformed BigInt");
		it->kind = CI_BIGINT;
		it->u.s.p = m->ptr;
		it->u.s.n = m->len;
		it->u.s.ascii = true;
		it->u.s.lone = false;
		break;
	case CX_DATE:
	case CX_NUMBER:
		if (fixed(r, m, 8) == -1 || reserve(r, O_READY, 0, &it->id) == -1)
			return -1;
		it->kind = m->ext_type == CX_DATE ? CI_DATE : CI_NUMBER_OBJ;
		it->u.d = clone_get_double(m->ptr);
		break;
	case CX_BOOLEAN:
		if (fixed(r, m, 1) == -1)
			return -1;
		if (m->ptr[0] > 1)
			return fail(r, "Boolean object byte is not 0 or 1");
		if (reserve(r, O_READY, 0, &it->id) == -1)
			return -1;
		it->kind = CI_BOOLEAN;
		it->u.b = m->ptr[0];
		break;
	case CX_ARRAYBUFFER:
		if (reserve(r, O_READY | O_BUFFER, m->len, &it->id) == -1)
			return -1;
		it->kind = CI_ARRAYBUFFER;
		it->u.bytes.p = m->ptr;
		it->u.bytes.n = m->len;
		break;
	case CX_VIEW:
		if (m->len < 1)
			return fail(r, "ext 10 payload is empty");
		if (read_view_whole(r, m->ptr[0], m->ptr + 1, m->len - 1, it) == -1)
			return -1;
		break;
	case CX_REF:
		if (read_ref(r, m, &it->u.ref) == -1)
			return -1;
		it->kind = CI_REF;
		break;
	case CX_PORT:
		if (read_port(r, m, &it->u.ref) == -1)
			return -1;
		it->kind = CI_PORT;
		break;
	case CX_WSTRING:
		if (check_str(r, m->ptr, m->len, true, &it->u.s) == -1)
			return -1;
		it->kind = CI_STRING;
		break;
	case CX_REGEXP:
	case CX_STRING:
	case CX_VIEW_FULL:
	case CX_MAP:
	case CX_SET:
	case CX_ERROR:
	case CX_ARRAY:
		return read_sequence(r, m, it);
	case CX_HOLE:
		return fail(r, "array hole outside an array");
	default:
		return fail(r, "unknown ext type %d", m->ext_type);
	}
	return done(r);
}

/* One value whose header m was just read from f's bytes. */
static int
read_value(struct clone_reader *r, struct clone_frame *f, const struct mp_item *m, struct clone_item *it)
{
	switch (m->kind) {
	case MP_NIL:
		it->kind = CI_NULL;
		break;
	case MP_BOOL:
		it->kind = CI_BOOL;
		it->u.b = m->v.b;
		break;
	case MP_INT:
		it->kind = CI_NUMBER;
		it->u.d = (double)m->v.i;
		break;
	case MP_UINT:
		it->kind = CI_NUMBER;
		it->u.d = (double)m->v.u;
		break;
	case MP_FLOAT:
		it->kind = CI_NUMBER;
		it->u.d = m->v.f;
		break;
	case MP_STR:
		if (check_str(r, m->ptr, m->len, false, &it->u.s) == -1)
			return -1;
		it->kind = CI_STRING;
		break;
	case MP_BIN:
		if (read_view_whole(r, CV_UINT8, m->ptr, m->len, it) == -1)
			return -1;
		break;
	case MP_EXT:
		return read_ext(r, m, it);
	case MP_ARRAY:
	case MP_MAP:
		if (reserve(r, O_READY, 0, &it->id) == -1)
			return -1;
		it->kind = m->kind == MP_ARRAY ? CI_ARRAY : CI_OBJECT;
		it->u.array.ext = false;
		it->u.array.len = m->len;
		return push(r, m->kind == MP_ARRAY ? F_ARRAY : F_OBJECT, &f->in, m->len, it->id);
	}
	return done(r);
}

/* A property name: str as it is, an int in decimal form.  Extra
 * properties of an ext 16 may not be indices at or past its length: the
 * length would then not be the one on the wire. */
static int
read_key(struct clone_reader *r, struct clone_frame *f, struct clone_item *it)
{
	struct mp_item m;
	int64_t idx;

	if (mp_next(&f->in, &m) == -1)
		return fail(r, "%s", f->in.err);
	it->kind = CI_STRING;
	it->key = true;
	if (m.kind == MP_STR) {
		if (check_str(r, m.ptr, m.len, false, &it->u.s) == -1)
			return -1;
	} else if (m.kind == MP_UINT || m.kind == MP_INT) {
		if (m.kind == MP_UINT)
			snprintf(r->key, sizeof(r->key), "%llu", (unsigned long long)m.v.u);
		else
			snprintf(r->key, sizeof(r->key), "%lld", (long long)m.v.i);
		it->u.s.p = (const uint8_t *)r->key;
		it->u.s.n = (uint32_t)strlen(r->key);
		it->u.s.ascii = true;
		it->u.s.lone = false;
	} else {
		return fail(r, "map key is not a string or an integer");
	}
	if (f->type == F_ARRAY_EXT && (idx = clone_index_key((const char *)it->u.s.p, it->u.s.n)) >= 0 &&
	    (uint64_t)idx >= f->len)
		return fail(r, "array index %lld past its length", (long long)idx);
	f->value_next = true;
	return 0;
}

/* A run of holes among an array's elements, which may fill up to limit
 * slots. */
static int
read_holes(struct clone_reader *r, struct clone_frame *f, const struct mp_item *m, uint64_t limit,
    struct clone_item *it)
{
	uint64_t n;

	if (clone_hole_run(m->ptr, m->len, &n) == -1)
		return fail(r, "bad hole run");
	if (n > limit - f->slots)
		return fail(r, "array holes past its length");
	f->slots += n;
	it->kind = CI_HOLES;
	it->u.count = n;
	return 0;
}

/* Closes the innermost container. */
static int
close_frame(struct clone_reader *r, struct clone_item *it)
{
	struct clone_frame *f = &r->frames[r->depth];

	it->kind = CI_END;
	it->id = f->id;
	if (f->type == F_ARRAY || f->type == F_ARRAY_EXT) {
		it->u.array.ext = f->type == F_ARRAY_EXT;
		it->u.array.len = f->type == F_ARRAY ? f->slots : f->len;
	}
	r->depth--;
	/* A msgpack container read on in its parent's bytes. */
	if (f->type == F_ARRAY || f->type == F_OBJECT)
		r->frames[r->depth].in.p = f->in.p;
	return done(r);
}

int
clone_read(struct clone_reader *r, struct clone_item *it)
{
	struct clone_frame *f = &r->frames[r->depth];
	uint64_t limit = 0;	/* for an array element: the slots there are */
	struct mp_item m;

	if (r->failed)
		return -1;
	it->key = false;
	it->id = 0;
	switch (f->type) {
	case F_TOP:
		if (f->left == 0)
			return fail(r, "read past the end of the value");
		f->left = 0;
		break;
	case F_ARRAY:
		if (f->left == 0)
			return close_frame(r, it);
		f->left--;
		limit = 0xFFFFFFFF;
		break;
	case F_ARRAY_EXT:
		if (f->slots < f->len) {
			limit = f->len;
			break;
		}
		if (!f->value_next && mp_left(&f->in) == 0)
			return close_frame(r, it);
		if (!f->value_next)
			return read_key(r, f, it);
		f->value_next = false;
		break;
	case F_OBJECT:
		if (!f->value_next && f->left == 0)
			return close_frame(r, it);
		if (!f->value_next) {
			f->left--;
			return read_key(r, f, it);
		}
		f->value_next = false;
		break;
	case F_MAP:
		if (!f->value_next && mp_left(&f->in) == 0)
			return close_frame(r, it);
		f->value_next = !f->value_next;
		break;
	default:	/* F_SET */
		if (mp_left(&f->in) == 0)
			return close_frame(r, it);
		break;
	}
	if (mp_next(&f->in, &m) == -1)
		return fail(r, "%s", f->in.err);
	if (limit > 0) {
		if (m.kind == MP_EXT && m.ext_type == CX_HOLE)
			return read_holes(r, f, &m, limit, it);
		if (f->slots >= limit)
			return fail(r, "array elements past its length");
		f->slots++;
	}
	return read_value(r, f, &m, it);
}
