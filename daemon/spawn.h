/*
 * spawn.h - starting worker-host processes.
 *
 * The rest of the daemon only asks for "a host process with this socket on
 * its fd 3, in a process group of its own, a child of ours"; how that
 * happens stays here.  The fast way is a template: one `worker-host
 * --template` that has built the engine and runtime once and forks each
 * worker from that ready heap as a child of the daemon (CLONE_PARENT), as
 * if the daemon had forked it (docs/protocol.md 2.7).
 * When the template is missing, dies or misbehaves, it is restarted on the
 * next spawn; after SPAWN_TEMPLATE_TRIES failures in a row (or with
 * `use_template` off) every spawn is a plain posix_spawn, whose exec failure
 * is reported synchronously.  Hosts get the daemon's environment and
 * default signal dispositions either way.
 */
#ifndef WD_SPAWN_H
#define WD_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct spawner;

#define SPAWN_TEMPLATE_TRIES 3
/* How long a template may take to answer one spawn. */
#define SPAWN_TEMPLATE_TIMEOUT_MS 2000

/* `host_path` is the worker-host executable.  NULL on allocation failure. */
struct spawner *spawner_new(const char *host_path, bool use_template);
void spawner_free(struct spawner *sp);
/* Starts a host with `fd` as its fd 3; its pid (= its process group) or -1
 * with a one-line reason in err. */
pid_t spawner_start(struct spawner *sp, int fd, char *err, size_t errlen);

#endif
