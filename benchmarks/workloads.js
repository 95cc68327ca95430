// @ts-check
/** The three ways to upsert N Hyfin customers that the benchmark compares, and the shared item rows. */
const http = require('node:http');
const { itemsWorkflow, packageNode } = require('../harness/workflows');

const SITE = 'site-1';

/** @param {number} count */
function rows(count) {
	return Array.from({ length: count }, (_v, i) => ({ id: `bench-${i}`, first: 'Bench', last: `Customer ${i}`, email: `bench${i}@example.com` }));
}

/** This package's node. @param {number} count @param {number | undefined} concurrency */
function nodeWorkflow(count, concurrency) {
	return itemsWorkflow(rows(count), [
		packageNode('hyfinCustomer', {
			resource: 'customer',
			operation: 'upsert',
			apiVersion: 'v3',
			externalId: '={{ $json.id }}',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			additionalFields: { email: '={{ $json.email }}' },
			options: concurrency === undefined ? {} : { concurrency },
		}),
	]);
}

/**
 * n8n's HTTP Request node making the same requests. It has no concurrency limit: without batching it sends
 * every item's request at once; batching sends `batchSize` requests, then waits `batchInterval` ms.
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
					parameters: [
						{ name: 'external_id', value: '={{ $json.id }}' },
						{ name: 'first_name', value: '={{ $json.first }}' },
						{ name: 'last_name', value: '={{ $json.last }}' },
						{ name: 'email', value: '={{ $json.email }}' },
					],
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
			const request = http.request(
				url,
				{ method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), 'x-access-token': token } },
				(response) => {
					/** @type {Buffer[]} */
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () => {
						const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
						if (!json.success) failures++;
						resolve(json);
					});
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < all.length) {
				const row = all[next++];
				await send({ external_id: row.id, first_name: row.first, last_name: row.last, email: row.email });
			}
		}),
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	return { ms, failures };
}

module.exports = { rows, nodeWorkflow, httpRequestWorkflow, rawClient, SITE };
