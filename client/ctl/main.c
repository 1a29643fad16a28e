/*
 * main.c - workerctl: parses the command line and runs one command
 * (CONTRACT section 3; docs/man/workerctl.1).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cmds.h"
#include "ctl.h"
#include "wc_clock.h"

#define SPAWN_OPTS \
	"  --name NAME        give the worker a name (unique among live workers)\n" \
	"  --smol             small heap, eager garbage collection\n" \
	"  --heap-limit SIZE  cap the worker's heap (bytes; K, M, G suffixes)\n" \
	"  --unref            the worker does not keep its owner alive\n" \
	"  -e, --env K=V      set an environment variable (repeatable)\n" \
	"  --data JSON        the worker's workerData (worker_threads), a JSON value\n" \
	"  --legacy-decorators  TypeScript's experimentalDecorators in its modules\n"

const struct cmd ctl_cmds[] = {
	{ "spawn", NULL, cmd_spawn, OPT_SPAWN, true, 1, -1,
	  "spawn [--name N] [--smol] [--heap-limit SIZE] [--unref] [--env K=V]... [--data JSON] [--legacy-decorators] SCRIPT [ARG...]",
	  "Start a worker owned by the daemon and print its id.  SCRIPT is resolved against\n"
	  "the current directory and must be a readable file; otherwise nothing starts.\n"
	  SPAWN_OPTS },
	{ "post", NULL, cmd_post, 0, false, 2, -1,
	  "post ID JSON... | post ID -",
	  "Post each JSON value (tagged JSON, see workerctl(1)) as one message, in order.\n"
	  "With '-' each non-empty line of stdin is one value.  Every value is checked\n"
	  "before anything is sent: one bad value posts nothing (exit 2).\n" },
	{ "recv", NULL, cmd_recv, OPT_COUNT, false, 1, 1,
	  "recv ID [-n COUNT] [--timeout SEC]",
	  "Print the next COUNT (default 1) messages the worker posted, one JSON value per\n"
	  "line, waiting for them.  Exit 1 if the worker closes first, 124 on timeout.\n"
	  "  -n, --count COUNT  how many messages to wait for\n" },
	{ "terminate", NULL, cmd_terminate, 0, false, 1, 1,
	  "terminate ID [--timeout SEC]",
	  "Terminate the worker and return once it has closed.\n" },
	{ "wait", NULL, cmd_wait, 0, false, 1, 1,
	  "wait ID [--timeout SEC]",
	  "Wait until the worker has closed, print its close code and exit with it\n"
	  "(255 when the code is not 0..255).\n" },
	{ "watch", NULL, cmd_watch, 0, false, 0, -1,
	  "watch [ID...] [--timeout SEC]",
	  "Print events as JSON lines until interrupted, or until every named worker has\n"
	  "closed.  With no ID, follow every worker, later ones included.\n" },
	{ "run", NULL, cmd_run, OPT_SPAWN | OPT_DIRECT, true, 1, -1,
	  "run [--name N] [--smol] [--heap-limit SIZE] [--unref] [--env K=V]... [--data JSON] [--legacy-decorators] [--no-direct] SCRIPT [ARG...]",
	  "Spawn a worker owned by this command and attach to it: each stdin line is\n"
	  "posted as one JSON value, each message is printed as one JSON line, console\n"
	  "output and errors go to stderr.  Exits with the worker's close code.  Ctrl-C\n"
	  "terminates the worker.  With --unref, exits 0 at the end of stdin.\n"
	  "Messages take a direct channel to the worker (one hop, not through the\n"
	  "daemon); --no-direct sends them through the daemon.\n"
	  SPAWN_OPTS },
	{ "ls", "list", cmd_ls, OPT_JSON, false, 0, 0,
	  "ls [--json]",
	  "List workers: id, name, pid, state, uptime, RSS, heap, messages in/out, ref.\n"
	  "  --json             print a JSON array of status objects\n" },
	{ "status", NULL, cmd_status, OPT_JSON, false, 1, 1,
	  "status ID [--json]",
	  "Show one worker, with its close code and reason once closed.\n"
	  "  --json             print a JSON object\n" },
	{ "ref", NULL, cmd_ref, 0, false, 1, 1,
	  "ref ID",
	  "Make the worker keep its owner alive (the default).\n" },
	{ "unref", NULL, cmd_unref, 0, false, 1, 1,
	  "unref ID",
	  "Let the worker's owner stop without waiting for it.\n" },
	{ "logs", NULL, cmd_logs, OPT_FOLLOW | OPT_JSON, false, 1, 1,
	  "logs ID [-f] [--json] [--timeout SEC]",
	  "Print the worker's console output, one line per console call.\n"
	  "  -f, --follow       keep printing new output until the worker closes\n"
	  "  --json             print {\"level\":..,\"text\":..} objects, one per line\n" },
	{ "compile", NULL, cmd_compile, 0, false, 1, -1,
	  "compile DIR|FILE... [--timeout SEC]",
	  "Lower the TypeScript, JSX, ES modules and modern .js files of each DIR (walked)\n"
	  "and each FILE through the daemon's compile servers, filling the cache so that\n"
	  "no worker waits for them later.  Prints one summary line; exit 1 with one line\n"
	  "per file that failed, naming the file and the cause.\n" },
	{ NULL, NULL, NULL, 0, false, 0, 0, NULL, NULL },
};

static const char common_opts[] =
	"Common options:\n"
	"  --socket PATH      the daemon's socket (default: $WORKERSD_SOCKET, else\n"
	"                     $XDG_RUNTIME_DIR/workersd.sock, /run/workersd/workersd.sock as root)\n"
	"  --timeout SEC      give up after SEC seconds (fractions allowed): exit 124\n"
	"  -h, --help         show help\n"
	"  -V, --version      show the version\n"
	"Exit status: 0 ok, 1 failed, 2 usage or bad JSON, 3 daemon unreachable, 124 timeout;\n"
	"wait and run exit with the worker's close code (255 when not 0..255).\n";

static void
help(const struct cmd *k)
{
	if (k != NULL) {
		printf("usage: workerctl %s\n\n%s\n%s", k->usage, k->help, common_opts);
		return;
	}
	printf("usage: workerctl [options] COMMAND [ARG...]\n\nCommands:\n");
	for (k = ctl_cmds; k->name != NULL; k++)
		printf("  %s\n", k->usage);
	printf("\nIDs and names are interchangeable.  'workerctl COMMAND --help' shows more.\n\n%s",
	    common_opts);
}

int
main(int argc, char **argv)
{
	struct ctl c = { 0 };
	int rc;

	signal(SIGPIPE, SIG_IGN);
	rc = args_parse(&c, argc, argv);
	if (rc < 0) {
		rc = EX_USAGE_ERR;
		goto out;
	}
	if (rc == ARGS_HELP) {
		help(c.cmd);
		rc = EX_OK;
		goto out;
	}
	if (rc == ARGS_VERSION) {
		printf("workerctl %s\n", WORKERSD_VERSION);
		rc = EX_OK;
		goto out;
	}
	c.deadline = wc_deadline(c.timeout);
	rc = c.cmd->run(&c);
	wc_close(c.conn);
out:
	if (fflush(stdout) != 0 && rc == EX_OK)
		rc = ctl_fail(EX_FAIL, "cannot write the output");
	free(c.args);
	pbuf_free(&c.data);
	return rc;
}
