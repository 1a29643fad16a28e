/*
 * mod_http.h - the network half of fetch (js/web_fetch.js): URLs parsed
 * with evhttp's parser until the worker has a URL class.
 *
 * http_natives() defines native.http with:
 * parseUrl(string): null when the string is not an absolute URL, else
 * { href, scheme, userinfo, host, port, path } where href is the string
 * serialized as WHATWG URL does for the cases evhttp knows (scheme and
 * host lowercased, the scheme's default port dropped, an empty path of
 * http(s) as "/"), port is -1 when absent, path includes the query.
 */
#ifndef MOD_HTTP_H
#define MOD_HTTP_H

#include <duktape.h>

void http_natives(duk_context *ctx, duk_idx_t native);

#endif
