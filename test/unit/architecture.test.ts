/**
 * The shape of the codebase, checked so that it stays walkable and so that one source can build one package
 * per vendor: no import circle in the shipped code; no file over 300 lines; one folder per vendor, whose
 * nodes import nothing of another vendor; a node's own folder imported by that node only; credentials may
 * import nodes' code, never the other way round; scripts/ and test/ import nothing of each other; and no six
 * identical lines of code shared by two nodes (triggers included).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CODE = /\.(ts|js|mjs)$/;

function filesBelow(dir: string): string[] {
	const full = path.join(ROOT, dir);
	if (!fs.existsSync(full)) return [];
	return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		return entry.isDirectory() ? filesBelow(relative) : CODE.test(entry.name) ? [relative] : [];
	});
}

/** The relative imports of a shipped TypeScript file, resolved to files. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
	return [...text.matchAll(/(?:from |require\(|import )'(\.[^']+)'/g)].map(([, target]) => {
		const base = path.join(path.dirname(file), target);
		return [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')].find((candidate) => fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) ?? `${base}?`;
	});
}

/** The vendors' folders, and each node: its file and its own folder (a vendor's other folders serve all its nodes). */
const VENDORS = ['nodes/BambooPayment', 'nodes/Hyfin'];
const NODES: Record<string, { file: string; own: string }> = {
	BambooPaymentLink: { file: 'nodes/BambooPayment/BambooPaymentLink.node.ts', own: 'nodes/BambooPayment/link/' },
	BambooPaymentTrigger: { file: 'nodes/BambooPayment/BambooPaymentTrigger.node.ts', own: 'nodes/BambooPayment/trigger/' },
	HyfinCustomer: { file: 'nodes/Hyfin/HyfinCustomer.node.ts', own: 'nodes/Hyfin/customer/' },
	HyfinInvoice: { file: 'nodes/Hyfin/HyfinInvoice.node.ts', own: 'nodes/Hyfin/invoice/' },
	HyfinTrigger: { file: 'nodes/Hyfin/HyfinTrigger.node.ts', own: 'nodes/Hyfin/trigger/' },
};
const VENDOR_WIDE = ['transport/', 'methods/'];
const vendorOf = (file: string) => VENDORS.find((vendor) => file.startsWith(`${vendor}/`));
const nodeOf = (file: string) => Object.keys(NODES).find((name) => file === NODES[name].file || file.startsWith(NODES[name].own));

function findCycle(graph: Map<string, string[]>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string): string[] | undefined => {
		if (state.get(file) === 'done') return undefined;
		if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		stack.pop();
		state.set(file, 'done');
		return undefined;
	};
	for (const file of graph.keys()) {
		const cycle = visit(file);
		if (cycle) return cycle;
	}
	return undefined;
}

/** Lines that carry code: no blanks, comments, imports or lone punctuation; white space folded. */
function codeLines(file: string): string[] {
	return fs
		.readFileSync(path.join(ROOT, file), 'utf8')
		.split('\n')
		.map((line) => line.trim().replace(/\s+/g, ' '))
		.filter((line) => line !== '' && !/^(\/\/|\/\*|\*|import )/.test(line) && !/^[\s{}()[\];,]*$/.test(line));
}

const shipped = [...filesBelow('nodes'), ...filesBelow('credentials')].filter((file) => file.endsWith('.ts'));

it('has no import circle in nodes/ and credentials/', () => {
	const graph = new Map(shipped.map((file) => [file, importsOf(file)]));
	const unresolved = [...graph.values()].flat().filter((target) => target.endsWith('?'));
	expect(unresolved).toEqual([]);
	expect(findCycle(graph)).toBeUndefined();
});

it('has no code file over 300 lines', () => {
	const all = ['nodes', 'credentials', 'test', 'sandbox', 'harness', 'scripts', 'benchmarks'].flatMap(filesBelow);
	expect(all.length).toBeGreaterThan(40);
	const long = all.map((file) => [file, fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 300);
	expect(long).toEqual([]);
});

it('has one folder per vendor, and every file of it belongs to one node or serves all the vendor\'s nodes', () => {
	expect(filesBelow('nodes').filter((file) => !file.startsWith('nodes/shared/') && !vendorOf(file))).toEqual([]);
	const stray = shipped.filter((file) => vendorOf(file) && !nodeOf(file) && !VENDOR_WIDE.some((dir) => file.startsWith(`${vendorOf(file)}/${dir}`)));
	expect(stray).toEqual([]);
	const listed = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).n8n.nodes as string[]).map((file) => file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	expect(listed.sort()).toEqual(Object.values(NODES).map((node) => node.file).sort());
});

it('imports nothing across vendors, nor another node\'s own folder; nodes never import credentials', () => {
	const wrong = shipped.flatMap((file) =>
		importsOf(file)
			.filter((target) => {
				if (file.startsWith('nodes/') && target.startsWith('credentials/')) return true;
				if (file.startsWith('nodes/shared/') && vendorOf(target)) return true;
				const [from, to] = [vendorOf(file), vendorOf(target)];
				if (from && to && from !== to) return true;
				const owner = nodeOf(target);
				return owner !== undefined && target !== NODES[owner].file && nodeOf(file) !== owner;
			})
			.map((target) => `${file} → ${target}`),
	);
	expect(wrong).toEqual([]);
});

it('scripts/ and test/ import nothing of each other (what both use is in harness/)', () => {
	const crossing = (from: string, to: string) => filesBelow(from).flatMap((file) => importsOf(file).filter((target) => target.startsWith(`${to}/`)).map((target) => `${file} → ${target}`));
	expect([...crossing('scripts', 'test'), ...crossing('test', 'scripts'), ...crossing('benchmarks', 'test'), ...crossing('harness', 'test'), ...crossing('harness', 'scripts')]).toEqual([]);
});

it('shares no six identical lines of code between two nodes (their files and own folders, triggers included)', () => {
	const windows = (files: string[]) => {
		const seen = new Map<string, string>();
		for (const file of files) {
			const lines = codeLines(file);
			for (let i = 0; i + 6 <= lines.length; i++) seen.set(lines.slice(i, i + 6).join('\n'), `${file}:${i}`);
		}
		return seen;
	};
	const units = Object.entries(NODES).map(([name, node]) => [name, windows(shipped.filter((file) => nodeOf(file) === name || file === node.file))] as const);
	const shared = units.flatMap(([a, one], i) =>
		units.slice(i + 1).flatMap(([b, other]) => [...one].filter(([block]) => other.has(block)).map(([block, where]) => `${a} ${where} ~ ${b} ${other.get(block)}\n${block}`)),
	);
	expect(shared).toEqual([]);
});
