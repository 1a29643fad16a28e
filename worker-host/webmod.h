/*
 * webmod.h - the Web globals that cost nothing until a script touches
 * them: Headers, Request, Response and fetch (js/web_headers.js,
 * web_request.js, web_response.js, web_fetch.js, and web_body.js beneath
 * them; fetch's network half is mod_http.c).
 *
 * webmod_install() (in the template, from globals_install()) defines each
 * of those globals as a configurable, non-enumerable accessor (one getter
 * and one setter for all).  The first
 * get compiles the module that exports it (once per worker) and replaces
 * the accessor with a plain writable data property holding the value; a
 * set before that replaces it with the value set, compiling nothing.  It
 * also adds native.webModule(name): a module's exports, compiled on first
 * call, so that one module can use another's.  A module file is
 * (function (global, native, internal) { ...; return exports; }).  An
 * unknown name throws an Error naming it.
 */
#ifndef WH_WEBMOD_H
#define WH_WEBMOD_H

#include <duktape.h>

void webmod_install(duk_context *ctx, duk_idx_t global, duk_idx_t native, duk_idx_t internal);

#endif
