/*
 * confine.c - resource limits, no_new_privs and the seccomp filter of a
 * worker-host process (confine.h), built with libseccomp.  The filter is an
 * allow list with EPERM for the rest, so JavaScript that reaches something
 * new gets an error it can report rather than a dead worker; only calls
 * that act on the system or on other processes kill.  Sanitizer builds let
 * LeakSanitizer do its work at exit: it stops the process's threads from a
 * cloned tracer with ptrace, so they keep ptrace and clone.
 */
#include "confine.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/seccomp.h>

#include <seccomp.h>

#include "rt_dynlib.h"

#if defined(__SANITIZE_ADDRESS__)
#define CONFINE_SANITIZED true
#else
#define CONFINE_SANITIZED false
#endif

/* clone() with any of these makes a namespace; the low byte is the exit
 * signal, so CLONE_NEWTIME (clone3 and unshare only) is not among them. */
#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
	CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

static const int allowed[] = {
	/* files */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
	SCMP_SYS(pread64), SCMP_SYS(pwrite64), SCMP_SYS(preadv), SCMP_SYS(pwritev),
	SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(close), SCMP_SYS(close_range),
	SCMP_SYS(lseek), SCMP_SYS(stat), SCMP_SYS(fstat), SCMP_SYS(lstat),
	SCMP_SYS(newfstatat), SCMP_SYS(statx), SCMP_SYS(statfs), SCMP_SYS(fstatfs),
	SCMP_SYS(access), SCMP_SYS(faccessat), SCMP_SYS(faccessat2),
	SCMP_SYS(getdents64), SCMP_SYS(getcwd), SCMP_SYS(chdir), SCMP_SYS(fchdir), SCMP_SYS(readlink), SCMP_SYS(readlinkat),
	SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(rmdir), SCMP_SYS(rename),
	SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(unlink), SCMP_SYS(unlinkat),
	SCMP_SYS(fsync), SCMP_SYS(fdatasync), SCMP_SYS(ftruncate), SCMP_SYS(fallocate),
	SCMP_SYS(fchmod), SCMP_SYS(utimensat), SCMP_SYS(flock), SCMP_SYS(fcntl),
	SCMP_SYS(chmod), SCMP_SYS(fchmodat), SCMP_SYS(truncate), SCMP_SYS(symlink),
	SCMP_SYS(symlinkat), SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(sendfile),
	SCMP_SYS(copy_file_range),
	SCMP_SYS(dup), SCMP_SYS(dup2), SCMP_SYS(dup3),
	SCMP_SYS(pipe), SCMP_SYS(pipe2), SCMP_SYS(umask),
	/* memory */
	SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
	SCMP_SYS(mprotect), SCMP_SYS(madvise), SCMP_SYS(mincore),
	/* time and timers (outbox.c arms a SIGRTMIN timer) */
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(gettimeofday),
	SCMP_SYS(time), SCMP_SYS(nanosleep), SCMP_SYS(clock_nanosleep),
	SCMP_SYS(timer_create), SCMP_SYS(timer_settime), SCMP_SYS(timer_gettime),
	SCMP_SYS(timer_getoverrun), SCMP_SYS(timer_delete),
	SCMP_SYS(timerfd_create), SCMP_SYS(timerfd_settime), SCMP_SYS(timerfd_gettime),
	/* signals; tgkill and tkill reach this process's own threads only */
	SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
	SCMP_SYS(rt_sigpending), SCMP_SYS(rt_sigtimedwait), SCMP_SYS(rt_sigsuspend),
	SCMP_SYS(sigaltstack), SCMP_SYS(tgkill), SCMP_SYS(tkill),
	SCMP_SYS(signalfd4), SCMP_SYS(eventfd2),
	/* waiting */
	SCMP_SYS(epoll_create), SCMP_SYS(epoll_create1), SCMP_SYS(epoll_ctl),
	SCMP_SYS(epoll_wait), SCMP_SYS(epoll_pwait), SCMP_SYS(epoll_pwait2),
	SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(select), SCMP_SYS(pselect6),
	SCMP_SYS(futex), SCMP_SYS(sched_yield), SCMP_SYS(restart_syscall),
	/* sockets (fetch connects; the compile server listens) */
	SCMP_SYS(connect), SCMP_SYS(bind), SCMP_SYS(listen), SCMP_SYS(accept),
	SCMP_SYS(accept4), SCMP_SYS(socketpair), SCMP_SYS(sendto), SCMP_SYS(recvfrom),
	SCMP_SYS(sendmsg), SCMP_SYS(recvmsg), SCMP_SYS(sendmmsg), SCMP_SYS(recvmmsg),
	SCMP_SYS(shutdown), SCMP_SYS(getsockopt), SCMP_SYS(setsockopt),
	SCMP_SYS(getsockname), SCMP_SYS(getpeername),
	/* the process itself */
	SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getppid), SCMP_SYS(getpgrp),
	SCMP_SYS(getpgid), SCMP_SYS(setpgid), SCMP_SYS(getuid), SCMP_SYS(geteuid),
	SCMP_SYS(getgid), SCMP_SYS(getegid), SCMP_SYS(getresuid), SCMP_SYS(getresgid),
	SCMP_SYS(getgroups), SCMP_SYS(getrlimit),
	/* identity.c drops root after the fork; the no-fork filter ends it */
	SCMP_SYS(setgroups), SCMP_SYS(setgid), SCMP_SYS(setuid), SCMP_SYS(getrusage), SCMP_SYS(times),
	SCMP_SYS(sysinfo), SCMP_SYS(uname), SCMP_SYS(prctl), SCMP_SYS(arch_prctl),
	SCMP_SYS(sched_getaffinity), SCMP_SYS(set_robust_list), SCMP_SYS(get_robust_list),
	SCMP_SYS(set_tid_address), SCMP_SYS(rseq), SCMP_SYS(getrandom),
	SCMP_SYS(exit), SCMP_SYS(exit_group),
	/* the template reaps its rehearsal (prefault.h); a worker, which
	 * cannot fork, has no child to wait for */
	SCMP_SYS(wait4),
	/* a filter stacked on this one can only take more away */
	SCMP_SYS(seccomp),
};

