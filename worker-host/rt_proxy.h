/*
 * rt_proxy.h - Proxy with every trap and invariant of ES2015-ES2023, and
 * Reflect.get/set with a receiver (js/proxy.js; docs/builtins.md, Proxy).
 *
 * rt_proxy_install() replaces the global Proxy with a native constructor
 * (no `prototype`, throws without `new`) whose proxies are Duktape's with a
 * private handler of proxy.js's, adds Proxy.revocable, and wraps the
 * Object, Object.prototype and Reflect functions Duktape does not trap, so
 * that on a proxy they reach its handler and elsewhere stay Duktape's own.
 * Needs rt_es_install() first (Object.hasOwn, values, entries,
 * getOwnPropertyDescriptors are wrapped as it left them).  Once per heap,
 * in the template.
 */
#ifndef RT_PROXY_H
#define RT_PROXY_H

#include <duktape.h>

void rt_proxy_install(duk_context *ctx);

#endif
