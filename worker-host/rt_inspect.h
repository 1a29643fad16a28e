/*
 * rt_inspect.h - Node-style value formatting (console, util.format).
 *
 * rt_inspect_install() must run once per heap, after Map/Set and Promise
 * are installed.  The formatters never throw: a value whose inspection
 * fails prints as "[Uninspectable: ...]", and a whole result longer than
 * RT_INSPECT_MAX_CHARS characters is cut there and marked.
 */
#ifndef RT_INSPECT_H
#define RT_INSPECT_H

#include <duktape.h>

#define RT_INSPECT_MAX_CHARS (1L << 20)

void rt_inspect_install(duk_context *ctx);
/* Pushes util.format(args...) of the `count` values from `first` (Node's
 * rules: %s %d %i %f %j %o %O %c %%, extra values appended with spaces,
 * strings as they are and anything else inspected).  Returns 0, or -1 if
 * formatting failed and a placeholder was pushed instead. */
int rt_format_args(duk_context *ctx, duk_idx_t first, duk_idx_t count);
/* Pushes util.inspect(value at idx) with the given depth (2 is Node's
 * default).  Returns 0, or -1 with a placeholder pushed. */
int rt_inspect_value(duk_context *ctx, duk_idx_t idx, int depth);
/* Pushes util.inspect itself (value[, options]), the function a custom
 * inspector receives as its third argument. */
void rt_inspect_push_user(duk_context *ctx);

#endif