/* Calls that act beyond this process: the kernel's default, death. */
static const int lethal[] = {
	SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
	SCMP_SYS(kcmp), SCMP_SYS(pidfd_getfd), SCMP_SYS(personality),
	SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root), SCMP_SYS(chroot),
	SCMP_SYS(move_mount), SCMP_SYS(open_tree), SCMP_SYS(fsopen), SCMP_SYS(fsmount),
	SCMP_SYS(fspick), SCMP_SYS(mount_setattr), SCMP_SYS(unshare), SCMP_SYS(setns),
	SCMP_SYS(kexec_load), SCMP_SYS(kexec_file_load), SCMP_SYS(reboot),
	SCMP_SYS(init_module), SCMP_SYS(finit_module), SCMP_SYS(delete_module),
	SCMP_SYS(bpf), SCMP_SYS(perf_event_open), SCMP_SYS(userfaultfd),
	SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
	SCMP_SYS(iopl), SCMP_SYS(ioperm), SCMP_SYS(swapon), SCMP_SYS(swapoff),
	SCMP_SYS(acct), SCMP_SYS(syslog), SCMP_SYS(quotactl),
	SCMP_SYS(open_by_handle_at), SCMP_SYS(name_to_handle_at),
	SCMP_SYS(settimeofday), SCMP_SYS(clock_settime), SCMP_SYS(adjtimex),
	SCMP_SYS(clock_adjtime),
};

/* libseccomp, mapped while a filter is built and closed once it is
 * (rt_dynlib.h): workers only load programs built before the fork, so
 * neither they nor the template that forks them keep the library. */
