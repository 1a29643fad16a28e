/*
 * rt_text.h - WHATWG TextEncoder and TextDecoder.
 *
 * Replaces Duktape's built-ins, whose encode() writes past its buffer for
 * non-BMP characters.  Strings leave Duktape's CESU-8 as UTF-8 (pairs
 * joined, lone surrogates become U+FFFD) and decoded bytes enter it only as
 * CESU-8 built here, never as raw input bytes.  TextDecoder supports fatal,
 * ignoreBOM and decode(..., {stream: true}) in every encoding of the
 * Encoding standard that ICU has (all but iso-8859-16 and replacement,
 * which throw RangeError as in Node); the converters are ICU's, each
 * opened per decoder and closed by its finalizer.
 */
#ifndef RT_TEXT_H
#define RT_TEXT_H

#include <duktape.h>

void rt_text_install(duk_context *ctx);

#endif
