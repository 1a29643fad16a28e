/*
 * procfile.h - what /proc says about a process, for tests that check what
 * the kernel holds about a worker (status, limits, mappings), find the daemon's
 * helpers among its children, or count its descriptors.  Zombies count as
 * gone everywhere.
 */
#ifndef PROCFILE_H
#define PROCFILE_H

#include <stdbool.h>
#include <sys/types.h>

/* Whether /proc/PID/FILE has a line whose words are those of `words`
 * (runs of blanks compare equal, so "Seccomp: 2" matches "Seccomp:\t2"). */
bool proc_has_line(pid_t pid, const char *file, const char *words);
/* Whether pid maps a file whose name starts with `name` ("libicuuc."). */
bool proc_maps_file(pid_t pid, const char *name);

/* A live child of parent with `arg` among its arguments (NULL: any live
 * child), or 0. */
pid_t proc_child_with(pid_t parent, const char *arg);
/* The daemon's live `worker-host --template`, or 0.  It leads its own
 * process group; a spare it has just forked (docs/protocol.md 2.7) shows
 * the same arguments for an instant, but in the template's group. */
pid_t proc_template_of(pid_t daemon);
/* Live children of parent that have none of the arguments in `skip`
 * (NULL-terminated, may be NULL). */
int proc_children_without(pid_t parent, const char *const *skip);
/* Open descriptors of pid whose target starts with prefix ("" for all);
 * -1 when pid is gone. */
int proc_fds(pid_t pid, const char *prefix);

#endif
