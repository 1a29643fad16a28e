/*
 * host_fixture.h - drive a real worker-host over a socketpair, no daemon.
 *
 * hostfx_start() forks $WORKERSD_BUILD/worker-host (default ./build) with
 * the socketpair on its fd 3 and its stderr on a pipe, and sends `init`.
 * Frames are then read one at a time with a timeout (hostfx_next), written
 * with hostfx_post_json / hostfx_send_raw, and the process is reaped with
 * a timeout (hostfx_wait).  Scripts go to a fresh temp dir per fixture
 * (hostfx_write), removed by hostfx_stop().  Nothing here sleeps: every
 * wait is poll() on a descriptor, bounded by the caller's timeout.
 */
#ifndef HOST_FIXTURE_H
#define HOST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proto.h"

#define HOSTFX_TIMEOUT 5000

struct hostfx_opts {
	const char *name;
	const char *const *args;	/* NULL-terminated, or NULL */
	const char *const *env;		/* "K=V" strings, NULL-terminated, or NULL */
	bool smol;
	uint64_t heap_limit;
	uint64_t max_frame;
	const char *compiler;		/* init `compiler` (socket path), or NULL */
	const char *cache_dir;		/* init `cache_dir`, or NULL */
	const char *jsx_factory;	/* init `jsx_factory`, or NULL */
};

struct hostfx {
	pid_t pid;
	int fd;
	int err_fd;
	char dir[64];
	uint8_t *in;
	size_t in_len;
	size_t in_cap;
	uint8_t *doc;		/* the current frame (a copy), msg points into it */
	struct proto_msg msg;
	bool reaped;
	int status;		/* exit status, or 128 + signal */
	char path[512];
};

/* What a run to the exit frame collected: one line per item. */
struct hostfx_result {
	char *messages;		/* data of each `message`, as tagged JSON */
	char *errors;		/* the `error` field of each `error` frame, JSON */
	char *logs;		/* "level text" of each `log` */
	char *msgerrors;	/* the `error` field of each `messageerror` */
	char *order;		/* "message JSON" and "log LEVEL TEXT", as they came */
	int64_t code;
	char reason[16];
};

/* Makes the temp dir; 0 or -1. */
int hostfx_init(struct hostfx *f);
/* Writes dir/rel (parents created); returns its absolute path, kept in
 * f->path until the next call, or NULL. */
const char *hostfx_write(struct hostfx *f, const char *rel, const char *text);
/* Starts the host on `script` (absolute) and sends init. */
int hostfx_start(struct hostfx *f, const char *script, const struct hostfx_opts *o);
int hostfx_send_raw(struct hostfx *f, const void *p, size_t n);
/* Sends {t:"post", data:<the tagged JSON value>}. */
int hostfx_post_json(struct hostfx *f, const char *json);
int hostfx_send_stats(struct hostfx *f);
/* Next frame: its type (f->msg holds it), or -1 on EOF, timeout or a bad
 * frame. */
int hostfx_next(struct hostfx *f, int timeout_ms);
/* Like hostfx_next but skips `log` frames. */
int hostfx_next_nolog(struct hostfx *f, int timeout_ms);
/* The current frame's field as tagged JSON (malloc'd), or NULL. */
char *hostfx_json(struct hostfx *f, const char *key);
/* The current frame's str field (malloc'd, NUL-terminated), or NULL. */
char *hostfx_str(struct hostfx *f, const char *key);
int64_t hostfx_int(struct hostfx *f, const char *key, int64_t dflt);
/* Reaps the host: its exit status (128 + signal if killed), -1 on timeout. */
int hostfx_wait(struct hostfx *f, int timeout_ms);
/* Everything the host wrote on stderr so far (malloc'd). */
char *hostfx_stderr(struct hostfx *f);
/* Kills (if running) and reaps the host, removes the temp dir. */
void hostfx_stop(struct hostfx *f);

/* Reads frames until `exit` (0) or EOF/timeout (-1), collecting into r
 * (hostfx_result_free() releases it). */
int hostfx_run(struct hostfx *f, struct hostfx_result *r, int timeout_ms);
void hostfx_result_free(struct hostfx_result *r);

/* The Check fixture every host test file uses: a fresh host and an empty
 * result per test, both released afterwards. */
void hostfx_case_setup(struct hostfx *f, struct hostfx_result *r);
void hostfx_case_teardown(struct hostfx *f, struct hostfx_result *r);
/* s, or "" for NULL (a result's texts are NULL when nothing came). */
const char *hostfx_nz(const char *s);
/* The whole round: init, writes `src` as main.js, starts the host, posts
 * each tagged-JSON value of `posts` (NULL-terminated, may be NULL), runs to
 * the exit frame and reaps the host.  Returns the exit status, or -1 when
 * the exit frame or the process end did not come in time. */
int hostfx_run_script(struct hostfx *f, const char *src, const struct hostfx_opts *o,
    const char *const *posts, struct hostfx_result *r);

#endif
