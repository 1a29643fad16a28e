/*
 * wc_clock.h - the deadlines of the library's blocking calls (and of
 * workerctl's): a timeout in seconds (< 0: none) becomes a monotonic
 * deadline, and a deadline the milliseconds poll() may wait.
 */
#ifndef WC_CLOCK_H
#define WC_CLOCK_H

/* Seconds on the monotonic clock. */
double wc_now(void);
/* -1 for a negative timeout (no deadline). */
double wc_deadline(double timeout_s);
/* poll()'s timeout until the deadline: -1 for none, 0 once passed. */
int wc_ms_left(double deadline);

#endif
