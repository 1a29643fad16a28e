/*
 * confine.h - what a worker-host process may do to the system.
 *
 * confine_host() caps the resources (no core dumps, CONFINE_NOFILE_* open
 * files), sets no_new_privs and installs the seccomp filter: the system
 * calls a worker uses today or soon (files, sockets, time, memory,
 * signals, epoll) are allowed, any other call fails with EPERM, and the
 * ones that reach past the process (ptrace, mount, kexec, bpf, namespaces,
 * keys, other processes' memory...) kill it.  The filter still allows
 * clone without namespace flags, since a template forks its workers under
 * it; confine_nofork() then takes that away in a worker (or the compile
 * server), which never starts a process.  Both are inherited by every
 * child and cannot be undone.  They return -1 with a message in err.
 * docs/security.md describes the model.
 */
#ifndef WH_CONFINE_H
#define WH_CONFINE_H

#include <stddef.h>

/* A worker holds fds 0-3, its event loop's and its own files and sockets. */
#define CONFINE_NOFILE_WORKER	256
/* The compile server holds one connection per connected worker. */
#define CONFINE_NOFILE_COMPILER	4096

int confine_host(unsigned nofile, char *err, size_t errlen);
int confine_nofork(char *err, size_t errlen);

#endif
