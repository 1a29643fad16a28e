/*
 * wc_req.h - writes one request frame from a struct wc_request, with the
 * schema's writers (msg.h).
 *
 * The frame is appended to `b` whole or not at all: on failure the buffer is
 * cut back and err says why (a bad argument is WC_E_USAGE, a buffer that
 * refuses to grow WC_E_LIMIT_LOCAL).  rid 0 writes no "rid" key.
 */
#ifndef WC_REQ_H
#define WC_REQ_H

#include "buf.h"
#include "workerclient.h"

int wc_req_write(struct pbuf *b, uint64_t rid, const struct wc_request *req, struct wc_error *err);
/* The hello frame. */
int wc_req_hello(struct pbuf *b, const char *client_name, struct wc_error *err);
/* Sets err and returns -1 (printf-style message). */
int wc_fail(struct wc_error *err, enum wc_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
