// @ts-check
/**
 * `npm run sandbox [-- --port 5680] [--latency 20] [--fault status503=0.05 --fault resetAfter=0.01] [--seed 7]`
 * Starts the local Hyfin and Bamboo emulators on loopback until interrupted.
 */
const { startSandbox } = require('../sandbox');
const { FAULT_NAMES } = require('../sandbox/faults');

function parseArgs(/** @type {string[]} */ argv) {
	/** @type {{ port: number, latencyMs: number, rates: Record<string, number>, seed: number }} */
	const args = { port: 5680, latencyMs: 0, rates: {}, seed: 1 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--help' || flag === '-h') usage(0);
		if (value === undefined) usage(1);
		i++;
		if (flag === '--port') args.port = Number(value);
		else if (flag === '--latency') args.latencyMs = Number(value);
		else if (flag === '--seed') args.seed = Number(value);
		else if (flag === '--fault') {
			const [name, rate] = value.split('=');
			if (!(/** @type {string[]} */ (FAULT_NAMES)).includes(name) || !(Number(rate) >= 0 && Number(rate) <= 1)) usage(1);
			args.rates[name] = Number(rate);
		} else usage(1);
	}
	return args;
}

function usage(/** @type {number} */ code) {
	console.log(`Usage: npm run sandbox -- [--port N] [--latency MS] [--seed N] [--fault NAME=SHARE ...]
Faults (SHARE of requests, 0..1): ${FAULT_NAMES.join(', ')}`);
	process.exit(code);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox({
		port: args.port,
		latencyMs: args.latencyMs,
		logBodies: false,
		faults: { rates: args.rates, seed: args.seed },
	});
	const { hyfin, bamboo } = sandbox.config;
	console.log(`Sandbox listening on ${sandbox.url}

Hyfin API credential
  Base URL      ${sandbox.hyfinBaseUrl}
  Access Token  ${hyfin.token}
  Send Token As X-Access-Token or Authorization: Bearer (both accepted)
  Site ID       ${hyfin.sites.join(' or ')}

Bamboo Payment API credential
  Environment   Custom
  Base URL      ${sandbox.bambooBaseUrl}
  Private Key   ${bamboo.privateKey}

Latency ${args.latencyMs} ms; faults ${JSON.stringify(args.rates)}. Stop with Ctrl+C.`);
	let shown = 0;
	const timer = setInterval(() => {
		for (const entry of sandbox.log.slice(shown)) {
			console.log(`${entry.method.padEnd(6)} ${entry.path} -> ${entry.fault ? `fault ${entry.fault}` : entry.status}`);
		}
		shown = sandbox.log.length;
		if (shown > 10000) {
			sandbox.log.length = 0;
			shown = 0;
		}
	}, 200);
	process.on('SIGINT', async () => {
		clearInterval(timer);
		await sandbox.close();
		process.exit(0);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
