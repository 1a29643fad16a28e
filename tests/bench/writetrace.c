/*
 * writetrace.c - every write a worker makes to the template's pages: the
 * other half of pagediff.py, for pages a worker copies and puts back
 * (counts raised, then lowered), which a diff cannot see.
 *
 * An LD_PRELOAD library for the template (start the daemon with
 * LD_PRELOAD=build/writetrace.so WRITETRACE_DIR=DIR in its environment;
 * the daemon passes both on).  The template forks its workers with a raw
 * clone(2) through libc's syscall(), which this wraps: in the child, the
 * allocator's mappings (the program break, anonymous maps) are made
 * read-only; a SIGSEGV handler appends "ADDRESS RIP" to DIR/PID, lets the
 * write through and protects the page again after that one instruction
 * (the trap flag), up to WRITETRACE_MAX (64) writes a page.  Buffers the
 * kernel fills (read, recvmsg, epoll_wait...) are opened for the call by
 * the wrappers below, and the pages it filled recorded with RIP 0.
 * writetrace.py names the object each address falls in.  A tool for
 * measuring, never linked into workersd.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096UL
#define MAXR 512

struct range {
	uintptr_t lo, hi;
};

/* Pages written WRITETRACE_MAX times are left writable from then on:
 * a page written that often (the value stack) stays copied anyway. */
#define SLOTS 65536
struct slot {
	uintptr_t page;
	unsigned writes;
};

/* The child's state, all in this library's .bss, never protected. */
static struct range ranges[MAXR];
static int nranges;
static struct slot slots[SLOTS];
static uintptr_t pending[8];	/* pages to protect again after the step */
static int npending;
static unsigned max_writes = 64;
static char path[256];
static volatile int armed;

static int
in_ranges(uintptr_t a)
{
	for (int i = 0; i < nranges; i++)
		if (a >= ranges[i].lo && a < ranges[i].hi)
			return 1;
	return 0;
}

static struct slot *
slot_of(uintptr_t page)
{
	size_t i = (page >> 12) * 2654435761u % SLOTS;

	while (slots[i].page != 0 && slots[i].page != page)
		i = (i + 1) % SLOTS;
	slots[i].page = page;
	return &slots[i];
}

static char *
hex(char *p, uintptr_t v)
{
	char tmp[17];
	int n = 0;

	do
		tmp[n++] = "0123456789abcdef"[v & 15];
	while ((v >>= 4) != 0);
	*p++ = '0';
	*p++ = 'x';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* One line: the address written and who wrote it (0: the kernel). */
static void
record(uintptr_t a, uintptr_t rip)
{
	char line[64], *p = line;
	int fd;

	p = hex(p, a);
	*p++ = ' ';
	p = hex(p, rip);
	*p++ = '\n';
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		(void)!write(fd, line, (size_t)(p - line));
		close(fd);
	}
}

/* A write to a traced page: recorded, let through, and the page
 * protected again once the instruction is done (the trap flag). */
static void
on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uintptr_t a = (uintptr_t)si->si_addr, page = a & ~(PAGE - 1);
	struct slot *s;
	int saved = errno;

	if (!armed || !in_ranges(a)) {
		signal(sig, SIG_DFL);
		return;
	}
	mprotect((void *)page, PAGE, PROT_READ | PROT_WRITE);
	record(a, (uintptr_t)uc->uc_mcontext.gregs[REG_RIP]);
	s = slot_of(page);
	if (++s->writes < max_writes && npending < 8) {
		pending[npending++] = page;
		uc->uc_mcontext.gregs[REG_EFL] |= 0x100;
	}
	errno = saved;
}

static void
on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	while (npending > 0)
		mprotect((void *)pending[--npending], PAGE, PROT_READ);
	uc->uc_mcontext.gregs[REG_EFL] &= ~0x100;
}

/* Whether a mapping is traced: the allocator's, where Duktape's heap is
 * (the program break and anonymous maps).  The libraries' data is left
 * alone: the dynamic linker writes its own while it binds the handler's
 * calls. */
