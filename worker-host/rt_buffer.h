/*
 * rt_buffer.h - Node's Buffer and the `buffer` module (js/buffer.js).
 *
 * rt_buffer_install() must run once per heap, after rt_text_install() and
 * rt_es_install() (it builds on TextEncoder/TextDecoder and the typed-array
 * methods); it replaces Duktape's own Node-6-era global Buffer with the
 * module's and keeps the module's exports in the heap stash.  Installed in
 * the template like the rest of the runtime, so a worker pays nothing to
 * start with it.
 */
#ifndef RT_BUFFER_H
#define RT_BUFFER_H

#include <duktape.h>

void rt_buffer_install(duk_context *ctx);
/* Pushes the exports of require("buffer") (the same object every time). */
void rt_buffer_push_module(duk_context *ctx);

#endif
