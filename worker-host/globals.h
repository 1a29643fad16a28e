/*
 * globals.h - the worker's global scope: self and its events (js/events.js),
 * postMessage, structuredClone, close, name, performance; and the bridge
 * to the JS halves of the host.
 *
 * globals_install() runs inside a protected call once the runtime built-ins
 * and the codec are in place.  It builds a `native` object of C functions
 * (from this module, process.c and require.c), evaluates the embedded JS
 * files with it, and keeps the `internal` object they fill in the heap
 * stash.  globals_call() calls internal[name]; user code can reach neither.
 */
#ifndef WH_GLOBALS_H
#define WH_GLOBALS_H

#include <duktape.h>

void globals_install(duk_context *ctx);
/* Calls internal[name] with the nargs values on the stack top, which are
 * replaced by the result or the thrown value; returns duk_pcall()'s code. */
int globals_call(duk_context *ctx, const char *name, duk_idx_t nargs);

#endif
