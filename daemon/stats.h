/*
 * stats.h - `status` and `list` replies.
 *
 * rss_bytes is read from /proc/<pid>/statm; heap_bytes comes from the host
 * (`stats` request).  A reply waits until every open worker it covers has
 * answered, or --stats-timeout has passed, whichever is first; a worker
 * that did not answer in time shows its last known value.  Nothing blocks
 * the loop while waiting.
 */
#ifndef WD_STATS_H
#define WD_STATS_H

#include <stdint.h>

struct wd;
struct worker;
struct client;

/* id 0: every worker (list); else that worker (status). */
void stats_request(struct client *c, uint64_t rid, struct worker *w);
/* The host answered `stats` (or closed). */
void stats_answered(struct worker *w);
void stats_client_gone(struct client *c);
void stats_free_all(struct wd *wd);

#endif
