/*
 * hotnames.h - the names an idle worker's start refers to, interned first.
 *
 * A worker is a fork of the template, and Duktape counts references in
 * each string's header: every object a worker makes that names a property
 * writes to that string, and the write copies the string's whole page of
 * the template's heap into the worker.  Interned as the runtime is built,
 * the few dozen names a start touches lie one to a page among everything
 * else.  hotnames_install() interns them first, one after another, and
 * keeps them in the stash for the heap's life, so those writes land on a
 * few pages instead (docs/performance.md, "Memory": how the list was
 * found and how to refresh it).  Call it on a new heap, before anything
 * else interns a string.
 */
#ifndef WH_HOTNAMES_H
#define WH_HOTNAMES_H

#include <duktape.h>

void hotnames_install(duk_context *ctx);

#endif
