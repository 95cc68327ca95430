// @ts-check
/**
 * The workflows the queue suite runs, started as production workflows are: by a webhook (answered at once,
 * the run queued for a worker). Ids stay within 16 characters (n8n 1.x's rule for saving static data).
 */
const { PACKAGE } = require('../../../harness/workflows');

const CREDENTIALS = {
	hyfinApi: { id: 'bhHyfinSandbox01', name: 'Hyfin sandbox' },
	bambooPaymentApi: { id: 'bhBambooSandbox01', name: 'Bamboo sandbox' },
};

/**
 * Webhook → "Rows" (n rows made from the call's body) → Split Out → the given nodes, each fed by Split Out.
 * @param {{ id: string, name: string, path: string, webhookId: string, rows: string, nodes: Array<Record<string, any>> }} spec
 */
function webhookWorkflow(spec) {
	const nodes = [
		{ id: `${spec.id}-hook`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: spec.webhookId, parameters: { httpMethod: 'POST', path: spec.path, responseMode: 'onReceived', options: {} } },
		{ id: `${spec.id}-rows`, name: 'Rows', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [220, 0], parameters: { mode: 'raw', jsonOutput: `={{ { rows: ${spec.rows} } }}`, options: {} } },
		{ id: `${spec.id}-split`, name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [440, 0], parameters: { fieldToSplitOut: 'rows', options: {} } },
		...spec.nodes.map((node, index) => ({ id: `${spec.id}-n${index}`, typeVersion: 2, position: [660, index * 200], ...node })),
	];
	/** @type {Record<string, any>} */
	const connections = {
		Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
		Rows: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
		Split: { main: [spec.nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
	};
	return { id: spec.id, name: spec.name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A node of this package using Map Automatically, with the sandbox credential of its vendor. @param {string} name @param {string} type @param {Record<string, any>} parameters */
function mapped(name, type, parameters) {
	const credential = type === 'hyfinCustomer' ? 'hyfinApi' : 'bambooPaymentApi';
	return {
		name,
		type: `${PACKAGE}.${type}`,
		parameters: { inputMode: 'autoMap', fieldMapping: { mappingMode: 'autoMapInputData', value: null }, ...parameters },
		credentials: { [credential]: CREDENTIALS[credential] },
	};
}

/** `count` rows for batch `batch` of the call's body: a Hyfin customer and a Bamboo order each. */
const LOAD_ROWS =
	"Array.from({ length: $json.body.count }, (_, i) => ({ external_id: 'q' + $json.body.batch + '-' + i, first_name: 'Queue', last_name: 'Customer ' + i, email: 'q' + $json.body.batch + '-' + i + '@example.com', amount: 1000 + i, currency: 'UYU', order_number: 'Q-' + $json.body.batch + '-' + i }))";

/** Both nodes on every row: a Hyfin upsert and a Bamboo payment link (once per order number, version 2's default). */
const LOAD = webhookWorkflow({
	id: 'bhQueueLoad00001',
	name: 'queue: Hyfin customers and Bamboo links',
	path: 'queue-load',
	webhookId: '0b6c1f5e-2d7a-4c1b-9e3f-5a8d7c6b4e21',
	rows: LOAD_ROWS,
	nodes: [mapped('Hyfin Customer', 'hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v3', options: { concurrency: 5 } }), mapped('Bamboo Payment Link', 'bambooPaymentLink', { resource: 'payment', operation: 'create', options: { concurrency: 5 } })],
});

/**
 * Many payment links in one run, for a worker to die in the middle of. "On Error → Continue": a re-run goes on
 * past the orders whose outcome the crash left unknown (each an error item) and creates the rest.
 */
const CREATES = webhookWorkflow({
	id: 'bhQueueCreates01',
	name: 'queue: a batch of payment links',
	path: 'queue-creates',
	webhookId: '5e2d9a7c-8b14-4f63-a0d2-7c3e1b9f6a58',
	rows: "Array.from({ length: $json.body.count }, (_, i) => ({ amount: 1000 + i, currency: 'UYU', order_number: 'C-' + i }))",
	nodes: [{ ...mapped('Bamboo Payment Link', 'bambooPaymentLink', { resource: 'payment', operation: 'create', options: { concurrency: 5 } }), onError: 'continueRegularOutput' }],
});

module.exports = { CREATES, CREDENTIALS, LOAD };
