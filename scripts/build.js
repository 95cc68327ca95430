// @ts-check
/**
 * Builds dist/: one CommonJS bundle per node and credential listed in package.json's `n8n` block (n8n-workflow
 * stays external, provided by n8n), unminified with a source map each, then icons and codex files. One file
 * per entry point keeps the time n8n spends loading the package low, and lets each single-vendor package take
 * just its own files (scripts/packages.js); `npm run typecheck` (tsc) checks the sources.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const entryPoints = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) =>
	path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
);

esbuild.buildSync({
	entryPoints,
	outdir: path.join(root, 'dist'),
	outbase: root,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['n8n-workflow'],
	// Reviewable: not minified, with source maps (and the sources in them) beside each bundle.
	minify: false,
	sourcemap: true,
	logLevel: 'warning',
});
