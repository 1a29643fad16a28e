/*
 * payload.h - the benchmark's messages, shared by bench.c (through the
 * daemon) and hostmsg.c (the worker alone), so both measure the same bytes.
 *
 * Values are clone bytes (docs/protocol.md, "Structured clone"), written
 * into a pbuf the caller owns; the readers look into a value without
 * decoding all of it and answer false / -1 for anything else.
 */
#ifndef BENCH_PAYLOAD_H
#define BENCH_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define BENCH_BIG_SIZE 65536

/* The small message i: a map of four keys, ~95 bytes, as the peers send. */
void bench_small_msg(struct pbuf *v, int i);
/* {cmd: "expect", n}: the child counts the next n messages and acks. */
void bench_expect_msg(struct pbuf *v, int n);
/* BENCH_BIG_SIZE bytes of a fixed pattern that does not compress. */
void bench_big_fill(uint8_t *big);

bool bench_is_str(const uint8_t *p, size_t n, const char *s);
/* The integer under `key` in a flat map value, or -1. */
int64_t bench_map_int(const uint8_t *p, size_t n, const char *key);

#endif
