/*
 * spawn.h - starting worker-host processes.
 *
 * The rest of the daemon only asks for "a host process with this socket on
 * its fd 3, in a process group of its own"; how that happens stays here, so
 * that forking from a pre-initialised template process can later replace
 * fork+exec without touching any caller.  The host gets the daemon's
 * environment and default signal dispositions; exec failure is reported
 * synchronously (posix_spawn uses vfork semantics and returns exec's errno).
 */
#ifndef WD_SPAWN_H
#define WD_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

struct spawner;

/* `host_path` is the worker-host executable.  NULL on allocation failure. */
struct spawner *spawner_new(const char *host_path);
void spawner_free(struct spawner *sp);
/* Starts a host with `fd` as its fd 3; its pid (= its process group) or -1
 * with a one-line reason in err. */
pid_t spawner_start(struct spawner *sp, int fd, char *err, size_t errlen);

#endif
