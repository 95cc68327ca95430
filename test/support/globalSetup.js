// @ts-check
/** Jest's global setup: builds the package when dist/ is not the build of the current sources. */
const { ensureBuilt } = require('../../harness/build');

module.exports = async function globalSetup() {
	ensureBuilt();
};
