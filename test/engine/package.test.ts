/**
 * The three packages from one source: their manifests, what each tarball ships (a single-vendor one nothing
 * of the other vendor, found by listing it and reading every file), that n8n-core's package loader registers
 * each, and that workflows move between them with the migration script and the examples stay in step.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import { packageExamples, readExample } from '../../harness/examples';
import { migrateWorkflow } from '../../harness/migrate';
import { COMBINED, PACKAGE_EXAMPLES, REPOSITORY_SLUG, otherVendor, packAll, packages } from '../../harness/packages';

const root = path.join(__dirname, '..', '..');
const all = packages();
const combined = all.find((pkg) => pkg.name === COMBINED)!.manifest;
/** `BambooPaymentLink.node.js` → `bambooPaymentLink`. */
const typeName = (file: string, suffix: string) => path.basename(file, suffix).replace(/^./, (c) => c.toLowerCase());

describe.each(all.map((pkg) => [pkg.name, pkg.manifest] as const))('%s: package.json', (name, manifest) => {
	it('follows the community package contract, in step with the others', () => {
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.version).toBe(combined.version);
		expect(manifest.repository.url).toBe(combined.repository.url);
		expect(manifest.author).toEqual(combined.author);
		expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/bamboo-hyfin\/n8n-nodes-bamboo-hyfin\b/);
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepack']) expect(manifest.scripts?.[script]).toBeUndefined();
		if (name !== COMBINED) {
			expect(manifest.repository.directory).toBe(`packages/${name}`);
			// The same files (so the same internal names, parameters and versions) as the combined package has.
			for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect([...combined.n8n.nodes, ...combined.n8n.credentials]).toContain(file);
		}
	});
});

it('the single-vendor packages together hold exactly what the combined package holds, one vendor each', () => {
	const single = all.filter((pkg) => pkg.name !== COMBINED);
	expect(single.flatMap((pkg) => pkg.manifest.n8n.nodes).sort()).toEqual([...combined.n8n.nodes].sort());
	expect(single.flatMap((pkg) => pkg.manifest.n8n.credentials).sort()).toEqual([...combined.n8n.credentials].sort());
	for (const pkg of single) expect(new Set(pkg.manifest.n8n.nodes.map((file: string) => path.dirname(file))).size).toBe(1);
});

