/*
 * spin.h - a short busy-poll before a process sleeps on its sockets.
 *
 * On a machine whose idle CPUs take tens of microseconds to wake (a VM's
 * vCPUs), a reply that comes within microseconds is met sooner by polling
 * than by sleeping, at the price of the CPU spent polling.  A struct spin
 * decides whether the next wait polls first: only when the last wait ended
 * within the budget, that is while messages go back and forth, so a
 * process whose waits are longer (an idle worker, a slow stream) never
 * spins, and one that starts waiting longer stops after one miss.
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

/* The default budget: about the wake-up cost it saves on a VM, and the
 * value Linux's own net.core.busy_poll documentation suggests. */
#define SPIN_DEFAULT_US 50
#define SPIN_MAX_US 1000

struct spin {
	uint64_t budget_ns;	/* 0: never spin */
	uint64_t wait_start;	/* monotonic ns of the last spin_wait, 0: none */
	bool hot;		/* the last wait ended within the budget */
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
