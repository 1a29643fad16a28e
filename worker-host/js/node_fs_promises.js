/*
 * node_fs_promises.js - Node's `fs/promises`: fs.promises (node_fs.js).
 */
'use strict';

module.exports = require('fs').promises;
