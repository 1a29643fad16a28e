/*
 * template.c - the template's loop: one request at a time off the control
 * socket (tmpl.h), each given to a worker forked (CLONE_PARENT) ahead of
 * it, the spare, whose pid is answered before it is handed the request's
 * descriptor; the next spare is forked once the answer is out, off the
 * spawn's path.  Without a live spare the request's worker is forked
 * there and then and waits for its answer on a pipe.  Before the first
 * spare it takes up the free chunks that building the heap left in the
 * allocator (fill_holes).
 */
#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "host.h"
#include "hlink.h"
#include "prefault.h"
#include "tmpl.h"

#define CTL_FD 3
#define SPARE_ARG "--spare"
/* Chunk sizes fill_holes() asks for, largest first, and how many of each
 * at most: a bound on the loop, far above what a start-up leaves. */
#define HOLE_MAX 1024
#define HOLE_MIN 16
#define HOLE_COUNT 100000
/* How long the template waits for its rehearsal (prefault.h) to end. */
#define REHEARSAL_WAIT_MS 5000
/* Where the rehearsal's empty script goes, and after how long one that a
 * template killed while rehearsing left there is taken as stale. */
#define REHEARSAL_DIR "/tmp"
#define REHEARSAL_PREFIX "workersd-rehearsal-"
#define REHEARSAL_STALE_S 60

/* Building the heap frees as it goes (the compiler's buffers, temporary
 * objects), which leaves free chunks scattered over pages the forks then
 * share.  A worker's first small allocations would land in those holes and
 * copy a whole shared page for each; taken here (and never freed), they
 * send the worker's allocations to fresh memory at the top of the heap
 * instead: about 50 KB less private memory per worker.  Only chunks below
 * the program break count; an allocator that is not brk-based (ASan,
 * valgrind) returns memory above it and the loop gives back that one
 * chunk and stops. */
static void
fill_holes(void)
{
	uintptr_t top = (uintptr_t)sbrk(0);
	void *p;

	for (size_t sz = HOLE_MAX; sz >= HOLE_MIN; sz -= HOLE_MIN) {
		for (int i = 0; i < HOLE_COUNT; i++) {
			p = malloc(sz);
			if (p == NULL || (uintptr_t)p + sz > top) {
				free(p);
				break;
			}
		}
	}
}

static void
reply(uint32_t seq, int32_t v)
{
	if (tmpl_send_reply(CTL_FD, seq, v) == -1)
		_exit(1);
}

/* The worker is forked with CLONE_PARENT: its parent is the daemon, not
 * the template, so the daemon reaps it, signals its group and is what the
 * parent-death signal watches, as if it had forked the worker itself.  The
 * raw system call skips glibc's fork wrapper; that is sound here because
 * the template is single-threaded and takes no locks, and glibc (2.34 on)
 * asks the kernel for the thread id wherever it signals itself. */
static pid_t
fork_sibling(void)
{
	return (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL);
}

/* In the worker: the socketpair becomes fd 3, the worker leads its own
 * process group and dies with the daemon.  A daemon already gone ends it. */
static void
become_worker(int fd, pid_t daemon)
{
	if (dup2(fd, LINK_FD) == -1)
		_exit(1);
	(void)close_range(LINK_FD + 1, ~0U, 0);
	(void)setpgid(0, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != daemon)
		_exit(1);
}

/* The worker goes no further until the template has answered for it: the
 * daemon must know a pid before that process can end and be reaped
 * (docs/protocol.md 2.7).  A template that dies before answering takes the
 * worker with it, so a spawn the daemon starts again some other way never
 * has a second host on its socket. */
static void
await_answer(int gate)
{
	char go;
	ssize_t n;

	do
		n = read(gate, &go, 1);
	while (n == -1 && errno == EINTR);
	if (n != 1)
		_exit(1);
	close(gate);
}

