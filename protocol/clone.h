/*
 * clone.h - constants of the structured-clone encoding (docs/protocol.md
 * section 4), shared by the reader (clone_read.h), the writer
 * (clone_write.h), the Duktape codec (clone_duk.h) and the tagged-JSON
 * converter (clone_json.h).
 */
#ifndef WP_CLONE_H
#define WP_CLONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum clone_ext {
	CX_UNDEFINED = 1,
	CX_HOLE = 2,
	CX_BIGINT = 3,
	CX_DATE = 4,
	CX_REGEXP = 5,
	CX_BOOLEAN = 6,
	CX_NUMBER = 7,
	CX_STRING = 8,
	CX_ARRAYBUFFER = 9,
	CX_VIEW = 10,
	CX_VIEW_FULL = 11,
	CX_MAP = 12,
	CX_SET = 13,
	CX_ERROR = 14,
	CX_REF = 15,
	CX_ARRAY = 16,
	CX_WSTRING = 17,
	CX_PORT = 18,		/* a MessagePort moved within one worker, never on a link */
};

enum clone_view {
	CV_INT8, CV_UINT8, CV_UINT8C, CV_INT16, CV_UINT16, CV_INT32, CV_UINT32,
	CV_FLOAT32, CV_FLOAT64, CV_BIGINT64, CV_BIGUINT64, CV_DATAVIEW, CV__COUNT
};

/* Deepest nesting a decoder accepts. */
#define CLONE_MAX_DEPTH 1000

/* Constructor name of a view kind ("Uint8Array", "DataView"), or NULL. */
const char *clone_view_name(int kind);
/* Kind for a constructor name, or -1. */
int clone_view_from(const char *name, size_t n);
/* Bytes per element of a view kind (1 for DataView). */
unsigned clone_view_size(int kind);

/* Payload pieces the reader (clone_read.h) and the writer (clone_write.h)
 * share.  8-byte big-endian doubles (Date, Number object): */
void clone_put_double(uint8_t out[8], double d);
double clone_get_double(const uint8_t p[8]);
/* A BigInt payload: optional '-', digits, no leading zeros. */
bool clone_bigint_valid(const uint8_t *p, size_t n);
/* A msgpack uint (smallest form) into out; returns its length. */
size_t clone_uint_bytes(uint8_t out[9], uint64_t v);
/* The index a property name stands for when it is a canonical array index
 * (decimal, no leading zero, below 2^32 - 1), else -1. */
int64_t clone_index_key(const char *s, size_t n);
/* The hole count of an ext 2 payload (empty = 1); -1 if malformed. */
int clone_hole_run(const uint8_t *p, size_t n, uint64_t *count);

#endif
