// @ts-check
/**
 * The example workflows and what running them against the sandbox must give, declared once for the engine
 * tests, the e2e suite and the demo. Money is in integer minor units, never floats.
 */
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', 'examples');
const CHAINED = 'crm-contacts-to-hyfin-and-bamboo.json';
const HYFIN_ONLY = 'crm-contacts-to-hyfin.json';

/** @param {string} file @returns {any} a fresh copy of the example workflow */
function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/**
 * The CRM contacts an example starts from, as its "CRM contacts" node holds them.
 * @param {string} [file] @returns {Array<Record<string, string>>}
 */
function exampleContacts(file = CHAINED) {
	const node = readExample(file).nodes.find((/** @type {any} */ n) => n.name === 'CRM contacts');
	return JSON.parse(node.parameters.jsonOutput).contacts;
}

/** The payment links the chained example creates, one per contact, in order. */
const EXPECTED_LINKS = [
	{ orderNumber: 'SO-2026-1001', amount: 14990, currencyCode: 'USD' },
	{ orderNumber: 'SO-2026-1002', amount: 8900, currencyCode: 'USD' },
	{ orderNumber: 'SO-2026-1003', amount: 123450, currencyCode: 'USD' },
	{ orderNumber: 'SO-2026-1004', amount: 1999, currencyCode: 'USD' },
	{ orderNumber: 'SO-2026-1005', amount: 10, currencyCode: 'USD' },
];

/**
 * The credentials the examples name (id and name by credential type), with the sandbox's data: what to
 * import into n8n so that the examples run against the sandbox.
 * @param {{ credentials: () => Record<string, Record<string, unknown>> }} sandbox
 */
function exampleCredentials(sandbox) {
	/** @type {Map<string, { id: string, name: string }>} */
	const references = new Map();
	for (const file of [HYFIN_ONLY, CHAINED]) {
		for (const node of readExample(file).nodes) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) references.set(type, /** @type {any} */ (reference));
		}
	}
	const data = sandbox.credentials();
	return [...references].map(([type, reference]) => ({ ...reference, type, data: data[type] }));
}

/** Workflow JSON as the example files hold it (two-space indent, positions on one line). @param {unknown} workflow */
function exampleText(workflow) {
	return `${JSON.stringify(workflow, null, 2).replace(/\[\n\s+(-?\d+),\n\s+(-?\d+)\n\s+\]/g, '[$1, $2]')}\n`;
}

/**
 * Each single-vendor package's example files, as they must be: the combined package's examples with that
 * package's node types. @returns {Array<[string, string]>} [file, text]
 */
function packageExamples() {
	const { PACKAGE_EXAMPLES } = require('./packages');
	const { migrateWorkflow } = require('./migrate');
	return Object.entries(PACKAGE_EXAMPLES).flatMap(([name, files]) =>
		files.map((file) => /** @type {[string, string]} */ ([path.join(EXAMPLES_DIR, '..', 'packages', name, 'examples', file), exampleText(migrateWorkflow(readExample(file), name))])),
	);
}

module.exports = { exampleText, packageExamples, readExample, exampleContacts, exampleCredentials, EXPECTED_LINKS, CHAINED, HYFIN_ONLY };
