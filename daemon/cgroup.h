/*
 * cgroup.h - each worker in its own cgroup v2 directory, under a cgroup the
 * daemon was given (systemd's Delegate=yes, or --cgroup DIR).
 *
 * cgroups_open() decides once, at start: `off` does nothing; `auto` (the
 * default) acts only under systemd (INVOCATION_ID set) when the daemon's
 * own cgroup is a cgroup2 directory it may write (delegated); a DIR is
 * used as given and must be writable.  The daemon then moves itself (and
 * so the template and compile server it forks later) into DIR/supervisor,
 * because cgroup v2 lets a cgroup that hands controllers to its children
 * hold no process itself, and enables for the workers' cgroups whichever of
 * the memory, pids and cpu controllers DIR has.
 * cgroup_add() makes DIR/worker-ID and moves the worker's pid into it;
 * cgroup_remove() removes it once the worker is reaped.  Both are cheap
 * (a few system calls on a directory fd).  A failure is returned with a
 * message and changes nothing else: the worker runs on in the supervisor's
 * cgroup.
 */
#ifndef WD_CGROUP_H
#define WD_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct cgroups {
	int dirfd;			/* the delegated cgroup; -1: off */
	char path[PATH_MAX];
};

/* cgroup_add() and cgroup_remove() take NULL as off.  mode: "auto", "off" or an absolute directory.  0 with cg->dirfd -1
 * when there is nothing to do; -1 with a message when asked for a DIR (or
 * delegated under systemd) that cannot be used. */
int cgroups_open(struct cgroups *cg, const char *mode, char *err, size_t errlen);
void cgroups_close(struct cgroups *cg);
bool cgroups_on(const struct cgroups *cg);

int cgroup_add(struct cgroups *cg, uint64_t id, pid_t pid, char *err, size_t errlen);
void cgroup_remove(struct cgroups *cg, uint64_t id);

#endif
