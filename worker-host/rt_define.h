/*
 * rt_define.h - helpers that give native built-ins the property shape of
 * real ones: methods are non-enumerable, writable and configurable, and
 * carry their JS name (so inspect prints [Function: get], not [Function]).
 */
#ifndef RT_DEFINE_H
#define RT_DEFINE_H

#include <duktape.h>

/* Pushes a native function shaped as a built-in: [[Prototype]]
 * Function.prototype, own `length` (nargs; 0 for DUK_VARARGS) and `name`. */
void rt_push_native(duk_context *ctx, const char *name, duk_c_function fn, duk_idx_t nargs);
/* Redefines the function at fn_idx's `length` as n: for a native whose
 * spec length is not its nargs (it reads optional arguments). */
void rt_set_length(duk_context *ctx, duk_idx_t fn_idx, int n);
/* Defines obj[name] as a native method. */
void rt_def_method(duk_context *ctx, duk_idx_t obj_idx, const char *name, duk_c_function fn, duk_idx_t nargs);
/* Defines obj[key] = value on the stack top (popped); key is the value
 * below it.  Non-enumerable, writable, configurable. */
void rt_def_hidden(duk_context *ctx, duk_idx_t obj_idx);
/* Defines a getter obj[name] backed by fn, non-enumerable, configurable. */
void rt_def_getter(duk_context *ctx, duk_idx_t obj_idx, const char *name, duk_c_function fn);
/* Defines obj[name] as made on first read: a getter that calls build()
 * (which pushes the value and returns 1) and replaces itself by the value
 * (non-enumerable, writable, configurable).  For native objects a worker
 * may never use, so that they cost nothing until it does. */
void rt_def_lazy(duk_context *ctx, duk_idx_t obj_idx, const char *name, duk_c_function build);
/* bareMethod(fn), a native for JS installers: Duktape gives every strict
 * function its own poisoned `caller` and `arguments` (ES5); ES2015's
 * built-ins have neither, and own `length` then `name` only.  They are not
 * configurable, so they are made so by force, then deleted. */
duk_ret_t rt_bare_method(duk_context *ctx);
/* obj[Symbol.toStringTag] = tag, read-only, non-enumerable. */
void rt_def_tag(duk_context *ctx, duk_idx_t obj_idx, const char *tag);
/* Pushes the well-known symbol Symbol[name] (e.g. "iterator"). */
void rt_push_wellknown(duk_context *ctx, const char *name);

#endif
