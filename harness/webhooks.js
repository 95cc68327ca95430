// @ts-check
/**
 * Serves the package's trigger nodes on loopback as n8n serves production webhooks, for the engine tests
 * and the demo: `POST /webhook/<webhookId>/<path>` reaches the trigger's `webhook()` method through
 * n8n-core's real WebhookContext. Like n8n, it keeps the raw body, answers malformed JSON with 422 before
 * the node runs, loads the workflow's static data for every call and saves it after, and answers 200
 * (with no body when the node's webhook asks for none, else "Workflow was started") when the node hands over items. Each such hand-over is recorded as an
 * execution (the trigger's output items); a call the node answers itself starts none.
 */
const http = require('node:http');
const { additionalData, MemoryCredentialsHelper, core, wf } = require('./engine');

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** An express-like response: what trigger nodes use of it. @param {http.ServerResponse} res */
function expressResponse(res) {
	return Object.assign(res, {
		status(/** @type {number} */ code) {
			res.statusCode = code;
			return res;
		},
		json(/** @type {unknown} */ body) {
			if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(body));
			return res;
		},
		send(/** @type {unknown} */ body) {
			res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
			return res;
		},
	});
}

/**
 * @param {{ nodeTypes: import('n8n-workflow').INodeTypes, credentials: Map<string, import('n8n-workflow').ICredentialType> }} types
 *   from harness/engine's loadTypes
 */
async function startWebhookServer(types) {
	/** @type {Map<string, { workflow: any, node: any, credentials: Record<string, any>, staticData: any, executions: any[][] }>} */
	const active = new Map();

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			handle(req, expressResponse(res), Buffer.concat(chunks), size).catch((error) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
			});
		});
	});

	/** @param {http.IncomingMessage} req @param {any} res @param {Buffer} rawBody @param {number} size */
	async function handle(req, res, rawBody, size) {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const [, webhookId] = url.pathname.match(/^\/webhook\/([^/]+)\/webhook$/) ?? [];
		const entry = webhookId ? active.get(webhookId) : undefined;
		if (!entry || req.method !== 'POST') return res.status(404).json({ message: 'The requested webhook is not registered' });
		if (size > MAX_BODY_BYTES) return res.status(413).json({ message: 'Request entity too large' });
		let body = {};
		if (/json/i.test(String(req.headers['content-type'] ?? '')) && rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return res.status(422).json({ message: 'Failed to parse request body' });
			}
		}
		const request = Object.assign(req, { body, rawBody, query: Object.fromEntries(url.searchParams), params: {} });
		// As n8n does per call: the workflow with its saved static data.
		const workflow = new wf.Workflow({ ...entry.workflow, nodeTypes: types.nodeTypes, active: true, staticData: JSON.parse(JSON.stringify(entry.staticData)) });
		const node = /** @type {import("n8n-workflow").INode} */ (workflow.getNode(entry.node.name));
		const helper = new MemoryCredentialsHelper(types.credentials, entry.credentials);
		const data = Object.assign(additionalData(helper, /** @type {any} */ (entry.workflow)), { httpRequest: request, httpResponse: res });
		const webhookData = /** @type {any} */ ({ httpMethod: 'POST', node: node.name, path: `${webhookId}/webhook`, webhookDescription: {}, workflowId: workflow.id, isTest: false });
		const context = new core.WebhookContext(workflow, node, data, 'webhook', webhookData, [], null);
		const nodeType = types.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const result = await /** @type {any} */ (nodeType).webhook.call(context);
		if (workflow.staticData.__dataChanged) {
			delete workflow.staticData.__dataChanged;
			entry.staticData = JSON.parse(JSON.stringify(workflow.staticData));
		}
		if (result.noWebhookResponse) return undefined;
		if (result.workflowData) entry.executions.push(result.workflowData[0].map((/** @type {any} */ item) => item.json));
		// As n8n answers an accepted call: with no body when the node's webhook says noData.
		const description = /** @type {any} */ (nodeType).description.webhooks?.[0];
		if (description?.responseData === 'noData') return res.status(200).end();
		return res.status(200).json({ message: 'Workflow was started' });
	}

	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

	return {
		/**
		 * Activates a trigger: its production URL, and the executions it starts.
		 * @param {Record<string, any>} node a node of this package, with a `webhookId`
		 * @param {Record<string, any>} credentials decrypted credential data by type
		 */
		activate(node, credentials) {
			const workflow = { id: `wf-${node.webhookId}`, name: 'trigger test', nodes: [{ typeVersion: 1, position: [0, 0], ...node }], connections: {}, settings: {} };
			const entry = { workflow, node: workflow.nodes[0], credentials, staticData: {}, executions: /** @type {any[][]} */ ([]) };
			active.set(node.webhookId, entry);
			return {
				url: `${base}/webhook/${node.webhookId}/webhook`,
				/** The output items of each execution the trigger started. */
				executions: entry.executions,
				staticData: () => entry.staticData,
			};
		},
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startWebhookServer };
