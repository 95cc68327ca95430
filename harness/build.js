// @ts-check
/**
 * Builds the package unless dist/ was built from exactly the current sources. The build records a hash of
 * every input (nodes/, credentials/, package.json, the build scripts); any difference,
 * whatever the file times say, means a new build. Tests, the demo, e2e and the benchmark call this, so
 * none of them can run against a stale dist/.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
// Kept outside dist/, so that it never ships in the package.
const STAMP = path.join(ROOT, 'node_modules', '.cache', 'n8n-nodes-bamboo-hyfin', 'build-hash');
const INPUTS = ['nodes', 'credentials', 'package.json', 'gulpfile.js', 'scripts/build.js', 'scripts/clean.js', 'harness/build.js'];

/** @param {string} entry @param {crypto.Hash} hash */
function hashInto(entry, hash) {
	const full = path.join(ROOT, entry);
	if (!fs.existsSync(full)) return;
	if (fs.statSync(full).isDirectory()) {
		for (const name of fs.readdirSync(full).sort()) hashInto(path.join(entry, name), hash);
		return;
	}
	hash.update(`${entry}\0`);
	hash.update(fs.readFileSync(full));
	hash.update('\0');
}

/** The hash of every build input, as it is now. */
function sourceHash() {
	const hash = crypto.createHash('sha256');
	for (const entry of INPUTS) hashInto(entry, hash);
	return hash.digest('hex');
}

/** Builds when dist/ is missing or was built from other sources; returns whether it built. */
function ensureBuilt() {
	const current = sourceHash();
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((/** @type {string} */ file) => path.join(ROOT, file));
	const built = entries.every((file) => fs.existsSync(file)) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === current;
	if (built) return false;
	process.stderr.write('Building the package (npm run build)...\n');
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	return true;
}

/** Records that dist/ now holds the build of the current sources (called by the build itself). */
function stampBuild() {
	fs.mkdirSync(path.dirname(STAMP), { recursive: true });
	fs.writeFileSync(STAMP, sourceHash());
}

module.exports = { ensureBuilt, stampBuild, sourceHash, ROOT };
