/*
 * clone_write.h - the byte side both clone encoders share: clone_duk.c
 * (from Duktape values) and clone_json.c (from tagged JSON) write every
 * item whose form the format fixes through these, so the two cannot drift.
 *
 * Each appends one item and returns 0, or -1 when the buffer refused to
 * grow; the buffer then holds a partial item and the caller truncates back
 * to where its value started.
 */
#ifndef WP_CLONE_WRITE_H
#define WP_CLONE_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* int when integral in +-(2^53 - 1) and not -0, else float64. */
int cw_number(struct pbuf *b, double d);
/* str, or ext 17 when the WTF-8 bytes hold a lone surrogate. */
int cw_string(struct pbuf *b, const void *p, size_t n, bool lone);
/* A run of n holes: nothing for 0, an empty ext 2 for 1. */
int cw_holes(struct pbuf *b, uint64_t n);
/* ext 15 to object idx. */
int cw_ref(struct pbuf *b, uint32_t idx);
/* ext 4 (Date) or ext 7 (Number object): 8-byte big-endian double. */
int cw_double_ext(struct pbuf *b, int type, double d);
/* ext 6: a Boolean object. */
int cw_boolean(struct pbuf *b, bool v);
/* A view over the whole of a new buffer: bin for Uint8Array, else ext 10. */
int cw_view_whole(struct pbuf *b, int kind, const void *p, size_t n);

/* An array's header goes in once its elements are written: at pos, in
 * place of `old` placeholder bytes.  A plain msgpack array of n items: */
int cw_array_at(struct pbuf *b, size_t pos, size_t old, uint32_t n);
/* An ext 16 of length len (ext32 header, then the length); the caller
 * appends the rest and closes it with mpw_ext32_end(b, pos). */
int cw_array_ext_at(struct pbuf *b, size_t pos, size_t old, uint32_t len);

#endif
