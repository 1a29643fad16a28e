/*
 * tsuite.h - the end of every test binary's main(): run the suite, print
 * Check's summary, exit nonzero when anything failed.  And tsuite_slurp(),
 * the one way a test reads a whole file (its expected output, a script).
 */
#ifndef TSUITE_H
#define TSUITE_H

#include <check.h>

/* Runs s (and frees it); 0 when every test passed, else 1. */
int tsuite_run(Suite *s);
/* The whole file, NUL-terminated (malloc'd); a file that cannot be read
 * fails the test, naming it (paths are relative to the top directory). */
char *tsuite_slurp(const char *path);

#endif
