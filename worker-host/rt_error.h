/*
 * rt_error.h - the Error constructors with ES2022's `cause` option.
 *
 * rt_error_install() puts a native in place of each global Error,
 * EvalError, RangeError, ReferenceError, SyntaxError, TypeError and
 * URIError: it makes the error with Duktape's own constructor (so the
 * message, the stack and the prototype are Duktape's), takes its own
 * frame off the error's traceback, and defines `cause` from the options
 * argument (InstallErrorCause: an object that has `cause`, inherited or
 * own; non-enumerable, writable, configurable).  Each shares its
 * prototype object with Duktape's, whose `constructor` it becomes, so
 * errors the engine throws are instances of it.  Call it before anything
 * reads those globals to keep them (rt_es defines captureStackTrace on
 * Error).
 */
#ifndef RT_ERROR_H
#define RT_ERROR_H

#include <duktape.h>

void rt_error_install(duk_context *ctx);

#endif
