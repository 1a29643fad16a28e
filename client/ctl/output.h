/*
 * output.h - how workerctl shows things: human sizes and durations, the
 * `ls` table, `status` in plain and JSON form, and JSON lines on stdout.
 * Every printer flushes stdout after a line that a script may wait for.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "workerclient.h"

/* "512B", "1.5K", "12M", "3.0G" into buf. */
void out_size(uint64_t bytes, char *buf, size_t len);
/* "42s", "3m05s", "2h07m", "4d03h" into buf. */
void out_uptime(double s, char *buf, size_t len);
/* The aligned table of `ls`. */
void out_table(const struct wc_status *w, size_t n);
/* `status` as "key: value" lines. */
void out_status(const struct wc_status *s);
/* JSON: one status object, or an array of them, on one line. */
int out_status_json(const struct wc_status *w, size_t n, int as_array);
/* Prints one line and flushes stdout. */
void out_line(const char *s);
/* The same for n bytes that may hold NULs (a worker's log text), to stdout
 * or stderr. */
void out_text(FILE *f, const char *s, size_t n);

#endif
