/*
 * console.h - console.log/info/warn/error/debug: one `log` frame per call,
 * level = the method's name, text formatted like Node (rt_format_args).
 * A line too long for one frame is cut to fit.  console_natives() adds
 * writeLog(levelIndex, text) to the host's `native` object for
 * process.stdout/stderr.write (no formatting).
 */
#ifndef WH_CONSOLE_H
#define WH_CONSOLE_H

#include <duktape.h>

void console_install(duk_context *ctx);
void console_natives(duk_context *ctx, duk_idx_t native);

#endif
