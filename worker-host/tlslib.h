/*
 * tlslib.h - the OpenSSL and libevent_openssl functions fetch's TLS calls
 * (mod_http.c), from libevent_openssl and the libssl it brings, mapped by
 * a worker's first https: request instead of linked.
 *
 * Linked, the two libraries (and the libevent_core only libevent_openssl
 * needed) were 15 mappings of every template, copied by every fork and
 * unmapped by every exit, for the workers that fetch over TLS (docs/performance.md, "Libraries mapped on first use").
 * libcrypto stays linked (hashes, HMAC, random numbers); so do its
 * X509_VERIFY_PARAM and ERR_ functions fetch uses.  tlslib_load() fills
 * the table (rt_dynlib.h): 0, or -1 and a message naming the library or
 * the function it lacks.
 */
#ifndef WH_TLSLIB_H
#define WH_TLSLIB_H

#include <stddef.h>

#include <event2/bufferevent_ssl.h>
#include <openssl/ssl.h>

/* Each field has the type of the function it is named for. */
struct tlslib {
	__typeof__(&TLS_client_method) TLS_client_method;
	__typeof__(&SSL_CTX_new) SSL_CTX_new;
	__typeof__(&SSL_CTX_free) SSL_CTX_free;
	__typeof__(&SSL_CTX_set_default_verify_paths) SSL_CTX_set_default_verify_paths;
	__typeof__(&SSL_CTX_set_verify) SSL_CTX_set_verify;
	__typeof__(&SSL_CTX_ctrl) SSL_CTX_ctrl;
	__typeof__(&SSL_new) SSL_new;
	__typeof__(&SSL_free) SSL_free;
	__typeof__(&SSL_ctrl) SSL_ctrl;
	__typeof__(&SSL_get0_param) SSL_get0_param;
	__typeof__(&SSL_set1_host) SSL_set1_host;
	__typeof__(&SSL_get_verify_result) SSL_get_verify_result;
	__typeof__(&bufferevent_openssl_socket_new) bufferevent_openssl_socket_new;
	__typeof__(&bufferevent_openssl_set_allow_dirty_shutdown) bufferevent_openssl_set_allow_dirty_shutdown;
	__typeof__(&bufferevent_get_openssl_error) bufferevent_get_openssl_error;
};

int tlslib_load(struct tlslib *t, char *err, size_t errlen);

#endif
