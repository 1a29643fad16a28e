/*
 * rt_icu.c - libicuuc mapped on first use and its functions resolved by
 * their versioned names (rt_icu.h).  The table is process-wide on purpose:
 * which libraries are mapped is a fact about the process, not about any
 * heap in it, and a template's workers each load their own after the
 * fork, so nothing of it is ever shared or copied.
 */
#include "rt_icu.h"

#include <stdbool.h>

#include <unicode/uvernum.h>

#include "rt_dynlib.h"

#define ICU_LIB "libicuuc.so." DYNLIB_STR(U_ICU_VERSION_MAJOR_NUM)
#define SYM(f, field) { DYNLIB_STR(f), offsetof(struct icu, field) }

static const struct dynlib_sym syms[] = {
	SYM(u_hasBinaryProperty, has_property),
	SYM(ucnv_open, cnv_open),
	SYM(ucnv_close, cnv_close),
	SYM(ucnv_setToUCallBack, cnv_set_to_u_callback),
	SYM(ucnv_toUnicode, cnv_to_unicode),
	SYM(ucnv_resetToUnicode, cnv_reset_to_unicode),
	SYM(ucnv_cbToUWriteUChars, cnv_cb_write_uchars),
	SYM(uidna_openUTS46, idna_open),
	SYM(uidna_close, idna_close),
	SYM(uidna_nameToASCII_UTF8, idna_to_ascii),
};

static struct icu table;
static bool loaded;

const struct icu *
icu_get(char *err, size_t errlen)
{
	if (!loaded && dynlib_load(ICU_LIB, syms, sizeof(syms) / sizeof(syms[0]), &table, err,
	    errlen) == NULL)
		return NULL;
	loaded = true;
	return &table;
}
