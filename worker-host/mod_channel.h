/*
 * mod_channel.h - the natives behind MessageChannel, MessagePort and
 * BroadcastChannel (js/web_channels.js).
 *
 * channel_natives() adds to the host's `native` object:
 *   markPort(obj)                 makes obj a MessagePort for the codec
 *                                 (clone_mark_port)
 *   portEncode(value, transfer, ports)
 *                                 the clone bytes of value as a plain
 *                                 buffer; transfer: undefined or an array
 *                                 of ArrayBuffers, ports: the MessagePorts
 *                                 moving with it.  Throws what postMessage
 *                                 throws (DataCloneError, a getter's throw)
 *   portDecode(bytes, ports)      the value, with each transferred port
 *                                 replaced by ports[i]; throws a
 *                                 DataCloneError DOMException when the
 *                                 bytes cannot be represented here
 * A message for a port never leaves the process, so its size is bounded
 * by the heap cap, not by the frame limit.
 *
 * BroadcastChannel (the bounds are msg.h's BC_*):
 *   bcKey(name)                   the name as the wire holds it (UTF-8,
 *                                 lone surrogates as U+FFFD), as a string
 *   bcJoin(key, open)             a bc_join frame; throws QuotaExceededError
 *                                 when `open` names are already joined or
 *                                 the name is too long
 *   bcLeave(key)                  a bc_leave frame
 *   bcPost(key, value)            a bc_post frame of value's clone bytes,
 *                                 which it returns as a plain buffer (for
 *                                 the worker's own channels); throws what
 *                                 postMessage throws, a frame too large
 *                                 included
 * Frames go out through the host's outbox (hlink.h).
 */
#ifndef WH_MOD_CHANNEL_H
#define WH_MOD_CHANNEL_H

#include <duktape.h>

void channel_natives(duk_context *ctx, duk_idx_t native);

#endif
