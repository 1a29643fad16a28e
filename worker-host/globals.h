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

#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

void globals_install(duk_context *ctx);
/* What differs between workers forked from one template: self.name,
 * performance.timeOrigin and the process fields (process_personalize). */
void globals_personalize(duk_context *ctx);
/* Calls internal[name] with the nargs values on the stack top, which are
 * replaced by the result or the thrown value; returns duk_pcall()'s code. */
int globals_call(duk_context *ctx, const char *name, duk_idx_t nargs);
/* clone_decode() that never throws: 0 with the value pushed, or -1 with
 * nothing pushed and the reason in err (a throw inside, such as an
 * allocation failure, becomes the reason). */
int globals_decode(duk_context *ctx, const uint8_t *p, size_t n, char *err, size_t errlen);

#endif