describe('the tarballs', () => {
	let dir: string;
	let packed: ReturnType<typeof packAll>;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
		packed = packAll(dir);
		for (const { name, tarball } of packed) {
			// Laid out like n8n's nodes folder: each package beside the host's n8n-workflow (its peer).
			const modules = path.join(dir, name, 'node_modules');
			fs.mkdirSync(path.join(modules, name), { recursive: true });
			execFileSync('tar', ['-xzf', tarball, '-C', path.join(modules, name), '--strip-components=1']);
			fs.symlinkSync(path.join(root, 'node_modules', 'n8n-workflow'), path.join(modules, 'n8n-workflow'));
		}
	}, 120000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	const listing = (tarball: string) => execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((file) => file.replace(/^package\//, ''));

	it.each(all.map((pkg) => [pkg.name, pkg.manifest] as const))('%s holds its built files, their source maps, its README and the license: nothing else', (name, manifest) => {
		const files = listing(packed.find((entry) => entry.name === name)!.tarball);
		expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
		expect(files.filter((file) => /\.ts$/.test(file) || /(^|\/)(test|sandbox|harness|scripts|examples)\//.test(file))).toEqual([]);
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(files).toContain(entry);
			expect(files).toContain(`${entry}.map`);
		}
		expect(files.filter((file) => file.endsWith('.node.json')).length).toBe(manifest.n8n.nodes.length);
		// Unminified: a reviewer reads the bundles as they ship.
		const bundle = fs.readFileSync(path.join(dir, name, 'node_modules', name, manifest.n8n.nodes[0]), 'utf8');
		expect(bundle.split('\n').length).toBeGreaterThan(200);
		expect(bundle).toMatch(/\/\/# sourceMappingURL=\S+\.node\.js\.map\s*$/);
	});

	it.each(all.filter((pkg) => otherVendor(pkg.name)).map((pkg) => [pkg.name] as const))('%s names nothing of the other vendor, in any path or file', (name) => {
		const other = otherVendor(name)!;
		const unpacked = path.join(dir, name, 'node_modules', name);
		const files = listing(packed.find((entry) => entry.name === name)!.tarball);
		const naming = files.filter((file) => other.test(file) || other.test(fs.readFileSync(path.join(unpacked, file), 'utf8').split(REPOSITORY_SLUG).join('')));
		expect(naming).toEqual([]);
		expect(files.length).toBeGreaterThan(10);
	});

	it.each(all.map((pkg) => [pkg.name, pkg.manifest] as const))('%s loads in n8n-core\'s package loader with every node and credential registered', async (name, manifest) => {
		const loader = new PackageDirectoryLoader(path.join(dir, name, 'node_modules', name));
		await loader.loadAll();
		expect(loader.packageName).toBe(name);
		const nodeNames = manifest.n8n.nodes.map((file: string) => typeName(file, '.node.js'));
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([...nodeNames].sort());
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(manifest.n8n.credentials.map((file: string) => typeName(file, '.credentials.js')).sort());
		for (const node of nodeNames) {
			expect(loader.known.nodes[node]).toBeDefined();
			const description = loader.nodeTypes[node].type.description as { iconUrl?: { light: string; dark: string } };
			expect(description.iconUrl?.light).toMatch(/\.svg$/);
			expect(description.iconUrl?.dark).toMatch(/\.dark\.svg$/);
		}
	});
});

describe('moving a workflow between the packages', () => {
	it('each single-vendor package ships the combined examples with its own node types (npm run examples writes them)', () => {
		const expected = packageExamples();
		expect(expected.length).toBe(Object.values(PACKAGE_EXAMPLES).flat().length);
		for (const [file, text] of expected) expect(`${path.relative(root, file)}\n${fs.readFileSync(file, 'utf8')}`).toBe(`${path.relative(root, file)}\n${text}`);
	});

	it.each(Object.entries(PACKAGE_EXAMPLES).flatMap(([name, files]) => files.map((file) => [file, name] as const)))('%s goes to %s and back unchanged, with only its node types changed', (file, name) => {
		const original = readExample(file);
		const moved = migrateWorkflow(original, name);
		expect(moved.nodes.filter((node: { type: string }) => node.type.startsWith(`${COMBINED}.`))).toEqual([]);
		expect(moved.nodes.map((node: { type: string }) => ({ ...node, type: node.type.replace(`${name}.`, `${COMBINED}.`) }))).toEqual(original.nodes);
		expect(migrateWorkflow(moved, COMBINED)).toEqual(original);
	});

	it('refuses to move a workflow to a package that lacks one of its nodes, naming them, and moves nothing', () => {
		expect(() => migrateWorkflow(readExample('crm-contacts-to-hyfin-and-bamboo.json'), 'n8n-nodes-hyfin')).toThrow(
			'n8n-nodes-hyfin does not have the node(s) "Create payment link" (n8n-nodes-bamboo-hyfin.bambooPaymentLink), "Attach customer to payment" (n8n-nodes-bamboo-hyfin.bambooPaymentLink): install the package that has them (n8n-nodes-bamboo-hyfin has every node)',
		);
	});

	it('the command line: stdout holds the moved workflow; a refusal exits 1 and writes nothing', () => {
		const script = path.join(root, 'scripts', 'migrate-workflow.js');
		const out = execFileSync(process.execPath, [script, '--to', 'n8n-nodes-hyfin', path.join(root, 'examples', 'crm-contacts-to-hyfin.json')], { encoding: 'utf8' });
		expect(JSON.parse(out).nodes.find((node: { name: string }) => node.name === 'Hyfin Customer').type).toBe('n8n-nodes-hyfin.hyfinCustomer');
		let failure: { status: number; stdout: string } | undefined;
		try {
			execFileSync(process.execPath, [script, '--to', 'n8n-nodes-bamboo-payment', path.join(root, 'examples', 'crm-contacts-to-hyfin.json')], { encoding: 'utf8', stdio: 'pipe' });
		} catch (error) {
			failure = error as { status: number; stdout: string };
		}
		expect(failure?.status).toBe(1);
		expect(failure?.stdout).toBe('');
	});
});
