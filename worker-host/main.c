/*
 * main.c - worker-host: one process, one Worker.
 *
 * Started by workersd with the daemon link on fd 3 (docs/protocol.md 2.5).
 * Order of life: harden the process (parent-death signal, own process
 * group, only fds 0-3 open, default signal dispositions, SIGPIPE ignored,
 * then the resource limits and seccomp filter of confine.h),
 * build the Duktape heap with the counting allocator and the whole runtime,
 * read `init`, apply what is particular to this worker (limits, env, argv,
 * name, random seed), send `open`, run the entry script as the main
 * CommonJS module, then run the event loop until the worker ends (loop.h).
 * The heap and the runtime come from host_build() (host.c).
 * With --compile it is the compile server instead (compiler.h).
 * With --template the process stops after building the heap and forks
 * workers from it instead (template.h).  SIGTERM keeps its default action
 * so terminate works even in `for(;;){}`.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "clock.h"
#include "compiler.h"
#include "confine.h"
#include "globals.h"
#include "host.h"
#include "hlink.h"
#include "identity.h"
#include "loop.h"
#include "process.h"
#include "report.h"
#include "template.h"
#include "wire.h"

static double
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static noreturn void
die(const char *what)
{
	fprintf(stderr, "worker-host: %s\n", what);
	exit(1);
}

/* The runtime could not be built, so no script can run: besides stderr,
 * which only the daemon's log keeps, the daemon gets an error frame, which
 * its client sees as the worker's error event before the close. */
static noreturn void
die_unbuilt(const char *what)
{
	struct msg_error e = { .name = { "Error", 5 }, .stack = { "", 0 }, .filename = { "", 0 } };
	struct pbuf text, f;
	size_t off = 0;
	ssize_t n;

	fprintf(stderr, "worker-host: %s\n", what);
	pbuf_init(&text);
	pbuf_init(&f);
	if (wire_utf8(&text, what, strlen(what)) == 0) {
		e.message = (struct msg_str){ text.len > 0 ? (const char *)text.data : "", text.len };
		if (msg_write_fault(&f, MSG_ERROR, &(struct msg_fault){ e }) == 0)
			while (off < f.len && ((n = write(LINK_FD, f.data + off, f.len - off)) > 0 || errno == EINTR))
				off += n > 0 ? (size_t)n : 0;
	}
	exit(1);
}

/* The daemon may have died before PR_SET_PDEATHSIG took hold: we were
 * then handed to init.  The socketpair's creator (the daemon) tells a real
 * orphan from a daemon that is itself pid 1 (in a container). */
static bool
orphaned(void)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);

	if (getppid() != 1)
		return false;
	if (getsockopt(LINK_FD, SOL_SOCKET, SO_PEERCRED, &cr, &len) == -1)
		return true;
	return cr.pid != 1;
}

static void
confine(int rc, const char *err)
{
	if (rc == -1) {
		fprintf(stderr, "worker-host: confinement: %s\n", err);
		exit(1);
	}
}

/* Ignored signals survive exec; everything else is already default.  Only
 * fds 0..last stay open.  The compile server starts this way too. */
static void
start_clean(int last)
{
	struct sigaction sa;
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++) {
		if (sigaction(s, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			signal(s, SIG_DFL);
	}
	signal(SIGPIPE, SIG_IGN);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		die("prctl(PR_SET_PDEATHSIG) failed");
	(void)setpgid(0, 0);
	(void)close_range((unsigned)last + 1, ~0U, 0);
}

/* A template confines itself here, so its workers inherit the filter and
 * only apply the no-fork one main() builds before forking. */
static void
harden(void)
{
	char err[256];

	start_clean(LINK_FD);
	if (orphaned())
		_exit(1);
	confine(confine_host(CONFINE_NOFILE_WORKER, err, sizeof(err)), err);
}

/* The heap was built with the largest cap; this worker's cap replaces it. */
static void
read_limits(struct host *h)
{
	uint64_t limit = h->init.heap_limit;

	h->smol = h->init.smol;
	spin_init(&h->spin, (unsigned)h->init.busy_poll);
	if (h->init.max_frame > 0)
		h->max_frame = h->init.max_frame;
	if (limit == 0)
		limit = h->smol ? HALLOC_SMOL_CAP : HALLOC_DEFAULT_CAP;
	h->alloc.cap = (size_t)limit;
}

static duk_ret_t
personalize(duk_context *ctx, void *udata)
{
	globals_personalize(ctx);
	return 0;
}

static void
send_open(struct host *h)
{
	struct msg_open m = { .pid = (uint64_t)getpid() };

	if (msg_write_open(link_frame(h), &m) == -1 || link_commit(h) == -1)
		die("cannot build the open frame");
	(void)link_flush_sync(h);
}

static void
run_main(struct host *h)
{
	duk_context *ctx = h->ctx;

	duk_push_string(ctx, h->script);
	if (globals_call(ctx, "runMain", 1) != 0)
		report_uncaught(h);
	else
		duk_pop(ctx);
	loop_task_end(h);
}

/* The no-fork filter also ends any change of identity, so it comes after
 * identity_become(). */
static noreturn void
worker_run(struct host *h, const struct confine_nofork *nofork)
{
	char err[256];

	h->t0 = mono_ms();
	h->wall0 = wall_ms();
	random_seed(&h->random);
	if (link_init(h, LINK_FD, err, sizeof(err)) == -1 || link_read_init(h, err, sizeof(err)) == -1)
		die(err);
	read_limits(h);
	/* No script has run: the client is told why, and the process ends. */
	if (identity_become(&h->init, err, sizeof(err)) == -1) {
		report_plain_error(h, "Error", err);
		loop_finish(h, 1, CR_ERROR);
	}
	if (confine_nofork_apply(nofork, err, sizeof(err)) == -1)
		die(err);
	if (duk_safe_call(h->ctx, personalize, NULL, 0, 1) != 0) {
		if (h->alloc.exhausted)
			loop_oom(h);
		report_error_frame(h, -1);
		loop_finish(h, 1, CR_ERROR);
	}
	duk_pop(h->ctx);
	send_open(h);
	run_main(h);
	if (h->prefault.rec != NULL) {
		/* the template's rehearsal: done where a worker goes idle.  Its
		 * script goes at once, so that only a template killed in these
		 * few milliseconds leaves the empty file behind. */
		(void)unlink(h->script);
		prefault_record(&h->prefault);
		_exit(0);
	}
	link_start(h, loop_on_frame);
	loop_run(h);
}

int
main(int argc, char **argv)
{
	struct host *h;

	struct confine_nofork nofork;
	char err[256];

	/* the compile server applies the no-fork filter once it has taken its
	 * identity (compiler.h) */
	if (argc > 1 && strcmp(argv[1], "--compile") == 0) {
		start_clean(COMPILER_LAST_FD);
		confine(confine_host(CONFINE_NOFILE_COMPILER, err, sizeof(err)), err);
		confine(confine_nofork_build(&nofork, err, sizeof(err)), err);
		return compiler_main(argc, argv, &nofork);
	}
	harden();
	confine(confine_nofork_build(&nofork, err, sizeof(err)), err);
	if ((h = host_build(err, sizeof(err))) == NULL)
		die_unbuilt(err);
	if (argc == 2 && strcmp(argv[1], "--template") == 0)
		template_serve(h, argv[1]);
	worker_run(h, &nofork);
}
