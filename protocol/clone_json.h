/*
 * clone_json.h - tagged JSON (docs/protocol.md section 5) <-> clone bytes.
 *
 * Engine-free: the daemon never needs it, workerctl and the client library
 * do.  JSON text is parsed with jansson.  Both directions check their input
 * fully and return -1 / NULL with a one-line message in err; nothing is
 * appended to `out` on failure.
 */
#ifndef WP_CLONE_JSON_H
#define WP_CLONE_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* One JSON text (exactly one value) -> one clone value appended to out. */
int clone_from_json(const char *text, size_t len, struct pbuf *out, char *err, size_t errlen);
/* One clone value (exactly filling [p, p+n)) -> compact one-line JSON text,
 * malloc'd and NUL-terminated. */
char *clone_to_json(const uint8_t *p, size_t n, char *err, size_t errlen);

#endif
