// @ts-check
/**
 * Local sandbox of the Hyfin and Bamboo Payment Link APIs on loopback, for tests, the demo and benchmarks.
 * Each vendor lives under its own base path of one server: `<url>/hyfin` and `<url>/bamboo`.
 * Every request is logged (time, method, path, status, what the sandbox did) so tests can check what
 * reached the "API", and the emulators count what they really did (upserts, creates).
 */
const http = require('node:http');
const { createHyfin } = require('./hyfin');
const { createBamboo } = require('./bamboo');
const { createFaults } = require('./faults');
const { routeMiss } = require('./routeMiss');
const { createNotifier } = require('./notifier');

/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string>, raw?: string }} Reply */
/** @typedef {{ method: string, path: string, segments: string[], query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown, rawBody: string }} SandboxRequest */
/**
 * @typedef {object} LogEntry
 * @property {number} seq
 * @property {number} at         milliseconds since the sandbox started (high resolution)
 * @property {number} [endedAt]   when the answer was complete or the connection closed (same clock)
 * @property {string} method
 * @property {string} path
 * @property {string} vendor
 * @property {number} [status]
 * @property {string} [fault]
 * @property {unknown} [body]
 * @property {Record<string, string | string[] | undefined>} headers
 */

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	latencyMs: 0,
	/** extra random latency, 0..N ms per request (answers then complete out of order) */
	latencyJitterMs: 0,
	/** how the vendors' webhook retry schedules are compressed (1 = real time; default: an hour is 60 ms) */
	redeliveryScale: 1 / 60000,
	hyfin: { token: 'hyfin-sandbox-token', sites: ['site-1', 'site-2'] },
	bamboo: /** @type {import('./bamboo').BambooConfig} */ ({
		privateKey: 'bamboo-sandbox-private-key',
	}),
};

/**
 * @param {Partial<Omit<typeof DEFAULTS, 'hyfin' | 'bamboo'>> & { hyfin?: Partial<typeof DEFAULTS.hyfin>, bamboo?: Partial<typeof DEFAULTS.bamboo>, faults?: import('./faults').FaultConfig, logBodies?: boolean }} [options]
 */
