/*
 * compile_fixture.h - a real compile server (worker-host --compile) for
 * tests that need the lowering.
 *
 * compilefx_spawn() starts $WORKERSD_BUILD/worker-host (default ./build)
 * listening on sock with its cache in cache (at most cache_max bytes, a
 * decimal string) and waits, polling the socket, until it accepts
 * connections or COMPILEFX_START_S pass: its pid, or -1.  The caller
 * stops it (SIGTERM, waitpid).
 *
 * compilefx_start() does that in a new temporary directory (socket and
 * cache inside it) for a whole test binary; compilefx_stop() ends the
 * server and removes the directory.  compilefx_run() is a main() that
 * does both around tsuite_run(s).
 */
#ifndef COMPILE_FIXTURE_H
#define COMPILE_FIXTURE_H

#include <check.h>
#include <sys/types.h>

/* Loading TypeScript takes about a second, more under the sanitizers. */
#define COMPILEFX_START_S 60

pid_t compilefx_spawn(const char *sock, const char *cache, const char *cache_max);

struct compilefx {
	char dir[64];
	char sock[96];
	char cache[128];
	pid_t pid;
};

int compilefx_start(struct compilefx *c);
void compilefx_stop(struct compilefx *c);
int compilefx_run(struct compilefx *c, Suite *s, const char *who);

#endif
