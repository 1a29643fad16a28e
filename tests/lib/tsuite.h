/*
 * tsuite.h - the end of every test binary's main(): run the suite, print
 * Check's summary, exit nonzero when anything failed.  And tsuite_slurp(),
 * the one way a test reads a whole file (its expected output, a script).
 */
#ifndef TSUITE_H
#define TSUITE_H

#include <check.h>

/* Built with AddressSanitizer and UBSan (SANITIZE=1), where some facts
 * about a process differ: LeakSanitizer keeps ptrace (confine.c), UBSan's
 * runtime maps libstdc++. */
#if defined(__SANITIZE_ADDRESS__)
#define TSUITE_SANITIZED 1
#else
#define TSUITE_SANITIZED 0
#endif

/* Runs s (and frees it); 0 when every test passed, else 1. */
int tsuite_run(Suite *s);
/* The whole file, NUL-terminated (malloc'd); a file that cannot be read
 * fails the test, naming it (paths are relative to the top directory). */
char *tsuite_slurp(const char *path);

#endif
