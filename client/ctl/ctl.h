/*
 * ctl.h - workerctl's context and the helpers every command shares.
 *
 * main() parses the command line into a struct ctl, then runs the
 * command's function, which returns the process exit status (EX_*).
 * Commands report failures through ctl_error(), which prints one line
 * "workerctl: <thing>: <cause>" on stderr and maps the error code to the
 * exit status of CONTRACT section 3.
 */
#ifndef CTL_H
#define CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "workerclient.h"

enum {
	EX_OK = 0,
	EX_FAIL = 1,
	EX_USAGE_ERR = 2,
	EX_UNREACHABLE = 3,
	EX_TIMEOUT = 124,
};

/* Option groups a command accepts (struct cmd.opts). */
enum {
	OPT_JSON = 1 << 0,	/* --json */
	OPT_SPAWN = 1 << 1,	/* --name --smol --heap-limit --unref --env */
	OPT_COUNT = 1 << 2,	/* -n COUNT */
	OPT_FOLLOW = 1 << 3,	/* -f, --follow */
	OPT_DIRECT = 1 << 4,	/* --no-direct */
};

struct ctl;

struct cmd {
	const char *name;
	const char *alias;
	int (*run)(struct ctl *);
	unsigned opts;
	bool script_args;	/* options stop at the first operand (SCRIPT ARG...) */
	int min_args, max_args;	/* operands; max -1: any number */
	const char *usage;
	const char *help;
};

#define CTL_MAX_ENV 256

struct ctl {
	const struct cmd *cmd;
	const char *socket;
	double timeout;		/* seconds; < 0: none */
	double deadline;	/* monotonic, from timeout; < 0: none */
	bool json;
	unsigned count;		/* -n */
	bool follow;
	bool no_direct;		/* run: messages through the daemon, no direct channel */
	unsigned seen;		/* option groups given */
	struct wc_spawn_opts spawn;
	const char *env[CTL_MAX_ENV];
	struct pbuf data;	/* --data as a clone value; c->spawn.data points into it */
	char **args;		/* operands after the command name */
	int nargs;
	struct wc_conn *conn;
};

extern const struct cmd ctl_cmds[];

/* Connects (socket rules, --socket) within the deadline; on failure prints
 * the error and returns its exit status, else EX_OK. */
int ctl_connect(struct ctl *c);
/* Seconds left before --timeout passes (< 0: no timeout; never below 0). */
double ctl_left(const struct ctl *c);
/* Prints "workerctl: [worker W: ]msg" and returns the exit status for
 * e->code.  `wid` prefixes client-side errors that do not name a worker. */
int ctl_error(const struct ctl *c, const char *wid, const struct wc_error *e);
/* Prints "workerctl: <formatted>" and returns `status`. */
int ctl_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Exit status for a worker's close code: the code when 0..255, else 255. */
int ctl_exit_code(int64_t code);

#endif
