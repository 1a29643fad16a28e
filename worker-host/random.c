#include "random.h"

#include <errno.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "rt_define.h"

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
next(struct host_random *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* splitmix64, to spread a weak fallback seed over the whole state. */
static uint64_t
mix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
random_seed(struct host_random *r)
{
	struct timespec ts;
	uint64_t x;

	if (getrandom(r->s, sizeof(r->s), GRND_NONBLOCK) == (ssize_t)sizeof(r->s) &&
	    (r->s[0] | r->s[1] | r->s[2] | r->s[3]) != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	x = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ (uint64_t)ts.tv_sec;
	for (int i = 0; i < 4; i++)
		r->s[i] = mix(&x);
}

int
random_bytes(void *p, size_t n)
{
	unsigned char *o = p;
	ssize_t got;

	while (n > 0) {
		got = getrandom(o, n, 0);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		o += got;
		n -= (size_t)got;
	}
	return 0;
}

static duk_ret_t
math_random(duk_context *ctx)
{
	/* 53 random bits: every double in [0, 1) of that spacing. */
	duk_push_number(ctx, (double)(next(&host_get(ctx)->random) >> 11) * 0x1.0p-53);
	return 1;
}

void
random_install(duk_context *ctx)
{
	duk_get_global_string(ctx, "Math");
	rt_def_method(ctx, -1, "random", math_random, 0);
	duk_pop(ctx);
}
