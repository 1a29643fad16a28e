/*
 * prefault.h - the heap pages a worker's start copies, copied by the spare
 * before its request comes.
 *
 * A worker forked from the template copies each page of the template's
 * heap that its start writes (reference counts, the allocator's lists): a
 * page fault apiece after the request, 3-4 us each on a VM, about 80 of
 * them, a fifth of a spawn.  The template rehearses one start, on an empty
 * script, in a child of its own; where a worker would go idle, the child
 * records which heap pages it has copied (/proc/self/pagemap).  Each spare
 * then writes those pages back with their own bytes while it waits for its
 * request.  They are pages every worker copies anyway, so an idle worker
 * holds no more memory.  Text pages are left to fault: mapped ahead they
 * made each worker's page tables, and so its memory and its exit, larger
 * for a fault that costs little.
 *
 * The record is bounded (PREFAULT_MAX pages); past it the rest fault as
 * before.  A page above the spare's program break is never touched.
 */
#ifndef WH_PREFAULT_H
#define WH_PREFAULT_H

#include <stddef.h>
#include <stdint.h>

#define PREFAULT_MAX 2048

struct prefault {
	uintptr_t *page;	/* the heap pages to write, n of them */
	size_t n;
	uintptr_t heap_lo;	/* the heap's start when recorded */
	uintptr_t *rec;		/* in the rehearsal: the shared record */
};

/* In the template: a shared record for the rehearsal child to fill; -1
 * when none can be made (no prefault then). */
int prefault_open(struct prefault *p);
/* In the rehearsal child, where a worker would go idle: fills the record. */
void prefault_record(const struct prefault *p);
/* In the template, the child gone: keeps what it recorded, drops the
 * shared record. */
void prefault_adopt(struct prefault *p);
/* In a spare: copies the recorded pages. */
void prefault_touch(const struct prefault *p);

#endif
