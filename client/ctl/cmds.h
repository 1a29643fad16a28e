/*
 * cmds.h - the command functions of workerctl, one file per concern
 * (cmd_*.c).  Each returns the process exit status.
 */
#ifndef CMDS_H
#define CMDS_H

#include "ctl.h"

int cmd_spawn(struct ctl *c);
int cmd_post(struct ctl *c);
int cmd_recv(struct ctl *c);
int cmd_terminate(struct ctl *c);
int cmd_wait(struct ctl *c);
int cmd_watch(struct ctl *c);
int cmd_run(struct ctl *c);
int cmd_ls(struct ctl *c);
int cmd_status(struct ctl *c);
int cmd_ref(struct ctl *c);
int cmd_unref(struct ctl *c);
int cmd_logs(struct ctl *c);
int cmd_compile(struct ctl *c);

/* Shared by spawn and run: checks the script is a readable file (relative
 * to the cwd, or a file: URL) and fills c->spawn.script/args; prints the error and returns
 * its exit status on failure, else EX_OK.  `abs` receives the absolute path. */
int spawn_prepare(struct ctl *c, char *abs, size_t abslen);

#endif
