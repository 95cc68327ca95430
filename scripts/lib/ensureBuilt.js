// @ts-check
/** Builds the package when dist/ is missing or older than any source file, so scripts always run current code. */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} dir @returns {number} newest mtime below dir */
function newest(dir) {
	if (!fs.existsSync(dir)) return 0;
	let latest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
	}
	return latest;
}

function ensureBuilt() {
	const builtAt = fs.existsSync(path.join(ROOT, 'dist')) ? oldestOutput() : 0;
	const sourcesAt = Math.max(newest(path.join(ROOT, 'nodes')), newest(path.join(ROOT, 'credentials')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
	if (builtAt >= sourcesAt) return false;
	process.stderr.write('Building the package (npm run build)...\n');
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	return true;
}

/** The time of the last build: the node entry points listed in package.json. */
function oldestOutput() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((/** @type {string} */ file) => path.join(ROOT, file));
	if (!files.every((file) => fs.existsSync(file))) return 0;
	return Math.min(...files.map((file) => fs.statSync(file).mtimeMs));
}

module.exports = { ensureBuilt, ROOT };
