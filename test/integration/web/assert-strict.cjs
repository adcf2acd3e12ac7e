// `node:assert/strict` in the web worker bundle: the `assert` package (Node's assert ported to
// browsers), strict mode. scripts/build-tests.mjs aliases the Node module to this file.
module.exports = require('assert/').strict;
