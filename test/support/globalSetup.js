// @ts-check
/** Jest's global setup: builds the package when dist/ is not the build of the current sources. */
const { ensureBuilt } = require('../../scripts/lib/ensureBuilt');

module.exports = async function globalSetup() {
	ensureBuilt();
};