/* Forks one worker and answers for it; returns only in the worker. */
static bool
spawn_one(uint32_t seq, int fd, pid_t daemon)
{
	int gate[2], err;
	pid_t w;

	if (pipe2(gate, O_CLOEXEC) == -1) {
		err = errno;
		close(fd);
		reply(seq, -err);
		return false;
	}
	w = fork_sibling();
	if (w == 0) {
		close(gate[1]);
		await_answer(gate[0]);
		become_worker(fd, daemon);
		return true;
	}
	err = errno;
	close(fd);
	close(gate[0]);
	reply(seq, w > 0 ? (int32_t)w : -err);
	/* Should the write fail, the worker ends and the daemon sees it close. */
	if (w > 0)
		(void)write(gate[1], "", 1);
	close(gate[1]);
	return false;
}

/* A worker forked before its request: it waits on its end of a
 * socketpair for the request itself (tmpl.h's message, passed on), and
 * ends when the template does.  sock is the template's end. */
struct spare {
	pid_t pid;		/* 0: none */
	int sock;
};

/* Forks the next spare: 0 in the spare, which holds its end of the pair
 * in s->sock and nothing of the daemon's control socket (the daemon must
 * see that socket close when the template ends); the pid, or -1, in the
 * template, which goes on without a spare when it cannot make one. */
static pid_t
fork_spare(struct spare *s, char *mode_arg)
{
	int sv[2];
	pid_t w;

	s->pid = 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	if ((w = fork_sibling()) == 0) {
		close(sv[0]);
		close(CTL_FD);
		/* ps, and whoever looks for the template, tell a spare
		 * from it: the argument is "--template", longer than this */
		memset(mode_arg, 0, strlen(mode_arg));
		memcpy(mode_arg, SPARE_ARG, sizeof(SPARE_ARG) - 1);
		s->sock = sv[1];
		return 0;
	}
	close(sv[1]);
	if (w == -1) {
		close(sv[0]);
		return -1;
	}
	s->pid = w;
	s->sock = sv[0];
	return w;
}

/* The spare never writes to its socket, so anything to read there (EOF)
 * or a hang-up means it has ended: killed, most likely. */
static bool
spare_alive(const struct spare *s)
{
	struct pollfd p = { .fd = s->sock, .events = POLLIN };

	return s->pid > 0 && poll(&p, 1, 0) == 0;
}

static void
spare_drop(struct spare *s)
{
	if (s->pid > 0)
		close(s->sock);
	s->pid = 0;
}

/* In the template: answers for the spare, then hands it the descriptor.
 * A spare killed in the instant between spare_alive() and its answer is
 * no worker when the daemon reads the answer (spawn.c, is_worker): that
 * template is replaced and the spawn starts by exec, never waited on. */
static void
hand_over(struct spare *s, uint32_t seq, int fd)
{
	reply(seq, (int32_t)s->pid);
	(void)tmpl_send_request(s->sock, seq, fd);
	close(fd);
	spare_drop(s);
}

/* In a spare: faults in what a start will (prefault.h), waits for the
 * link the template hands over (or ends when the template has gone
 * without one) and becomes its worker. */
static bool
spare_claimed(struct spare *s, struct host *h, char *mode_arg, pid_t daemon)
{
	uint32_t seq;
	int fd;

	prefault_touch(&h->prefault);

	if (tmpl_recv_request(s->sock, &seq, &fd) != 1)
		_exit(1);
	close(s->sock);
	memset(mode_arg, 0, strlen(mode_arg));
	become_worker(fd, daemon);
	return true;
}

/* The rehearsal's side in the template: its init, then whatever it
 * writes read and dropped until it ends; if it is silent for
 * REHEARSAL_WAIT_MS, closing the socket ends it (the link's EOF). */
static void
rehearsal_feed(int sock, pid_t child, const char *script)
{
	struct msg_init m = {
		.name = { "rehearsal", 9 }, .script = { script, strlen(script) },
		.cwd = { "/", 1 },
	};
	struct pbuf b;
	struct pollfd pfd = { .fd = sock, .events = POLLIN };
	char sink[4096];
	int st;

	pbuf_init(&b);
	if (msg_write_init(&b, &m) == 0 && write(sock, b.data, b.len) == (ssize_t)b.len) {
		while (poll(&pfd, 1, REHEARSAL_WAIT_MS) == 1 && read(sock, sink, sizeof(sink)) > 0)
			;
	}
	pbuf_free(&b);
	close(sock);
	while (waitpid(child, &st, 0) == -1 && errno == EINTR)
		;
}

