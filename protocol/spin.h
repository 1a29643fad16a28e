/*
 * spin.h - a short busy-poll before a process sleeps on its sockets.
 *
 * On a machine whose idle CPUs take tens of microseconds to wake (a VM's
 * vCPUs), a reply that comes within microseconds is met sooner by polling
 * than by sleeping, at the price of the CPU spent polling.  A struct spin
 * decides whether the next wait polls first: only when the last wait ended
 * within SPIN_HOT_FACTOR budgets, that is while messages go back and
 * forth, so a process whose waits are longer (an idle worker, a slow
 * stream) never spins.  The window is wider than the budget because a
 * wait that slept includes this process's wake-up: were it the budget,
 * processes that all slept would each see waits longer than it and none
 * would spin again (on a VM whose wake-ups take 40 us, a ping-pong through
 * the daemon stayed at 170 us a round trip instead of 40-70).  Polls that
 * run out of budget more often than one in four make the next waits sleep
 * (the debt below), so a stream whose messages come just too far apart
 * for the budget wastes about one budget in 16 waits rather than one each.
 *
 * spin_until() is called just before sleeping: when hot, it asks until
 * the budget is spent whether what the process waits for has come (for
 * spin_wait(), whether a descriptor polls ready with a zero timeout).
 * spin_woke() is called when it came; the time since spin_until() decides
 * whether the next wait spins.
 */
#ifndef WP_SPIN_H
#define WP_SPIN_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

/* The default budget: about twice the wake-up it saves on a VM, so that a
 * round trip through the daemon (three processes on two vCPUs) fits in it;
 * at 50, the value Linux's net.core.busy_poll documentation suggests, the
 * clients' waits for that round trip ran out about as often as not. */
#define SPIN_DEFAULT_US 100
#define SPIN_MAX_US 1000
/* a wait within this many budgets makes the next one poll */
#define SPIN_HOT_FACTOR 4
/* A poll that runs out of budget adds SPIN_MISS_COST to the debt, one
 * that is met takes one off; past SPIN_DEBT_LIMIT the next SPIN_SKIP waits
 * sleep at once.  So polls go on while at least three in four are met. */
#define SPIN_MISS_COST 3
#define SPIN_DEBT_LIMIT 4
#define SPIN_SKIP 15

struct spin {
	uint64_t budget_ns;	/* 0: never spin */
	uint64_t wait_start;	/* monotonic ns of the last spin_wait, 0: none */
	bool hot;		/* the last wait ended within the hot window */
	unsigned debt;		/* misses against hits, at most SPIN_DEBT_LIMIT + 1 */
	unsigned skip;		/* waits left that sleep after a miss */
};

void spin_init(struct spin *s, unsigned budget_us);
/* 1 when ready(arg) said yes (nonzero) while polling, 0 when it did not
 * poll or gave up.  ready is called with sched_yield() between calls. */
int spin_until(struct spin *s, int (*ready)(void *), void *arg);
/* spin_until() on fds: 1 when one became ready (the caller's sleep will
 * return at once). */
int spin_wait(struct spin *s, struct pollfd *fds, nfds_t n);
/* What the wait was for came. */
void spin_woke(struct spin *s);

#endif
