/*
 * random.h - Math.random for workers forked from a template.
 *
 * Duktape seeds its own generator once per heap, so every worker forked
 * from one template heap would draw the same numbers.  random_install()
 * replaces Math.random with xoshiro256** whose state lives in the host
 * context; random_seed() reseeds it from the kernel and runs in each worker
 * after the fork.  random_bytes() is the kernel's CSPRNG directly (for
 * crypto.getRandomValues): nothing of it lives in the heap a template
 * shares, so forked workers never repeat each other; -1 if it failed.
 */
#ifndef WH_RANDOM_H
#define WH_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

struct host_random {
	uint64_t s[4];
};

void random_install(duk_context *ctx);
void random_seed(struct host_random *r);
int random_bytes(void *p, size_t n);

#endif
