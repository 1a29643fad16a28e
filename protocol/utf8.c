/*
 * utf8.c - strict UTF-8, WTF-8 and Duktape's CESU-8.
 *
 * One decoder (next_cp) serves every direction: it reads one code point,
 * refusing overlong forms and values past U+10FFFF, and reports surrogates
 * so each caller decides whether they are allowed.
 */
#include <string.h>

#include "utf8.h"

#define IS_CONT(c) (((c) & 0xC0) == 0x80)
#define IS_HIGH(cp) ((cp) >= 0xD800 && (cp) <= 0xDBFF)
#define IS_LOW(cp) ((cp) >= 0xDC00 && (cp) <= 0xDFFF)
#define IS_SURR(cp) ((cp) >= 0xD800 && (cp) <= 0xDFFF)

/* Decodes one code point at p[0..n); returns its byte length, 0 if the
 * bytes are not a well-formed (possibly surrogate) UTF-8 sequence. */
static size_t
next_cp(const uint8_t *p, size_t n, uint32_t *cp)
{
	uint8_t c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || !IS_CONT(p[1]))
			return 0;
		*cp = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || !IS_CONT(p[1]) || !IS_CONT(p[2]))
			return 0;
		*cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return *cp < 0x800 ? 0 : 3;
	}
	if (c < 0xF5) {
		if (n < 4 || !IS_CONT(p[1]) || !IS_CONT(p[2]) || !IS_CONT(p[3]))
			return 0;
		*cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
		    ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return (*cp < 0x10000 || *cp > 0x10FFFF) ? 0 : 4;
	}
	return 0;
}

static size_t
put3(uint8_t *o, uint32_t cp)
{
	o[0] = (uint8_t)(0xE0 | (cp >> 12));
	o[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (uint8_t)(0x80 | (cp & 0x3F));
	return 3;
}

static size_t
put4(uint8_t *o, uint32_t cp)
{
	o[0] = (uint8_t)(0xF0 | (cp >> 18));
	o[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (uint8_t)(0x80 | (cp & 0x3F));
	return 4;
}

/* Shared validator: surrogates are refused unless allow_lone, and a high
 * surrogate directly followed by a low one is always refused (WTF-8 wants
 * the pair as one 4-byte sequence). */
static bool
valid(const uint8_t *p, size_t n, bool allow_lone)
{
	size_t i = 0, k;
	uint32_t cp, prev = 0;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			prev = 0;
			continue;
		}
		if ((k = next_cp(p + i, n - i, &cp)) == 0)
			return false;
		if (IS_SURR(cp) && (!allow_lone || (IS_LOW(cp) && IS_HIGH(prev))))
			return false;
		prev = cp;
		i += k;
	}
	return true;
}

bool
utf8_valid(const uint8_t *p, size_t n)
{
	return valid(p, n, false);
}

size_t
utf8_script_text(uint8_t *p, size_t n)
{
	size_t start = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		start = 3;
	if (n - start >= 2 && p[start] == '#' && p[start + 1] == '!') {
		p[start] = '/';
		p[start + 1] = '/';
	}
	return start;
}

bool
wtf8_valid(const uint8_t *p, size_t n)
{
	return valid(p, n, true);
}

int
utf8_to_cesu8(const uint8_t *p, size_t n, bool allow_lone, struct pbuf *out)
{
	size_t i = 0, k, start = out->len;
	uint32_t cp;
	uint8_t *o;

	if (!valid(p, n, allow_lone))
		return -1;
	/* Each 4-byte sequence becomes 6 bytes: at most n / 4 * 2 extra. */
	if (pbuf_reserve(out, n + n / 2) == -1)
		return -1;
	o = out->data + start;
	while (i < n) {
		if (p[i] < 0x80) {
			*o++ = p[i++];
			continue;
		}
		k = next_cp(p + i, n - i, &cp);
		if (k == 4) {
			cp -= 0x10000;
			o += put3(o, 0xD800 | (cp >> 10));
			o += put3(o, 0xDC00 | (cp & 0x3FF));
		} else {
			memcpy(o, p + i, k);
			o += k;
		}
		i += k;
	}
	out->len = (size_t)(o - out->data);
	return 0;
}

int
cesu8_to_wtf8(const uint8_t *p, size_t n, struct pbuf *out, bool *lone)
{
	size_t i = 0, k, k2, start = out->len;
	uint32_t cp, lo;
	uint8_t *o;

	*lone = false;
	if (pbuf_reserve(out, n) == -1)
		return -1;
	o = out->data + start;
	while (i < n) {
		if (p[i] < 0x80) {
			*o++ = p[i++];
			continue;
		}
		if ((k = next_cp(p + i, n - i, &cp)) == 0) {
			pbuf_truncate(out, start);
			return -1;
		}
		if (IS_HIGH(cp) && i + k < n &&
		    (k2 = next_cp(p + i + k, n - i - k, &lo)) == 3 && IS_LOW(lo)) {
			o += put4(o, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
			i += k + k2;
			continue;
		}
		if (IS_SURR(cp))
			*lone = true;
		memcpy(o, p + i, k);
		o += k;
		i += k;
	}
	out->len = (size_t)(o - out->data);
	return 0;
}
