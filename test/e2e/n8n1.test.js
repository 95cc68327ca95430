// @ts-check
// The e2e suite against real n8n 1.123.50 on Node 20 (see support/suite.js).
require('./support/suite').e2eSuite('1');
