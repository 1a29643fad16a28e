/*
 * node_constants.js - Node's deprecated `constants`: os.constants' dlopen,
 * errno, priority and signals, fs.constants and crypto.constants merged
 * into one frozen object, in Node's order (a later table's name wins).
 * ES5, run as a core module (require.js).
 */
'use strict';

var os = require('os').constants;

module.exports = Object.freeze(Object.assign({}, os.dlopen, os.errno, os.priority, os.signals,
    require('fs').constants, require('crypto').constants));
