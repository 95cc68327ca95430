// @ts-check
/**
 * Sends the emulated vendors' webhooks: POSTs JSON to a URL and, when the answer is not HTTP 200, delivers
 * it again on the vendor's retry schedule, compressed by `scale` (1 = real time; the default turns hours
 * into milliseconds). Every attempt is recorded, so tests and the demo can see what reached the receiver.
 */

/**
 * @typedef {object} Attempt
 * @property {string} label    what was delivered (e.g. "bamboo purchase 123 approved")
 * @property {string} url
 * @property {number} attempt  1 for the first delivery
 * @property {number | string} outcome  the HTTP status, or the network error
 * @property {unknown} answer  the receiver's answer body (parsed when JSON)
 */

/** @param {{ scale?: () => number }} [options]  the compression, read at each retry (tests may change it) */
function createNotifier(options = {}) {
	const scale = () => options.scale?.() ?? 1 / 60000;
	/** @type {Attempt[]} */
	const attempts = [];
	/** @type {Set<ReturnType<typeof setTimeout>>} */
	const timers = new Set();
	/** @type {Set<Promise<void>>} */
	const inFlight = new Set();

	/**
	 * Delivers a webhook, then again after each delay of `scheduleMs` while the answer is not 200.
	 * @param {{ url: string, body: unknown, headers?: Record<string, string>, label: string, scheduleMs: number[], rawBody?: string }} delivery
	 */
	function deliver(delivery, attempt = 1) {
		const run = (async () => {
			let outcome;
			let answer;
			try {
				const response = await fetch(delivery.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...delivery.headers },
					body: delivery.rawBody ?? JSON.stringify(delivery.body),
					redirect: 'manual',
					signal: AbortSignal.timeout(10000),
				});
				outcome = response.status;
				const text = await response.text();
				try {
					answer = JSON.parse(text);
				} catch {
					answer = text;
				}
			} catch (error) {
				outcome = error instanceof Error ? (/** @type {any} */ (error).cause?.code ?? error.name) : String(error);
			}
			attempts.push({ label: delivery.label, url: delivery.url, attempt, outcome, answer });
			const delay = delivery.scheduleMs[attempt - 1];
			if (outcome !== 200 && delay !== undefined) {
				const timer = setTimeout(() => {
					timers.delete(timer);
					deliver(delivery, attempt + 1);
				}, Math.max(1, Math.round(delay * scale())));
				timers.add(timer);
			}
		})();
		inFlight.add(run);
		run.finally(() => inFlight.delete(run));
		return run;
	}

	return {
		deliver,
		/** Every delivery attempt so far. */
		attempts: () => [...attempts],
		/** Resolves when no delivery is in flight or waiting for a retry. */
		async settled() {
			while (inFlight.size > 0 || timers.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
		},
		reset() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			attempts.length = 0;
		},
	};
}

/** Bamboo retries 5 times: after 15 min, 30 min, 1 h, 3 h and 6 h. */
const BAMBOO_SCHEDULE_MS = [15, 30, 60, 180, 360].map((minutes) => minutes * 60000);
/** Hyfin retries 5 times: 5 min after the first try, then 1 h, 2 h, 24 h and 48 h later. */
const HYFIN_SCHEDULE_MS = [5, 60, 120, 1440, 2880].map((minutes) => minutes * 60000);

module.exports = { createNotifier, BAMBOO_SCHEDULE_MS, HYFIN_SCHEDULE_MS };
