/*
 * rt_regexp.c - the native half of RegExp: ECMAScript pattern syntax
 * translated into PCRE2's, compiled by the 16-bit library and run over the
 * subject's UTF-16 code units, so that every index is a JavaScript index
 * and a lone surrogate is just a code unit (under u, matched as a
 * stand-in: see STANDIN).  The translation is one pass
 * that writes every atom in a form whose meaning is the same in both
 * languages: literals as \x{..}, \d \w \s as explicit sets (JavaScript's
 * whitespace is Unicode's, its digits and word characters are ASCII),
 * ^ $ . as lookarounds over JavaScript's four line terminators, named
 * groups as numbered ones (the names stay here), backreferences as \g{N}.
 * Annex B leniencies (identity escapes, octal, lone braces) apply without
 * the u flag only, as in the spec.  The flag getters of RegExp.prototype
 * and its `flags` are here too, read on every protocol call.
 * js/regexp.js holds the rest.
 */
#include "rt_regexp.h"

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js_regexp.h"
#include "rt_define.h"
#include "rt_icu.h"

#define KEY_INSTALLED DUK_HIDDEN_SYMBOL("rtRegexpInstalled")
#define KEY_STATE DUK_HIDDEN_SYMBOL("rtRegexpState")
#define KEY_SUBJECT DUK_HIDDEN_SYMBOL("rtRegexpSubject")
#define KEY_CODE DUK_HIDDEN_SYMBOL("rtRegexpCode")
#define KEY_NAMES DUK_HIDDEN_SYMBOL("rtRegexpNames")
#define KEY_SLOT DUK_HIDDEN_SYMBOL("rtRegexpSlot")
#define KEY_ITER DUK_HIDDEN_SYMBOL("rtRegexpIter")
#define KEY_FALLBACK DUK_HIDDEN_SYMBOL("rtRegexpFallback")

/* A pattern is JIT-compiled on this many-th exec: most patterns run a
 * few times, where compiling machine code (and the executable pages it
 * takes in each worker) costs more than it saves. */
#define JIT_AFTER 32

enum { F_D = 1, F_G = 2, F_I = 4, F_M = 8, F_S = 16, F_U = 32, F_Y = 64, F_V = 128 };

/* Under u a lone surrogate is a code point of its own in JavaScript, but
 * PCRE2's UTF-16 mode can neither name one in a pattern nor match one in
 * a subject.  So each lone surrogate U+D800+k, in the pattern and in the
 * subject, is matched as the stand-in U+10F800+k, the top 2,048 code
 * points of plane 16 (private use), and the subject's indices are mapped
 * back (a stand-in is two units where the surrogate was one).  The cost:
 * a genuine U+10F800..U+10FFFF is taken for a lone surrogate. */
#define STANDIN 0x10f800u

static const uint32_t standin_ranges[][2] = { { STANDIN, STANDIN + 0x7ff } };

/* JavaScript's WhiteSpace and LineTerminator code points, as ranges. */
static const uint32_t space_ranges[][2] = {
	{ 0x09, 0x0d }, { 0x20, 0x20 }, { 0xa0, 0xa0 }, { 0x1680, 0x1680 },
	{ 0x2000, 0x200a }, { 0x2028, 0x2029 }, { 0x202f, 0x202f }, { 0x205f, 0x205f },
	{ 0x3000, 0x3000 }, { 0xfeff, 0xfeff },
};
static const uint32_t digit_ranges[][2] = { { 0x30, 0x39 } };
static const uint32_t word_ranges[][2] = { { 0x30, 0x39 }, { 0x41, 0x5a }, { 0x5f, 0x5f }, { 0x61, 0x7a } };

struct ranges {
	const uint32_t (*r)[2];
	size_t n;
};

#define RANGES(a) ((struct ranges){ a, sizeof(a) / sizeof(a[0]) })

static const char line_term[] = "\\n\\r\\x{2028}\\x{2029}";

/* One compiled pattern, owned by its handle object (freed by its
 * finalizer). */
struct rx_code {
	pcre2_code *code;
	uint32_t ngroups;
	uint32_t execs;
	unsigned flags;
};

/* Per heap, in a buffer in the stash: the allocator PCRE2 uses, the one
 * match data every pattern shares (PCRE2 keeps its backtracking frames
 * there, at least 20 KB, so one per pattern would cost that per pattern
 * used), and the last subject's UTF-16 form (the subject itself is kept
 * alive in the stash, so its heap pointer cannot be reused while
 * cached). */
struct rx_state {
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	pcre2_match_data *md;
	uint32_t md_pairs;
	void *subject;
	uint16_t *units;
	size_t nunits, cap;
	size_t nlone;	/* the subject's lone surrogates; LONE_UNKNOWN until counted */
	bool busy;
};

#define LONE_UNKNOWN SIZE_MAX

struct name {
	size_t at, len;
	uint32_t group;
};

/* The translation in progress.  out and names are buffers on the value
 * stack, so a thrown error frees them. */
struct tr {
	duk_context *ctx;
	const uint16_t *p;
	size_t n, i;
	unsigned flags;
	bool ucp;
	uint32_t ngroups, nnames;
	struct name *names;
	uint16_t *nbuf;
	size_t nlen;
	uint8_t *kinds;
	duk_idx_t out_idx;
	size_t olen, ocap;
	uint16_t *out;
	const char *err;
	bool unsupported;
	char errbuf[80];
};

static void *
rx_malloc(size_t n, void *data)
{
	return duk_alloc_raw((duk_context *)data, n);
}

static void
rx_free(void *p, void *data)
{
	duk_free_raw((duk_context *)data, p);
}

static struct rx_state *
state(duk_context *ctx)
{
	struct rx_state *st;

	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_STATE);
	st = duk_get_buffer(ctx, -1, NULL);
	duk_pop_2(ctx);
	return st;
}

static bool
fail(struct tr *t, const char *msg)
{
	if (t->err == NULL)
		t->err = msg;
	return false;
}

/* A valid construct this engine cannot run: it throws when the pattern is
 * compiled, but is no early error of a literal. */
static bool
unsupported(struct tr *t, const char *msg)
{
	t->unsupported = t->err == NULL;
	return fail(t, msg);
}

static bool
put_cu(struct tr *t, uint16_t c)
{
	if (t->olen == t->ocap) {
		t->ocap = t->ocap * 2 + 64;
		t->out = duk_resize_buffer(t->ctx, t->out_idx, t->ocap * sizeof(uint16_t));
	}
	t->out[t->olen++] = c;
	return true;
}

static bool
put(struct tr *t, const char *s)
{
	for (; *s != '\0'; s++)
		put_cu(t, (uint8_t)*s);
	return true;
}

static bool
put_cp(struct tr *t, uint32_t cp)
{
	char b[16];

	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return put_cu(t, (uint16_t)cp);
	snprintf(b, sizeof(b), "\\x{%x}", (unsigned)cp);
	return put(t, b);
}

/* Pairs Unicode's simple case folding joined after Unicode 14, the
 * tables of PCRE2 10.42, which u with i follows. */
static const uint32_t fold_pairs[][2] = { { 0x390, 0x1fd3 }, { 0x3b0, 0x1fe3 }, { 0xfb05, 0xfb06 } };

/* The code point cp folds with that PCRE2 does not know of, or 0. */
static uint32_t
fold_partner(const struct tr *t, uint32_t cp)
{
	if ((t->flags & (F_I | F_U)) != (F_I | F_U))
		return 0;
	for (size_t k = 0; k < sizeof(fold_pairs) / sizeof(fold_pairs[0]); k++)
		if (fold_pairs[k][0] == cp || fold_pairs[k][1] == cp)
			return fold_pairs[k][0] ^ fold_pairs[k][1] ^ cp;
	return 0;
}

static bool
put_range(struct tr *t, uint32_t lo, uint32_t hi)
{
	put_cp(t, lo);
	if (hi == lo)
		return true;
	put_cu(t, '-');
	return put_cp(t, hi);
}

/* The class range lo-hi and the partners of what it has of fold_pairs. */
static bool
put_fold_range(struct tr *t, uint32_t lo, uint32_t hi)
{
	uint32_t p;

	for (size_t k = 0; k < sizeof(fold_pairs) / sizeof(fold_pairs[0]); k++)
		for (int j = 0; j < 2; j++)
			if (fold_pairs[k][j] >= lo && fold_pairs[k][j] <= hi && (p = fold_partner(t, fold_pairs[k][j])) != 0)
				put_cp(t, p);
	return put_range(t, lo, hi);
}

/* A literal outside a class.  Without u, JavaScript's ignoreCase folds
 * through toUpperCase and never folds a non-ASCII character onto an ASCII
 * one; PCRE2's Unicode folding does for K (U+212A) and long s (U+017F),
 * so those four letters are matched with their ASCII partners only. */
