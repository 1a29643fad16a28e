/*
 * wire.h - strings across the boundary between Duktape and the wire.
 *
 * Wire strings are strict UTF-8; Duktape's are CESU-8 and may hold lone
 * surrogates.  wire_push_str() validates wire bytes and converts them before
 * they reach Duktape (bytes that are not UTF-8 could otherwise become
 * Symbols).  wire_put_str() writes a Duktape string as a msgpack str,
 * replacing lone surrogates by U+FFFD, since text fields (log lines, error
 * messages) must be UTF-8.
 */
#ifndef WH_WIRE_H
#define WH_WIRE_H

#include <stddef.h>

#include <duktape.h>

#include "buf.h"

/* Pushes one string; -1 (nothing pushed) when the bytes are not UTF-8. */
int wire_push_str(duk_context *ctx, const void *p, size_t n);
/* Writes the CESU-8 bytes [p, p+n) as a msgpack str. */
int wire_put_cesu(struct pbuf *b, const char *p, size_t n);
/* Writes the string at idx (a non-string is written as its safe string form;
 * the stack is left as it was). */
int wire_put_str(struct pbuf *b, duk_context *ctx, duk_idx_t idx);

#endif
