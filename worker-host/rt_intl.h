/*
 * rt_intl.h - an English-only Intl (js/intl.js).
 *
 * rt_intl_install() defines the global Intl (NumberFormat, DateTimeFormat,
 * Collator, PluralRules, getCanonicalLocales) with en-US conventions, and
 * replaces Number/Date.prototype.toLocale*String and
 * String.prototype.localeCompare with versions built on it.  What is
 * partial is listed in docs/builtins.md.  Needs rt_lang_install() first
 * (the collator decomposes with String.prototype.normalize).
 */
#ifndef RT_INTL_H
#define RT_INTL_H

#include <duktape.h>

void rt_intl_install(duk_context *ctx);

#endif
