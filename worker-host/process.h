/*
 * process.h - the C half of `process` (the rest is js/process.js).
 *
 * process_natives() adds to the host's `native` object: reallyExit(code)
 * (ends the worker with code as a full int32, after the JS half ran the
 * exit listeners), env and argv built from the init message (argv is
 * [path of worker-host, script, ...args]), pid, ppid, arch, cwd(), the
 * credentials' getuid() and kin, umask([mask]) and version strings.
 */
#ifndef WH_PROCESS_H
#define WH_PROCESS_H

#include <duktape.h>

void process_natives(duk_context *ctx, duk_idx_t native);
/* Sets process.env, argv, execPath, pid and ppid from this worker's init
 * (after a template fork they differ from the template's). */
void process_personalize(duk_context *ctx);

#endif