struct scmp {
	__typeof__(&seccomp_init) init;
	__typeof__(&seccomp_attr_set) attr_set;
	__typeof__(&seccomp_rule_add) rule_add;
	__typeof__(&seccomp_load) load;
	__typeof__(&seccomp_export_bpf) export_bpf;
	__typeof__(&seccomp_release) release;
	void *handle;
};

#define SYM(f, field) { #f, offsetof(struct scmp, field) }

static const struct dynlib_sym scmp_syms[] = {
	SYM(seccomp_init, init),
	SYM(seccomp_attr_set, attr_set),
	SYM(seccomp_rule_add, rule_add),
	SYM(seccomp_load, load),
	SYM(seccomp_export_bpf, export_bpf),
	SYM(seccomp_release, release),
};

static int
scmp_open(struct scmp *s, char *err, size_t errlen)
{
	s->handle = dynlib_load(WORKERSD_SECCOMP_LIB, scmp_syms, sizeof(scmp_syms) / sizeof(scmp_syms[0]),
	    s, err, errlen);
	return s->handle != NULL ? 0 : -1;
}

static int
fail(char *err, size_t errlen, const char *what, int e)
{
	snprintf(err, errlen, "%s: %s", what, strerror(e));
	return -1;
}

static int
cap(int resource, rlim_t n)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) == -1)
		return -1;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < n)
		n = rl.rlim_max;
	rl.rlim_cur = rl.rlim_max = n;
	return setrlimit(resource, &rl);
}

static int
add_all(const struct scmp *s, scmp_filter_ctx f, uint32_t action, const int *calls, size_t n)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = s->rule_add(f, action, calls[i], 0)) != 0)
			return rc;
	}
	return 0;
}

/* Reading limits is allowed, setting them is not (as root it could raise
 * them again), neither for another process... */
static int
add_special(const struct scmp *s, scmp_filter_ctx f)
{
	int rc;

	if ((rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
	    SCMP_A0(SCMP_CMP_MASKED_EQ, NS_FLAGS, 0))) != 0)
		return rc;
	/* glibc falls back to clone when clone3 is missing. */
	if ((rc = s->rule_add(f, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0)) != 0)
		return rc;
	if ((rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2,
	    SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A2(SCMP_CMP_EQ, 0))) != 0)
		return rc;
	/* ...but for confine_nofork(), which comes after a template's fork. */
	if ((rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2,
	    SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A1(SCMP_CMP_EQ, RLIMIT_NPROC))) != 0)
		return rc;
	/* No typing into a terminal the host shares (stderr may be one). */
	if ((rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
	    SCMP_A1(SCMP_CMP_NE, TIOCSTI))) != 0)
		return rc;
	/* Only AF_UNIX, AF_INET and AF_INET6: no netlink, no raw packets. */
	if ((rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_UNIX))) != 0 ||
	    (rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_INET))) != 0 ||
	    (rc = s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
	    SCMP_A0(SCMP_CMP_EQ, AF_INET6))) != 0)
		return rc;
	if (CONFINE_SANITIZED)
		return s->rule_add(f, SCMP_ACT_ALLOW, SCMP_SYS(ptrace), 0);
	return 0;
}

static int
load(struct scmp *s, scmp_filter_ctx f, int rc, const char *what, char *err, size_t errlen)
{
	if (rc == 0)
		rc = s->load(f);
	s->release(f);
	dynlib_close(s->handle);
	if (rc != 0)
		return fail(err, errlen, what, -rc);
	return 0;
}

