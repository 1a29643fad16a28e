/*
 * rt_dynlib.c - dlopen() and dlsym() into a caller's table of function
 * pointers (rt_dynlib.h).
 */
#include "rt_dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static int
fail(char *err, size_t errlen, const char *what)
{
	const char *why = dlerror();

	snprintf(err, errlen, "%s: %s", what, why != NULL ? why : "not found");
	return -1;
}

int
dynlib_load(const char *lib, const struct dynlib_sym *syms, size_t n, void *table, char *err,
    size_t errlen)
{
	void *h, *p;

	if ((h = dlopen(lib, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return fail(err, errlen, lib);
	for (size_t i = 0; i < n; i++) {
		if ((p = dlsym(h, syms[i].name)) == NULL)
			return fail(err, errlen, syms[i].name);
		/* POSIX makes a symbol's address convertible to its function
		 * pointer; memcpy says so without the cast ISO C lacks */
		memcpy((char *)table + syms[i].off, &p, sizeof(p));
	}
	return 0;
}
