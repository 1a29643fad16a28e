/*
 * rt_icu.c - libicuuc mapped on first use and its functions resolved by their
 * versioned names (rt_icu.h).  The table and the handle are process-wide on
 * purpose: which libraries are mapped is a fact about the process, not
 * about any heap in it, and a template's workers each load their own
 * after the fork, so nothing of it is ever shared or copied.
 */
#include "rt_icu.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uvernum.h>

/* The string of a name after macro expansion: ucnv_open is
 * "ucnv_open_72" with Debian's ICU 72. */
#define ICU_STR(x) ICU_STR_(x)
#define ICU_STR_(x) #x

#define ICU_LIB "libicuuc.so." ICU_STR(U_ICU_VERSION_MAJOR_NUM)

static const struct {
	const char *name;
	size_t off;
} fns[] = {
	{ ICU_STR(u_hasBinaryProperty), offsetof(struct icu, has_property) },
	{ ICU_STR(ucnv_open), offsetof(struct icu, cnv_open) },
	{ ICU_STR(ucnv_close), offsetof(struct icu, cnv_close) },
	{ ICU_STR(ucnv_setToUCallBack), offsetof(struct icu, cnv_set_to_u_callback) },
	{ ICU_STR(ucnv_toUnicode), offsetof(struct icu, cnv_to_unicode) },
	{ ICU_STR(ucnv_resetToUnicode), offsetof(struct icu, cnv_reset_to_unicode) },
	{ ICU_STR(ucnv_cbToUWriteUChars), offsetof(struct icu, cnv_cb_write_uchars) },
	{ ICU_STR(uidna_openUTS46), offsetof(struct icu, idna_open) },
	{ ICU_STR(uidna_close), offsetof(struct icu, idna_close) },
	{ ICU_STR(uidna_nameToASCII_UTF8), offsetof(struct icu, idna_to_ascii) },
};

static struct icu table;
static bool loaded;

static const struct icu *
fail(char *err, size_t errlen, const char *what)
{
	const char *why = dlerror();

	snprintf(err, errlen, "%s: %s", what, why != NULL ? why : "not found");
	return NULL;
}

const struct icu *
icu_get(char *err, size_t errlen)
{
	struct icu t;
	void *lib, *p;

	if (loaded)
		return &table;
	/* never closed: the converters and IDNA objects it hands out may
	 * live as long as the process */
	if ((lib = dlopen(ICU_LIB, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return fail(err, errlen, ICU_LIB);
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		if ((p = dlsym(lib, fns[i].name)) == NULL)
			return fail(err, errlen, fns[i].name);
		/* POSIX makes a symbol's address convertible to its function
		 * pointer; memcpy says so without a cast ISO C lacks */
		memcpy((char *)&t + fns[i].off, &p, sizeof(p));
	}
	table = t;
	loaded = true;
	return &table;
}
