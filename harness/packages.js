// @ts-check
/**
 * The three packages built from one source: n8n-nodes-bamboo-hyfin (everything; the repository's root
 * package.json) and one package per vendor (packages/<name>/package.json, README.md). A single-vendor package
 * is staged from the combined build: the bundles its `n8n` block lists (each bundle holds all the code it
 * needs), their source maps, and the icons, codex and schema files of its vendor's folder; then packed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ensureBuilt, ROOT } = require('./build');

const COMBINED = 'n8n-nodes-bamboo-hyfin';
const VENDOR_PACKAGES = ['n8n-nodes-bamboo-payment', 'n8n-nodes-hyfin'];
const TARBALLS = path.join(ROOT, 'build', 'tarballs');
/** The examples each single-vendor package ships (from examples/, with its node types: see packageExamples). */
const PACKAGE_EXAMPLES = {
	'n8n-nodes-bamboo-payment': ['orders-to-bamboo-payment-links.json', 'bamboo-payment-notifications.json'],
	'n8n-nodes-hyfin': ['crm-contacts-to-hyfin.json', 'crm-orders-to-hyfin-invoices.json', 'hyfin-payment-notifications.json'],
};
/** The repository's own name holds both vendors' names: it is not a sign of the other vendor in a package. */
const REPOSITORY_SLUG = 'bamboo-hyfin';

/** @param {string} file @returns {any} */
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Every package: its name, the folder its package.json is in, and that manifest. */
function packages() {
	return [
		{ name: COMBINED, dir: ROOT, manifest: readJson(path.join(ROOT, 'package.json')) },
		...VENDOR_PACKAGES.map((name) => {
			const dir = path.join(ROOT, 'packages', name);
			return { name, dir, manifest: readJson(path.join(dir, 'package.json')) };
		}),
	];
}

/** @param {string} from @param {string} to */
function copy(from, to) {
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.cpSync(from, to, { recursive: true });
}

/**
 * Stages a single-vendor package: its manifest and README, the license, and from dist/ what its n8n block
 * lists, with source maps, its nodes' folders (icons, codex, schemas) and its credentials' icons.
 * @param {{ name: string, dir: string, manifest: any }} pkg @param {string} stage
 */
function stage(pkg, stage) {
	fs.rmSync(stage, { recursive: true, force: true });
	fs.mkdirSync(stage, { recursive: true });
	copy(path.join(pkg.dir, 'package.json'), path.join(stage, 'package.json'));
	copy(path.join(pkg.dir, 'README.md'), path.join(stage, 'README.md'));
	copy(path.join(ROOT, 'LICENSE.md'), path.join(stage, 'LICENSE.md'));
	const { nodes, credentials } = pkg.manifest.n8n;
	// A vendor folder holds that vendor's nodes only: all of it belongs to the package.
	for (const folder of new Set(nodes.map((/** @type {string} */ file) => path.dirname(file)))) copy(path.join(ROOT, folder), path.join(stage, folder));
	// Each codex names its node by its type in this package.
	for (const file of nodes) {
		const codex = path.join(stage, file.replace(/\.js$/, '.json'));
		if (fs.existsSync(codex)) fs.writeFileSync(codex, fs.readFileSync(codex, 'utf8').replace(`"node": "${COMBINED}.`, `"node": "${pkg.name}.`));
	}
	for (const file of credentials) {
		copy(path.join(ROOT, file), path.join(stage, file));
		copy(path.join(ROOT, `${file}.map`), path.join(stage, `${file}.map`));
		// The icons the credential names (`file:<icon>`), beside it.
		const icons = new Set([...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/file:([\w.-]+\.(?:svg|png))/g)].map(([, icon]) => icon));
		for (const icon of icons) copy(path.join(ROOT, path.dirname(file), icon), path.join(stage, path.dirname(file), icon));
	}
}

/** @param {string} dir @param {string} destination @returns {string} the tarball's path */
function npmPack(dir, destination) {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	return path.join(destination, JSON.parse(out)[0].filename);
}

/**
 * Builds (when the sources changed) and packs all three packages into `destination`.
 * @param {string} [destination] @returns {Array<{ name: string, version: string, tarball: string }>}
 */
function packAll(destination = TARBALLS) {
	ensureBuilt();
	fs.mkdirSync(destination, { recursive: true });
	return packages().map((pkg) => {
		const dir = pkg.name === COMBINED ? ROOT : path.join(ROOT, 'build', 'packages', pkg.name);
		if (pkg.name !== COMBINED) stage(pkg, dir);
		return { name: pkg.name, version: pkg.manifest.version, tarball: npmPack(dir, destination) };
	});
}

/**
 * The files of a tarball and their text (what a reviewer or n8n would get), unpacked into a fresh folder.
 * @param {string} tarball @returns {{ dir: string, files: string[] }}
 */
function unpack(tarball) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unpacked-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	/** @param {string} sub @returns {string[]} */
	const walk = (sub) => fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(sub, entry.name)) : [path.join(sub, entry.name)]));
	return { dir, files: walk('') };
}

/** The vendor a single-vendor package must not mention (undefined for the combined package). @param {string} name */
function otherVendor(name) {
	return { 'n8n-nodes-bamboo-payment': /hyfin/i, 'n8n-nodes-hyfin': /bamboo/i }[name];
}

module.exports = { COMBINED, PACKAGE_EXAMPLES, VENDOR_PACKAGES, REPOSITORY_SLUG, TARBALLS, packages, packAll, unpack, otherVendor };

if (require.main === module) {
	for (const { name, version, tarball } of packAll()) process.stdout.write(`${name}@${version}: ${path.relative(ROOT, tarball)}\n`);
}
