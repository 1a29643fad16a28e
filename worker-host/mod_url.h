/*
 * mod_url.h - the native half of the WHATWG URL and URLSearchParams
 * classes (js/node_internal_url.js) over urlparse.c.
 *
 * url_natives() adds to the host's `native` object:
 *   urlParse(input, base, url, state) -> record | null
 *       input is made a USV string; base and url are records or
 *       undefined.  Without state: the basic URL parser on input against
 *       base, null when it fails.  With state ("scheme", "host",
 *       "hostname", "port", "path", "query", "fragment"): a copy of url
 *       changed as the setter of that state does (when the parser fails
 *       part way, what it changed before stays, as in the standard).
 *       A record is [scheme, username, password, host|null, port|null,
 *       path, opaque (bool), query|null, fragment|null], every string
 *       ASCII, path serialised ("/a/b", or the opaque path).
 *   urlEncode(string, set) -> string: UTF-8 percent-encoded with the set
 *       "userinfo" or "form" (form: space as '+'); the string itself when
 *       nothing in it needs encoding.
 *   urlDecode(string, form) -> string: ('+' as space when form)
 *       percent-decoded, then UTF-8 decoded with U+FFFD for each bad
 *       sequence (the form parser's last steps).
 *   urlUSV(string) -> string: lone surrogates replaced by U+FFFD (the
 *       string itself when it has none).
 *   urlDomainToASCII(string) -> string: domain to ASCII, "" on failure.
 * An out-of-memory parse throws a RangeError; a record that is not one
 * (a string slot holding anything but ASCII) a TypeError.
 */
#ifndef WH_MOD_URL_H
#define WH_MOD_URL_H

#include <duktape.h>

void url_natives(duk_context *ctx, duk_idx_t native);

#endif
