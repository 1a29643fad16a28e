/*
 * daemon_util.h - shared steps of the daemon end-to-end tests on top of
 * daemon_fixture.h and rawclient.h: spawn a worker from script text,
 * wait for a given event of a worker, read a close reply.
 */
#ifndef DAEMON_UTIL_H
#define DAEMON_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon_fixture.h"
#include "rawclient.h"

struct close_info {
	int64_t code;
	char reason[32];
	char signal[32];	/* "" for nil */
};

/* Starts a daemon with extra flags (NULL-terminated, may be NULL) and
 * connects c to it; fails the test when either does not work. */
void du_start(struct daemon_fixture *d, struct rawclient *c, const char *const *flags);
/* Closes c, stops the daemon and fails the test unless it exited cleanly
 * (under valgrind: without a leak or an error), then removes its dir. */
void du_stop(struct daemon_fixture *d, struct rawclient *c);
/* Starts a daemon with no extra flags and writes src as DIR/file, its
 * absolute path into path (the fixture of the client-side tests). */
void du_start_with(struct daemon_fixture *d, const char *file, const char *src, char *path, size_t len);
/* Stops the daemon, fails the test unless it exited cleanly (as du_stop),
 * then removes its dir. */
void du_finish(struct daemon_fixture *d);
/* Writes src as DIR/file and spawns it; 0 on failure.  Extra: one optional
 * spawn field (key, and a bool, or for "owner" true = "client";
 * "heap_limit" takes heap_limit). */
uint64_t du_spawn(struct daemon_fixture *d, struct rawclient *c, const char *file, const char *src,
    const char *name, const char *extra_key, bool extra_val, uint64_t heap_limit);
/* Reads events until `event` for worker id arrives (others are skipped);
 * true when it did within timeout_s.  *m holds it. */
bool du_wait_event(struct rawclient *c, uint64_t id, const char *event, double timeout_s, struct proto_msg *m);
/* Fills ci from a close reply or close event. */
void du_close_info(const struct proto_msg *m, struct close_info *ci);
/* terminate / wait: sends the request and reads the reply into ci; the
 * reply type, or -1. */
int du_close_req(struct rawclient *c, enum msg_type t, uint64_t id, double timeout_s, struct close_info *ci);
/* The number of elements of the array field "msgs". */
uint32_t du_msgs_count(const struct proto_msg *m);
/* The i-th element of "msgs" as an int (an [int, ...] array counts as its
 * first element); -1 on failure. */
int du_msgs_int(const struct proto_msg *m, uint32_t i, int64_t *out);
/* A uint field of a worker's status; UINT64_MAX when the request failed. */
uint64_t du_status_uint(struct rawclient *c, uint64_t id, const char *key);
/* Polls status until the worker is in `state`; false after timeout_s. */
bool du_wait_state(struct rawclient *c, uint64_t id, const char *state, double timeout_s);
/* status of a worker: its state into buf; "" when the request failed. */
const char *du_state(struct rawclient *c, uint64_t id, char *buf, size_t len);

/* Fails the test unless the daemon still serves: on a fresh connection,
 * a spawn of an echo worker, a post and its echo (file names the script). */
void du_serves(struct daemon_fixture *d, const char *file);

#endif
