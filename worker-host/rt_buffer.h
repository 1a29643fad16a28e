/*
 * rt_buffer.h - Node's Buffer and the `buffer` module (js/buffer.js).
 *
 * rt_buffer_install() must run once per heap, after rt_text_install() and
 * rt_es_install() (it builds on TextEncoder/TextDecoder and the typed-array
 * methods).  It compiles the module in the template but runs it on first
 * use: an idle worker carries only the compiled function, a worker that
 * touches Buffer builds it (about 0.7 ms).  It replaces
 * Duktape's own Node-6-era global Buffer with an accessor, as Node 20's
 * global is: reading it gives the module's Buffer, or what the script
 * assigned.  Errors of the module's construction propagate (out of memory
 * only).
 */
#ifndef RT_BUFFER_H
#define RT_BUFFER_H

#include <duktape.h>

void rt_buffer_install(duk_context *ctx);
/* Pushes the exports of require("buffer") (the same object every time),
 * building them on first use. */
void rt_buffer_push_module(duk_context *ctx);

#endif
