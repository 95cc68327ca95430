// @ts-check
/**
 * Rewrites a workflow file (an n8n export: one workflow or a list) from one of this project's packages to
 * another, for example when moving from n8n-nodes-bamboo-hyfin to the verified n8n-nodes-hyfin:
 *   node scripts/migrate-workflow.js --to n8n-nodes-hyfin my-workflow.json > my-workflow.hyfin.json
 * Only node types change; parameters, versions and credentials stay. Refuses (exit 1, nothing written) when
 * the target package lacks a node the workflow uses.
 */
const fs = require('node:fs');
const { migrateWorkflow } = require('../harness/migrate');

const args = process.argv.slice(2);
const to = args[args.indexOf('--to') + 1];
const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--to');
if (!args.includes('--to') || !to || !file) {
	process.stderr.write('usage: node scripts/migrate-workflow.js --to <n8n-nodes-bamboo-hyfin | n8n-nodes-bamboo-payment | n8n-nodes-hyfin> <workflow.json>\n');
	process.exit(1);
}
try {
	process.stdout.write(`${JSON.stringify(migrateWorkflow(JSON.parse(fs.readFileSync(file, 'utf8')), to), null, 2)}\n`);
} catch (error) {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}
