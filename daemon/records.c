/*
 * records.c - the list of close records, expired by count and age from a
 * timer or the end-of-iteration pass (records.h).
 */
#include "records.h"

#include <event2/event.h>

#include "config.h"

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	records_expire(arg);
}

int
records_init(struct records *rs, struct event_base *base, unsigned max, double ttl, record_cb expire,
    void *arg)
{
	*rs = (struct records){ .max = max, .ttl = ttl, .expire = expire, .arg = arg };
	TAILQ_INIT(&rs->list);
	rs->timer = evtimer_new(base, on_timer, rs);
	return rs->timer != NULL ? 0 : -1;
}

void
records_add(struct records *rs, struct record *r, double ended)
{
	r->ended = ended;
	TAILQ_INSERT_TAIL(&rs->list, r, entry);
	rs->n++;
}

static void
drop(struct records *rs, struct record *r)
{
	TAILQ_REMOVE(&rs->list, r, entry);
	rs->n--;
	rs->expire(r, rs->arg);
}

void
records_expire(struct records *rs)
{
	struct record *r;
	double now = wd_now();
	struct timeval tv;

	while ((r = TAILQ_FIRST(&rs->list)) != NULL && (rs->n > rs->max || r->ended + rs->ttl <= now))
		drop(rs, r);
	if (r == NULL || rs->timer == NULL)
		return;
	tv = wd_tv(r->ended + rs->ttl - now + 0.001);
	evtimer_add(rs->timer, &tv);
}

void
records_free(struct records *rs)
{
	struct record *r;

	while ((r = TAILQ_FIRST(&rs->list)) != NULL)
		drop(rs, r);
	if (rs->timer != NULL)
		event_free(rs->timer);
	rs->timer = NULL;
}
