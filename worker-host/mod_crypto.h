/*
 * mod_crypto.h - the host's bridge to OpenSSL's libcrypto, under the Web
 * layer of web_crypto.js and web_encoding.js.  crypto_natives() adds to
 * the host's `native` object, each synchronous and throwing a TypeError on
 * a bad argument (the JS layer has already checked names and sizes):
 *   digest(hash, data)        -> ArrayBuffer  (hash: "sha1" "sha256" "sha384" "sha512")
 *   hmac(hash, key, data)     -> ArrayBuffer
 *   timingSafeEqual(a, b)     -> boolean (same length required)
 *   randomFill(view)          -> view, filled from the kernel (random.h)
 *   base64Encode(bytes)       -> string
 *   base64Decode(string)      -> Uint8Array  (canonical, padded input only)
 * crypto_sha256_hex() is the C callers' digest (cache keys).
 */
#ifndef WH_MOD_CRYPTO_H
#define WH_MOD_CRYPTO_H

#include <stddef.h>

#include <duktape.h>

void crypto_natives(duk_context *ctx, duk_idx_t native);

/* SHA-256 of the concatenation of n parts (p[i], len[i]) as 64 lowercase
 * hex digits and a NUL; -1 if libcrypto failed. */
int crypto_sha256_hex(const void *const p[], const size_t len[], size_t n, char out[65]);

#endif
