/*
 * console.h - console.log/info/warn/error/debug: one `log` frame per call,
 * level = the method's name, text formatted like Node (rt_format_args).
 * A line too long for one frame is cut to fit.
 */
#ifndef WH_CONSOLE_H
#define WH_CONSOLE_H

#include <duktape.h>

void console_install(duk_context *ctx);

#endif
