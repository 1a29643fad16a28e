/*
 * node_assert_strict.js - Node's `assert/strict`: assert.strict
 * (node_assert.js).
 */
'use strict';

module.exports = require('assert').strict;
