/*
 * wd.h - the daemon's context: its configuration and every table, list and
 * buffer it owns.  There is exactly one, made by main() and passed to every
 * module; nothing else in the daemon is global and mutable.
 */
#ifndef WD_WD_H
#define WD_WD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/types.h>

#include "buf.h"
#include "dlink.h"
#include "listen.h"
#include "log.h"
#include "notify.h"
#include "table.h"

struct worker;
struct client;
struct statq;
struct spawner;
struct compiler;
TAILQ_HEAD(worker_list, worker);
TAILQ_HEAD(client_list, client);
TAILQ_HEAD(statq_list, statq);

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
	double stop_timeout;		/* --stop-timeout (s) */
	unsigned records;		/* --records */
	double records_ttl;		/* --records-ttl (s) */
	double stats_timeout;		/* --stats-timeout (s) */
	int log_level;			/* --log-level */
	bool no_template;		/* --no-template: fork+exec every host */
	const char *cache_dir_arg;	/* --cache-dir, may be NULL (default) */
	size_t cache_max;		/* --cache-max */
};

struct wd {
	struct wd_config cfg;
	struct event_base *base;
	struct listener lis;
	struct notifier notify;
	struct spawner *spawner;
	struct compiler *compiler;	/* NULL: no lowering (compiler.h) */

	struct table by_id;
	struct table by_pid;
	struct table by_name;
	struct worker_list live;	/* starting, open, closing */
	unsigned nlive;
	struct worker_list records;	/* closed, oldest first */
	unsigned nrecords;
	uint64_t next_id;

	struct client_list clients;
	unsigned nclients;
	uint64_t next_client;
	struct client_list all_subs;	/* clients subscribed to every worker */
	struct client_list dead;	/* closed clients, freed at the end of the iteration */

	struct statq_list statqs;
	uint32_t stats_round;
	uint64_t ev_stamp;		/* one per event: a client gets it once */

	struct dlink_loop loop;		/* event base, read buffer, dirty links */
	struct event *tick;		/* end-of-iteration work: writes, frees */
	bool kicked;
	struct event *records_timer;
	struct event *listen_ev;
	struct event *accept_timer;	/* re-arms listen_ev after EMFILE */

	struct event *sig_term, *sig_int, *sig_chld;
	struct event *stop_timer;
	struct event *exit_timer;	/* bounds the final flush to clients */
	bool shutting_down;
	bool exiting;

	struct pbuf out;		/* scratch for building frames */
	struct pbuf out2;
	long page_size;
};

#define WLOG(wd, prio, ...) log_msg((wd)->cfg.log_level, (prio), __VA_ARGS__)

/* Schedules the end-of-iteration pass (writes, frees, shutdown check). */
void wd_kick(struct wd *wd);
/* Called whenever a worker leaves the live list during shutdown. */
void wd_check_stopped(struct wd *wd);
double wd_now(struct wd *wd);

#endif