async function startSandbox(options = {}) {
	const config = {
		...DEFAULTS,
		...options,
		hyfin: { ...DEFAULTS.hyfin, ...options.hyfin },
		bamboo: { ...DEFAULTS.bamboo, ...options.bamboo },
	};
	const started = process.hrtime.bigint();
	/** @type {LogEntry[]} */
	const log = [];
	let seq = 0;
	let inFlight = 0;
	let maxInFlight = 0;
	/** @type {Set<http.ServerResponse>} */
	const pending = new Set();
	const faults = createFaults(config.faults);
	const notifier = createNotifier({ scale: () => config.redeliveryScale });
	const vendors = { hyfin: createHyfin(config.hyfin, notifier), bamboo: createBamboo(config.bamboo, notifier) };

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://sandbox');
			const [vendorName, ...segments] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
			const rawBody = Buffer.concat(chunks).toString('utf8');
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			pending.add(res);
			let counted = true;
			const done = () => {
				if (counted) {
					inFlight--;
					entry.endedAt = Number(process.hrtime.bigint() - started) / 1e6;
				}
				counted = false;
				pending.delete(res);
			};
			res.once('finish', done);
			res.once('close', done);
			/** @type {LogEntry} */
			const entry = {
				seq: ++seq,
				at: Number(process.hrtime.bigint() - started) / 1e6,
				method: req.method ?? 'GET',
				path: url.pathname,
				vendor: vendorName ?? '',
				headers: { ...req.headers },
			};
			if (config.logBodies !== false) entry.body = parseJson(rawBody);
			log.push(entry);
			handle(req, res, entry, {
				method: entry.method,
				path: url.pathname,
				segments,
				query: url.searchParams,
				headers: req.headers,
				body: parseJson(rawBody),
				rawBody,
			});
		});
	});

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {LogEntry} entry
	 * @param {SandboxRequest} request
	 */
	function handle(req, res, entry, request) {
		const vendor = /** @type {Record<string, { handle: (r: SandboxRequest) => Reply } | undefined>} */ (vendors)[entry.vendor];
		const run = () => {
			const fault = faults.before(entry);
			if (fault) {
				entry.fault = fault.name;
				return fault.apply(req, res, entry);
			}
			/** @type {Reply} */
			const reply = vendor ? vendor.handle(request) : routeMiss(request);
			entry.status = reply.status;
			const after = faults.after(entry);
			if (after) {
				entry.fault = after.name;
				return after.apply(req, res, entry, reply);
			}
			send(res, reply);
		};
		const latency = config.latencyMs + (config.latencyJitterMs > 0 ? Math.random() * config.latencyJitterMs : 0);
		if (latency > 0) setTimeout(run, latency);
		else run();
	}

	await new Promise((resolve) => server.listen(config.port, config.host, () => resolve(undefined)));
	server.keepAliveTimeout = 30000;
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${config.host}:${address.port}`;
	// "sandbox": checkout links point at the sandbox's own checkout page, where a person can pay them.
	if (config.bamboo.checkoutHost === 'sandbox') config.bamboo.checkoutHost = `${url}/bamboo/checkout`;
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return {
		url,
		hyfinBaseUrl: `${url}/hyfin`,
		bambooBaseUrl: `${url}/bamboo`,
		config,
		log,
		vendors,
		faults,
		/** The webhooks the emulated vendors sent, and their redeliveries. */
		notifier,
		/**
		 * The n8n credential data of both vendors for this sandbox (the one place they are spelled out).
		 * @param {{ hyfinApi?: Record<string, unknown>, bambooPaymentApi?: Record<string, unknown> }} [overrides]
		 */
		credentials(overrides = {}) {
			return {
				hyfinApi: { baseUrl: `${url}/hyfin`, accessToken: config.hyfin.token, authHeader: 'xAccessToken', siteId: config.hyfin.sites[0], ...overrides.hyfinApi },
				bambooPaymentApi: { environment: 'custom', baseUrl: `${url}/bamboo`, privateKey: config.bamboo.privateKey, ...overrides.bambooPaymentApi },
			};
		},
		/** Requests that reached the given vendor (optionally filtered by method and a path fragment). */
		requests(/** @type {string} */ vendor, /** @type {string} */ method = '', /** @type {string} */ pathPart = '') {
			return log.filter(
				(e) => e.vendor === vendor && (!method || e.method === method) && (!pathPart || e.path.includes(pathPart)),
			);
		},
		/** The most requests the sandbox was handling at once since the last reset. */
		maxInFlight: () => maxInFlight,
		/** Forgets the log and all stored records, keeping the configuration. */
		reset() {
			// Requests still open from an earlier test (e.g. hung ones) must not count against the next one.
			for (const res of pending) res.socket?.destroy();
			pending.clear();
			inFlight = 0;
			maxInFlight = 0;
			log.length = 0;
			for (const vendor of Object.values(vendors)) vendor.reset();
			faults.reset();
			notifier.reset();
		},
		setLatency(/** @type {number} */ ms) {
			config.latencyMs = ms;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/**
 * A second server on another loopback host, standing for "somewhere else": it records every request that
 * reaches it (so a test can prove that no request and no credential got there) and answers like a
 * cooperative API would, so that its JSON could pass for the vendor's if a client trusted it.
 * @param {{ host?: string }} [options]
 */
async function startForeign(options = {}) {
	/** @type {Array<{ method: string, path: string, headers: http.IncomingHttpHeaders, body: string }>} */
	const log = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			log.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') });
			send(res, { status: 200, body: { isSuccess: true, success: true, errors: [], paymentId: 'foreign-payment', _id: 'foreign-id', customer: { identifier: 'foreign' } } });
		});
	});
	const host = options.host ?? '127.0.0.2';
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve(undefined));
	});
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://${host}:${port}`,
		log,
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/** @param {http.ServerResponse} res @param {Reply} reply */
function send(res, reply) {
	const body = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
	res.writeHead(reply.status, {
		'content-type': reply.raw === undefined ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
		'content-length': Buffer.byteLength(body),
		...reply.headers,
	});
	res.end(body);
}

/** @param {string} text */
function parseJson(text) {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

module.exports = { startSandbox, startForeign, send, DEFAULTS };
