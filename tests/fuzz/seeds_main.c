/*
 * seeds_main.c - `seeds TARGET DIR` writes the target's seeds (seeds.h)
 * into DIR as seed-NNNN, the corpus `make fuzz` starts from.
 */
#include <stdio.h>
#include <stdlib.h>

#include "seeds.h"

struct out {
	const char *dir;
	unsigned n;
	int failed;
};

static void
write_seed(const uint8_t *p, size_t n, void *arg)
{
	struct out *o = arg;
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/seed-%04u", o->dir, o->n++);
	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		o->failed = 1;
		return;
	}
	if ((fwrite(p, 1, n, f) != n) | (fclose(f) != 0)) {
		perror(path);
		o->failed = 1;
	}
}

int
main(int argc, char **argv)
{
	struct out o = { 0 };

	if (argc != 3) {
		fprintf(stderr, "usage: seeds TARGET DIR\n");
		return 2;
	}
	o.dir = argv[2];
	if (fuzz_seeds(argv[1], write_seed, &o) != 0) {
		fprintf(stderr, "seeds: %s: unknown target, or a seed could not be built\n", argv[1]);
		return 1;
	}
	printf("seeds: %u for %s\n", o.n, argv[1]);
	return o.failed;
}