static int
traced(const char *name)
{
	return name[0] == '\0' || strcmp(name, "[heap]") == 0;
}

static void
arm(void)
{
	const char *dir = getenv("WRITETRACE_DIR");
	char line[512], name[256];
	FILE *f;
	struct sigaction sa;
	uintptr_t tp = (uintptr_t)__builtin_thread_pointer();

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%d", dir, (int)getpid());
	memset(&sa, 0, sizeof(sa));
	if (getenv("WRITETRACE_MAX"))
		max_writes = (unsigned)atoi(getenv("WRITETRACE_MAX"));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sa.sa_sigaction = on_trap;
	sigaction(SIGTRAP, &sa, NULL);
	if ((f = fopen("/proc/self/maps", "re")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) && nranges < MAXR) {
		unsigned long lo, hi;
		char perm[8];

		name[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &lo, &hi, perm, name) < 3)
			continue;
		if (perm[1] != 'w' || perm[3] != 'p' || !traced(name))
			continue;
		/* The thread's block: the kernel writes its rseq area on the
		 * way to the handler, and a fault there is fatal. */
		if (tp >= lo && tp < hi)
			continue;
		/* This library's own state: its .bss past the file's pages is
		 * an anonymous map too. */
		if ((uintptr_t)slots < hi && (uintptr_t)(slots + SLOTS) > lo)
			continue;
		ranges[nranges].lo = lo;
		ranges[nranges].hi = hi;
		nranges++;
	}
	fclose(f);
	armed = 1;
	for (int i = 0; i < nranges; i++)
		mprotect((void *)ranges[i].lo, ranges[i].hi - ranges[i].lo, PROT_READ);
}

long
syscall(long n, ...)
{
	static long (*real)(long, ...);
	long a[6];
	va_list ap;
	long r;

	va_start(ap, n);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (real == NULL)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	r = real(n, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (n == SYS_clone && r == 0)
		arm();
	return r;
}

/* The kernel fails a call whose buffer is protected (EFAULT) rather
 * than fault: the traced pages of a buffer are opened for the call, those
 * it filled recorded as the kernel's writes, and all protected again. */
struct kbuf {
	uintptr_t lo, hi;	/* the traced pages spanned */
};

static struct kbuf
open_buf(void *buf, size_t len)
{
	struct kbuf k = { 0, 0 };

	if (!armed || len == 0 || !in_ranges((uintptr_t)buf))
		return k;
	k.lo = (uintptr_t)buf & ~(PAGE - 1);
	k.hi = ((uintptr_t)buf + len + PAGE - 1) & ~(PAGE - 1);
	while (k.hi > k.lo && !in_ranges(k.hi - 1))
		k.hi -= PAGE;
	mprotect((void *)k.lo, k.hi - k.lo, PROT_READ | PROT_WRITE);
	return k;
}

static void
close_buf(struct kbuf k, void *buf, ssize_t n)
{
	uintptr_t end = (uintptr_t)buf + (n > 0 ? (size_t)n : 0);

	if (k.hi == k.lo)
		return;
	for (uintptr_t a = (uintptr_t)buf; a < end && a < k.hi; a = (a & ~(PAGE - 1)) + PAGE) {
		struct slot *s = slot_of(a & ~(PAGE - 1));

		record(a, 0);
		if (++s->writes >= max_writes)
			continue;
		mprotect((void *)(a & ~(PAGE - 1)), PAGE, PROT_READ);
	}
	for (uintptr_t pg = k.lo; pg < k.hi; pg += PAGE)
		if (slot_of(pg)->writes < max_writes)
			mprotect((void *)pg, PAGE, PROT_READ);
}

#define REAL(name) \
	static __typeof__(name) *real_; \
	if (real_ == NULL) \
		real_ = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

/* A call that fills buf: COUNTED returns how many bytes it filled, FIXED
 * returns 0 once it has filled len. */
#define COUNTED(call, buf, len) do { \
	struct kbuf k_ = open_buf((buf), (len)); \
	ssize_t n_ = (call); \
	close_buf(k_, (buf), n_); \
	return n_; \
} while (0)
#define FIXED(call, buf, len) do { \
	struct kbuf k_ = open_buf((buf), (len)); \
	int r_ = (call); \
	close_buf(k_, (buf), r_ == 0 ? (ssize_t)(len) : 0); \
	return r_; \
} while (0)

