// @ts-check
// The e2e suite against real n8n 2.41.1 on Node 24 (see support/suite.js).
require('./support/suite').e2eSuite('2');
