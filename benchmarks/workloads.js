// @ts-check
/**
 * What the benchmark compares: the same N Hyfin upserts made by this package's node (with expressions, or
 * with Map Automatically), by n8n's HTTP Request node, and by a plain keep-alive HTTP client (the floor).
 */
const http = require('node:http');
const { itemsWorkflow, packageNode } = require('../harness/workflows');

const SITE = 'site-1';

/** The input items, named as Hyfin names the fields (so that Map Automatically can read them). @param {number} count */
function rows(count) {
	return Array.from({ length: count }, (_v, i) => ({ external_id: `bench-${i}`, first_name: 'Bench', last_name: `Customer ${i}`, email: `bench${i}@example.com` }));
}

/**
 * This package's node.
 * @param {number} count @param {number | undefined} concurrency @param {'expressions' | 'autoMap'} [input]
 */
function nodeWorkflow(count, concurrency, input = 'expressions') {
	const fields =
		input === 'autoMap'
			? { inputMode: 'autoMap', fieldMapping: { mappingMode: 'autoMapInputData', value: null } }
			: { externalId: '={{ $json.external_id }}', firstName: '={{ $json.first_name }}', lastName: '={{ $json.last_name }}', additionalFields: { email: '={{ $json.email }}' } };
	return itemsWorkflow(rows(count), [
		packageNode('hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v3', ...fields, options: concurrency === undefined ? {} : { concurrency } }),
	]);
}

/**
 * n8n's HTTP Request node making the same requests, with the same four expressions. Its batching paces the
 * starts of requests (`batchSize` of them, then a pause of `batchInterval` ms); it never waits for answers.
 * @param {number} count @param {string} baseUrl @param {string} token @param {{ batchSize: number, batchInterval: number } | undefined} batch
 */
function httpRequestWorkflow(count, baseUrl, token, batch) {
	return itemsWorkflow(rows(count), [
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${baseUrl}/api/v3/site/${SITE}/customer/addUpdate`,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'x-access-token', value: token }] },
				sendBody: true,
				contentType: 'json',
				specifyBody: 'keypair',
				bodyParameters: {
					parameters: ['external_id', 'first_name', 'last_name', 'email'].map((name) => ({ name, value: `={{ $json.${name} }}` })),
				},
				options: batch ? { batching: { batch } } : {},
			},
		},
	]);
}

/**
 * The raw floor: a plain keep-alive Node HTTP client sending the same requests with `concurrency` in flight.
 * @param {number} count @param {string} baseUrl @param {string} token @param {number} concurrency
 */
async function rawClient(count, baseUrl, token, concurrency) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const url = new URL(`${baseUrl}/api/v3/site/${SITE}/customer/addUpdate`);
	const all = rows(count);
	let next = 0;
	let failures = 0;
	const send = (/** @type {object} */ row) =>
		new Promise((resolve, reject) => {
			const body = JSON.stringify(row);
			const headers = { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), 'x-access-token': token };
			const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					if (!JSON.parse(Buffer.concat(chunks).toString('utf8')).success) failures++;
					resolve(undefined);
				});
			});
			request.on('error', reject);
			request.end(body);
		});
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < all.length) await send(all[next++]);
		}),
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	return { ms, failures };
}

module.exports = { rows, nodeWorkflow, httpRequestWorkflow, rawClient, SITE };