static bool
put_literal(struct tr *t, uint32_t cp)
{
	if (fold_partner(t, cp) != 0) {
		put_cu(t, '[');
		put_fold_range(t, cp, cp);
		return put_cu(t, ']');
	}
	switch (t->ucp ? cp : 0) {
	case 'k': case 'K':
		return put(t, "(?-i:[kK])");
	case 's': case 'S':
		return put(t, "(?-i:[sS])");
	case 0x212a:
		return put(t, "(?-i:\\x{212a})");
	case 0x17f:
		return put(t, "(?-i:\\x{17f})");
	default:
		return put_cp(t, cp);
	}
}

/* The ranges (or their complement up to the largest code point), for use
 * inside a class. */
static bool
put_ranges(struct tr *t, struct ranges r, bool negate)
{
	uint32_t max = (t->flags & F_U) ? 0x10ffff : 0xffff, next = 0;

	for (size_t k = 0; k < r.n; k++) {
		if (!negate)
			put_range(t, r.r[k][0], r.r[k][1]);
		else if (r.r[k][0] > next)
			put_range(t, next, r.r[k][0] - 1);
		next = r.r[k][1] + 1;
	}
	if (negate && next <= max)
		put_range(t, next, max);
	return true;
}

static bool
is_surrogate(uint32_t c)
{
	return c >= 0xd800 && c <= 0xdfff;
}

/* The ranges as a set inside or outside a class. */
static bool
put_set(struct tr *t, struct ranges r, bool negate, bool in_class)
{
	if (in_class)
		return put_ranges(t, r, negate);
	put(t, negate ? "[^" : "[");
	put_ranges(t, r, false);
	return put_cu(t, ']');
}

static bool
more(const struct tr *t, size_t k)
{
	return t->i + k < t->n;
}

static uint16_t
at(const struct tr *t, size_t k)
{
	return t->p[t->i + k];
}

