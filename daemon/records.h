/*
 * records.h - close records: a closed worker stays queryable (status,
 * wait, recv of what is left in its mailbox, logs) until it is older than
 * --records-ttl or more than --records closed workers are kept; the oldest
 * go first.  This module owns the list and its timer; a record is a node
 * embedded in what it records, which the expire callback frees.  Expiry
 * runs from the timer and from the owner's end-of-iteration pass
 * (records_expire), never inside records_add, so no caller holding a
 * pointer to a record sees it freed.
 */
#ifndef WD_RECORDS_H
#define WD_RECORDS_H

#include <sys/queue.h>

struct event_base;
struct event;

struct record {
	TAILQ_ENTRY(record) entry;
	double ended;
};
TAILQ_HEAD(record_list, record);

typedef void (*record_cb)(struct record *r, void *arg);

struct records {
	struct record_list list;	/* oldest first */
	unsigned n;
	unsigned max;
	double ttl;
	struct event *timer;
	record_cb expire;
	void *arg;
};

/* -1 when out of memory. */
int records_init(struct records *rs, struct event_base *base, unsigned max, double ttl, record_cb expire,
    void *arg);
void records_add(struct records *rs, struct record *r, double ended);
/* Expires the records past the count or age bound; arms the timer. */
void records_expire(struct records *rs);
/* Expires every record and frees the timer. */
void records_free(struct records *rs);

#endif
