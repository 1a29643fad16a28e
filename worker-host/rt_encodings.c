/*
 * rt_encodings.c - the Encoding standard's table of labels: every label
 * an encoding answers to, in the standard's order of encodings.  Each
 * entry is one encoding's name followed by its other labels, so a name is
 * written once and the table reads as the standard's does.  A lookup is a
 * scan of some 220 short strings, done once per TextDecoder.
 */
#include "rt_encodings.h"

#include <stddef.h>
#include <string.h>

/* An encoding's name, then its other labels, then NULL. */
static const char *const table[][25] = {
	{ "utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf8", "x-unicode20utf8", NULL },
	{ "ibm866", "866", "cp866", "csibm866", NULL },
	{ "iso-8859-2", "csisolatin2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987",
	  "l2", "latin2", NULL },
	{ "iso-8859-3", "csisolatin3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988",
	  "l3", "latin3", NULL },
	{ "iso-8859-4", "csisolatin4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988",
	  "l4", "latin4", NULL },
	{ "iso-8859-5", "csisolatincyrillic", "cyrillic", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5",
	  "iso_8859-5:1988", NULL },
	{ "iso-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
	  "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6",
	  "iso_8859-6:1987", NULL },
	{ "iso-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-ir-126",
	  "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek", NULL },
	{ "iso-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8-e", "iso-ir-138",
	  "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual", NULL },
	{ "iso-8859-8-i", "csiso88598i", "logical", NULL },
	{ "iso-8859-10", "csisolatin6", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6", NULL },
	{ "iso-8859-13", "iso8859-13", "iso885913", NULL },
	{ "iso-8859-14", "iso8859-14", "iso885914", NULL },
	{ "iso-8859-15", "csisolatin9", "iso8859-15", "iso885915", "iso_8859-15", "l9", NULL },
	{ "iso-8859-16", NULL },
	{ "koi8-r", "cskoi8r", "koi", "koi8", "koi8_r", NULL },
	{ "koi8-u", "koi8-ru", NULL },
	{ "macintosh", "csmacintosh", "mac", "x-mac-roman", NULL },
	{ "windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", NULL },
	{ "windows-1250", "cp1250", "x-cp1250", NULL },
	{ "windows-1251", "cp1251", "x-cp1251", NULL },
	{ "windows-1252", "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
	  "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1",
	  "latin1", "us-ascii", "x-cp1252", NULL },
	{ "windows-1253", "cp1253", "x-cp1253", NULL },
	{ "windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
	  "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "x-cp1254", NULL },
	{ "windows-1255", "cp1255", "x-cp1255", NULL },
	{ "windows-1256", "cp1256", "x-cp1256", NULL },
	{ "windows-1257", "cp1257", "x-cp1257", NULL },
	{ "windows-1258", "cp1258", "x-cp1258", NULL },
	{ "x-mac-cyrillic", "x-mac-ukrainian", NULL },
	{ "gbk", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "iso-ir-58",
	  "x-gbk", NULL },
	{ "gb18030", NULL },
	{ "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", NULL },
	{ "euc-jp", "cseucpkdfmtjapanese", "x-euc-jp", NULL },
	{ "iso-2022-jp", "csiso2022jp", NULL },
	{ "shift_jis", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "sjis", "windows-31j", "x-sjis", NULL },
	{ "euc-kr", "cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989",
	  "ksc5601", "ksc_5601", "windows-949", NULL },
	{ "replacement", "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", NULL },
	{ "utf-16be", "unicodefffe", NULL },
	{ "utf-16le", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", NULL },
	{ "x-user-defined", NULL },
};

const char *
encoding_for_label(const char *label)
{
	for (size_t e = 0; e < sizeof(table) / sizeof(table[0]); e++)
		for (size_t k = 0; table[e][k] != NULL; k++)
			if (strcmp(table[e][k], label) == 0)
				return table[e][0];
	return NULL;
}
