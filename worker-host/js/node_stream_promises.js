/*
 * node_stream_promises.js - Node's `stream/promises`: the same object as
 * require('stream').promises (pipeline, finished; node_stream.js).
 */
'use strict';

module.exports = require('stream').promises;
