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
 *   body: Uint8Array or undefined, stream: bool }, callback) -> id: sends
 *   one request and calls callback(null, { status, statusText, version ("1.1"), headers:
 *   [[name, value]] (Latin-1, as received), body: Uint8Array }) or
 *   callback(error) (an Error as Node's net and tls ones: message, errno,
 *   code, syscall, address and port or hostname; code alone without errno)
 *   once, from a macrotask of its own.  With stream, a response that has
 *   a body and is no redirect (2xx, 4xx, 5xx but 204 and 205) comes as
 *   its head first (no `body`), then callback(null, null, piece) for each
 *   piece as it arrives, and last callback(null, null, null, true), or
 *   callback(error, null, null, true) for a body cut short.  It throws
 *   (TypeError) for a method evhttp cannot send or a header that is not a
 *   ByteString;
 * - pause(id), resume(id): a streamed body stops being read from the
 *   socket (the kernel's buffer, then the server, wait) and starts again;
 * - abort(id): the request goes and its callback is never called again.
 *
 * A request that has not called back for the last time keeps the worker
 * alive (http_pending()) unless paused; idle keep-alive connections do
 * not.  Bounds: at most
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
