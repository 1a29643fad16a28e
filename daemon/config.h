/*
 * config.h - the daemon's configuration (its flags, see workersd(8)): set
 * once by main() before the loop starts and only read afterwards, by every
 * module that needs a bound; WLOG logs at its --log-level.  Also the one
 * clock the daemon measures ages with.
 */
#ifndef WD_CONFIG_H
#define WD_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/time.h>
#include <time.h>

#include "log.h"
#include "runas.h"

struct wd_config {
	const char *socket_arg;		/* --socket, may be NULL */
	const char *socket_group;	/* --socket-group, may be NULL */
	const char *host_arg;		/* --host-path, may be NULL */
	char host_path[PATH_MAX];	/* resolved worker-host */
	size_t max_frame;		/* --max-frame */
	unsigned max_workers;		/* --max-workers */
	unsigned max_clients;		/* --max-clients */
	size_t queue_bytes;		/* --queue-limit */
	unsigned mailbox_msgs;		/* --mailbox-limit */
	size_t mailbox_bytes;		/* --mailbox-bytes */
	size_t client_buffer;		/* --client-buffer-limit */
	size_t log_bytes;		/* --log-buffer */
	double grace;			/* --grace (s) */
	double open_timeout;		/* --open-timeout (s), 0: none */
	double stop_timeout;		/* --stop-timeout (s) */
	unsigned records;		/* --records */
	double records_ttl;		/* --records-ttl (s) */
	double stats_timeout;		/* --stats-timeout (s) */
	int log_level;			/* --log-level */
	bool no_template;		/* --no-template: fork+exec every host */
	unsigned busy_poll;		/* --busy-poll (µs), 0: off */
	const char *cache_dir_arg;	/* --cache-dir, may be NULL (default) */
	size_t cache_max;		/* --cache-max */
	unsigned compilers;		/* --compilers, 0: one per core (compiler.h) */
	const char *compiler_user;	/* --compiler-user, may be NULL (compiler.h) */
	const char *cgroup_arg;		/* --cgroup: "auto", "off" or a directory */
	const char *worker_user;	/* --worker-user, may be NULL */
	const char *worker_group;	/* --worker-group, may be NULL */
	bool allow_root_workers;	/* --allow-root-workers */
	struct runas runas;		/* the three above, resolved */
};

/* A module's scratch buffer bigger than this after a huge frame is freed
 * at the end of the loop iteration rather than kept for good. */
#define SCRATCH_KEEP ((size_t)1 << 20)

#define WLOG(cfg, prio, ...) log_msg((cfg)->log_level, (prio), __VA_ARGS__)

/* Seconds on the monotonic clock. */
static inline double
wd_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A timeval of s seconds, for timers. */
static inline struct timeval
wd_tv(double s)
{
	struct timeval tv;

	tv.tv_sec = (time_t)s;
	tv.tv_usec = (suseconds_t)((s - (double)tv.tv_sec) * 1e6);
	return tv;
}

#endif
