// @ts-check
/**
 * `npm run scan`: builds and packs the three packages (harness/packages.js), then checks each the way n8n's
 * community-package scanner (@n8n/scan-community-package 0.32.0) does before verification, which it can only
 * do for a package already on the registry:
 *   - its two lint legs with its rule sets at its pinned versions (@n8n/eslint-plugin-community-nodes 0.29.0,
 *     eslint-plugin-n8n-nodes-base 1.16.7, no-console), inline disables ignored: the source (package.json and
 *     nodes/, credentials/ beside it) and the packed JavaScript with its package.json;
 *   - what n8n's verification asks beyond the lint: no runtime dependencies and no lifecycle scripts; no
 *     environment, file-system or network access but n8n's helpers (no module but n8n-workflow and crypto, no
 *     process, fetch, XMLHttpRequest or WebSocket in the bundles); and, for a single-vendor package, nothing of
 *     the other vendor in any file.
 * Errors and warnings both fail. Exits 1 when anything is found, listing it.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ESLint } = require('eslint');
const { defineConfig } = require('eslint/config');
const glob = require('fast-glob');
// The scanner's pinned plugins (npm aliases of @n8n/eslint-plugin-community-nodes 0.29.0 and
// eslint-plugin-n8n-nodes-base 1.16.7, beside the newer ones the project's own lint uses).
/** @type {any} */
const parser = require(require.resolve('@typescript-eslint/parser'));
const { n8nCommunityNodesPlugin } = require('scan-eslint-plugin-community-nodes');
/** @type {any} */
const n8nNodesPlugin = require(require.resolve('scan-eslint-plugin-n8n-nodes-base'));
const { COMBINED, REPOSITORY_SLUG, otherVendor, packAll, packages, unpack } = require('../harness/packages');

/** The scanner's configuration (its buildScanConfig), rule for rule. */
const SCANNER = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: { ...n8nNodesPlugin.configs.credentials.rules, 'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off', 'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off' },
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser } },
	{ files: ['**/*.ts'], languageOptions: { parser } },
);

/** Network access the scanner's rules do not see: only n8n's helpers may reach the network. */
const NETWORK = defineConfig({ files: ['**/*.js'], rules: { 'no-restricted-globals': ['error', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'] } });

const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/**
 * Lints `patterns` below `dir` as the scanner does; returns one line per error or warning.
 * @param {string} dir @param {string[]} patterns @param {any} config
 */
async function lint(dir, patterns, config) {
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	if (files.length === 0) return { files: 0, problems: [] };
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const results = await eslint.lintFiles(files);
	const problems = results.flatMap((result) => result.messages.map((m) => `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId ?? 'parse'})`));
	return { files: files.length, problems };
}

/** What verification asks of the manifest beyond the rules. @param {any} manifest */
function manifestProblems(manifest) {
	const problems = [];
	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
		if (manifest[field] && Object.keys(manifest[field]).length > 0) problems.push(`package.json: runtime ${field}: ${Object.keys(manifest[field]).join(', ')}`);
	}
	const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare'].filter((name) => manifest.scripts?.[name]);
	if (lifecycle.length) problems.push(`package.json: lifecycle scripts ${lifecycle.join(', ')}`);
	if (manifest.license !== 'MIT') problems.push(`package.json: license ${manifest.license}, not MIT`);
	if (!/^git\+https:\/\/github\.com\//.test(manifest.repository?.url ?? '')) problems.push('package.json: repository.url is not a public GitHub repository');
	return problems;
}

/** The bundles' requires: n8n-workflow (n8n provides it) and crypto only. @param {string} dir @param {string[]} files */
function moduleProblems(dir, files) {
	return files
		.filter((file) => file.endsWith('.js'))
		.flatMap((file) =>
			[...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)]
				.map(([, name]) => name)
				.filter((name) => !['n8n-workflow', 'crypto', 'node:crypto'].includes(name))
				.map((name) => `${file}: requires ${name}`),
		);
}

/** A single-vendor package's files that name the other vendor. @param {string} name @param {string} dir @param {string[]} files */
function otherVendorProblems(name, dir, files) {
	const other = otherVendor(name);
	if (!other) return [];
	const named = (/** @type {string} */ text) => other.test(text.split(REPOSITORY_SLUG).join(''));
	return files.flatMap((file) => [...(named(file) ? [`${file}: its path names the other vendor`] : []), ...(named(fs.readFileSync(path.join(dir, file), 'utf8')) ? [`${file}: its content names the other vendor`] : [])]);
}

async function main() {
	let failed = false;
	const report = (/** @type {string} */ what, /** @type {string[]} */ problems, /** @type {string} */ detail) => {
		process.stdout.write(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}\n`);
		for (const problem of problems) process.stdout.write(`       ${problem}\n`);
		failed ||= problems.length > 0;
	};
	const manifests = packages();
	const tarballs = packAll();
	for (const { name, version, tarball } of tarballs) {
		const pkg = /** @type {{ dir: string, manifest: any }} */ (manifests.find((entry) => entry.name === name));
		const source = await lint(pkg.dir, SOURCE_PATTERNS, SCANNER);
		report(`${name}@${version}: the scanner's source leg`, source.problems, `${source.files} files${name === COMBINED ? '' : ', the package folder of this repository'}`);
		const { dir, files } = unpack(tarball);
		try {
			const packed = await lint(dir, TARBALL_PATTERNS, SCANNER);
			report(`${name}@${version}: the scanner's tarball leg`, packed.problems, `${packed.files} files`);
			const network = await lint(dir, ['**/*.js'], NETWORK);
			report(`${name}@${version}: no network access but n8n's helpers, no module but n8n-workflow and crypto`, [...network.problems, ...moduleProblems(dir, files)], '');
			report(`${name}@${version}: the manifest n8n verifies`, manifestProblems(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))), '');
			if (otherVendor(name)) report(`${name}@${version}: nothing of the other vendor`, otherVendorProblems(name, dir, files), `${files.length} files`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