ssize_t
read(int fd, void *buf, size_t len)
{
	REAL(read);
	COUNTED(real_(fd, buf, len), buf, len);
}

ssize_t
pread64(int fd, void *buf, size_t len, off_t off)
{
	REAL(pread64);
	COUNTED(real_(fd, buf, len, off), buf, len);
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
	REAL(recv);
	COUNTED(real_(fd, buf, len, flags), buf, len);
}

ssize_t
getrandom(void *buf, size_t len, unsigned flags)
{
	REAL(getrandom);
	COUNTED(real_(buf, len, flags), buf, len);
}

int
pipe(int fds[2])
{
	REAL(pipe);
	FIXED(real_(fds), fds, 2 * sizeof(int));
}

int
pipe2(int fds[2], int flags)
{
	REAL(pipe2);
	FIXED(real_(fds, flags), fds, 2 * sizeof(int));
}

int
socketpair(int dom, int type, int proto, int sv[2])
{
	REAL(socketpair);
	FIXED(real_(dom, type, proto, sv), sv, 2 * sizeof(int));
}

int
fstat(int fd, struct stat *st)
{
	REAL(fstat);
	FIXED(real_(fd, st), st, sizeof(*st));
}

int
stat(const char *p, struct stat *st)
{
	REAL(stat);
	FIXED(real_(p, st), st, sizeof(*st));
}

/* The first MAXIOV buffers of a vector, opened, then closed with the
 * bytes the call filled, in order. */
#define MAXIOV 16

static size_t
open_iov(struct kbuf *k, const struct iovec *iov, size_t n)
{
	n = n < MAXIOV ? n : MAXIOV;
	for (size_t i = 0; i < n; i++)
		k[i] = open_buf(iov[i].iov_base, iov[i].iov_len);
	return n;
}

static void
close_iov(const struct kbuf *k, const struct iovec *iov, size_t n, ssize_t left)
{
	for (size_t i = 0; i < n; i++) {
		ssize_t got = left < (ssize_t)iov[i].iov_len ? left : (ssize_t)iov[i].iov_len;

		close_buf(k[i], iov[i].iov_base, got);
		left = got > 0 ? left - got : 0;
	}
}

ssize_t
readv(int fd, const struct iovec *iov, int n)
{
	struct kbuf k[MAXIOV];
	size_t ni;
	ssize_t r;

	REAL(readv);
	ni = open_iov(k, iov, n > 0 ? (size_t)n : 0);
	r = real_(fd, iov, n);
	close_iov(k, iov, ni, r);
	return r;
}

ssize_t
recvmsg(int fd, struct msghdr *m, int flags)
{
	struct kbuf k[MAXIOV], ctl;
	size_t ni;
	ssize_t r;

	REAL(recvmsg);
	ni = open_iov(k, m->msg_iov, m->msg_iovlen);
	ctl = open_buf(m->msg_control, m->msg_controllen);
	r = real_(fd, m, flags);
	close_iov(k, m->msg_iov, ni, r);
	close_buf(ctl, m->msg_control, r >= 0 ? (ssize_t)m->msg_controllen : 0);
	return r;
}

int
epoll_wait(int ep, struct epoll_event *ev, int n, int ms)
{
	struct kbuf k;
	int r;

	REAL(epoll_wait);
	k = open_buf(ev, (size_t)n * sizeof(*ev));
	r = real_(ep, ev, n, ms);
	close_buf(k, ev, r > 0 ? (ssize_t)((size_t)r * sizeof(*ev)) : 0);
	return r;
}
