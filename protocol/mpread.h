/*
 * mpread.h - bounded msgpack reader over a byte range.
 *
 * msgpack-c's unpacker trusts the counts in headers (an array32 header can
 * make it reserve gigabytes), so everything that reads untrusted bytes goes
 * through this cursor instead.  mp_next() reads one header and, for
 * str/bin/ext, its body; it refuses any count or length larger than the
 * bytes that are left (every element takes at least one byte), so no caller
 * ever allocates what a header merely claims.  mp_skip() passes over one
 * whole value of any depth without recursion.  Errors set r->err to a static
 * one-line message and return -1; the reader is then unusable.
 */
#ifndef WP_MPREAD_H
#define WP_MPREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum mp_kind {
	MP_NIL,
	MP_BOOL,
	MP_INT,		/* negative integer: v.i */
	MP_UINT,	/* non-negative integer: v.u */
	MP_FLOAT,	/* float32 or float64, widened: v.f */
	MP_STR,		/* ptr/len, not validated, not NUL-terminated */
	MP_BIN,		/* ptr/len */
	MP_ARRAY,	/* len = element count */
	MP_MAP,		/* len = pair count */
	MP_EXT,		/* ext_type, ptr/len = payload */
};

struct mp_item {
	enum mp_kind kind;
	union {
		bool b;
		int64_t i;
		uint64_t u;
		double f;
	} v;
	const uint8_t *ptr;
	uint32_t len;
	int8_t ext_type;
};

struct mp_reader {
	const uint8_t *p;
	const uint8_t *end;
	const char *err;
};

void mp_reader_init(struct mp_reader *r, const void *p, size_t n);
static inline size_t mp_left(const struct mp_reader *r) { return (size_t)(r->end - r->p); }
int mp_next(struct mp_reader *r, struct mp_item *it);
/* Skips one complete value (containers included). */
int mp_skip(struct mp_reader *r);
/* Checks that [p, p+n) holds exactly one complete msgpack value. */
int mp_check_one(const void *p, size_t n, const char **err);
/* Reads an integer item (int or uint) that fits in int64; -1 otherwise. */
int mp_item_int64(const struct mp_item *it, int64_t *out);

#endif
