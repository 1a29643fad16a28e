/*
 * wire.h - strings across the boundary between Duktape and the wire.
 *
 * Wire strings are strict UTF-8; Duktape's are CESU-8 and may hold lone
 * surrogates.  wire_push_str() validates wire bytes and converts them before
 * they reach Duktape (bytes that are not UTF-8 could otherwise become
 * Symbols).  wire_utf8() turns a Duktape string into the UTF-8 a text
 * field (log line, error message) must hold, replacing lone surrogates by
 * U+FFFD.  Bytes cross as Uint8Arrays: wire_push_u8() makes one for the
 * native modules (fs, zlib, crypto) to fill.
 */
#ifndef WH_WIRE_H
#define WH_WIRE_H

#include <stddef.h>

#include <duktape.h>

#include "buf.h"

/* Pushes one string; -1 (nothing pushed) when the bytes are not UTF-8. */
int wire_push_str(duk_context *ctx, const void *p, size_t n);
/* Appends the CESU-8 bytes [p, p+n) to out as UTF-8 (bytes that are not
 * CESU-8 become one U+FFFD); -1 when out refuses to grow. */
int wire_utf8(struct pbuf *out, const char *p, size_t n);
/* The same for the string at idx (a non-string as its safe string form;
 * the stack is left as it was). */
int wire_utf8_at(struct pbuf *out, duk_context *ctx, duk_idx_t idx);
/* Pushes a new Uint8Array of n bytes (zeroed) and returns its data;
 * with p, the bytes are a copy of [p, p+n). */
void *wire_push_u8(duk_context *ctx, const void *p, size_t n);

#endif
