/*
 * node_process.js - Node's `process` module: the global process object
 * (js/process.js).
 */
'use strict';

module.exports = process;
