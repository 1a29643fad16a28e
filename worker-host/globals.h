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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

#include "buf.h"

void globals_install(duk_context *ctx);
/* What differs between workers forked from one template: self.name,
 * performance.timeOrigin and the process fields (process_personalize). */
void globals_personalize(duk_context *ctx);
/* Calls internal[name] with the nargs values on the stack top, which are
 * replaced by the result or the thrown value; returns duk_pcall()'s code. */
int globals_call(duk_context *ctx, const char *name, duk_idx_t nargs);
/* Is internal[name] a function (a lazy file that defines it has loaded)? */
bool globals_has(duk_context *ctx, const char *name);
/* clone_decode_ports() that never throws: 0 with the value pushed, or -1
 * with nothing pushed and the reason in err (a throw inside, such as an
 * allocation failure, becomes the reason).  ports: the receiver's new
 * MessagePorts, or DUK_INVALID_INDEX (a message from the daemon). */
int globals_decode(duk_context *ctx, const uint8_t *p, size_t n, duk_idx_t ports, char *err, size_t errlen);
/* Encodes the value at val into out (clone_encode_ports; transfer and
 * ports may be DUK_INVALID_INDEX), or throws: a DataCloneError, or what a
 * getter threw; out is freed before any throw. */
void globals_encode(duk_context *ctx, duk_idx_t val, duk_idx_t transfer, duk_idx_t ports, struct pbuf *out);

#endif
