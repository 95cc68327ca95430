// @ts-check
/** Builders of small workflows for the engine: items in, one node under test, items out. */

const PACKAGE = 'n8n-nodes-bamboo-hyfin';

/**
 * Manual Trigger → "Items" (Edit Fields, raw JSON) → "Split" (Split Out) → the given nodes in a chain.
 * Each entry of `rows` becomes one input item of the first node of the chain.
 * @param {object[]} rows
 * @param {Array<Record<string, any>>} chain nodes with at least name, type and parameters
 */
function itemsWorkflow(rows, chain) {
	/** @type {Array<Record<string, any>>} */
	const nodes = [
		{ id: 'trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'items',
			name: 'Items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
		},
		{
			id: 'split',
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: 'rows', options: {} },
		},
		...chain.map((node, index) => ({
			id: `node-${index}`,
			typeVersion: 1,
			position: [660 + 220 * index, 0],
			...node,
		})),
	];
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: 'engine test', nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The display name of each action node of this package (its default node name). */
const NODE_NAMES = { hyfinCustomer: 'Hyfin Customer', hyfinInvoice: 'Hyfin Invoice', bambooPaymentLink: 'Bamboo Payment Link' };

/**
 * A node of this package.
 * @param {'hyfinCustomer' | 'hyfinInvoice' | 'bambooPaymentLink'} type
 * @param {Record<string, any>} parameters
 * @param {{ name?: string, continueOnFail?: boolean }} [options]
 */
function packageNode(type, parameters, options = {}) {
	const credential = type === 'bambooPaymentLink' ? 'bambooPaymentApi' : 'hyfinApi';
	return {
		name: options.name ?? NODE_NAMES[type],
		type: `${PACKAGE}.${type}`,
		parameters,
		credentials: { [credential]: { id: `${credential}-1`, name: `${credential} sandbox` } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

module.exports = { itemsWorkflow, packageNode, NODE_NAMES, PACKAGE };
