/*
 * fileurl.h - `file:` URLs where a script path is taken (workerctl, the
 * spawn request, libworkerclient, require()), decoded as Node's
 * url.fileURLToPath() does on POSIX.
 *
 * A string is a URL when it starts with a scheme: a letter, then letters,
 * digits, '+', '-' or '.', then ':'.  A one-letter scheme counts only when
 * "//" follows, so `a:b.js` stays a relative path; `./` in front forces a
 * path.  Only `file:` is accepted; its host must be empty or "localhost",
 * the query and fragment are dropped, %XX is decoded and must give UTF-8
 * without NUL, and an encoded '/' is refused.
 *
 * fileurl_from_path() goes the other way, as Node 20's url.pathToFileURL()
 * does for an absolute POSIX path (import.meta.url): "file://" and the
 * path, with controls, space, non-ASCII bytes and "#%<>?[\]^`{|}~ and
 * DEL as %XX.  The path is taken as it is: callers pass it resolved.
 */
#ifndef WP_FILEURL_H
#define WP_FILEURL_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the n bytes at s start with a scheme by the rule above. */
bool fileurl_is_url(const char *s, size_t n);
/* 0: s is not a URL, out untouched.  1: s is a file: URL and out holds its
 * absolute path (NUL-terminated).  -1: a URL that is refused or does not
 * fit; err says why in a few words, without repeating s. */
int fileurl_path(const char *s, size_t n, char *out, size_t outlen, char *err, size_t errlen);
/* 0 with the URL of the n-byte absolute path in out (NUL-terminated), or
 * -1 when the path is not absolute or the URL does not fit (err says which). */
int fileurl_from_path(const char *path, size_t n, char *out, size_t outlen, char *err, size_t errlen);

#endif
