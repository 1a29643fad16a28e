/*
 * mod_http.h - the network half of fetch (js/web_fetch.js): an HTTP/1.1
 * client on libevent's evhttp with TLS, and URLs parsed with evhttp's
 * parser until the worker has a URL class.
 *
 * http_natives() defines native.http, made on first use, with:
 * - parseUrl(string): null when the string is not an absolute URL, else
 *   { href, scheme, userinfo, host, port, path }: href as WHATWG URL
 *   serializes it for the cases evhttp knows (scheme and host lowercased,
 *   the scheme's default port dropped, an empty path of http(s) as "/"),
 *   port the URL's or the scheme's default, path with the query;
 * - request({ scheme, host, port, path, method, headers: [[name, value]],
 *   body: Uint8Array or undefined }, callback) -> id: sends one request
 *   and calls callback(null, { status, statusText, headers: [[name,
 *   value]] (Latin-1, as received), body: Uint8Array }) or callback({
 *   code, syscall, errno, message, address, hostname, port }) once, from
 *   a macrotask of its own.  It throws (TypeError) for a method evhttp
 *   cannot send or a header that is not a ByteString;
 * - abort(id): the request goes and its callback is never called.
 *
 * A request that has not called back keeps the worker alive
 * (http_pending()); idle keep-alive connections do not.  Bounds: at most
 * HTTP_MAX_CONNS connections per worker (a request beyond waits for one
 * to be free), a response body of at most HTTP_MAX_BODY bytes (or the
 * worker's heap cap when that is smaller) and
 * headers of HTTP_MAX_HEADERS, HTTP_TIMEOUT_S seconds without progress
 * (connecting, sending, waiting or reading) fail the request.  Host names
 * are resolved by evdns (resolv.conf, /etc/hosts), IPv4 first.
 */
#ifndef MOD_HTTP_H
#define MOD_HTTP_H

#include <stddef.h>

#include <duktape.h>

#define HTTP_MAX_CONNS 64
#define HTTP_MAX_BODY ((size_t)64 << 20)
#define HTTP_MAX_HEADERS ((size_t)64 << 10)
#define HTTP_TIMEOUT_S 300

struct host;

void http_natives(duk_context *ctx, duk_idx_t native);
/* Requests that have not called back yet. */
size_t http_pending(const struct host *h);

#endif
