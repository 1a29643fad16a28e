/*
 * rt_dynlib.c - dlopen() and dlsym() into a caller's table of function
 * pointers (rt_dynlib.h).
 */
#include "rt_dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static void *
fail(char *err, size_t errlen, const char *what, void *h)
{
	const char *why = dlerror();

	snprintf(err, errlen, "%s: %s", what, why != NULL ? why : "not found");
	if (h != NULL)
		dlclose(h);
	return NULL;
}

void *
dynlib_load(const char *lib, const struct dynlib_sym *syms, size_t n, void *table, char *err,
    size_t errlen)
{
	void *h, *p;

	if ((h = dlopen(lib, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return fail(err, errlen, lib, NULL);
	for (size_t i = 0; i < n; i++) {
		if ((p = dlsym(h, syms[i].name)) == NULL)
			return fail(err, errlen, syms[i].name, h);
		/* POSIX makes a symbol's address convertible to its function
		 * pointer; memcpy says so without the cast ISO C lacks */
		memcpy((char *)table + syms[i].off, &p, sizeof(p));
	}
	return h;
}

void
dynlib_close(void *handle)
{
	if (handle != NULL)
		dlclose(handle);
}
