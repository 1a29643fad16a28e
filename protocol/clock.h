/*
 * clock.h - the monotonic clock, read one way by every program here: for
 * deadlines, spin budgets and the timestamps a worker reports.  Its zero
 * is arbitrary (the kernel's), so only differences mean anything.
 */
#ifndef WP_CLOCK_H
#define WP_CLOCK_H

#include <stdint.h>

uint64_t mono_ns(void);
/* mono_ns() in milliseconds and in seconds, fractions kept */
double mono_ms(void);
double mono_s(void);

#endif
