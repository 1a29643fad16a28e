/*
 * compiler.h - worker-host's compile mode: the compile server.
 *
 *   worker-host --compile (--listen PATH | --listen-fd N) --cache-dir DIR
 *               [--heap-limit BYTES] [--cache-max BYTES] [--uid N --gid N]
 *
 * Started as root with --uid/--gid (a root daemon's servers), it opens
 * the cache directory and reads typescript.js first, then takes that
 * identity (identity.h) and the no-fork filter, before it parses anything
 * a worker sent.
 * Loads TypeScript's compiler (WORKERSD_TSC) once into a Duktape heap
 * capped at --heap-limit (default 256 MiB), then serves `compile` requests
 * (docs/protocol.md 2.6) on the Unix socket PATH (or the listening socket
 * it inherited as fd N, as workersd starts it), one at a time, for any
 * number of connections (at most COMPILER_CONN_MAX at once; more are
 * closed at accept).  Each result goes into the cache (lowercache.h) before
 * the `compiled` reply; a source whose entry is already there is answered
 * from it without compiling.  The process exits with the daemon
 * (parent-death signal, set by main.c's start_clean() with the rest of a
 * host's hardening), and after an out-of-memory compile (the daemon
 * starts a fresh one).  With --listen the socket is bound only once the
 * compiler has loaded, so a connect that succeeds meets a ready server.
 */
#ifndef WH_COMPILER_H
#define WH_COMPILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loader.h"
#include "proto.h"

#define COMPILER_CONN_MAX 256
/* fds 0-2, the listening socket (3) and the daemon's death pipe (4) stay
 * open; every other inherited fd is closed at start. */
#define COMPILER_LAST_FD 4
#define COMPILER_HEAP_DEFAULT ((size_t)256 << 20)
/* A request carries a whole script: the loader's bound plus the envelope. */
#define COMPILER_REQUEST_MAX (LOADER_MAX + 4096)

struct confine_nofork;

int compiler_main(int argc, char **argv, const struct confine_nofork *nofork);

/* One compile request as compiler_read_request() decodes it, before any
 * cache or compiler sees it (the fuzzer drives this part alone):
 * NUL-terminated copies of filename and jsx_factory (LOWER_DEFAULT_JSX
 * when absent), the source pointing into the request. */
struct compile_req {
	char *filename;
	char *jsx;
	bool legacy_decorators;
	const uint8_t *source;
	size_t n;
};

/* 0, or -1 with *why (the text of the err reply) when a field is missing,
 * of the wrong type, holds a NUL byte, or jsx_factory is empty.  Free req
 * with compiler_request_free() either way. */
int compiler_read_request(const struct proto_msg *m, struct compile_req *req, const char **why);
void compiler_request_free(struct compile_req *req);

#endif
