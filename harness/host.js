// @ts-check
/**
 * The engine's own packages, loaded once for the harness: this project's n8n-core and n8n-workflow, or, when
 * HARNESS_N8N_DIR names an n8n installation (the benchmark runs the production engine that way), that
 * installation's; with the process settings they need in a test process.
 */
const path = require('node:path');
const os = require('node:os');

// n8n-core keeps instance settings (an encryption key) in the user folder: never the developer's ~/.n8n.
process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-bamboo-hyfin-engine');
// n8n's logger prints every node error; callers that want the log (e.g. the secret scan) set a level.
process.env.N8N_LOG_LEVEL ??= 'silent';
// n8n-nodes-base's AWS SDK announces its future Node 22 requirement on every load; it is not about this package.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = /** @type {typeof process.emitWarning} */ (
	(/** @type {any} */ warning, /** @type {any[]} */ ...rest) => {
		const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
		if (type === 'NodeVersionSupportWarning' || warning?.name === 'NodeVersionSupportWarning') return;
		emitWarning(warning, ...rest);
	}
);

const { createRequire } = require('node:module');
const host = process.env.HARNESS_N8N_DIR ? createRequire(path.join(process.env.HARNESS_N8N_DIR, 'node_modules', 'n8n', 'package.json')) : require;
const core = host('n8n-core');
const wf = host('n8n-workflow');

module.exports = { host, core, wf };
