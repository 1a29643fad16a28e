/*
 * lower.h - modern sources (TypeScript, JSX, ES modules, ES2015+) turned
 * into ES5 CommonJS before Duktape compiles them (docs/worker-api.md,
 * "Languages").
 *
 * Which files are lowered is srcext.h's (protocol/): .ts, .tsx, .jsx,
 * .mjs, .mts, .cts always, .js and .cjs only when Duktape rejects them
 * (require.c).  lower_source() takes the UTF-8 source and
 * gives CESU-8 ES5: from the cache directory named in `init` (cache_dir)
 * when an entry for this source, compiler and options is there, otherwise
 * from the compile server named in `init` (compiler), which writes the
 * entry.  Before the first lowered module runs it installs the
 * source-map support
 * (js/lower-rt.js: stacks, fileName and lineNumber of errors thrown in
 * lowered code name original lines).  On failure it pushes the error to
 * throw and returns -1, so the caller can free its buffers first: a
 * SyntaxError whose fileName, lineNumber and columnNumber are the original
 * position, or an Error naming the file and the cause (no compiler, no
 * answer).  Must run inside a Duktape call.
 *
 * Imports are lowered ahead: once a module's lowered code is known (from
 * the cache or a server), each require("./x") or require("../x") in it (a
 * static import, after lowering) is resolved as require.js would (file,
 * file plus extension, index plus extension) and, when the loader will
 * lower that file (by its extension, or a .js/.cjs that Duktape rejects,
 * test-compiled here), is not cached and not asked for yet, sent to the
 * servers at once, without waiting; at most LOWER_AHEAD_MAX requests are in
 * flight.  Replies are read whenever the loader waits for one (and on each
 * call): a request made ahead needs nothing more than its cache entry, which
 * the server wrote, and its own imports are sent in turn; when the loader
 * asks for a module already in flight it waits for that reply instead of
 * asking again.  So the whole import graph keeps every server busy.  The JSX factory is the init field jsx_factory (default
 * React.createElement); a file's own "@jsx" pragma wins.
 */
#ifndef WH_LOWER_H
#define WH_LOWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

#include "buf.h"

/* Connect attempts span this long (the server may be restarting). */
#define LOWER_CONNECT_MS 10000
/* A compile may take this long before the worker gives up. */
#define LOWER_REPLY_MS 60000
/* The largest reply taken from the compile server. */
#define LOWER_REPLY_MAX ((size_t)256 << 20)
/* Requests in flight at once, the loader's own among them: imports past
 * it are not sent ahead (the loader sends them when it gets there). */
#define LOWER_AHEAD_MAX 16
/* Paths remembered as looked at already (not looked at again ahead). */
#define LOWER_SEEN_MAX 4096

/* Lowers [p, p+n) (UTF-8) of path into out (CESU-8): 0, or -1 with the
 * error to throw pushed. */
int lower_source(duk_context *ctx, const char *path, const uint8_t *p, size_t n, struct pbuf *out);
/* lower_source() for text that is no file's (vm's scripts, named by their
 * filename option): lowered as a JavaScript script whatever the name's
 * extension, its imports not sent ahead; the map and errors name `name`. */
int lower_script(duk_context *ctx, const char *name, const uint8_t *p, size_t n, struct pbuf *out);
/* The error on the stack top is Duktape's SyntaxError for the lowered code
 * of path (syntax TypeScript passes through, such as BigInt literals):
 * its "(line N)", lineNumber and stack are made to name the original line. */
void lower_fix_syntax_error(duk_context *ctx, const char *path);
/* The stack holds Duktape's SyntaxError, then the error that stopped the
 * text's lowering (no compile server...): the lowering's error is popped
 * and its message appended to the SyntaxError's ("; the WHAT was not
 * lowered: ..."), which stands: a bare "parse error" would read as a bug
 * in the script. */
void lower_note_not_lowered(duk_context *ctx, const char *what);
/* Whether ES5 text Duktape takes means something else in ES2015, so that
 * a .js/.cjs file is lowered though Duktape compiles it: an object
 * literal's `__proto__: p` (Annex B: the literal's prototype; Duktape's
 * own property).  A textual look: a false match costs only a lowering. */
bool lower_es2015_meaning(const uint8_t *p, size_t n);

#endif
