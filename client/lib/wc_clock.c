/*
 * wc_clock.c - deadlines on the monotonic clock (wc_clock.h).
 */
#include "wc_clock.h"

#include "clock.h"

double
wc_now(void)
{
	return mono_s();
}

double
wc_deadline(double timeout_s)
{
	return timeout_s < 0 ? -1 : wc_now() + timeout_s;
}

int
wc_ms_left(double deadline)
{
	double left;

	if (deadline < 0)
		return -1;
	left = (deadline - wc_now()) * 1000.0;
	if (left <= 0)
		return 0;
	return left > 1e9 ? 1000000000 : (int)left + 1;
}