/* Removes the empty scripts that templates of this user killed while
 * they rehearsed left behind (a daemon stopped just after it started).
 * getdents64 on a stack buffer, not opendir: nothing is allocated, so the
 * heap the spares share stays as it was. */
static void
sweep_stale(void)
{
	char buf[4096];
	struct stat st;
	ssize_t n;
	time_t now = time(NULL);
	int dir = open(REHEARSAL_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dir == -1)
		return;
	while ((n = getdents64(dir, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen) {
			const char *name = ((struct dirent64 *)(buf + off))->d_name;

			if (strncmp(name, REHEARSAL_PREFIX, sizeof(REHEARSAL_PREFIX) - 1) != 0 ||
			    fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
				continue;
			if (S_ISREG(st.st_mode) && st.st_size == 0 && st.st_uid == geteuid() &&
			    now - st.st_mtime > REHEARSAL_STALE_S)
				(void)unlinkat(dir, name, 0);
		}
	}
	close(dir);
}

/* Rehearses one start (prefault.h) in a child on an empty script; true in
 * that child, which goes on as a worker on the template's end of a
 * socketpair.  Without a file for the script, nothing is rehearsed. */
static bool
rehearse(struct host *h, char *mode_arg)
{
	char script[] = REHEARSAL_DIR "/" REHEARSAL_PREFIX "XXXXXX.js";
	int sv[2], fd;
	pid_t c, tpl = getpid();

	sweep_stale();
	if ((fd = mkstemps(script, 3)) == -1)
		return false;
	close(fd);
	if (prefault_open(&h->prefault) == -1) {
		unlink(script);
		return false;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		/* closed empty: a record left open makes every worker a rehearsal */
		prefault_adopt(&h->prefault);
		unlink(script);
		return false;
	}
	if ((c = fork()) == 0) {
		memset(mode_arg, 0, strlen(mode_arg));
		become_worker(sv[1], tpl);	/* the template stands in for the daemon */
		return true;
	}
	close(sv[1]);
	if (c > 0)
		rehearsal_feed(sv[0], c, script);
	else
		close(sv[0]);
	unlink(script);
	prefault_adopt(&h->prefault);
	return false;
}

/* Serves requests until one of them makes this process a worker (true);
 * false at EOF or on error (*rc, with errno). */
static bool
serve(struct host *h, char *mode_arg, pid_t daemon, int *rc)
{
	struct spare s = { 0 };
	uint32_t seq;
	int fd, err;

	if (fork_spare(&s, mode_arg) == 0)
		return spare_claimed(&s, h, mode_arg, daemon);
	while ((*rc = tmpl_recv_request(CTL_FD, &seq, &fd)) == 1) {
		if (spare_alive(&s)) {
			hand_over(&s, seq, fd);
		} else {
			spare_drop(&s);
			if (spawn_one(seq, fd, daemon)) {
				memset(mode_arg, 0, strlen(mode_arg));
				return true;
			}
		}
		if (fork_spare(&s, mode_arg) == 0)
			return spare_claimed(&s, h, mode_arg, daemon);
	}
	err = errno;
	spare_drop(&s);
	errno = err;
	return false;
}

void
template_serve(struct host *h, char *mode_arg)
{
	pid_t daemon = getppid();
	int rc = 0;

	/* Building the runtime leaves unreachable cycles that reference
	 * counting never frees; collected here, once, their chunks become
	 * holes for fill_holes() instead of garbage scattered over the pages
	 * every worker shares (100 idle workers: 0.50 -> 0.485 MB PSS each).
	 * Twice, as Duktape advises: the first pass may run finalizers whose
	 * objects only the second frees. */
	duk_gc(h->ctx, 0);
	duk_gc(h->ctx, 0);
	fill_holes();
	if (rehearse(h, mode_arg) || serve(h, mode_arg, daemon, &rc)) {
		if (event_reinit(h->base) == -1)
			_exit(1);
		return;
	}
	if (rc == -1) {
		fprintf(stderr, "worker-host: template: %s\n", errno == EPROTO ?
		    "malformed request from the daemon" : strerror(errno));
		exit(1);
	}
	exit(0);
}
