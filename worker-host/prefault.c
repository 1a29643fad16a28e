/*
 * prefault.c - the rehearsal's record of the heap pages a start copied,
 * read from /proc/self/maps and /proc/self/pagemap, and the spare's touch
 * of them (prefault.h).  The record is a shared anonymous mapping: its
 * header (heap start, count) then the page addresses.
 */
#define _DEFAULT_SOURCE
#include "prefault.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define REC_HEAD 2		/* heap_lo, count */
#define REC_BYTES ((REC_HEAD + PREFAULT_MAX) * sizeof(uintptr_t))
#define PM_PRESENT (1ull << 63)
#define PM_EXCLUSIVE (1ull << 56)	/* mapped by this process only: copied */
#define MAPS_MAX (64 * 1024)
#define PM_BATCH 512

static uintptr_t
page_size(void)
{
	return (uintptr_t)sysconf(_SC_PAGESIZE);
}

int
prefault_open(struct prefault *p)
{
	void *m = mmap(NULL, REC_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return -1;
	p->rec = m;
	return 0;
}

/* Appends the pages of [lo, hi) that pagemap shows copied (present and
 * mapped by this process alone) to the record, up to PREFAULT_MAX. */
static void
record_range(uintptr_t *rec, int pm, uintptr_t lo, uintptr_t hi)
{
	uint64_t e[PM_BATCH];
	const uint64_t want = PM_PRESENT | PM_EXCLUSIVE;
	const uintptr_t pg = page_size();

	for (uintptr_t a = lo; a < hi; a += PM_BATCH * pg) {
		size_t cnt = (hi - a) / pg < PM_BATCH ? (hi - a) / pg : PM_BATCH;
		ssize_t got = pread(pm, e, cnt * sizeof(e[0]), (off_t)(a / pg * sizeof(e[0])));

		if (got <= 0)
			return;
		for (size_t i = 0; i < (size_t)got / sizeof(e[0]); i++) {
			if ((e[i] & want) != want)
				continue;
			if (rec[1] == PREFAULT_MAX)
				return;
			rec[REC_HEAD + rec[1]++] = a + i * pg;
		}
	}
}

static ssize_t
read_all(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t got = 0;

	if (fd == -1)
		return -1;
	while (len < cap - 1 && (got = read(fd, buf + len, cap - 1 - len)) > 0)
		len += (size_t)got;
	close(fd);
	if (got == -1)
		return -1;
	buf[len] = '\0';
	return (ssize_t)len;
}

void
prefault_record(const struct prefault *p)
{
	/* mapped, not allocated: the heap being read stays as it was */
	char *maps = mmap(NULL, MAPS_MAX, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *save = NULL, perms[8], name[256];
	unsigned long lo, hi;
	int pm = -1;

	if (maps == MAP_FAILED)
		return;
	if (read_all("/proc/self/maps", maps, MAPS_MAX) == -1 ||
	    (pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)) == -1) {
		munmap(maps, MAPS_MAX);
		return;
	}
	for (char *l = strtok_r(maps, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
		name[0] = '\0';
		if (sscanf(l, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perms, name) < 3 ||
		    strcmp(name, "[heap]") != 0 || strncmp(perms, "rw-p", 4) != 0)
			continue;
		p->rec[0] = lo;
		record_range(p->rec, pm, lo, hi);
	}
	close(pm);
	munmap(maps, MAPS_MAX);
}

void
prefault_adopt(struct prefault *p)
{
	size_t n = p->rec[1];
	void *m = MAP_FAILED;

	/* mapped, not allocated, so that the spares' heap is laid out as the
	 * rehearsal's was */
	if (n > 0 && n <= PREFAULT_MAX)
		m = mmap(NULL, n * sizeof(uintptr_t), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED) {
		memcpy(m, p->rec + REC_HEAD, n * sizeof(uintptr_t));
		p->page = m;
		p->n = n;
		p->heap_lo = p->rec[0];
	}
	munmap(p->rec, REC_BYTES);
	p->rec = NULL;
}

/* Reads and writes bytes of the heap that no allocation may own, and
 * changes none: not a sanitizer's business. */
__attribute__((no_sanitize_address)) void
prefault_touch(const struct prefault *p)
{
	uintptr_t brk = (uintptr_t)sbrk(0), pg = page_size();
	volatile unsigned char *q;

	for (size_t i = 0; i < p->n; i++) {
		if (p->page[i] < p->heap_lo || p->page[i] + pg > brk)
			continue;
		q = (volatile unsigned char *)p->page[i];
		*q = *q;
	}
}
