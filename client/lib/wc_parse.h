/*
 * wc_parse.h - turns the daemon's reply and event documents into the
 * structs of workerclient.h, read with the schema's readers (msg.h).
 *
 * Both functions take ownership of `doc` (malloc'd; freed with the reply or
 * event, or at once on failure) because values point into it.  A document
 * that lacks a field the schema requires, or has it with the wrong type, is
 * WC_E_PROTOCOL; an "err" reply becomes its error code and message.
 */
#ifndef WC_PARSE_H
#define WC_PARSE_H

#include "proto.h"
#include "workerclient.h"

/* Returns 0, or -1 with out->err set (the daemon's error or a parse error). */
int wc_parse_reply(uint8_t *doc, size_t len, const struct proto_msg *m, enum wc_op op,
    struct wc_reply *out);
int wc_parse_event(uint8_t *doc, size_t len, const struct proto_msg *m, struct wc_event *ev,
    struct wc_error *err);

#endif