int
confine_host(unsigned nofile, char *err, size_t errlen)
{
	struct scmp s;
	scmp_filter_ctx f;
	int rc;

	if (cap(RLIMIT_CORE, 0) == -1)
		return fail(err, errlen, "RLIMIT_CORE", errno);
	if (cap(RLIMIT_NOFILE, nofile) == -1)
		return fail(err, errlen, "RLIMIT_NOFILE", errno);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return fail(err, errlen, "PR_SET_NO_NEW_PRIVS", errno);
	if (scmp_open(&s, err, errlen) == -1)
		return -1;
	if ((f = s.init(SCMP_ACT_ERRNO(EPERM))) == NULL) {
		dynlib_close(s.handle);
		return fail(err, errlen, "seccomp_init", ENOMEM);
	}
	/* A binary tree on the call number: every system call runs the filter. */
	rc = s.attr_set(f, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc == 0)
		rc = add_all(&s, f, SCMP_ACT_ALLOW, allowed, sizeof(allowed) / sizeof(allowed[0]));
	if (rc == 0)
		rc = add_special(&s, f);
	if (rc == 0 && !CONFINE_SANITIZED)
		rc = add_all(&s, f, SCMP_ACT_KILL_PROCESS, lethal, sizeof(lethal) / sizeof(lethal[0]));
	return load(&s, f, rc, "seccomp filter", err, errlen);
}

/* Once the worker is who it will be, it changes identity no more. */
static const int ids[] = {
	SCMP_SYS(setgroups), SCMP_SYS(setgid), SCMP_SYS(setuid),
};

/* A second filter, stacked: the kernel runs both and the stricter answer
 * wins.  libseccomp builds it once, in the template, and exports the
 * program through a pipe (2.5 has no export to memory), so that a worker
 * only loads it: one system call per spawn. */
int
confine_nofork_build(struct confine_nofork *nf, char *err, size_t errlen)
{
	struct scmp lib, *s = &lib;
	scmp_filter_ctx f;
	int rc, p[2];
	ssize_t n;

	nf->len = 0;
	if (CONFINE_SANITIZED)
		return 0;
	if (scmp_open(s, err, errlen) == -1)
		return -1;
	if ((f = s->init(SCMP_ACT_ALLOW)) == NULL) {
		dynlib_close(s->handle);
		return fail(err, errlen, "seccomp_init", ENOMEM);
	}
	rc = s->rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 0);
	if (rc == 0)
		rc = s->rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fork), 0);
	if (rc == 0)
		rc = s->rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(vfork), 0);
	if (rc == 0)
		rc = s->rule_add(f, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prlimit64), 1,
		    SCMP_A2(SCMP_CMP_NE, 0));
	for (size_t i = 0; rc == 0 && i < sizeof(ids) / sizeof(ids[0]); i++)
		rc = s->rule_add(f, SCMP_ACT_ERRNO(EPERM), ids[i], 0);
	if (rc == 0 && pipe2(p, O_CLOEXEC) == -1)
		rc = -errno;
	if (rc == 0) {
		rc = s->export_bpf(f, p[1]);
		close(p[1]);
		n = read(p[0], nf->insn, sizeof(nf->insn));
		close(p[0]);
		if (rc == 0 && (n <= 0 || n == (ssize_t)sizeof(nf->insn) ||
		    n % (ssize_t)sizeof(nf->insn[0]) != 0))
			rc = -E2BIG;
		else if (rc == 0)
			nf->len = (unsigned short)(n / (ssize_t)sizeof(nf->insn[0]));
	}
	s->release(f);
	dynlib_close(s->handle);
	if (rc != 0)
		return fail(err, errlen, "seccomp filter", -rc);
	return 0;
}

/* RLIMIT_NPROC 0 stops forks too where the uid is not root. */
int
confine_nofork_apply(const struct confine_nofork *nf, char *err, size_t errlen)
{
	struct sock_fprog prog = { .len = nf->len, .filter = (struct sock_filter *)nf->insn };

	if (nf->len == 0)
		return 0;
	if (cap(RLIMIT_NPROC, 0) == -1)
		return fail(err, errlen, "RLIMIT_NPROC", errno);
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1)
		return fail(err, errlen, "seccomp filter", errno);
	return 0;
}
