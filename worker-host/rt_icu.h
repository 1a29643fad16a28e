/*
 * rt_icu.h - the ICU functions the runtime calls, from Debian's libicuuc
 * mapped on first use instead of linked.
 *
 * Linked, libicuuc (with the libstdc++, libgcc_s and libicudata it
 * brings) added 20 of a template's 106 mappings, and every fork copies a
 * template's mappings and every exit unmaps them (docs/performance.md,
 * "Libraries mapped on first use"), for the few workers that decode a
 * legacy encoding, map a non-ASCII host name or name a regexp group
 * outside ASCII.  icu_get() maps the library the first time any of those
 * asks (rt_dynlib.h; dlopen() is allowed by the worker's filter) and
 * resolves every function below; the table is then the process's for good.  NULL and a
 * message naming the cause when the library or a function cannot be
 * found; the next call tries again.
 */
#ifndef WH_RT_ICU_H
#define WH_RT_ICU_H

#include <stddef.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/uidna.h>

/* Each field has the type of the ICU function in its comment (the
 * headers' names are macros for the versioned symbols, so the fields are
 * named apart from them). */
struct icu {
	__typeof__(&u_hasBinaryProperty) has_property;		/* u_hasBinaryProperty */
	__typeof__(&ucnv_open) cnv_open;			/* ucnv_open */
	__typeof__(&ucnv_close) cnv_close;			/* ucnv_close */
	__typeof__(&ucnv_setToUCallBack) cnv_set_to_u_callback;	/* ucnv_setToUCallBack */
	__typeof__(&ucnv_toUnicode) cnv_to_unicode;		/* ucnv_toUnicode */
	__typeof__(&ucnv_resetToUnicode) cnv_reset_to_unicode;	/* ucnv_resetToUnicode */
	__typeof__(&ucnv_cbToUWriteUChars) cnv_cb_write_uchars;	/* ucnv_cbToUWriteUChars */
	__typeof__(&uidna_openUTS46) idna_open;			/* uidna_openUTS46 */
	__typeof__(&uidna_close) idna_close;			/* uidna_close */
	__typeof__(&uidna_nameToASCII_UTF8) idna_to_ascii;	/* uidna_nameToASCII_UTF8 */
};

const struct icu *icu_get(char *err, size_t errlen);

#endif
