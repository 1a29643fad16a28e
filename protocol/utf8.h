/*
 * utf8.h - UTF-8 checks and the CESU-8 boundary.
 *
 * Wire strings are strict UTF-8 (no surrogate code points, no overlong
 * forms).  Duktape keeps strings as CESU-8 internally and treats some
 * leading bytes (0x80-0x82, 0xFF) as Symbols, so bytes from the wire are
 * only ever handed to Duktape after utf8_to_cesu8().  WTF-8 is UTF-8 that
 * also allows unpaired surrogates; it carries JS strings that hold lone
 * surrogates (clone ext type "wstring").
 */
#ifndef WP_UTF8_H
#define WP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

bool utf8_valid(const uint8_t *p, size_t n);
/* A script file's text as every loader of it takes it (the worker's, and
 * workerctl compile's, whose cache keys must agree): a leading UTF-8 byte
 * order mark dropped (the length returned is where the text starts) and a
 * leading "#!" line made a "//" comment in place, so lines hold. */
size_t utf8_script_text(uint8_t *p, size_t n);
/* WTF-8: like UTF-8 but lone surrogates (ED A0..BF xx) are allowed; a
 * surrogate pair written as two 3-byte sequences is not (it must be 4 bytes). */
bool wtf8_valid(const uint8_t *p, size_t n);
/* Valid UTF-8/WTF-8 in, CESU-8 out (astral characters become two 3-byte
 * surrogates).  -1 on invalid input or when the buffer refuses to grow. */
int utf8_to_cesu8(const uint8_t *p, size_t n, bool allow_lone, struct pbuf *out);
/* Duktape's CESU-8 in, WTF-8 out (pairs joined into 4-byte sequences).
 * Sets *lone when an unpaired surrogate was seen, so the caller can choose
 * between a plain str and a wstring.  -1 on bytes that are not CESU-8. */
int cesu8_to_wtf8(const uint8_t *p, size_t n, struct pbuf *out, bool *lone);

#endif
