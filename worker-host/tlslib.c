/*
 * tlslib.c - libevent_openssl (and through it libssl) mapped on first use
 * (tlslib.h).  Its soname comes from the build (the Makefile reads it off
 * the library it would have linked).
 */
#include "tlslib.h"

#include "rt_dynlib.h"

#define SYM(f) { #f, offsetof(struct tlslib, f) }

static const struct dynlib_sym syms[] = {
	SYM(TLS_client_method),
	SYM(SSL_CTX_new),
	SYM(SSL_CTX_free),
	SYM(SSL_CTX_set_default_verify_paths),
	SYM(SSL_CTX_set_verify),
	SYM(SSL_CTX_ctrl),
	SYM(SSL_new),
	SYM(SSL_free),
	SYM(SSL_ctrl),
	SYM(SSL_get0_param),
	SYM(SSL_set1_host),
	SYM(SSL_get_verify_result),
	SYM(bufferevent_openssl_socket_new),
	SYM(bufferevent_openssl_set_allow_dirty_shutdown),
	SYM(bufferevent_get_openssl_error),
};

int
tlslib_load(struct tlslib *t, char *err, size_t errlen)
{
	/* kept: the connections' SSL objects are its for the process's life */
	return dynlib_load(WORKERSD_EVSSL_LIB, syms, sizeof(syms) / sizeof(syms[0]), t, err, errlen) != NULL ?
	    0 : -1;
}
