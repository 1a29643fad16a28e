/*
 * report.h - uncaught errors: dispatch to the worker's handlers, else an
 * `error` frame and the end of the worker.
 *
 * report_uncaught() takes the thrown value from the stack top.  It offers it
 * to process 'uncaughtException' listeners, then onerror and 'error'
 * listeners (ErrorEvent-like; handled by returning true or calling
 * preventDefault()).  When handled it returns; otherwise it sends an
 * `error` frame, runs the exit listeners and ends the process with code 1
 * (reason "error"; "oom" when the heap cap was the cause).
 */
#ifndef WH_REPORT_H
#define WH_REPORT_H

#include <duktape.h>

struct host;

void report_uncaught(struct host *h);
/* The same for the reason of an unhandled rejection: process
 * 'unhandledRejection' listeners see it first (as in Node). */
void report_rejection(struct host *h);
/* Queues an `error` frame describing the value at idx (stack unchanged). */
void report_error_frame(struct host *h, duk_idx_t idx);
/* Queues an `error` frame from C strings only (no JS runs): for out of
 * memory and fatal errors. */
void report_plain_error(struct host *h, const char *name, const char *message);
/* Throws a DataCloneError DOMException (code 25) saying msg. */
duk_ret_t report_throw_clone_error(duk_context *ctx, const char *msg);

#endif
