/*
 * fileurl.c - the one decoder of `file:` URLs.  It follows the WHATWG URL
 * parser as far as Node's fileURLToPath() needs it for a POSIX path: the
 * authority is checked and dropped, the path ends at '?' or '#', and each
 * %XX becomes one byte.  Dot segments are left for the file system to
 * resolve, as every caller hands the path to stat() or realpath().  The
 * encoder is its inverse for the paths Node's pathToFileURL() gives.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fileurl.h"
#include "utf8.h"

static bool
scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '+' || c == '-' || c == '.';
}

/* The scheme's length (before ':'), or 0 when s has none. */
static size_t
scheme_len(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; i < n && scheme_char(s[i]); i++)
		continue;
	if (i == n || s[i] != ':')
		return 0;
	if (i == 1 && (n < 4 || s[2] != '/' || s[3] != '/'))
		return 0;
	return i;
}

bool
fileurl_is_url(const char *s, size_t n)
{
	return scheme_len(s, n) != 0;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

int
fileurl_path(const char *s, size_t n, char *out, size_t outlen, char *err, size_t errlen)
{
	size_t sl = scheme_len(s, n), i, o = 0, hn;
	const char *host;
	int hi, lo;

	if (sl == 0)
		return 0;
	if (outlen < 2)
		return fail(err, errlen, "path too long");
	if (sl != 4 || strncasecmp(s, "file", 4) != 0)
		return fail(err, errlen, "only file: URLs are supported");
	i = 5;
	if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		host = s + i + 2;
		for (i += 2; i < n && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++)
			continue;
		hn = (size_t)(s + i - host);
		if (hn != 0 && (hn != 9 || strncasecmp(host, "localhost", 9) != 0))
			return fail(err, errlen, "file: URL host must be empty or localhost");
	}
	/* "file:", "file:a.js" and "file://" all have a path under "/". */
	if (i == n || s[i] != '/')
		out[o++] = '/';
	for (; i < n && s[i] != '?' && s[i] != '#'; i++) {
		if (o + 1 >= outlen)
			return fail(err, errlen, "path too long");
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0)
			return fail(err, errlen, "malformed percent-encoding in file: URL");
		if (hi * 16 + lo == '/')
			return fail(err, errlen, "file: URL path must not include encoded / characters");
		if (hi * 16 + lo == 0)
			return fail(err, errlen, "file: URL path must not include encoded NUL");
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	if (!utf8_valid((const unsigned char *)out, o))
		return fail(err, errlen, "malformed percent-encoding in file: URL");
	out[o] = '\0';
	return 1;
}

/* What pathToFileURL() leaves as it is: the rest is %XX. */
static bool
url_safe(unsigned char c)
{
	return c > 0x20 && c < 0x7F && strchr("\"#%<>?[\\]^`{|}~", c) == NULL;
}

int
fileurl_from_path(const char *path, size_t n, char *out, size_t outlen, char *err, size_t errlen)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char head[] = "file://";
	size_t i, o = sizeof(head) - 1;
	unsigned char c;

	if (n == 0 || path[0] != '/')
		return fail(err, errlen, "path is not absolute");
	if (outlen <= o)
		return fail(err, errlen, "URL too long");
	memcpy(out, head, o);
	for (i = 0; i < n; i++) {
		c = (unsigned char)path[i];
		if (url_safe(c)) {
			if (outlen - o < 2)
				return fail(err, errlen, "URL too long");
			out[o++] = (char)c;
			continue;
		}
		if (outlen - o < 4)
			return fail(err, errlen, "URL too long");
		out[o++] = '%';
		out[o++] = hex[c >> 4];
		out[o++] = hex[c & 15];
	}
	out[o] = '\0';
	return 0;
}
