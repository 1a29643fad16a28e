/*
 * node_buffer.js - Node's `buffer`: the module rt_buffer.c builds (js/buffer.js),
 * whose Buffer is the global one.
 */
'use strict';

module.exports = native.bufferModule();
