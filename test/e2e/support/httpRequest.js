// @ts-check
/**
 * Both credentials in n8n's own HTTP Request node ("Predefined Credential Type"), in real n8n: the secret is
 * added for the credential's own address, and a request to another host fails before anything is sent.
 */
const assert = require('node:assert/strict');

const ID = 'bhE2eHttpCreds01';
const CREDENTIALS = { hyfinApi: { id: 'bhHyfinSandbox01', name: 'Hyfin sandbox' }, bambooPaymentApi: { id: 'bhBambooSandbox01', name: 'Bamboo sandbox' } };

/** @param {string} name @param {'hyfinApi' | 'bambooPaymentApi'} type @param {string} url @param {number} x */
function request(name, type, url, x) {
	return {
		id: `${ID}-${x}`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220 * x, 0],
		onError: 'continueRegularOutput',
		parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: type, options: {} },
		credentials: { [type]: CREDENTIALS[type] },
	};
}

/** @param {{ hyfinBaseUrl: string, bambooBaseUrl: string }} sandbox @param {string} foreignUrl */
function httpRequestWorkflow(sandbox, foreignUrl) {
	const nodes = [
		{ id: `${ID}-0`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		request('Hyfin, own address', 'hyfinApi', `${sandbox.hyfinBaseUrl}/api/v3/site/site-1/customer/nobody`, 1),
		request('Hyfin, another host', 'hyfinApi', `${foreignUrl}/api/v3/site/site-1/customer/nobody`, 2),
		request('Bamboo, own address', 'bambooPaymentApi', `${sandbox.bambooBaseUrl}/api/v1/customers/nobody`, 3),
		request('Bamboo, another host', 'bambooPaymentApi', `${foreignUrl}/api/v1/customers/nobody`, 4),
	];
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id: ID, name: 'e2e: HTTP Request with the package credentials', active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * @param {{ execute: (id: string, allowFailure?: boolean) => Promise<any> }} n8n
 * @param {any} sandbox @param {{ url: string, log: unknown[] }} foreign @param {(run: any, node: string) => any[]} jsonOf
 */
async function checkHttpRequest(n8n, sandbox, foreign, jsonOf) {
	sandbox.reset();
	const run = await n8n.execute(ID, true);
	assert.deepEqual(foreign.log, [], 'nothing reached the other host');
	const [hyfin] = sandbox.requests('hyfin', 'GET');
	assert.equal(hyfin.headers['x-access-token'], sandbox.config.hyfin.token);
	const [bamboo] = sandbox.requests('bamboo', 'GET');
	assert.equal(bamboo.headers.authorization, `Basic ${sandbox.config.bamboo.privateKey}`);
	for (const [node, credential, base] of [
		['Hyfin, another host', 'Hyfin API', sandbox.hyfinBaseUrl],
		['Bamboo, another host', 'Bamboo Payment API', sandbox.bambooBaseUrl],
	]) {
		const [item] = jsonOf(run, node);
		assert.match(JSON.stringify(item), new RegExp(`The ${credential} credential is only sent to ${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), `${node}: ${JSON.stringify(item)}`);
	}
}

module.exports = { checkHttpRequest, httpRequestWorkflow };
