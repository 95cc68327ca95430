// @ts-check
/**
 * The benchmark's sandbox, in a process of its own so that it does not share an event loop with the
 * engine or the raw client. Prints `{ url, token }` once listening; answers IPC messages:
 * `{ cmd: 'latency', ms }`, `{ cmd: 'reset' }` → `{ requests, maxInFlight }` of the run just measured.
 */
const { startSandbox } = require('../sandbox');

(async () => {
	const sandbox = await startSandbox({ latencyMs: Number(process.argv[2] ?? 20), logBodies: false });
	process.on('message', (/** @type {any} */ message) => {
		if (message.cmd === 'latency') {
			sandbox.setLatency(message.ms);
			process.send?.({ ok: true });
		} else if (message.cmd === 'reset') {
			const stats = { requests: sandbox.log.length, maxInFlight: sandbox.maxInFlight() };
			sandbox.reset();
			process.send?.(stats);
		}
	});
	process.send?.({ url: sandbox.hyfinBaseUrl, token: sandbox.config.hyfin.token, credentials: sandbox.credentials() });
})();
