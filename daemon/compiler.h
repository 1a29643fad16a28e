/*
 * compiler.h - the daemon's compile server (worker-host --compile), which
 * lowers TypeScript, JSX, ES modules and ES2015+ to ES5 for workers
 * (docs/protocol.md 2.6).
 *
 * compiler_new() makes the cache directory and a private socket (mode
 * 0600: NEAR.compile beside the daemon's own socket NEAR, else in a 0700
 * directory under $TMPDIR or /tmp) and listens on it; the server
 * itself is started on demand, when a worker first connects (so a daemon
 * whose workers are all ES5 never pays for TypeScript), and inherits the
 * listening socket, so a worker that connects while it loads just waits.
 * When the server dies, the next connection starts another one; a server
 * that keeps dying within COMPILER_QUICK_DEATH_S of starting is restarted
 * after a doubling delay (COMPILER_BACKOFF_MIN_S .. COMPILER_BACKOFF_MAX_S),
 * the workers' connect/reply timeouts covering the gap.  Workers learn the
 * socket and the cache directory from `init` (compiler_socket(),
 * compiler_cache_dir()).  compiler_free() stops the server and removes the
 * socket.
 */
#ifndef WD_COMPILER_H
#define WD_COMPILER_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct compiler;

#define COMPILER_QUICK_DEATH_S 5.0
#define COMPILER_BACKOFF_MIN_S 0.5
#define COMPILER_BACKOFF_MAX_S 30.0
#define COMPILER_BACKLOG 128

/* The default cache directory: /var/cache/workersd for root, else
 * $XDG_CACHE_HOME/workersd or $HOME/.cache/workersd.  -1 when none fits. */
int compiler_default_cache_dir(char *out, size_t len);
/* `near` may be NULL.  NULL with a one-line reason in err. */
struct compiler *compiler_new(struct event_base *base, const char *host_path, const char *near,
    const char *cache_dir, uint64_t cache_max, int log_level, char *err, size_t errlen);
const char *compiler_socket(const struct compiler *c);
const char *compiler_cache_dir(const struct compiler *c);
void compiler_free(struct compiler *c);

#endif
