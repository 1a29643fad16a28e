/*
 * srcext.c - the file names the lowering takes (srcext.h).
 */
#include "srcext.h"

#include <string.h>

const char *
srcext_of(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot != NULL && (slash == NULL || dot > slash) ? dot : "";
}

static bool
ext_in(const char *path, const char *const *list)
{
	const char *e = srcext_of(path);

	for (; *list != NULL; list++)
		if (strcmp(e, *list) == 0)
			return true;
	return false;
}

bool
srcext_always(const char *path)
{
	static const char *const always[] = { ".ts", ".tsx", ".jsx", ".mjs", ".mts", ".cts", NULL };

	return ext_in(path, always);
}

bool
srcext_if_rejected(const char *path)
{
	static const char *const maybe[] = { ".js", ".cjs", NULL };

	return ext_in(path, maybe);
}
