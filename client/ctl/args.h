/*
 * args.h - workerctl's command line: options may stand before or after the
 * command name; for commands that take SCRIPT [ARG...], option parsing stops
 * at SCRIPT so the script's own arguments pass through.  `--` ends options.
 *
 * args_parse() fills struct ctl, or prints one usage line on stderr and
 * returns -1 (exit 2).  It returns ARGS_HELP / ARGS_VERSION when those were
 * asked for (c->cmd is set when a command was named).
 */
#ifndef ARGS_H
#define ARGS_H

#include <stdint.h>

#include "ctl.h"

enum { ARGS_RUN = 0, ARGS_HELP = 1, ARGS_VERSION = 2 };

int args_parse(struct ctl *c, int argc, char **argv);
/* "64M" -> bytes (K, M, G: powers of 1024); -1 when malformed or too big. */
int args_size(const char *s, uint64_t *out);
/* "1.5" -> seconds; -1 when malformed, negative or not finite. */
int args_seconds(const char *s, double *out);

#endif
