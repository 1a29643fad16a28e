/*
 * template.h - `worker-host --template`: fork workers from a ready heap.
 *
 * main() builds the heap and installs the whole runtime once, then hands
 * the host to template_serve(), which waits on fd 3 (the control socket
 * from the daemon; docs/protocol.md 2.7) for spawn requests.  Each carries
 * one end of a new worker socketpair.  The template forks workers as the
 * daemon's children (CLONE_PARENT), exactly as if the daemon had forked
 * them, one ahead of its request (the spare), and writes a worker's pid
 * back on the control socket (tmpl.h) before the worker may go on, so the
 * daemon knows the pid before it can reap it.
 * template_serve() returns only in a worker, with that socketpair on fd 3,
 * its own process group, the parent-death signal armed against the daemon
 * and fds 4+ closed; the heap is the template's, shared copy-on-write.
 */
#ifndef WH_TEMPLATE_H
#define WH_TEMPLATE_H

struct host;

/* `mode_arg` is the --template argument itself: a worker blanks it, so
 * that ps and /proc show workers as plain worker-host processes, and a
 * spare not yet handed its request shows as `worker-host --spare`. */
void template_serve(struct host *h, char *mode_arg);

#endif
