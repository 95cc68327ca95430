/** What `npm pack` ships, and that n8n-core's package loader registers it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
	it('follows the community package contract', () => {
		expect(pkg.name).toBe('n8n-nodes-bamboo-hyfin');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.devDependencies['n8n-workflow']).toMatch(/^\d+\.\d+\.\d+$/);
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepack']) {
			expect(pkg.scripts[script]).toBeUndefined();
		}
		expect(pkg.files).toEqual(['dist']);
	});
});

describe('npm pack', () => {
	let dir: string;
	let tarball: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
		const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
		const [info] = JSON.parse(out);
		tarball = path.join(dir, info.filename);
		// Laid out like n8n's nodes folder: the package beside the host's n8n-workflow (its peer).
		const modules = path.join(dir, 'node_modules');
		fs.mkdirSync(path.join(modules, pkg.name), { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', path.join(modules, pkg.name), '--strip-components=1']);
		fs.symlinkSync(path.join(root, 'node_modules', 'n8n-workflow'), path.join(modules, 'n8n-workflow'));
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('contains only the built package, the README and the license', () => {
		const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((file) => file.replace(/^package\//, ''));
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
		expect(files.filter((file) => /\.(ts|map)$/.test(file) || /(^|\/)(test|sandbox|harness|scripts|examples)\//.test(file))).toEqual([]);
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		expect(files.filter((file) => file.endsWith('.svg')).length).toBeGreaterThanOrEqual(4);
		expect(files.filter((file) => file.endsWith('.node.json')).length).toBe(pkg.n8n.nodes.length);
	});

	it('loads in n8n-core\'s package loader with every node and credential registered', async () => {
		const loader = new PackageDirectoryLoader(path.join(dir, 'node_modules', pkg.name));
		await loader.loadAll();
		expect(loader.packageName).toBe('n8n-nodes-bamboo-hyfin');
		const nodeNames = pkg.n8n.nodes.map((file: string) => path.basename(file, '.node.js').replace(/^./, (c) => c.toLowerCase()));
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(nodeNames.sort());
		const credentialNames = pkg.n8n.credentials.map((file: string) => path.basename(file, '.credentials.js').replace(/^./, (c) => c.toLowerCase()));
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(credentialNames.sort());
		const known = loader.known.nodes;
		for (const name of nodeNames) expect(known[name]).toBeDefined();
		// Icons and codex resolve to files inside the package.
		for (const name of nodeNames) {
			const description = loader.nodeTypes[name].type.description as { iconUrl?: { light: string; dark: string } };
			expect(description.iconUrl?.light).toMatch(/\.svg$/);
			expect(description.iconUrl?.dark).toMatch(/\.dark\.svg$/);
		}
	});
});
