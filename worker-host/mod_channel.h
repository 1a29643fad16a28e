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
 */
#ifndef WH_MOD_CHANNEL_H
#define WH_MOD_CHANNEL_H

#include <duktape.h>

void channel_natives(duk_context *ctx, duk_idx_t native);

#endif
