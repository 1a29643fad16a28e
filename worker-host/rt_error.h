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
 * errors the engine throws are instances of it; Error's other own
 * properties (rt_es's captureStackTrace, stackTraceLimit) are copied
 * onto the new one, and an AggregateError made before inherits from it.
 * Called last, so the natives sit after the rest of the runtime in the
 * template's heap (a worker's start copies fewer pages); the runtime's
 * own code that kept Duktape's constructors makes its errors with them,
 * which share the prototypes.
 */
#ifndef RT_ERROR_H
#define RT_ERROR_H

#include <duktape.h>

void rt_error_install(duk_context *ctx);

#endif
