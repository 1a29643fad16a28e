/*
 * ring.c - the post ring's memory, placement and the wait for room (see
 * ring.h).  The head and the waiting flag are sequentially consistent on
 * both sides: the writer sets wake_at and waiting then reads head, the
 * host writes head then reads waiting and wake_at, so one of them always
 * sees the other's stores and a writer never sleeps through the room it
 * waits for.  (A host that stopped short of wake_at leaves the writer to
 * find its room when its sleep's slice ends.)
 */
#include "ring.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

struct ring_ctl {
	_Atomic uint64_t head;
	uint8_t pad[56];		/* the writer's words on a cache line of their own */
	_Atomic uint32_t waiting;
	uint32_t pad2;
	_Atomic uint64_t wake_at;	/* the head the sleeping writer waits for */
};

/* how long one sleep for room lasts at most, so a bounded wait ends near its bound */
#define WAIT_SLICE_MS 10

bool
ring_size_ok(uint64_t size)
{
	return size >= RING_MIN && size <= RING_MAX && size % 4096 == 0;
}

int
ring_create(size_t size)
{
	int fd = memfd_create("workersd-ring", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd == -1)
		return -1;
	if (ftruncate(fd, (off_t)(RING_CTL + size)) == -1 ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) == -1) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
ring_map(struct ring *r, int fd, size_t size, bool writer, char *err, size_t errlen)
{
	struct stat st;
	void *ctl, *data;
	int seals;

	*r = (struct ring){ .size = size };
	if (!ring_size_ok(size)) {
		snprintf(err, errlen, "ring: size %zu is not a multiple of 4096 in [%zu, %zu]", size,
		    RING_MIN, RING_MAX);
		return -1;
	}
	/* sealed, so the size seen here is the size for good */
	seals = fcntl(fd, F_GET_SEALS);
	if (fstat(fd, &st) == -1 || (uint64_t)st.st_size != RING_CTL + size || seals == -1 ||
	    !(seals & F_SEAL_SHRINK)) {
		snprintf(err, errlen, "ring: the descriptor is not a sealed ring of %zu bytes", size);
		return -1;
	}
	ctl = mmap(NULL, RING_CTL, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (ctl == MAP_FAILED) {
		snprintf(err, errlen, "ring: mmap: %s", strerror(errno));
		return -1;
	}
	data = mmap(NULL, size, writer ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, RING_CTL);
	if (data == MAP_FAILED) {
		snprintf(err, errlen, "ring: mmap: %s", strerror(errno));
		munmap(ctl, RING_CTL);
		return -1;
	}
	r->ctl = ctl;
	r->rdata = data;
	r->wdata = writer ? data : NULL;
	r->pos = atomic_load(&r->ctl->head);
	return 0;
}

void
ring_unmap(struct ring *r)
{
	if (r->ctl == NULL)
		return;
	munmap((void *)r->rdata, r->size);
	munmap(r->ctl, RING_CTL);
	*r = (struct ring){ 0 };
}

uint64_t
ring_place(uint64_t pos, size_t n, size_t size)
{
	uint64_t at = pos % size;

	return at + n > size ? pos - at + size : pos;
}

/* The record's bytes are free once the host has consumed what last used
 * them; a record that skipped to the next lap left its lap's tail unused,
 * so everything consumed (head at the writer's position) frees it whole. */
static bool
fits(const struct ring *r, uint64_t at, size_t n)
{
	uint64_t head = atomic_load(&r->ctl->head);

	return at + n - head <= r->size || head == r->pos;
}

/* Sleeps while the flag is still set, at most ms. */
static void
sleep_on(struct ring *r, int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	(void)syscall(SYS_futex, &r->ctl->waiting, FUTEX_WAIT, 1, &ts, NULL, 0);
}

/* The head to be woken at: a quarter of the ring past the least that
 * makes room, so that a writer ahead of the host sleeps once per batch of
 * records instead of once per record; never past the writer's position,
 * where everything is free. */
static uint64_t
wake_point(const struct ring *r, uint64_t at, size_t n)
{
	uint64_t least = at + n > r->size ? at + n - r->size : 0, want = least + r->size / 4;

	return want < r->pos ? want : r->pos;
}

uint8_t *
ring_room(struct ring *r, size_t n, int timeout_ms)
{
	uint64_t at = ring_place(r->pos, n, r->size);
	double end = timeout_ms < 0 ? 0 : mono_ms() + timeout_ms;

	while (!fits(r, at, n)) {
		double left = timeout_ms < 0 ? WAIT_SLICE_MS : end - mono_ms();

		if (left <= 0)
			return NULL;
		atomic_store(&r->ctl->wake_at, wake_point(r, at, n));
		atomic_store(&r->ctl->waiting, 1);
		if (fits(r, at, n)) {
			/* no sleeper for the host to wake */
			atomic_store(&r->ctl->waiting, 0);
			break;
		}
		sleep_on(r, left < WAIT_SLICE_MS ? (int)left + 1 : WAIT_SLICE_MS);
	}
	return r->wdata + at % r->size;
}

void
ring_commit(struct ring *r, size_t n)
{
	r->pos = ring_place(r->pos, n, r->size) + n;
}

const uint8_t *
ring_peek(const struct ring *r, size_t n)
{
	return r->rdata + ring_place(r->pos, n, r->size) % r->size;
}

void
ring_release(struct ring *r, size_t n)
{
	r->pos = ring_place(r->pos, n, r->size) + n;
	atomic_store(&r->ctl->head, r->pos);
	if (atomic_load(&r->ctl->waiting) && r->pos >= atomic_load(&r->ctl->wake_at) &&
	    atomic_exchange(&r->ctl->waiting, 0))
		(void)syscall(SYS_futex, &r->ctl->waiting, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}
