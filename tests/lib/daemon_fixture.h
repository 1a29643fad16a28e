/*
 * daemon_fixture.h - runs a real build/workersd for end-to-end tests.
 *
 * df_start() makes a private temp directory, starts the daemon there with
 * --socket DIR/workersd.sock, --host-path $WORKERSD_BUILD/worker-host,
 * --log-level=debug, --stop-timeout=0.2 and the extra flags given (which may
 * override those), its stderr going to DIR/stderr.log, and returns
 * once the socket accepts connections.  The daemon gets PR_SET_PDEATHSIG so
 * a crashed test never leaves it behind.  With WORKERSD_VALGRIND=1 it runs
 * under valgrind (leak check; exit status 99 on any error or definite /
 * indirect leak), and df_stop() reports that status.  Every wait is
 * bounded and polls for the condition; nothing sleeps blindly.
 */
#ifndef DAEMON_FIXTURE_H
#define DAEMON_FIXTURE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct daemon_fixture {
	pid_t pid;
	bool valgrind;
	char dir[32];
	char sock[64];
	char log[64];
};

/* $WORKERSD_BUILD (absolute) or "build" under the cwd, + "/" + name. */
const char *df_prog(const char *name, char *buf, size_t len);
/* Starts the daemon with extra flags (NULL-terminated, may be NULL). */
int df_start(struct daemon_fixture *d, const char *const *flags);
/* The same on a given socket path instead of DIR/workersd.sock. */
int df_start_at(struct daemon_fixture *d, const char *sock, const char *const *flags);
/* The same as uid/gid (the test must be root): the temp dir is theirs, the
 * daemon changes to them before exec. */
int df_start_as(struct daemon_fixture *d, uid_t uid, gid_t gid, const char *const *flags);
/* SIGTERM, then waits (bounded); returns the exit status (128+N for a
 * signal, -1 when it did not stop in time and was killed). */
int df_stop(struct daemon_fixture *d);
/* Waits (bounded) for the daemon to exit by itself; status as df_stop. */
int df_wait_exit(struct daemon_fixture *d, double timeout_s);
/* Removes the temp directory. */
void df_cleanup(struct daemon_fixture *d);
/* The daemon's stderr so far, malloc'd and NUL-terminated. */
char *df_stderr(const struct daemon_fixture *d);
/* Writes a file in the temp dir; returns its absolute path in buf. */
const char *df_script(const struct daemon_fixture *d, const char *name, const char *text, char *buf, size_t len);
/* Polls cond(arg) until true or timeout_s passes; returns its last value. */
bool df_wait_until(bool (*cond)(void *arg), void *arg, double timeout_s);
/* True when the process exists (and is not a zombie). */
bool df_pid_alive(pid_t pid);
/* VmRSS of a process in bytes, or 0. */
size_t df_rss(pid_t pid);
/* Scales a timeout (or a memory bound) for valgrind or ASan. */
double df_slow(double seconds);

#endif
