/*
 * mod_hash.h - libcrypto's incremental hashes, HMACs and key derivations
 * behind Node's crypto (js/node_crypto.js): hash_natives() defines
 * native.hash.
 */
#ifndef MOD_HASH_H
#define MOD_HASH_H

#include <duktape.h>

void hash_natives(duk_context *ctx, duk_idx_t native);

#endif
