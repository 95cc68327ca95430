// @ts-check
/**
 * Fault injection. A fault either replaces processing (`before`: the emulator never sees the request) or
 * spoils the answer after the emulator processed it (`after`: e.g. the payment link was created, but the
 * client never learns it). Faults come from a script (the next matching requests get these faults, in
 * order: deterministic tests) and/or from seeded rates (a share of requests: volume tests).
 */

/** @typedef {'status408'|'status429'|'status500'|'status502'|'status503'|'status504'|'resetBefore'|'hang'|'html'} BeforeFault */
/** @typedef {'resetAfter'|'truncated'} AfterFault */
/** @typedef {BeforeFault | AfterFault} FaultName */
/**
 * @typedef {object} FaultConfig
 * @property {Partial<Record<FaultName, number>>} [rates]  share of matching requests per fault (0..1)
 * @property {FaultName[]} [script]                         faults for the next matching requests, in order
 * @property {number} [seed]                                seed of the rate draws (repeatable runs)
 * @property {number} [retryAfterSeconds]                   Retry-After sent with 429 and 503 (default 1)
 * @property {number} [hangMs]                              how long a hung request is held before the socket closes (default 60000)
 * @property {(entry: import('./index').LogEntry) => boolean} [match]  which requests may get a fault (default all)
 */

const BEFORE = new Set(['status408', 'status429', 'status500', 'status502', 'status503', 'status504', 'resetBefore', 'hang', 'html']);
const ALL = [...BEFORE, 'resetAfter', 'truncated'];

/** Small deterministic PRNG (mulberry32). @param {number} seed */
function prng(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** @param {FaultConfig} [initial] */
function createFaults(initial) {
	/** @type {FaultConfig} */
	let config = { ...initial };
	let random = prng(config.seed ?? 1);
	/** @type {FaultName[]} */
	let script = [...(config.script ?? [])];
	/** @type {Record<string, number>} */
	const counts = {};
	/** @type {Map<number, FaultName>} faults drawn per request seq */
	const drawn = new Map();

	/** @param {import('./index').LogEntry} entry @returns {FaultName | undefined} */
	function draw(entry) {
		if (config.match && !config.match(entry)) return undefined;
		if (script.length) return script.shift();
		const rates = config.rates ?? {};
		const roll = random();
		let cumulative = 0;
		for (const name of ALL) {
			cumulative += rates[/** @type {FaultName} */ (name)] ?? 0;
			if (roll < cumulative) return /** @type {FaultName} */ (name);
		}
		return undefined;
	}

	/** @param {FaultName} name */
	function fault(name) {
		counts[name] = (counts[name] ?? 0) + 1;
		return { name, apply: APPLY[name] };
	}

	/** @type {Record<FaultName, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, entry: import('./index').LogEntry, reply?: import('./index').Reply) => void>} */
	const APPLY = {
		status408: (_q, res) => status(res, 408, { isSuccess: false, success: false, errors: ['Request timeout (injected)'] }),
		status429: (_q, res) =>
			status(res, 429, { isSuccess: false, success: false, errors: ['Too many requests (injected)'] }, retryAfter()),
		status500: (_q, res) => status(res, 500, { isSuccess: false, success: false, errors: ['Internal error (injected)'] }),
		status502: (_q, res) => status(res, 502, { isSuccess: false, success: false, errors: ['Bad gateway (injected)'] }),
		status503: (_q, res) =>
			status(res, 503, { isSuccess: false, success: false, errors: ['Maintenance (injected)'] }, retryAfter()),
		status504: (_q, res) => status(res, 504, { isSuccess: false, success: false, errors: ['Gateway timeout (injected)'] }),
		resetBefore: (req) => req.socket.destroy(),
		hang: (req) => {
			const timer = setTimeout(() => req.socket.destroy(), config.hangMs ?? 60000);
			req.socket.once('close', () => clearTimeout(timer));
		},
		html: (_q, res) => {
			const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
			res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
			res.end(page);
		},
		resetAfter: (req) => req.socket.destroy(),
		truncated: (_q, res, _e, reply) => {
			const full = JSON.stringify(reply?.body ?? {});
			const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
			res.writeHead(reply?.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(cut) });
			res.end(cut);
		},
	};

	function retryAfter() {
		return { 'retry-after': String(config.retryAfterSeconds ?? 1) };
	}

	return {
		/** @param {import('./index').LogEntry} entry */
		before(entry) {
			const name = draw(entry);
			if (!name) return undefined;
			if (BEFORE.has(name)) return fault(name);
			drawn.set(entry.seq, name);
			return undefined;
		},
		/** @param {import('./index').LogEntry} entry */
		after(entry) {
			const name = drawn.get(entry.seq);
			if (!name) return undefined;
			drawn.delete(entry.seq);
			return fault(name);
		},
		/** Replaces the configuration (and restarts the seeded draws). @param {FaultConfig} [next] */
		configure(next) {
			config = { ...next };
			random = prng(config.seed ?? 1);
			script = [...(config.script ?? [])];
		},
		/** How often each fault was applied. */
		counts: () => ({ ...counts }),
		reset() {
			for (const key of Object.keys(counts)) delete counts[key];
			drawn.clear();
			random = prng(config.seed ?? 1);
			script = [...(config.script ?? [])];
		},
	};
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} code
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function status(res, code, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

module.exports = { createFaults, FAULT_NAMES: ALL };
