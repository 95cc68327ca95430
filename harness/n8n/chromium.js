// @ts-check
/**
 * Debian's chromium, for the browser suite (puppeteer-core cannot download a browser here). Installed with
 * apt-get when missing — as root, or through sudo when there is one. `node harness/n8n/chromium.js`
 * installs it and prints its path.
 */
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((file) => file !== undefined && file !== '');

function found() {
	return CANDIDATES.find((file) => fs.existsSync(/** @type {string} */ (file)));
}

/** @param {string[]} args */
function apt(args) {
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const [command, prefix] = asRoot ? ['apt-get', []] : ['sudo', ['-n', 'apt-get']];
	execFileSync(command, [...prefix, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The browser's path, installing Debian's chromium first when there is none. @returns {string} */
function ensureChromium() {
	const existing = found();
	if (existing) return existing;
	process.stderr.write('[browser] chromium is missing: installing it with apt-get\n');
	try {
		apt(['install', '-y', '--no-install-recommends', 'chromium']);
	} catch {
		// A fresh machine's package lists may be empty or stale.
		apt(['update']);
		apt(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	const installed = found();
	if (!installed) throw new Error('apt-get installed chromium, but no chromium binary was found');
	return installed;
}

module.exports = { ensureChromium };

if (require.main === module) process.stdout.write(`${ensureChromium()}\n`);
