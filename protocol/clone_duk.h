/*
 * clone_duk.h - the structured-clone codec on the Duktape side.
 *
 * clone_duk_init() must run once per heap after the runtime has installed
 * its globals (Map, Set, WeakMap, Promise ...): it remembers their original
 * constructors in the heap stash, so a script that later replaces them
 * cannot change what a clone produces.
 *
 * clone_encode() appends the value at `idx` to `out`.  On a value that
 * cannot be cloned it appends nothing, leaves `out` as it was and returns
 * -1 with a DataCloneError message in err (the caller throws it).  When
 * something throws while it reads the value (a getter, or the engine
 * itself running out of memory), it appends nothing and returns -2 with
 * the thrown value pushed: the caller rethrows that same value.
 * `transfer_idx` is an array of ArrayBuffers to transfer, or DUK_INVALID_INDEX.
 *
 * MessagePorts move only within one worker, as ext 18 (its place in the
 * list of ports transferred), never on a link.  clone_mark_port() makes an
 * object a port.  clone_encode_ports() takes `ports_idx`, an array of
 * distinct ports (the caller checks its transfer list, and keeps ports out
 * of transfer_idx): each mention of one in the value is written as its
 * place there; a port met in the value that is not in it, or in any value
 * of clone_encode(), cannot be cloned.  clone_decode_ports() pushes, for
 * each ext 18, the object at that place of the array at `ports_idx` (the
 * receiver's new ports); clone_decode() refuses ext 18.
 *
 * clone_decode() pushes exactly one value decoded from [p, p+n) and returns
 * 0, or pushes nothing and returns -1 with a message (the receiver raises
 * messageerror).  Bytes from the wire reach Duktape only as validated
 * UTF-8 converted to CESU-8.
 */
#ifndef WP_CLONE_DUK_H
#define WP_CLONE_DUK_H

#include <stddef.h>
#include <stdint.h>

#include <duktape.h>

#include "buf.h"

void clone_duk_init(duk_context *ctx);
int clone_encode(duk_context *ctx, duk_idx_t idx, duk_idx_t transfer_idx, struct pbuf *out, char *err, size_t errlen);
int clone_decode(duk_context *ctx, const uint8_t *p, size_t n, char *err, size_t errlen);
void clone_mark_port(duk_context *ctx, duk_idx_t idx);
int clone_encode_ports(duk_context *ctx, duk_idx_t idx, duk_idx_t transfer_idx, duk_idx_t ports_idx,
    struct pbuf *out, char *err, size_t errlen);
int clone_decode_ports(duk_context *ctx, const uint8_t *p, size_t n, duk_idx_t ports_idx, char *err,
    size_t errlen);
/* What clone_decode() makes of a bin that is the whole value (a Uint8Array
 * over a new ArrayBuffer), from its n payload bytes, each read once: for
 * bytes another process may write meanwhile (a post ring).  0, or -1 with
 * err (out of memory) and nothing pushed. */
int clone_decode_bin(duk_context *ctx, const uint8_t *p, size_t n, char *err, size_t errlen);

#endif
