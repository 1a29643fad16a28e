/*
 * seeds.h - the seed inputs of every fuzz target, made from real frames:
 * each built by the protocol's own writers (msg.h) as the daemon, a
 * client, a host or the compile server sends it, carrying clone values
 * written by clone_from_json() plus the hostile bytes of
 * tests/lib/clone_corpus.c.  `make fuzz` writes them into each target's
 * corpus (seeds_main.c); `make check` replays them (replay.c).  Nothing
 * binary is committed for them.
 */
#ifndef FUZZ_SEEDS_H
#define FUZZ_SEEDS_H

#include <stddef.h>
#include <stdint.h>

typedef void (*seed_fn)(const uint8_t *p, size_t n, void *arg);

/* Hands every seed of the target to fn; -1 for a target not known here
 * or when a seed cannot be built. */
int fuzz_seeds(const char *target, seed_fn fn, void *arg);

#endif
