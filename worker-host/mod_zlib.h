/*
 * mod_zlib.h - zlib behind Node's zlib (js/node_zlib.js): zlib_natives()
 * defines native.zlib with run() (one-shot compress/decompress, Node's
 * errors) and crc32().
 */
#ifndef MOD_ZLIB_H
#define MOD_ZLIB_H

#include <duktape.h>

void zlib_natives(duk_context *ctx, duk_idx_t native);

#endif
