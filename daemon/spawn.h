/*
 * spawn.h - starting worker-host processes.
 *
 * The rest of the daemon only asks for "a host process with this socket on
 * its fd 3, in a process group of its own, a child of ours"; how that
 * happens stays here.  The fast way is a template: one `worker-host
 * --template` that has built the engine and runtime once and forks each
 * worker from that ready heap as a child of the daemon (CLONE_PARENT), as
 * if the daemon had forked it (docs/protocol.md 2.7).  That is
 * asynchronous: spawner_start() sends the request and returns at once, and
 * the pid comes later through the caller's spawn_cb, so a slow template
 * never holds up the event loop and the forks of a burst overlap with
 * everything else the daemon does.
 *
 * At most SPAWN_PENDING_MAX spawns wait for the template; one more is
 * started by fork+exec instead, at once.  The template must answer its
 * oldest waiting request within SPAWN_TEMPLATE_TIMEOUT_MS of that request
 * becoming the oldest.  When it does not, closes its socket or answers
 * with no worker, it is stopped, every spawn waiting on it is started by
 * fork+exec, and a new template starts; after SPAWN_TEMPLATE_TRIES
 * failures in a row (or with `use_template` off) every spawn is a plain
 * posix_spawn, which reports exec failure synchronously.  Hosts get the
 * daemon's environment and default signal dispositions either way.
 */
#ifndef WD_SPAWN_H
#define WD_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct event_base;
struct spawner;

#define SPAWN_TEMPLATE_TRIES 3
/* How long the template may take to answer one spawn. */
#define SPAWN_TEMPLATE_TIMEOUT_MS 2000
/* Spawns waiting for the template at once. */
#define SPAWN_PENDING_MAX 1024

/* The end of a spawn that spawner_start() left pending: the host's pid, or
 * -1 and a one-line reason when no host could be started.  Called exactly
 * once, from the event loop or spawner_poll(), never from inside
 * spawner_start(); not at all once spawner_free() has run. */
typedef void (*spawn_cb)(pid_t pid, const char *err, void *arg);

/* `host_path` is the worker-host executable.  NULL on allocation failure. */
struct spawner *spawner_new(struct event_base *base, const char *host_path, bool use_template,
    int log_level);
void spawner_free(struct spawner *sp);
/* Starts a host with `fd` as its fd 3; the spawner takes `fd` whatever the
 * outcome.  Returns the host's pid (= its process group) when it started
 * at once, 0 when it is pending (cb gets the result), or -1 with a
 * one-line reason in err. */
pid_t spawner_start(struct spawner *sp, int fd, spawn_cb cb, void *arg, char *err, size_t errlen);
/* Delivers every answer the template has already sent.  Call it before
 * reaping: the template answers before a worker may run, so then no host
 * is reaped while its pid is still unknown.  NULL: no spawner, nothing to
 * deliver. */
void spawner_poll(struct spawner *sp);

#endif
