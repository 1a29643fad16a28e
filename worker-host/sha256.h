/*
 * sha256.h - SHA-256 (FIPS 180-4), for cache keys of lowered scripts.
 *
 * Incremental: sha256_init(), any number of sha256_update(), then
 * sha256_hex() writes the 64 lowercase hex digits and a NUL.
 */
#ifndef WH_SHA256_H
#define WH_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t block[64];
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *p, size_t n);
void sha256_hex(struct sha256 *s, char out[65]);

#endif
