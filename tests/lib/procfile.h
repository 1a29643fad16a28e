/*
 * procfile.h - lines of /proc/PID/FILE, for tests that check what the
 * kernel holds about a worker (status, limits).
 */
#ifndef PROCFILE_H
#define PROCFILE_H

#include <stdbool.h>
#include <sys/types.h>

/* Whether /proc/PID/FILE has a line whose words are those of `words`
 * (runs of blanks compare equal, so "Seccomp: 2" matches "Seccomp:\t2"). */
bool proc_has_line(pid_t pid, const char *file, const char *words);

#endif
