/*
 * tsuite.h - the end of every test binary's main(): run the suite, print
 * Check's summary, exit nonzero when anything failed.
 */
#ifndef TSUITE_H
#define TSUITE_H

#include <check.h>

/* Runs s (and frees it); 0 when every test passed, else 1. */
int tsuite_run(Suite *s);

#endif
