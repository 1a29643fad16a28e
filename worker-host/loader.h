/*
 * loader.h - script source, from file to what Duktape compiles.
 *
 * host_load_source() is the one place every script and module passes
 * through: it reads the file (at most LOADER_MAX bytes), drops a leading
 * UTF-8 byte order mark, turns a leading "#!" line into a comment (same
 * length, so line numbers hold), checks the bytes are UTF-8 and converts
 * them to CESU-8.  Files that are always lowered (.ts, .tsx, .jsx, .mjs,
 * lower.h) come out as ES5 CommonJS instead; host_load_lowered() lowers
 * any file (require.c uses it for a .js file Duktape rejects).
 */
#ifndef WH_LOADER_H
#define WH_LOADER_H

#include <stddef.h>

#include <duktape.h>

#include "buf.h"

#define LOADER_MAX ((size_t)64 << 20)

enum { LOAD_IO = -1, LOAD_SYNTAX = -2, LOAD_THROW = -3 };

/* 0 with the source in out; LOAD_IO (cannot read it) or LOAD_SYNTAX (not
 * valid source text) with a one-line reason in err; LOAD_THROW with the
 * error to throw pushed (lowering failed, lower.h). */
int host_load_source(duk_context *ctx, const char *path, struct pbuf *out, char *err, size_t errlen);
/* The file's text as both of the above take it: [*text, *text+*len) in raw
 * (no BOM, a "#!" line made a comment, checked to be UTF-8); 0, or LOAD_IO
 * or LOAD_SYNTAX with the reason in err. */
int host_read_text(const char *path, struct pbuf *raw, const uint8_t **text, size_t *len, char *err,
    size_t errlen);
int host_load_lowered(duk_context *ctx, const char *path, struct pbuf *out, char *err, size_t errlen);

#endif
