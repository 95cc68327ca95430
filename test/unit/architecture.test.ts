/**
 * The shape of the codebase, checked so that it stays walkable: no import circle in the shipped code, no
 * file over 300 lines, and no six identical lines of code shared between the two nodes.
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
	return [...text.matchAll(/from '(\.[^']+)'/g)].map(([, target]) => {
		const base = path.join(path.dirname(file), target);
		return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(path.join(ROOT, candidate))) ?? `${base}?`;
	});
}

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

it('shares no six identical lines of code between the two nodes', () => {
	const windows = (dir: string) => {
		const seen = new Map<string, string>();
		for (const file of filesBelow(dir)) {
			const lines = codeLines(file);
			for (let i = 0; i + 6 <= lines.length; i++) seen.set(lines.slice(i, i + 6).join('\n'), `${file}:${i}`);
		}
		return seen;
	};
	const bamboo = windows('nodes/BambooPaymentLink');
	const shared = [...windows('nodes/HyfinCustomer')].filter(([block]) => bamboo.has(block)).map(([block, where]) => `${where} ~ ${bamboo.get(block)}\n${block}`);
	expect(shared).toEqual([]);
});
