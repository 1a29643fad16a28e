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
 * it.  A worker (or the compile server) never starts a process: the
 * template builds a second filter with confine_nofork_build() and each
 * worker applies it with confine_nofork_apply(), which also sets
 * RLIMIT_NPROC to 0.  All of it is inherited by every child and cannot be
 * undone.  The functions return -1 with a message in err.
 * docs/security.md describes the model.
 */
#ifndef WH_CONFINE_H
#define WH_CONFINE_H

#include <stddef.h>

#include <linux/filter.h>

/* A worker holds fds 0-3, its event loop's and its own files and sockets. */
#define CONFINE_NOFILE_WORKER	256
/* The compile server holds one connection per connected worker. */
#define CONFINE_NOFILE_COMPILER	4096

/* Room for the no-fork program; it takes about 20 instructions. */
#define CONFINE_NOFORK_MAX	64

struct confine_nofork {
	struct sock_filter insn[CONFINE_NOFORK_MAX];
	unsigned short len;	/* 0: nothing to apply (sanitizer builds) */
};

int confine_host(unsigned nofile, char *err, size_t errlen);
int confine_nofork_build(struct confine_nofork *nf, char *err, size_t errlen);
int confine_nofork_apply(const struct confine_nofork *nf, char *err, size_t errlen);

#endif
