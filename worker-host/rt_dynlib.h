/*
 * rt_dynlib.h - a table of a shared library's functions, resolved when the
 * library is first needed instead of linked.
 *
 * For libraries only a few workers use (rt_icu.h, tlslib.h), or only the
 * template before it forks (confine.c's libseccomp): not linked, they are
 * no mappings of the template that every fork copies and every exit
 * unmaps.  dynlib_load() maps `lib` (dlopen()) and stores each symbol's
 * address at its offset in `table`; it returns the handle, for
 * dynlib_close() once nothing of the library is in use (never, where what
 * it hands out may live as long as the process), or NULL and a message
 * naming the library or the missing symbol, and then `table` is not to be
 * used.  Symbols are looked up in the library and the libraries it
 * depends on.
 */
#ifndef WH_RT_DYNLIB_H
#define WH_RT_DYNLIB_H

#include <stddef.h>

/* The string of a name after macro expansion (ICU's function names are
 * macros for the versioned symbols). */
#define DYNLIB_STR(x) DYNLIB_STR_(x)
#define DYNLIB_STR_(x) #x

struct dynlib_sym {
	const char *name;
	size_t off;		/* of the function pointer in the table */
};

void *dynlib_load(const char *lib, const struct dynlib_sym *syms, size_t n, void *table, char *err,
    size_t errlen);
void dynlib_close(void *handle);

#endif
