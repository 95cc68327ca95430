// @ts-check
/**
 * Fault injection. A fault either replaces processing (`before`: the emulator never sees the request) or
 * spoils the answer after the emulator processed it (`after`: e.g. the payment link was created, but the
 * client never learns it). Faults come from a script (the next matching requests get these faults, in
 * order: deterministic tests) and/or from seeded rates (a share of requests: volume tests).
 */

/**
 * @typedef {'status408'|'status429'|'status500'|'status502'|'status503'|'status504'|'resetBefore'|'hang'|'html'
 *   |'redirect301'|'redirect302'|'redirect303'|'redirect307'|'redirect308'|'echoAuthJson'|'echoAuthText'} BeforeFault
 */
/** @typedef {'resetAfter'|'truncated'|'okEmpty'|'okEmptyObject'|'okNull'|'okIllTyped'|'echoAuthOk'|'drip'} AfterFault */
/** @typedef {BeforeFault | AfterFault} FaultName */
/**
 * @typedef {object} FaultConfig
 * @property {Partial<Record<FaultName, number>>} [rates]  share of matching requests per fault (0..1)
 * @property {Array<FaultName | 'none'>} [script]           faults for the next matching requests, in order ('none': no fault)
 * @property {number} [seed]                                seed of the rate draws (repeatable runs)
 * @property {number} [retryAfterSeconds]                   Retry-After sent with 429 and 503 (default 1)
 * @property {number} [hangMs]                              how long a hung request is held before the socket closes (default 60000)
 * @property {(entry: import('./index').LogEntry) => boolean} [match]  which requests may get a fault (default all)
 * @property {string} [redirectTo]       Location of the redirect faults (default: a closed port on loopback)
 * @property {number} [dripMs]           interval between the bytes of a dripping answer (default 400)
 */

const REDIRECTS = ['redirect301', 'redirect302', 'redirect303', 'redirect307', 'redirect308'];
const BEFORE = new Set(['status408', 'status429', 'status500', 'status502', 'status503', 'status504', 'resetBefore', 'hang', 'html', ...REDIRECTS, 'echoAuthJson', 'echoAuthText']);
/** Faults that spoil the answer after the emulator processed the request (a create did happen). */
const AFTER = ['resetAfter', 'truncated', 'okEmpty', 'okEmptyObject', 'okNull', 'okIllTyped', 'echoAuthOk', 'drip'];
const ALL = /** @type {FaultName[]} */ ([...BEFORE, ...AFTER]);
/** Port 1 on loopback: nothing listens there, so a client following a redirect gets ECONNREFUSED. */
const CLOSED_PORT_URL = 'http://127.0.0.1:1/elsewhere';

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
	/** @type {Array<FaultName | 'none'>} */
	let script = [...(config.script ?? [])];
	/** @type {Record<string, number>} */
	const counts = {};
	/** @type {Map<number, FaultName>} faults drawn per request seq */
	const drawn = new Map();

	/** @param {import('./index').LogEntry} entry @returns {FaultName | undefined} */
	function draw(entry) {
		if (config.match && !config.match(entry)) return undefined;
		if (script.length) {
			const next = script.shift();
			return next === 'none' ? undefined : next;
		}
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
		redirect301: (req, res) => redirect(req, res, 301),
		redirect302: (req, res) => redirect(req, res, 302),
		redirect303: (req, res) => redirect(req, res, 303),
		redirect307: (req, res) => redirect(req, res, 307),
		redirect308: (req, res) => redirect(req, res, 308),
		// The vendor echoes the credential header in an error: a JSON one, and an HTML page long enough to be cut.
		echoAuthJson: (req, res) => status(res, 400, { isSuccess: false, success: false, errors: [`Invalid credential header: ${credentialHeader(req)}`] }),
		echoAuthText: (req, res) => {
			const page = `<html><body><h1>Internal error</h1><pre>${'.'.repeat(60)} header=${credentialHeader(req)} trace ${'x'.repeat(200)}</pre></body></html>`;
			res.writeHead(500, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
			res.end(page);
		},
		resetAfter: (req) => req.socket.destroy(),
		truncated: (_q, res, _e, reply) => {
			const full = JSON.stringify(reply?.body ?? {});
			const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
			res.writeHead(reply?.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(cut) });
			res.end(cut);
		},
		// 2xx answers that are not the documented success shape, sent after the request was processed.
		okEmpty: (_q, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': 0 });
			res.end();
		},
		okEmptyObject: (_q, res) => status(res, 200, {}),
		okNull: (_q, res) => status(res, 200, null),
		okIllTyped: (_q, res) => status(res, 200, { isSuccess: 'false', success: 'false' }),
		echoAuthOk: (req, res, _e, reply) => status(res, reply?.status ?? 200, { .../** @type {object} */ (reply?.body ?? {}), echo: { credential: credentialHeader(req) } }),
		// The real answer, one byte at a time: a server that is never silent long enough for an idle timeout.
		drip: (req, res, _e, reply) => {
			const every = config.dripMs ?? 400;
			const body = Buffer.from(JSON.stringify(reply?.body ?? {}).padEnd(Math.ceil(20000 / every), ' '));
			res.writeHead(reply?.status ?? 200, { 'content-type': 'application/json', 'content-length': body.length });
			let sent = 0;
			const timer = setInterval(() => {
				if (res.destroyed || sent >= body.length) {
					clearInterval(timer);
					if (!res.destroyed) res.end();
					return;
				}
				res.write(body.subarray(sent, sent + 1));
				sent++;
			}, every);
			req.socket.once('close', () => clearInterval(timer));
		},
	};

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {number} code */
	function redirect(req, res, code) {
		const location = new URL(req.url ?? '/', config.redirectTo ?? CLOSED_PORT_URL).toString();
		res.writeHead(code, { location, 'content-length': 0 });
		res.end();
	}

	function credentialHeader(/** @type {import('node:http').IncomingMessage} */ req) {
		return String(req.headers.authorization ?? req.headers['x-access-token'] ?? '');
	}

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

module.exports = { createFaults, FAULT_NAMES: ALL, BEFORE_FAULTS: [...BEFORE], AFTER_FAULTS: AFTER, REDIRECT_FAULTS: REDIRECTS };
