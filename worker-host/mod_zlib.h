/*
 * mod_zlib.h - zlib behind Node's zlib (js/node_zlib.js, node_zlib_stream.js):
 * zlib_natives() defines native.zlib, made on its first read (rt_def_lazy),
 * with run() (one-shot compress/decompress), open/input/step/reset/close
 * (a stream's handle, output in bounded pieces; freed by close or its
 * finalizer) and crc32(); errors are Node's.
 */
#ifndef MOD_ZLIB_H
#define MOD_ZLIB_H

#include <duktape.h>

void zlib_natives(duk_context *ctx, duk_idx_t native);

#endif
