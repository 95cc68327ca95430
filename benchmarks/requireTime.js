// @ts-check
/** Child process: time to require() the built nodes and credentials, with n8n-workflow already loaded (as in n8n). */
const path = require('node:path');
require('n8n-workflow');
const pkg = require('../package.json');
const root = path.join(__dirname, '..');
const started = process.hrtime.bigint();
for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) require(path.join(root, file));
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms }));
