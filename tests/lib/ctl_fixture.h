/*
 * ctl_fixture.h - runs build/workerctl as a subprocess for the e2e tests:
 * fork/exec with pipes on stdin, stdout and stderr, and every wait bounded
 * by a timeout (poll on the pipes; a child still running at the deadline
 * is killed and reported with status CTL_TIMED_OUT).  No sleeps.
 *
 * The binary is $WORKERSD_BUILD/workerctl (default build/workerctl); the
 * socket is passed with --socket.  Output is kept up to CTL_MAX_OUTPUT
 * bytes per stream (more is read and dropped).
 */
#ifndef CTL_FIXTURE_H
#define CTL_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

#define CTL_MAX_OUTPUT (1 << 20)
#define CTL_TIMED_OUT (-1)
#define CTL_WRITE_TIMEOUT 120.0

struct ctl_result {
	int status;		/* exit status, 128+N for signal N, or CTL_TIMED_OUT */
	char *out;		/* NUL-terminated */
	size_t out_len;
	char *err;
	size_t err_len;
};

struct ctl_proc {
	pid_t pid;
	int in_fd, out_fd, err_fd;
	char *out;		/* stdout read so far, not yet returned by ctl_read_line */
	size_t out_len;
	char *err;
	size_t err_len;
	bool out_eof, err_eof;
};

/* The path of a built program ($WORKERSD_BUILD/name). */
const char *ctl_prog(const char *name, char *buf, size_t len);

/* Starts workerctl with --socket sock (NULL: no --socket) and argv
 * (NULL-terminated, without the program name).  -1 on failure. */
int ctl_start(struct ctl_proc *p, const char *sock, const char *const *argv);
/* Writes to the child's stdin, collecting its output meanwhile; -1 on
 * failure or after CTL_WRITE_TIMEOUT seconds. */
int ctl_write(struct ctl_proc *p, const char *s);
void ctl_close_stdin(struct ctl_proc *p);
/* Reads one stdout line (without '\n', malloc'd) within timeout_s; NULL on
 * EOF or timeout. */
char *ctl_read_line(struct ctl_proc *p, double timeout_s);
/* Closes stdin, collects the rest of the output and the exit status within
 * timeout_s (killing the child past it) and frees the process. */
void ctl_finish(struct ctl_proc *p, double timeout_s, struct ctl_result *res);
void ctl_signal(struct ctl_proc *p, int sig);

/* Runs to the end: stdin gets `input` (NULL: empty). */
void ctl_runv(const char *sock, const char *input, double timeout_s, struct ctl_result *res,
    const char *const *argv);
/* Same with the arguments listed (NULL-terminated). */
void ctl_run(const char *sock, const char *input, double timeout_s, struct ctl_result *res, ...)
	__attribute__((sentinel));
void ctl_result_free(struct ctl_result *res);
/* "1\n2\n...n\n" and a NUL (not counted in its length), the input of the
 * tests that post more lines than can be in flight. */
void ctl_numbered_lines(struct pbuf *b, int n);

#endif