static int
hexval(uint16_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
is_syntax_char(uint16_t c)
{
	return c < 128 && strchr("^$\\.*+?()[]{}|/", c) != NULL && c != '\0';
}

/* Reads n hex digits at i+k; -1 if they are not there. */
static int32_t
hex_at(const struct tr *t, size_t k, int n)
{
	int32_t v = 0;

	for (int j = 0; j < n; j++) {
		if (!more(t, k + (size_t)j) || hexval(at(t, k + (size_t)j)) < 0)
			return -1;
		v = v * 16 + hexval(at(t, k + (size_t)j));
	}
	return v;
}

static bool
is_lead(int32_t c)
{
	return c >= 0xd800 && c <= 0xdbff;
}

static bool
is_trail(int32_t c)
{
	return c >= 0xdc00 && c <= 0xdfff;
}

/* A \u escape of a group name at k+1 (the 'u'), either mode's form (a
 * name is read as under u, ES2020): its code unit or code point, with
 * *k after it; -1 when there is none. */
static int32_t
name_escape(const struct tr *t, size_t *k)
{
	size_t j = *k + 2;
	int32_t v = 0;

	if (!(*k + 1 < t->n && t->p[*k + 1] == 'u'))
		return -1;
	if (j < t->n && t->p[j] == '{') {
		for (j++; j < t->n && hexval(t->p[j]) >= 0 && v <= 0x10ffff; j++)
			v = v * 16 + hexval(t->p[j]);
		if (j == *k + 3 || j >= t->n || t->p[j] != '}' || v > 0x10ffff)
			return -1;
		*k = j + 1;
		return v;
	}
	for (; j < *k + 6; j++) {
		if (j >= t->n || hexval(t->p[j]) < 0)
			return -1;
		v = v * 16 + hexval(t->p[j]);
	}
	*k = j;
	return v;
}

/* The code point of a group name at *k (a literal or an escape, a
 * surrogate pair in either form being one), with *k after it; -1 when
 * it is malformed. */
static int32_t
name_cp(const struct tr *t, size_t *k)
{
	int32_t c, lo;
	size_t j;

	if (t->p[*k] == '\\')
		c = name_escape(t, k);
	else
		c = t->p[(*k)++];
	if (!is_lead(c) || *k >= t->n)
		return c;
	j = *k;
	lo = t->p[j] == '\\' ? name_escape(t, &j) : t->p[j++];
	if (!is_trail(lo))
		return c;
	*k = j;
	return 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
}

/* ASCII answers here, so that a group name ICU is mapped for is one
 * outside ASCII (rt_icu.h); a worker that cannot map it has no such names. */
static bool
is_id_cp(int32_t c, bool first)
{
	char err[128];
	const struct icu *u;

	if (c == '$' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	if (c < 0x80)
		return !first && c >= '0' && c <= '9';
	if (!first && (c == 0x200c || c == 0x200d))
		return true;
	if ((u = icu_get(err, sizeof(err))) == NULL)
		return false;
	return u->has_property(c, first ? UCHAR_ID_START : UCHAR_ID_CONTINUE);
}

/* A name at i ("<name>") read into the name buffer past its kept names:
 * its span there, with i after the '>'.  prescan keeps it. */
static bool
read_name(struct tr *t, size_t *start, size_t *len)
{
	size_t k = t->i, o = t->nlen;
	int32_t c;

	if (k >= t->n || t->p[k] != '<')
		return fail(t, "Invalid capture group name");
	k++;
	while (k < t->n && t->p[k] != '>') {
		if ((c = name_cp(t, &k)) < 0 || !is_id_cp(c, o == t->nlen))
			return fail(t, "Invalid capture group name");
		if (c >= 0x10000) {
			t->nbuf[o++] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
			c = 0xdc00 + ((c - 0x10000) & 0x3ff);
		}
		t->nbuf[o++] = (uint16_t)c;
	}
	if (k >= t->n || o == t->nlen)
		return fail(t, "Invalid capture group name");
	*start = t->nlen;
	*len = o - t->nlen;
	t->i = k + 1;
	return true;
}

static int32_t
find_name(const struct tr *t, size_t start, size_t len)
{
	for (uint32_t k = 0; k < t->nnames; k++)
		if (t->names[k].len == len && memcmp(t->nbuf + t->names[k].at, t->nbuf + start, len * 2) == 0)
			return (int32_t)t->names[k].group;
	return -1;
}

/* Counts the capture groups and collects their names, so that \N and
 * \k<name> can be told apart from literals before the groups are seen. */
static bool
prescan(struct tr *t)
{
	bool in_class = false;
	size_t start, len;

	for (t->i = 0; t->i < t->n; ) {
		uint16_t c = at(t, 0);

		if (c == '\\') {
			t->i += 2;
		} else if (in_class) {
			in_class = c != ']';
			t->i++;
		} else if (c == '[') {
			in_class = true;
			t->i++;
		} else if (c == '(' && !(more(t, 1) && at(t, 1) == '?')) {
			t->ngroups++;
			t->i++;
		} else if (c == '(' && more(t, 2) && at(t, 2) == '<' && !(more(t, 3) && (at(t, 3) == '=' || at(t, 3) == '!'))) {
			t->i += 2;
			t->ngroups++;
			if (!read_name(t, &start, &len))
				return false;
			if (find_name(t, start, len) >= 0)
				return fail(t, "Duplicate capture group name");
			t->names[t->nnames++] = (struct name){ start, len, t->ngroups };
			t->nlen += len;
		} else {
			t->i++;
		}
	}
	return true;
}

/* General_Category values, long and short, as PCRE2 spells them. */
static const char *const gc_names[][2] = {
	{ "Letter", "L" }, { "L", "L" }, { "Cased_Letter", "L&" }, { "LC", "L&" },
	{ "Uppercase_Letter", "Lu" }, { "Lu", "Lu" }, { "Lowercase_Letter", "Ll" }, { "Ll", "Ll" },
	{ "Titlecase_Letter", "Lt" }, { "Lt", "Lt" }, { "Modifier_Letter", "Lm" }, { "Lm", "Lm" },
	{ "Other_Letter", "Lo" }, { "Lo", "Lo" }, { "Mark", "M" }, { "M", "M" },
	{ "Combining_Mark", "M" }, { "Nonspacing_Mark", "Mn" }, { "Mn", "Mn" },
	{ "Spacing_Mark", "Mc" }, { "Mc", "Mc" }, { "Enclosing_Mark", "Me" }, { "Me", "Me" },
	{ "Number", "N" }, { "N", "N" }, { "Decimal_Number", "Nd" }, { "digit", "Nd" },
	{ "Nd", "Nd" }, { "Letter_Number", "Nl" }, { "Nl", "Nl" }, { "Other_Number", "No" },
	{ "No", "No" }, { "Punctuation", "P" }, { "punct", "P" }, { "P", "P" },
	{ "Connector_Punctuation", "Pc" }, { "Pc", "Pc" }, { "Dash_Punctuation", "Pd" },
	{ "Pd", "Pd" }, { "Open_Punctuation", "Ps" }, { "Ps", "Ps" },
	{ "Close_Punctuation", "Pe" }, { "Pe", "Pe" }, { "Initial_Punctuation", "Pi" },
	{ "Pi", "Pi" }, { "Final_Punctuation", "Pf" }, { "Pf", "Pf" },
	{ "Other_Punctuation", "Po" }, { "Po", "Po" }, { "Symbol", "S" }, { "S", "S" },
	{ "Math_Symbol", "Sm" }, { "Sm", "Sm" }, { "Currency_Symbol", "Sc" }, { "Sc", "Sc" },
	{ "Modifier_Symbol", "Sk" }, { "Sk", "Sk" }, { "Other_Symbol", "So" }, { "So", "So" },
	{ "Separator", "Z" }, { "Z", "Z" }, { "Space_Separator", "Zs" }, { "Zs", "Zs" },
	{ "Line_Separator", "Zl" }, { "Zl", "Zl" }, { "Paragraph_Separator", "Zp" },
	{ "Zp", "Zp" }, { "Other", "C" }, { "C", "C" }, { "Control", "Cc" }, { "cntrl", "Cc" },
	{ "Cc", "Cc" }, { "Format", "Cf" }, { "Cf", "Cf" }, { "Surrogate", "Cs" },
	{ "Cs", "Cs" }, { "Private_Use", "Co" }, { "Co", "Co" }, { "Unassigned", "Cn" },
	{ "Cn", "Cn" },
};

/* The binary properties ECMAScript names that PCRE2 10.42 knows by the
 * same name (Any, ASCII and Assigned are written out instead). */
static const char *const binary_names[] = {
	"ASCII_Hex_Digit", "AHex", "Alphabetic", "Alpha", "Bidi_Control", "Bidi_C",
	"Bidi_Mirrored", "Bidi_M", "Case_Ignorable", "CI", "Cased", "Changes_When_Casefolded",
	"CWCF", "Changes_When_Casemapped", "CWCM", "Changes_When_Lowercased", "CWL",
	"Changes_When_NFKC_Casefolded", "CWKCF", "Changes_When_Titlecased", "CWT",
	"Changes_When_Uppercased", "CWU", "Dash", "Default_Ignorable_Code_Point", "DI",
	"Deprecated", "Dep", "Diacritic", "Dia", "Emoji", "Emoji_Component", "EComp",
	"Emoji_Modifier", "EMod", "Emoji_Modifier_Base", "EBase", "Emoji_Presentation",
	"EPres", "Extended_Pictographic", "ExtPict", "Extender", "Ext", "Grapheme_Base",
	"Gr_Base", "Grapheme_Extend", "Gr_Ext", "Hex_Digit", "Hex", "IDS_Binary_Operator",
	"IDSB", "IDS_Trinary_Operator", "IDST", "ID_Continue", "IDC", "ID_Start", "IDS",
	"Ideographic", "Ideo", "Join_Control", "Join_C", "Logical_Order_Exception", "LOE",
	"Lowercase", "Lower", "Math", "Noncharacter_Code_Point", "NChar", "Pattern_Syntax",
	"Pat_Syn", "Pattern_White_Space", "Pat_WS", "Quotation_Mark", "QMark", "Radical",
	"Regional_Indicator", "RI", "Sentence_Terminal", "STerm", "Soft_Dotted", "SD",
	"Terminal_Punctuation", "Term", "Unified_Ideograph", "UIdeo", "Uppercase", "Upper",
	"Variation_Selector", "VS", "White_Space", "space", "XID_Continue", "XIDC",
	"XID_Start", "XIDS",
};

static bool
span_is(const struct tr *t, size_t start, size_t len, const char *s)
{
	size_t k;

	for (k = 0; k < len && s[k] != '\0'; k++)
		if (t->p[start + k] != (uint8_t)s[k])
			return false;
	return k == len && s[k] == '\0';
}

static bool
span_ascii(const struct tr *t, size_t start, size_t len, char *out, size_t outlen)
{
	if (len == 0 || len >= outlen)
		return false;
	for (size_t k = 0; k < len; k++) {
		uint16_t c = t->p[start + k];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
		out[k] = (char)c;
	}
	out[len] = '\0';
	return true;
}

static const char *
gc_lookup(const struct tr *t, size_t start, size_t len)
{
	for (size_t k = 0; k < sizeof(gc_names) / sizeof(gc_names[0]); k++)
		if (span_is(t, start, len, gc_names[k][0]))
			return gc_names[k][1];
	return NULL;
}

static bool
binary_lookup(const struct tr *t, size_t start, size_t len)
{
	for (size_t k = 0; k < sizeof(binary_names) / sizeof(binary_names[0]); k++)
		if (span_is(t, start, len, binary_names[k]))
			return true;
	return false;
}

/* A General_Category value (PCRE2's short name): Surrogate is written as
 * the stand-ins, which are what lone surrogates are matched as. */
static bool
put_gc(struct tr *t, const char *gc, bool negate, bool in_class)
{
	char b[16];

	if (strcmp(gc, "Cs") == 0)
		return put_set(t, RANGES(standin_ranges), negate, in_class);
	snprintf(b, sizeof(b), "\\%c{%s}", negate ? 'P' : 'p', gc);
	return put(t, b);
}

/* \p{...} or \P{...} with i at the '{': writes PCRE2's form.  Inside a
 * class only forms that are not themselves classes are written. */
static bool
property(struct tr *t, bool negate, bool in_class)
{
	size_t start, eq = 0, end;
	char name[48], b[64];
	const char *gc;

	if (!more(t, 0) || at(t, 0) != '{')
		return fail(t, "Invalid property name");
	start = t->i + 1;
	for (end = start; end < t->n && t->p[end] != '}'; end++)
		if (t->p[end] == '=' && eq == 0)
			eq = end;
	if (end >= t->n)
		return fail(t, "Invalid property name");
	t->i = end + 1;
	if (eq != 0) {
		size_t vs = eq + 1, vl = end - vs, nl = eq - start;
		const char *kind = NULL;

		if (span_is(t, start, nl, "General_Category") || span_is(t, start, nl, "gc")) {
			if ((gc = gc_lookup(t, vs, vl)) == NULL)
				return fail(t, "Invalid property name");
			return put_gc(t, gc, negate, in_class);
		}
		if (span_is(t, start, nl, "Script") || span_is(t, start, nl, "sc"))
			kind = "sc";
		else if (span_is(t, start, nl, "Script_Extensions") || span_is(t, start, nl, "scx"))
			kind = "scx";
		if (kind == NULL || !span_ascii(t, vs, vl, name, sizeof(name)))
			return fail(t, "Invalid property name");
		snprintf(b, sizeof(b), "\\%c{%s:%s}", negate ? 'P' : 'p', kind, name);
		return put(t, b);
	}
	if ((gc = gc_lookup(t, start, end - start)) != NULL)
		return put_gc(t, gc, negate, in_class);
	if (span_is(t, start, end - start, "Any")) {
		if (negate)
			return in_class ? true : put(t, "(?!)");
		return put(t, in_class ? "\\x{0}-\\x{10ffff}" : "[\\x{0}-\\x{10ffff}]");
	}
	if (span_is(t, start, end - start, "ASCII")) {
		const char *r = negate ? "\\x{80}-\\x{10ffff}" : "\\x{0}-\\x{7f}";

		if (in_class)
			return put(t, r);
		put_cu(t, '[');
		put(t, r);
		return put_cu(t, ']');
	}
	if (span_is(t, start, end - start, "Assigned"))
		return put(t, negate ? "\\p{Cn}" : "\\P{Cn}");
	if (!binary_lookup(t, start, end - start) || !span_ascii(t, start, end - start, name, sizeof(name)))
		return fail(t, "Invalid property name");
	snprintf(b, sizeof(b), "\\%c{%s}", negate ? 'P' : 'p', name);
	return put(t, b);
}

/* A character escape's code point, with i after the backslash; -1 (and
 * i unchanged) when the escape is not a character escape, -2 on error. */
static int32_t
char_escape(struct tr *t, bool in_class)
{
	bool u = t->flags & F_U;
	uint16_t c = at(t, 0);
	int32_t v, lo;

	switch (c) {
	case 't': t->i++; return '\t';
	case 'n': t->i++; return '\n';
	case 'v': t->i++; return '\v';
	case 'f': t->i++; return '\f';
	case 'r': t->i++; return '\r';
	case 'c':
		if (more(t, 1) && ((at(t, 1) | 0x20) >= 'a' && (at(t, 1) | 0x20) <= 'z')) {
			v = at(t, 1) % 32;
			t->i += 2;
			return v;
		}
		if (u)
			return fail(t, "Invalid unicode escape"), -2;
		return '\\';	/* Annex B: "\c" is a backslash, then c */
	case '0':
		if (!more(t, 1) || at(t, 1) < '0' || at(t, 1) > '9') {
			t->i++;
			return 0;
		}
		if (u)
			return fail(t, "Invalid decimal escape"), -2;
		break;
	case 'x':
		if ((v = hex_at(t, 1, 2)) >= 0) {
			t->i += 3;
			return v;
		}
		if (u)
			return fail(t, "Invalid escape"), -2;
		t->i++;
		return 'x';
	case 'u':
		if (u && more(t, 1) && at(t, 1) == '{') {
			size_t k = 2;

			for (v = 0; more(t, k) && hexval(at(t, k)) >= 0 && v <= 0x10ffff; k++)
				v = v * 16 + hexval(at(t, k));
			if (k == 2 || !more(t, k) || at(t, k) != '}' || v > 0x10ffff)
				return fail(t, "Invalid Unicode escape"), -2;
			t->i += k + 1;
			return v;
		}
		if ((v = hex_at(t, 1, 4)) < 0) {
			if (u)
				return fail(t, "Invalid Unicode escape"), -2;
			t->i++;
			return 'u';
		}
		t->i += 5;
		if (u && v >= 0xd800 && v <= 0xdbff && more(t, 1) && at(t, 0) == '\\' && at(t, 1) == 'u' &&
		    (lo = hex_at(t, 2, 4)) >= 0xdc00 && lo <= 0xdfff) {
			t->i += 6;
			v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
		}
		return v;
	case '-':
		if (u && !in_class)
			return fail(t, "Invalid escape"), -2;
		t->i++;
		return '-';
	default:
		break;
	}
	if (c >= '0' && c <= '7' && !u) {
		/* Annex B octal: up to three digits, at most \377. */
		v = 0;
		for (int k = 0; k < 3 && more(t, 0) && at(t, 0) >= '0' && at(t, 0) <= '7' && v * 8 + (at(t, 0) - '0') <= 0377; k++) {
			v = v * 8 + (at(t, 0) - '0');
			t->i++;
		}
		return v;
	}
	if (is_syntax_char(c) || c == '/' ||
	    (in_class && (t->flags & F_V) && c != '\0' && strchr("&-!#%,:;<=>@`~", c) != NULL)) {
		t->i++;
		return c;
	}
	if (u)
		return fail(t, "Invalid escape"), -2;
	if (c == 'k' || c == 'p' || c == 'P' || c == 'd' || c == 'D' || c == 'w' || c == 'W' ||
	    c == 's' || c == 'S' || (in_class && c == 'b'))
		return -1;
	t->i++;
	return c;	/* Annex B identity escape */
}

/* A class escape (\d \D \w \W \s \S \p \P) inside or outside a class;
 * false with i unchanged when it is not one (or on error, t->err). */
static bool
set_escape(struct tr *t, bool in_class, bool *done)
{
	uint16_t c = at(t, 0);
	bool neg = c == 'D' || c == 'W' || c == 'S' || c == 'P';
	struct ranges r;

	*done = true;
	switch (c | 0x20) {
	case 'd': r = RANGES(digit_ranges); break;
	case 'w': r = RANGES(word_ranges); break;
	case 's': r = RANGES(space_ranges); break;
	case 'p':
		if (!(t->flags & F_U))
			return *done = false;
		t->i++;
		return property(t, neg, in_class);
	default:
		return *done = false;
	}
	t->i++;
	return put_set(t, r, neg, in_class);
}

/* The code point at i of a literal: a surrogate pair is one under u. */
static uint32_t
literal_cp(struct tr *t)
{
	uint16_t c = at(t, 0);

	t->i++;
	if ((t->flags & F_U) && c >= 0xd800 && c <= 0xdbff && more(t, 0) && at(t, 0) >= 0xdc00 && at(t, 0) <= 0xdfff)
		return 0x10000 + ((uint32_t)(c - 0xd800) << 10) + (uint32_t)(t->p[t->i++] - 0xdc00);
	return c;
}

/* What a pattern's code point is matched as: under u a lone surrogate
 * is its stand-in (see STANDIN), which the subject carries in its place. */
static uint32_t
pattern_cp(const struct tr *t, uint32_t cp)
{
	if ((t->flags & F_U) && is_surrogate(cp))
		return STANDIN + (cp - 0xd800);
	return cp;
}

/* A class range a-b: under u the part of it over the surrogates is
 * written as their stand-ins. */
static bool
put_class_range(struct tr *t, uint32_t a, uint32_t b)
{
	if (!(t->flags & F_U) || b < 0xd800 || a > 0xdfff)
		return put_fold_range(t, a, b);
	if (a < 0xd800)
		put_fold_range(t, a, 0xd7ff);
	put_range(t, pattern_cp(t, a < 0xd800 ? 0xd800 : a), pattern_cp(t, b > 0xdfff ? 0xdfff : b));
	if (b > 0xdfff)
		put_fold_range(t, 0xe000, b);
	return true;
}

/* One class atom: its code point (>= 0), or -1 when it was a set written
 * already, -2 on error. */
static int64_t
class_atom(struct tr *t)
{
	bool done;
	int32_t v;

	if (at(t, 0) != '\\')
		return literal_cp(t);
	t->i++;
	if (!more(t, 0))
		return fail(t, "\\ at end of pattern"), -2;
	if (at(t, 0) == 'b') {
		t->i++;
		return 8;
	}
	if (set_escape(t, true, &done) || done)
		return t->err ? -2 : -1;
	if ((v = char_escape(t, true)) == -1) {
		if (t->flags & F_U)
			return fail(t, "Invalid class escape"), -2;
		return literal_cp(t);
	}
	return v;
}

/* Under v a class may hold set operations, nested classes and \q{...},
 * none of which PCRE2 10.42 has: they are refused by name.  The doubled
 * punctuators are reserved and the syntax characters must be escaped. */
static bool
v_class_check(struct tr *t)
{
	uint16_t c = at(t, 0), d = more(t, 1) ? at(t, 1) : 0;

	if ((c == '-' && d == '-') || (c == '&' && d == '&'))
		return unsupported(t, "class set operations (-- and &&) are not supported");
	if (c == '[')
		return unsupported(t, "nested classes of the v flag are not supported");
	if (c == '\\' && d == 'q')
		return unsupported(t, "\\q{...} of the v flag is not supported");
	if (c == d && c < 128 && strchr("!#$%*+,.:;<=>?@^`~", c) != NULL)
		return fail(t, "Invalid set operation in character class");
	if (c < 128 && strchr("(){}/-|", c) != NULL)
		return fail(t, "Invalid character in character class");
	return true;
}

static bool
char_class(struct tr *t)
{
	bool neg, v = t->flags & F_V;
	int64_t a, b;

	t->i++;
	neg = more(t, 0) && at(t, 0) == '^';
	if (neg)
		t->i++;
	if (more(t, 0) && at(t, 0) == ']') {
		t->i++;
		return put(t, neg ? "(?s:.)" : "(?!)");
	}
	put(t, neg ? "[^" : "[");
	for (;;) {
		if (!more(t, 0))
			return fail(t, "Unterminated character class");
		if (at(t, 0) == ']')
			break;
		if ((v && !v_class_check(t)) || (a = class_atom(t)) == -2)
			return false;
		if (!(more(t, 1) && at(t, 0) == '-' && at(t, 1) != ']')) {
			if (a >= 0)
				put_class_range(t, (uint32_t)a, (uint32_t)a);
			continue;
		}
		if (v && at(t, 1) == '-')
			return v_class_check(t);
		t->i++;
		if ((v && !v_class_check(t)) || (b = class_atom(t)) == -2)
			return false;
		if (a < 0 || b < 0) {
			if (t->flags & F_U)
				return fail(t, "Invalid character class");
			if (a >= 0)
				put_cp(t, (uint32_t)a);
			put_cp(t, '-');
			if (b >= 0)
				put_cp(t, (uint32_t)b);
			continue;
		}
		if (a > b)
			return fail(t, "Range out of order in character class");
		put_class_range(t, (uint32_t)a, (uint32_t)b);
	}
	t->i++;
	return put_cu(t, ']');
}

static bool
put_group_ref(struct tr *t, uint32_t n)
{
	char b[24];

	snprintf(b, sizeof(b), "\\g{%u}", (unsigned)n);
	return put(t, b);
}

/* An escape outside a class, with i at the backslash. */
static bool
atom_escape(struct tr *t)
{
	bool u = t->flags & F_U, done;
	uint16_t c;
	int32_t v;

	t->i++;
	if (!more(t, 0))
		return fail(t, "\\ at end of pattern");
	c = at(t, 0);
	if (c == 'b' || c == 'B') {
		t->i++;
		if (!t->ucp)
			return put(t, c == 'b' ? "\\b" : "\\B");
		/* Under PCRE2_UCP \b would be Unicode's; JavaScript's is ASCII. */
		return put(t, c == 'b' ?
		    "(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))" :
		    "(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))");
	}
	if (c >= '1' && c <= '9') {
		size_t k = 0;
		uint64_t n = 0;

		while (more(t, k) && at(t, k) >= '0' && at(t, k) <= '9' && n <= 0xffffffffu)
			n = n * 10 + (at(t, k++) - '0');
		if (n <= t->ngroups) {
			t->i += k;
			return put_group_ref(t, (uint32_t)n);
		}
		if (u)
			return fail(t, "Invalid escape");
		if (c >= '8') {
			t->i++;
			return put_cp(t, c);
		}
	}
	if (c == 'k' && (u || t->nnames > 0)) {
		size_t start, len;
		int32_t g;

		t->i++;
		if (!read_name(t, &start, &len) || (g = find_name(t, start, len)) < 0)
			return fail(t, "Invalid named capture referenced");
		return put_group_ref(t, (uint32_t)g);
	}
	if (set_escape(t, false, &done) || done)
		return t->err == NULL;
	if ((v = char_escape(t, false)) == -2)
		return false;
	if (v == -1)
		v = (int32_t)literal_cp(t);
	return put_literal(t, pattern_cp(t, (uint32_t)v));
}

/* What the last term written was, for the quantifier after it: JavaScript
 * repeats atoms only (and, without u, lookaheads: Annex B), where PCRE2
 * also takes a quantifier after an assertion or another quantifier (its
 * possessive a++). */
enum last { L_NONE, L_ATOM, L_ASSERT, L_QUANT };

/* What a group opening with (? c2 c3 is as a term once closed (the
 * translation keeps it by depth in kinds). */
static enum last
group_kind(const struct tr *t, uint16_t c2, uint16_t c3)
{
	if (c2 == '<' && (c3 == '=' || c3 == '!'))
		return L_ASSERT;
	if (c2 == '=' || c2 == '!')
		return (t->flags & F_U) ? L_ASSERT : L_ATOM;
	return L_ATOM;
}

/* PCRE2 counts repeats up to 65535, JavaScript up to 2^53 - 1. */
#define REPEAT_MAX 65535u

/* The number of digits at k (saturating above REPEAT_MAX) and its end. */
static uint32_t
repeat_count(const struct tr *t, size_t *k)
{
	uint32_t v = 0;

	for (; more(t, *k) && at(t, *k) >= '0' && at(t, *k) <= '9'; (*k)++)
		if (v <= REPEAT_MAX)
			v = v * 10 + (at(t, *k) - '0');
	return v;
}

struct braced {
	uint32_t lo, hi;
	bool comma;
};

/* {n}, {n,} or {n,m} at i: its length, or 0 when it is not one. */
static size_t
braced_quantifier(const struct tr *t, struct braced *q)
{
	size_t k = 1, d;

	q->lo = q->hi = repeat_count(t, &k);
	if (k == 1)
		return 0;
	if ((q->comma = more(t, k) && at(t, k) == ',')) {
		d = ++k;
		q->hi = repeat_count(t, &k);
		if (k == d)
			q->hi = UINT32_MAX;
	}
	return more(t, k) && at(t, k) == '}' ? k + 1 : 0;
}

/* A braced quantifier for PCRE2.  A count past its limit cannot be
 * reached by a subject it could match in practice, so a minimum past it
 * never matches (and laziness does not matter) and a maximum past it is
 * none. */
static bool
put_braced(struct tr *t, const struct braced *q, bool lazy)
{
	char b[32];

	if (q->hi < q->lo)
		return fail(t, "numbers out of order in {} quantifier");
	if (q->lo > REPEAT_MAX)
		return put(t, "{0}(?!)");
	if (q->hi > REPEAT_MAX)
		snprintf(b, sizeof(b), "{%u,}", (unsigned)q->lo);
	else if (q->comma)
		snprintf(b, sizeof(b), "{%u,%u}", (unsigned)q->lo, (unsigned)q->hi);
	else
		snprintf(b, sizeof(b), "{%u}", (unsigned)q->lo);
	put(t, b);
	return lazy ? put_cu(t, '?') : true;
}

static bool
group_open(struct tr *t, int *depth)
{
	size_t start, len;
	uint16_t c2 = more(t, 2) ? at(t, 2) : 0, c3 = more(t, 3) ? at(t, 3) : 0;

	(*depth)++;
	if (!(more(t, 1) && at(t, 1) == '?')) {
		t->kinds[*depth] = L_ATOM;
		t->i++;
		return put_cu(t, '(');
	}
	t->kinds[*depth] = group_kind(t, c2, c3);
	if (c2 == ':' || c2 == '=' || c2 == '!') {
		put_cu(t, '(');
		put_cu(t, '?');
		put_cu(t, c2);
		t->i += 3;
		return true;
	}
	if (c2 == '<' && (c3 == '=' || c3 == '!')) {
		put(t, c3 == '=' ? "(?<=" : "(?<!");
		t->i += 4;
		return true;
	}
	if (c2 == '<') {
		t->i += 2;
		if (!read_name(t, &start, &len))
			return false;
		return put_cu(t, '(');
	}
	return fail(t, "Invalid group");
}

/* The quantifier at i, n units long (its lazy ? apart), after a term of
 * kind last. */
static bool
quantifier(struct tr *t, size_t n, enum last last)
{
	struct braced q;
	uint16_t c = at(t, 0);
	bool lazy = more(t, n) && at(t, n) == '?';

	if (last != L_ATOM)
		return fail(t, "Nothing to repeat");
	if (c == '{')
		braced_quantifier(t, &q);
	t->i += n + lazy;
	if (c == '{')
		return put_braced(t, &q, lazy);
	put_cu(t, c);
	return lazy ? put_cu(t, '?') : true;
}

/* One term at i (not a quantifier): what it was. */
static enum last
term(struct tr *t, int *depth)
{
	bool u = t->flags & F_U;
	uint16_t c = at(t, 0);

	switch (c) {
	case '\\':
		c = more(t, 1) ? at(t, 1) : 0;
		atom_escape(t);
		return c == 'b' || c == 'B' ? L_ASSERT : L_ATOM;
	case '[':
		char_class(t);
		return L_ATOM;
	case '(':
		group_open(t, depth);
		return L_NONE;
	case ')':
		if (*depth == 0)
			return fail(t, "Unmatched ')'"), L_NONE;
		t->i++;
		put_cu(t, ')');
		return (enum last)t->kinds[(*depth)--];
	case '.':
		t->i++;
		if (t->flags & F_S)
			put(t, "(?s:.)");
		else
			put(t, "[^"), put(t, line_term), put_cu(t, ']');
		return L_ATOM;
	case '^':
		t->i++;
		if (t->flags & F_M)
			put(t, "(?<![^"), put(t, line_term), put(t, "])");
		else
			put(t, "\\A");
		return L_ASSERT;
	case '$':
		t->i++;
		if (t->flags & F_M)
			put(t, "(?![^"), put(t, line_term), put(t, "])");
		else
			put(t, "\\z");
		return L_ASSERT;
	case '|':
		put_cu(t, c);
		t->i++;
		return L_NONE;
	case '{':
		if (u)
			return fail(t, "Incomplete quantifier"), L_NONE;
		t->i++;
		put(t, "\\{");
		return L_ATOM;
	case '}': case ']':
		if (u)
			return fail(t, "Lone quantifier brackets"), L_NONE;
		put_cp(t, c);
		t->i++;
		return L_ATOM;
	default:
		put_literal(t, pattern_cp(t, literal_cp(t)));
		return L_ATOM;
	}
}

/* The length of a quantifier at i (its lazy ? apart), or 0. */
static size_t
quantifier_at(const struct tr *t)
{
	struct braced q;
	uint16_t c = at(t, 0);

	if (c == '*' || c == '+' || c == '?')
		return 1;
	return c == '{' ? braced_quantifier(t, &q) : 0;
}

static bool
translate(struct tr *t)
{
	int depth = 0;
	enum last last = L_NONE;
	size_t q;

	if (!prescan(t))
		return false;
	/* errors are in t->err, which ends the loop */
	for (t->i = 0; t->i < t->n && t->err == NULL; ) {
		if ((q = quantifier_at(t)) > 0) {
			quantifier(t, q, last);
			last = L_QUANT;
		} else {
			last = term(t, &depth);
		}
	}
	if (depth > 0)
		return fail(t, "Unterminated group");
	return t->err == NULL;
}

/* The flags into *out: false for an unknown or repeated letter, or u with v. */
static bool
parse_flags(const char *f, size_t n, unsigned *out)
{
	static const char letters[] = "dgimsuyv";

	*out = 0;
	for (size_t k = 0; k < n; k++) {
		const char *p = f[k] != '\0' ? strchr(letters, f[k]) : NULL;
		unsigned bit;

		if (p == NULL)
			return false;
		bit = 1u << (p - letters);
		if (*out & bit)
			return false;
		*out |= bit;
	}
	if ((*out & F_U) && (*out & F_V))
		return false;
	/* Outside classes v means what u does. */
	if (*out & F_V)
		*out |= F_U;
	return true;
}

/* Decodes [s, s+n) (CESU-8, or Duktape's 4-byte forms) into out, which
 * has room for n units: the number of UTF-16 units. */
static size_t
decode(const uint8_t *s, size_t n, uint16_t *out)
{
	size_t k = 0, o = 0;

	while (k < n) {
		uint32_t c = s[k];

		if (c < 0x80) {
			k++;
		} else if (c < 0xe0 && k + 1 < n) {
			c = ((c & 0x1f) << 6) | (s[k + 1] & 0x3f);
			k += 2;
		} else if (c < 0xf0 && k + 2 < n) {
			c = ((c & 0x0f) << 12) | ((uint32_t)(s[k + 1] & 0x3f) << 6) | (s[k + 2] & 0x3f);
			k += 3;
		} else if (k + 3 < n) {
			c = ((c & 0x07) << 18) | ((uint32_t)(s[k + 1] & 0x3f) << 12) |
			    ((uint32_t)(s[k + 2] & 0x3f) << 6) | (s[k + 3] & 0x3f);
			k += 4;
		} else {
			k++;
		}
		if (c >= 0x10000 && c <= 0x10ffff) {
			c -= 0x10000;
			out[o++] = (uint16_t)(0xd800 + (c >> 10));
			out[o++] = (uint16_t)(0xdc00 + (c & 0x3ff));
		} else {
			out[o++] = (uint16_t)c;
		}
	}
	return o;
}

/* Encodes UTF-16 units as CESU-8 into out (room for 3 bytes a unit). */
static size_t
encode(const uint16_t *u, size_t n, uint8_t *out)
{
	size_t o = 0;

	for (size_t k = 0; k < n; k++) {
		uint16_t c = u[k];

		if (c < 0x80) {
			out[o++] = (uint8_t)c;
		} else if (c < 0x800) {
			out[o++] = (uint8_t)(0xc0 | (c >> 6));
			out[o++] = (uint8_t)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (uint8_t)(0xe0 | (c >> 12));
			out[o++] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (uint8_t)(0x80 | (c & 0x3f));
		}
	}
	return o;
}

/* Pushes the units as a string.  The bytes are encoded in a buffer on
 * the value stack: a finalizer that runs during an allocation may match
 * too, so nothing shared is held across one. */
static void
push_units(duk_context *ctx, const uint16_t *u, size_t n)
{
	uint8_t *b = duk_push_fixed_buffer(ctx, n * 3);
	size_t len = encode(u, n, b);

	duk_push_lstring(ctx, (const char *)b, len);
	duk_remove(ctx, -2);
}

/* The string at idx as UTF-16: the state's copy, made again only when
 * the string differs from the last one.  While a result is being built
 * from that copy (busy), a nested match (from a finalizer) decodes into
 * a buffer of its own on the value stack instead. */
static const uint16_t *
subject_units(duk_context *ctx, struct rx_state *st, duk_idx_t idx, size_t *len)
{
	void *hp = duk_get_heapptr(ctx, idx);
	duk_size_t n;
	const uint8_t *s;
	uint16_t *tmp;

	if (hp == st->subject) {
		*len = st->nunits;
		return st->units;
	}
	s = (const uint8_t *)duk_require_lstring(ctx, idx, &n);
	if (st->busy) {
		tmp = duk_push_fixed_buffer(ctx, (n + 1) * sizeof(uint16_t));
		*len = decode(s, n, tmp);
		return tmp;
	}
	if (n + 1 > st->cap) {
		void *p = duk_realloc_raw(ctx, st->units, (n + 1) * sizeof(uint16_t));

		if (p == NULL)
			(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
		st->units = p;
		st->cap = n + 1;
	}
	st->nunits = decode(s, n, st->units);
	st->nlone = LONE_UNKNOWN;
	st->subject = hp;
	duk_push_heap_stash(ctx);
	duk_dup(ctx, idx);
	duk_put_prop_literal(ctx, -2, KEY_SUBJECT);
	duk_pop(ctx);
	*len = st->nunits;
	return st->units;
}

/* Whether unit k of u is a surrogate that is not half of a pair. */
static bool
lone_at(const uint16_t *u, size_t n, size_t k)
{
	if (u[k] >= 0xd800 && u[k] <= 0xdbff)
		return !(k + 1 < n && u[k + 1] >= 0xdc00 && u[k + 1] <= 0xdfff);
	if (u[k] >= 0xdc00 && u[k] <= 0xdfff)
		return !(k > 0 && u[k - 1] >= 0xd800 && u[k - 1] <= 0xdbff);
	return false;
}

static size_t
count_lone(const uint16_t *u, size_t n)
{
	size_t c = 0;

	for (size_t k = 0; k < n; k++)
		c += lone_at(u, n, k);
	return c;
}

/* The subject's lone surrogates: counted once per cached subject. */
static size_t
subject_lone(duk_context *ctx, struct rx_state *st, duk_idx_t idx, const uint16_t *u, size_t n)
{
	if (u != st->units || duk_get_heapptr(ctx, idx) != st->subject)
		return count_lone(u, n);
	if (st->nlone == LONE_UNKNOWN)
		st->nlone = count_lone(u, n);
	return st->nlone;
}

/* The subject at idx (n units, nlone of them lone surrogates) as a u
 * pattern matches it: each lone surrogate replaced by its stand-in's two
 * units, in a buffer pushed on the value stack, with *orig (in the same
 * buffer) giving each of its indices (and its end) as an index of the
 * subject. */
static const uint16_t *
push_standins(duk_context *ctx, struct rx_state *st, duk_idx_t idx, size_t n, size_t nlone,
    size_t *tn, size_t **orig)
{
	size_t *o_of = duk_push_fixed_buffer(ctx, (n + nlone + 1) * sizeof(size_t) + (n + nlone) * sizeof(uint16_t));
	uint16_t *t = (uint16_t *)(o_of + n + nlone + 1);
	size_t o = 0;
	const uint16_t *u;

	/* Fetched after the allocation, which may have run a finalizer
	 * that matched another subject. */
	u = subject_units(ctx, st, idx, &n);
	*orig = o_of;
	for (size_t k = 0; k < n; k++) {
		uint32_t c;

		if (!lone_at(u, n, k)) {
			(*orig)[o] = k;
			t[o++] = u[k];
			continue;
		}
		c = STANDIN + (uint32_t)(u[k] - 0xd800) - 0x10000;
		(*orig)[o] = (*orig)[o + 1] = k;
		t[o++] = (uint16_t)(0xd800 + (c >> 10));
		t[o++] = (uint16_t)(0xdc00 + (c & 0x3ff));
	}
	(*orig)[o] = n;
	*tn = o;
	return t;
}

/* The index in the stand-in form of index at of the subject. */
static size_t
standin_index(const size_t *orig, size_t tn, size_t at)
{
	size_t o = at;

	while (o < tn && orig[o] < at)
		o++;
	return o;
}

static duk_ret_t
code_finalize(duk_context *ctx)
{
	struct rx_code *rc;

	duk_get_prop_literal(ctx, 0, KEY_CODE);
	rc = duk_get_pointer(ctx, -1);
	if (rc == NULL)
		return 0;
	pcre2_code_free(rc->code);
	duk_free_raw(ctx, rc);
	duk_push_pointer(ctx, NULL);
	duk_put_prop_literal(ctx, 0, KEY_CODE);
	return 0;
}

static void
throw_syntax(duk_context *ctx, const char *what)
{
	(void)duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "Invalid regular expression: /%s/%s: %s",
	    duk_get_string(ctx, 0), duk_get_string(ctx, 1), what);
}

/* The names of the groups, by group number, hidden on the
 * handle at idx; nothing when there are none. */
static void
put_names(struct tr *t, duk_idx_t handle)
{
	duk_context *ctx = t->ctx;

	if (t->nnames == 0)
		return;
	/* bare: no accessor a script puts on Array.prototype sees it */
	duk_push_bare_object(ctx);
	for (uint32_t k = 0; k < t->nnames; k++) {
		push_units(ctx, t->nbuf + t->names[k].at, t->names[k].len);
		duk_put_prop_index(ctx, -2, t->names[k].group);
	}
	duk_put_prop_literal(ctx, handle, KEY_NAMES);
}

static void
pcre2_message(int code, char *out, size_t len)
{
	PCRE2_UCHAR msg[120];
	int n = pcre2_get_error_message(code, msg, sizeof(msg) / sizeof(msg[0]));
	size_t k;

	for (k = 0; n > 0 && k < (size_t)n && k + 1 < len; k++)
		out[k] = msg[k] < 128 ? (char)msg[k] : '?';
	out[k] = '\0';
}

static uint32_t
pcre2_options(const struct tr *t)
{
	uint32_t o = PCRE2_MATCH_UNSET_BACKREF | PCRE2_NEVER_BACKSLASH_C;

	if (t->flags & F_U)
		o |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	if (t->flags & F_I)
		o |= PCRE2_CASELESS;
	if (t->ucp)
		o |= PCRE2_UCP;
	if (t->flags & F_Y)
		o |= PCRE2_ANCHORED;
	return o;
}

/* Whether PCRE2's error is one JavaScript's grammar makes too (the
 * translation passes quantifiers through for PCRE2 to judge); the rest
 * are what PCRE2 cannot take of a valid pattern, or its limits. */
static bool
is_syntax_refusal(int code)
{
	return code == PCRE2_ERROR_QUANTIFIER_OUT_OF_ORDER || code == PCRE2_ERROR_QUANTIFIER_INVALID;
}

/* What PCRE2 refuses that JavaScript allows, said in JavaScript's terms. */
static const char *
refusal(int code, char *buf, size_t len)
{
	if (code == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH)
		return "variable-length lookbehind is not supported";
	if (code == PCRE2_ERROR_QUANTIFIER_INVALID)
		return "Nothing to repeat";
	if (code == PCRE2_ERROR_QUANTIFIER_OUT_OF_ORDER)
		return "numbers out of order in {} quantifier";
	pcre2_message(code, buf, len);
	return buf;
}

static const char bad_flags[] = "Invalid regular expression flags";

/* Translates the pattern at 0 with the flags at 1 into t, its buffers
 * pushed on the value stack, and compiles it: the code, or NULL with what
 * is wrong in *why and whether it is JavaScript's own syntax error (as
 * opposed to a construct PCRE2 cannot take) in *syntax. */
static pcre2_code *
translate_args(duk_context *ctx, struct tr *t, pcre2_compile_context *cctx, const char **why, bool *syntax)
{
	duk_size_t fl, sl;
	const char *f = duk_require_lstring(ctx, 1, &fl);
	const uint8_t *s = (const uint8_t *)duk_require_lstring(ctx, 0, &sl);
	uint16_t *units;
	pcre2_code *code;
	PCRE2_SIZE off;
	int err;

	t->ctx = ctx;
	*syntax = true;
	if (!parse_flags(f, fl, &t->flags)) {
		*why = bad_flags;
		return NULL;
	}
	t->ucp = (t->flags & F_I) && !(t->flags & F_U);
	units = duk_push_fixed_buffer(ctx, (sl + 1) * sizeof(uint16_t));
	t->n = decode(s, sl, units);
	t->p = units;
	/* at most one name in four units of pattern; their text after them,
	 * then the kinds of the groups by depth */
	t->names = duk_push_fixed_buffer(ctx, (t->n / 4 + 1) * sizeof(struct name) + (2 * t->n + 1) * sizeof(uint16_t) +
	    t->n + 1);
	t->nbuf = (uint16_t *)(t->names + t->n / 4 + 1);
	t->kinds = (uint8_t *)(t->nbuf + 2 * t->n + 1);
	t->out_idx = duk_get_top(ctx);
	t->ocap = t->n * 2 + 64;
	t->out = duk_push_dynamic_buffer(ctx, t->ocap * sizeof(uint16_t));
	if (!translate(t)) {
		*syntax = !t->unsupported;
		*why = t->err;
		return NULL;
	}
	if ((code = pcre2_compile(t->out, t->olen, pcre2_options(t), &err, &off, cctx)) != NULL)
		return code;
	*syntax = is_syntax_refusal(err);
	*why = refusal(err, t->errbuf, sizeof(t->errbuf));
	return NULL;
}

/* The flags on the handle for js/regexp.js's record: `bits` as written
 * (v without the u it implies), `flags` in the spec's order. */
static void
put_flags(duk_context *ctx, duk_idx_t handle, unsigned flags)
{
	static const char order[] = "dgimsuvy";
	static const unsigned bit[] = { F_D, F_G, F_I, F_M, F_S, F_U, F_V, F_Y };
	char out[sizeof(order)];
	size_t n = 0;

	if (flags & F_V)
		flags &= ~(unsigned)F_U;
	for (size_t k = 0; k < sizeof(bit) / sizeof(bit[0]); k++)
		if (flags & bit[k])
			out[n++] = order[k];
	duk_push_lstring(ctx, out, n);
	duk_put_prop_literal(ctx, handle, "flags");
	duk_push_uint(ctx, flags);
	duk_put_prop_literal(ctx, handle, "bits");
}

/* compile(source, flags): a handle for exec(), or a SyntaxError. */
static duk_ret_t
n_compile(duk_context *ctx)
{
	struct rx_state *st = state(ctx);
	struct tr t = { .ctx = ctx };
	struct rx_code *rc;
	const char *why;
	bool syntax;
	pcre2_code *code;
	duk_idx_t handle;

	if ((code = translate_args(ctx, &t, st->cctx, &why, &syntax)) == NULL) {
		if (why == bad_flags)
			return duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "Invalid flags supplied to RegExp constructor '%s'",
			    duk_get_string(ctx, 1));
		throw_syntax(ctx, why);
	}
	if ((rc = duk_alloc_raw(ctx, sizeof(*rc))) == NULL) {
		pcre2_code_free(code);
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	}
	rc->code = code;
	rc->ngroups = t.ngroups;
	rc->execs = 0;
	rc->flags = t.flags;
	handle = duk_push_object(ctx);
	put_flags(ctx, handle, t.flags);
	duk_push_pointer(ctx, rc);
	duk_put_prop_literal(ctx, handle, KEY_CODE);
	duk_push_c_function(ctx, code_finalize, 1);
	duk_set_finalizer(ctx, handle);
	put_names(&t, handle);
	return 1;
}

duk_ret_t
rt_regexp_check(duk_context *ctx)
{
	struct tr t = { .ctx = ctx };
	const char *why;
	bool syntax;
	pcre2_code *code;

	duk_set_top(ctx, 2);
	duk_to_string(ctx, 0);
	duk_to_string(ctx, 1);
	if ((code = translate_args(ctx, &t, NULL, &why, &syntax)) != NULL) {
		pcre2_code_free(code);
		return 0;
	}
	if (!syntax)
		return 0;
	if (why == bad_flags)
		duk_push_string(ctx, bad_flags);
	else
		duk_push_sprintf(ctx, "Invalid regular expression: /%s/%s: %s", duk_get_string(ctx, 0),
	    duk_get_string(ctx, 1), why);
	return 1;
}

static struct rx_code *
code_of(duk_context *ctx, duk_idx_t idx)
{
	struct rx_code *rc = NULL;

	if (duk_is_object(ctx, idx) && duk_get_prop_literal(ctx, idx, KEY_CODE))
		rc = duk_get_pointer(ctx, -1);
	duk_pop(ctx);
	if (rc == NULL)
		(void)duk_type_error(ctx, "not a compiled regular expression");
	return rc;
}

/* Pushes group k of the match (or undefined). */
static void
push_group(duk_context *ctx, const uint16_t *u, const PCRE2_SIZE *ov, uint32_t k)
{
	if (ov[2 * k] == PCRE2_UNSET)
		duk_push_undefined(ctx);
	else
		push_units(ctx, u + ov[2 * k], ov[2 * k + 1] - ov[2 * k]);
}

/* Pushes groups (from the names at handle): an object without prototype
 * whose each name has the value of that group number in the array at
 * values (the captures, or the [start, end] pairs of indices), or
 * undefined when the pattern names no group. */
static void
push_groups(duk_context *ctx, duk_idx_t handle, duk_idx_t values, uint32_t ngroups)
{
	if (!duk_get_prop_literal(ctx, handle, KEY_NAMES)) {
		duk_pop(ctx);
		duk_push_undefined(ctx);
		return;
	}
	duk_push_bare_object(ctx);
	for (duk_uarridx_t k = 1; k <= ngroups; k++) {
		if (!duk_get_prop_index(ctx, -2, k)) {
			duk_pop(ctx);
			continue;
		}
		duk_get_prop_index(ctx, values, k);
		duk_put_prop(ctx, -3);
	}
	duk_remove(ctx, -2);
}

/* Pushes an array to be filled as the spec's CreateDataProperty does:
 * without a prototype until array_close(), so that no accessor on
 * Array.prototype sees its elements or properties being put.  The
 * prototype waits under it. */
static duk_idx_t
array_open(duk_context *ctx)
{
	duk_push_array(ctx);
	duk_get_prototype(ctx, -1);
	duk_swap_top(ctx, -2);
	duk_push_undefined(ctx);
	duk_set_prototype(ctx, -2);
	return duk_get_top_index(ctx);
}

static void
array_close(duk_context *ctx, duk_idx_t arr)
{
	duk_dup(ctx, arr - 1);
	duk_set_prototype(ctx, arr);
	duk_remove(ctx, arr - 1);
}

static void
push_indices(duk_context *ctx, duk_idx_t handle, const PCRE2_SIZE *ov, uint32_t ngroups)
{
	duk_idx_t arr = array_open(ctx), pair;

	for (uint32_t k = 0; k <= ngroups; k++) {
		if (ov[2 * k] == PCRE2_UNSET) {
			duk_push_undefined(ctx);
		} else {
			pair = array_open(ctx);
			duk_push_number(ctx, (double)ov[2 * k]);
			duk_put_prop_index(ctx, pair, 0);
			duk_push_number(ctx, (double)ov[2 * k + 1]);
			duk_put_prop_index(ctx, pair, 1);
			array_close(ctx, pair);
		}
		duk_put_prop_index(ctx, arr, k);
	}
	push_groups(ctx, handle, arr, ngroups);
	duk_put_prop_literal(ctx, arr, "groups");
	array_close(ctx, arr);
}

/* The shared match data, with room for n pairs. */
static pcre2_match_data *
match_data(duk_context *ctx, struct rx_state *st, uint32_t n)
{
	if (st->md != NULL && st->md_pairs >= n)
		return st->md;
	pcre2_match_data_free(st->md);
	st->md_pairs = n < 16 ? 16 : n;
	if ((st->md = pcre2_match_data_create(st->md_pairs, st->gctx)) == NULL) {
		st->md_pairs = 0;
		(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	}
	return st->md;
}

/* exec(handle, string, index): the match at or after index (at index
 * when sticky) as JavaScript's exec result, or null.  The offsets are
 * copied out of the shared match data before anything can allocate (an
 * allocation may run a finalizer that runs another match). */
static duk_ret_t
n_exec(duk_context *ctx)
{
	struct rx_code *rc = code_of(ctx, 0);
	struct rx_state *st = state(ctx);
	size_t len, mlen, nlone, *orig = NULL;
	const uint16_t *u, *mu;
	double at_d = duk_require_number(ctx, 2);
	PCRE2_SIZE start;
	PCRE2_SIZE *ov;
	pcre2_match_data *md;
	int m;
	duk_idx_t arr;
	bool was_busy;
	char msg[120];

	duk_require_string(ctx, 1);
	u = subject_units(ctx, st, 1, &len);
	if (!(at_d >= 0) || at_d > (double)len) {
		duk_push_null(ctx);
		return 1;
	}
	if (++rc->execs == JIT_AFTER)
		(void)pcre2_jit_compile(rc->code, PCRE2_JIT_COMPLETE);
	ov = duk_push_fixed_buffer(ctx, 2 * (rc->ngroups + 1) * sizeof(PCRE2_SIZE));
	md = match_data(ctx, st, rc->ngroups + 1);
	u = subject_units(ctx, st, 1, &len);
	mu = u, mlen = len, start = (PCRE2_SIZE)at_d;
	if ((rc->flags & F_U) && (nlone = subject_lone(ctx, st, 1, u, len)) > 0) {
		mu = push_standins(ctx, st, 1, len, nlone, &mlen, &orig);
		start = standin_index(orig, mlen, start);
		u = subject_units(ctx, st, 1, &len);
	}
	m = pcre2_match(rc->code, mu, mlen, start, 0, md, NULL);
	if (m >= 0)
		memcpy(ov, pcre2_get_ovector_pointer(md), 2 * (rc->ngroups + 1) * sizeof(PCRE2_SIZE));
	for (uint32_t k = 0; m >= 0 && orig != NULL && k < 2 * (rc->ngroups + 1); k++)
		if (ov[k] != PCRE2_UNSET)
			ov[k] = orig[ov[k]];
	if (m == PCRE2_ERROR_NOMATCH) {
		duk_push_null(ctx);
		return 1;
	}
	if (m < 0) {
		pcre2_message(m, msg, sizeof(msg));
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "regular expression: %s", msg);
	}
	/* Left set if building throws (out of memory): later matches then
	 * decode their subject each time, which is slower, not wrong. */
	was_busy = st->busy;
	st->busy = true;
	arr = array_open(ctx);
	for (uint32_t k = 0; k <= rc->ngroups; k++) {
		push_group(ctx, u, ov, k);
		duk_put_prop_index(ctx, arr, k);
	}
	duk_push_number(ctx, (double)ov[0]);
	duk_put_prop_literal(ctx, arr, "index");
	duk_dup(ctx, 1);
	duk_put_prop_literal(ctx, arr, "input");
	push_groups(ctx, 0, arr, rc->ngroups);
	duk_put_prop_literal(ctx, arr, "groups");
	if (rc->flags & F_D) {
		push_indices(ctx, 0, ov, rc->ngroups);
		duk_put_prop_literal(ctx, arr, "indices");
	}
	array_close(ctx, arr);
	st->busy = was_busy;
	return 1;
}

/* A flag getter of RegExp.prototype, its flag's bit the magic.  They are
 * C because the protocol reads `flags` on every match, which reads all
 * eight of them.  A RegExp's record (js/regexp.js) has its flag bits as
 * `bits`; anything without a record yet (a literal Duktape compiled, or
 * not a RegExp) goes to the JavaScript fallback kept on the getter, which
 * is called with the bit. */
static duk_ret_t
n_flag(duk_context *ctx)
{
	duk_push_this(ctx);
	if (duk_is_object(ctx, 0) && duk_get_prop_literal(ctx, 0, KEY_SLOT) &&
	    duk_get_prop_literal(ctx, -1, "bits")) {
		duk_push_boolean(ctx, (duk_get_uint(ctx, -1) & (duk_uint_t)duk_get_current_magic(ctx)) != 0);
		return 1;
	}
	duk_push_current_function(ctx);
	duk_get_prop_literal(ctx, -1, KEY_FALLBACK);
	duk_dup(ctx, 0);
	duk_push_int(ctx, duk_get_current_magic(ctx));
	duk_call_method(ctx, 1);
	return 1;
}

/* flagGetter(bit, fallback): the getter for that flag. */
static duk_ret_t
n_flag_getter(duk_context *ctx)
{
	rt_push_native(ctx, "", n_flag, 0);
	duk_set_magic(ctx, -1, duk_require_int(ctx, 0));
	duk_dup(ctx, 1);
	duk_put_prop_literal(ctx, -2, KEY_FALLBACK);
	return 1;
}

/* The flags getter: the flags as the eight getters say them. */
static duk_ret_t
n_flags(duk_context *ctx)
{
	char out[8];
	size_t n = 0;

	duk_push_this(ctx);
	if (!duk_is_object(ctx, 0))
		return duk_type_error(ctx, "RegExp.prototype.flags getter called on non-object");
	/* literal keys: Duktape caches their interning */
	duk_get_prop_literal(ctx, 0, "hasIndices");
	duk_get_prop_literal(ctx, 0, "global");
	duk_get_prop_literal(ctx, 0, "ignoreCase");
	duk_get_prop_literal(ctx, 0, "multiline");
	duk_get_prop_literal(ctx, 0, "dotAll");
	duk_get_prop_literal(ctx, 0, "unicode");
	duk_get_prop_literal(ctx, 0, "unicodeSets");
	duk_get_prop_literal(ctx, 0, "sticky");
	for (duk_idx_t k = 0; k < 8; k++)
		if (duk_to_boolean(ctx, 1 + k))
			out[n++] = "dgimsuvy"[k];
	duk_push_lstring(ctx, out, n);
	return 1;
}

/* The per-heap state's allocator is freed with the heap's last object. */
static duk_ret_t
state_finalize(duk_context *ctx)
{
	struct rx_state *st;

	duk_get_prop_literal(ctx, 0, KEY_STATE);
	st = duk_get_buffer(ctx, -1, NULL);
	if (st == NULL || st->gctx == NULL)
		return 0;
	duk_free_raw(ctx, st->units);
	pcre2_match_data_free(st->md);
	pcre2_compile_context_free(st->cctx);
	pcre2_general_context_free(st->gctx);
	memset(st, 0, sizeof(*st));
	return 0;
}

static void
install_state(duk_context *ctx)
{
	struct rx_state *st;

	duk_push_heap_stash(ctx);
	st = duk_push_fixed_buffer(ctx, sizeof(*st));
	memset(st, 0, sizeof(*st));
	st->gctx = pcre2_general_context_create(rx_malloc, rx_free, ctx);
	st->cctx = st->gctx ? pcre2_compile_context_create(st->gctx) : NULL;
	if (st->cctx == NULL)
		(void)duk_error(ctx, DUK_ERR_ERROR, "cannot set up PCRE2");
	/* Made here, in the template, the match data's pages are shared
	 * until a worker's first match writes them. */
	(void)match_data(ctx, st, 16);
	duk_put_prop_literal(ctx, -2, KEY_STATE);
	/* A holder object whose finalizer releases the state. */
	duk_push_object(ctx);
	duk_get_prop_literal(ctx, -2, KEY_STATE);
	duk_put_prop_literal(ctx, -2, KEY_STATE);
	duk_push_c_function(ctx, state_finalize, 1);
	duk_set_finalizer(ctx, -2);
	duk_put_prop_literal(ctx, -2, DUK_HIDDEN_SYMBOL("rtRegexpHolder"));
	duk_pop(ctx);
}

void
rt_regexp_install(duk_context *ctx)
{
	duk_idx_t native;

	duk_push_heap_stash(ctx);
	if (duk_get_prop_literal(ctx, -1, KEY_INSTALLED)) {
		duk_pop_2(ctx);
		return;
	}
	duk_pop(ctx);
	duk_push_true(ctx);
	duk_put_prop_literal(ctx, -2, KEY_INSTALLED);
	duk_pop(ctx);
	install_state(ctx);
	duk_push_string(ctx, "regexp.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_regexp, js_regexp_len);
	duk_call(ctx, 0);
	duk_push_undefined(ctx);
	duk_put_prop_literal(ctx, -2, "prototype");
	duk_push_global_object(ctx);
	native = duk_push_object(ctx);
	rt_def_method(ctx, native, "compile", n_compile, 2);
	rt_def_method(ctx, native, "exec", n_exec, 3);
	rt_def_method(ctx, native, "bare", rt_bare_method, 1);
	rt_def_method(ctx, native, "flagGetter", n_flag_getter, 2);
	rt_def_method(ctx, native, "flags", n_flags, 0);
	duk_push_string(ctx, KEY_SLOT);
	duk_put_prop_literal(ctx, native, "slot");
	duk_push_string(ctx, KEY_ITER);
	duk_put_prop_literal(ctx, native, "iter");
	duk_call(ctx, 2);
	duk_pop(ctx);
}
