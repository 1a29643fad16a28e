#include "records.h"

#include <event2/event.h>

#include "wd.h"
#include "worker.h"

void
records_add(struct wd *wd, struct worker *w)
{
	TAILQ_INSERT_TAIL(&wd->records, w, entry);
	wd->nrecords++;
	wd_kick(wd);
}

void
records_expire(struct wd *wd)
{
	struct worker *w;
	double now = wd_now(wd), left;
	struct timeval tv;

	while ((w = TAILQ_FIRST(&wd->records)) != NULL &&
	    (wd->nrecords > wd->cfg.records || w->ended + wd->cfg.records_ttl <= now))
		worker_free(w);
	if (w == NULL || wd->records_timer == NULL)
		return;
	left = w->ended + wd->cfg.records_ttl - now + 0.001;
	tv.tv_sec = (time_t)left;
	tv.tv_usec = (suseconds_t)((left - (double)tv.tv_sec) * 1e6);
	evtimer_add(wd->records_timer, &tv);
}

void
records_free_all(struct wd *wd)
{
	struct worker *w;

	while ((w = TAILQ_FIRST(&wd->records)) != NULL)
		worker_free(w);
}
