/*
 * spin.c - the adaptive busy-poll of spin.h: a clock read per wait and,
 * while hot, the caller's question (or poll(2) with a zero timeout) asked
 * until the budget is spent.
 */
#include "spin.h"

#include <sched.h>
#include <time.h>

#include "clock.h"

void
spin_init(struct spin *s, unsigned budget_us)
{
	if (budget_us > SPIN_MAX_US)
		budget_us = SPIN_MAX_US;
	s->budget_ns = (uint64_t)budget_us * 1000;
	s->wait_start = 0;
	s->hot = false;
	s->debt = 0;
	s->skip = 0;
}

int
spin_until(struct spin *s, int (*ready)(void *), void *arg)
{
	uint64_t start = mono_ns();

	s->wait_start = start;
	if (!s->hot || s->budget_ns == 0)
		return 0;
	if (s->skip > 0) {
		s->skip--;
		return 0;
	}
	do {
		if (ready(arg)) {
			if (s->debt > 0)
				s->debt--;
			return 1;
		}
		/* the peer being waited for may be runnable on this CPU */
		sched_yield();
	} while (mono_ns() - start < s->budget_ns);
	/* cold until a wait is short again, also when what ends this one is
	 * not what spin_woke() is told of (a timer) */
	s->hot = false;
	s->debt += SPIN_MISS_COST;
	if (s->debt > SPIN_DEBT_LIMIT) {
		s->debt = SPIN_DEBT_LIMIT + 1;
		s->skip = SPIN_SKIP;
	}
	return 0;
}

struct polled {
	struct pollfd *fds;
	nfds_t n;
};

static int
poll_ready(void *arg)
{
	struct polled *p = arg;

	return poll(p->fds, p->n, 0) > 0;
}

int
spin_wait(struct spin *s, struct pollfd *fds, nfds_t n)
{
	return spin_until(s, poll_ready, &(struct polled){ fds, n });
}

void
spin_woke(struct spin *s)
{
	if (s->wait_start == 0)
		return;
	s->hot = s->budget_ns != 0 &&
	    mono_ns() - s->wait_start <= SPIN_HOT_FACTOR * s->budget_ns;
	s->wait_start = 0;
}
