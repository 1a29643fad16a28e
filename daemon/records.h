/*
 * records.h - close records: a closed worker stays queryable (status,
 * wait, recv of what is left in its mailbox, logs) until it is older than
 * --records-ttl or more than --records closed workers are kept; the oldest
 * go first.  Expiry runs from a timer and from the end-of-iteration pass,
 * never under a caller that may hold a pointer to a record.
 */
#ifndef WD_RECORDS_H
#define WD_RECORDS_H

struct wd;
struct worker;

void records_add(struct wd *wd, struct worker *w);
/* Frees the records past the count or age bound; arms the timer. */
void records_expire(struct wd *wd);
void records_free_all(struct wd *wd);

#endif
