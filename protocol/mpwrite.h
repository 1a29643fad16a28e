/*
 * mpwrite.h - msgpack writer into a struct pbuf (msgpack-c's packer).
 *
 * Each function appends one msgpack item and returns 0, or -1 when the
 * buffer refused to grow; after a -1 the buffer holds a partial item, so the
 * caller truncates back to a length it saved.  Integers use the smallest
 * msgpack form.  Containers whose size is only known afterwards (the ext
 * payloads of the clone codec) use mpw_ext32_begin/end, which writes an
 * ext32 header and patches its length once the payload is complete.
 */
#ifndef WP_MPWRITE_H
#define WP_MPWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

int mpw_nil(struct pbuf *b);
int mpw_bool(struct pbuf *b, bool v);
int mpw_int(struct pbuf *b, int64_t v);
int mpw_uint(struct pbuf *b, uint64_t v);
int mpw_double(struct pbuf *b, double v);
int mpw_str(struct pbuf *b, const char *s, size_t n);
/* NUL-terminated convenience form of mpw_str. */
int mpw_cstr(struct pbuf *b, const char *s);
int mpw_bin(struct pbuf *b, const void *p, size_t n);
int mpw_array(struct pbuf *b, uint32_t n);
int mpw_map(struct pbuf *b, uint32_t n);
/* An ext item with a payload known in advance. */
int mpw_ext(struct pbuf *b, int8_t type, const void *p, size_t n);
/* Writes an ext32 header with a placeholder length; returns the offset to
 * hand to mpw_ext32_end, or -1. */
long mpw_ext32_begin(struct pbuf *b, int8_t type);
/* Patches the length of the ext32 item begun at `off`; -1 if over 4 GiB. */
int mpw_ext32_end(struct pbuf *b, long off);
/* Appends bytes that already are one or more msgpack items. */
int mpw_raw(struct pbuf *b, const void *p, size_t n);

#endif
