// @ts-check
/**
 * `node scripts/e2e/install.js 2 1`: installs the pinned real n8n versions into the cache folder, once (see
 * harness/n8n/install.js); prints a JSON line per version.
 */
require('../../harness/n8n/install').main(process.argv.slice(2));
