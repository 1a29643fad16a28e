/*
 * compiler.h - the daemon's compile server (worker-host --compile), which
 * lowers TypeScript, JSX, ES modules and ES2015+ to ES5 for workers
 * (docs/protocol.md 2.6).
 *
 * compiler_new() makes the cache directory and a private socket
 * (NEAR.compile beside the daemon's own socket NEAR, else in a fresh
 * directory under $TMPDIR or /tmp) and listens on it.  A daemon that is
 * not root keeps both to itself (socket 0600, directories 0700) and its
 * servers run as its own user.  A root daemon runs its servers as `user`
 * (--compiler-user, default COMPILER_USER_DEFAULT; never root), gives that
 * user the cache directory (mode 0711: workers of any uid read an entry
 * whose name, the hash of its source, they know, and cannot list or write
 * any), and opens the socket to every uid (0666, its directory 0711),
 * since workers run as their clients (docs/security.md, "The compile
 * server").  A pool of `servers`
 * server processes (--compilers; compiler_default_servers() is the number
 * of cores, at most COMPILER_SERVERS_DEFAULT_MAX) share that one listening
 * socket, so the kernel spreads the workers' connections over the servers
 * that are idle in accept; each serves one request at a time.  They are
 * started on demand, all of them when a worker first connects (so a
 * daemon whose workers are all ES5 never pays for TypeScript), and a
 * worker that connects while they load just waits.  Each server is
 * restarted on its own: when one dies, the next connection starts it
 * again; one that keeps dying within COMPILER_QUICK_DEATH_S of starting
 * is restarted after a doubling delay (COMPILER_BACKOFF_MIN_S ..
 * COMPILER_BACKOFF_MAX_S), the others and the workers' connect/reply
 * timeouts covering the gap.  Workers learn the
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
/* Each server holds TypeScript in its own heap (about 60 MiB): the
 * default pool stops here however many cores there are. */
#define COMPILER_SERVERS_DEFAULT_MAX 8
#define COMPILER_USER_DEFAULT "nobody"
/* --compilers accepts 1 .. this. */
#define COMPILER_SERVERS_MAX 64

/* The default cache directory: /var/cache/workersd for root, else
 * $XDG_CACHE_HOME/workersd or $HOME/.cache/workersd.  -1 when none fits. */
int compiler_default_cache_dir(char *out, size_t len);
/* The number of online cores, 1 .. COMPILER_SERVERS_DEFAULT_MAX. */
unsigned compiler_default_servers(void);
/* `near` and `user` may be NULL; servers is 1 .. COMPILER_SERVERS_MAX.
 * NULL with a one-line reason in err. */
struct compiler *compiler_new(struct event_base *base, const char *host_path, const char *near,
    const char *cache_dir, uint64_t cache_max, unsigned servers, const char *user, int log_level,
    char *err, size_t errlen);
const char *compiler_socket(const struct compiler *c);
const char *compiler_cache_dir(const struct compiler *c);
void compiler_free(struct compiler *c);

#endif
