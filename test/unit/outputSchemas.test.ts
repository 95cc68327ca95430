/**
 * The output schemas the editor shows in the next node's input panel before a node has run. n8n asks for
 * `/schemas/<nodeType>/<version>/<resource>/<operation>.json` and serves it from beside the node's compiled
 * file: `<dir of X.node.js>/__schema__/v<version as x.y.z>/<resource>/<operation>.json`, with the parts the node
 * has no parameter for left out (a trigger: `__schema__/v1.0.0.json`). The path has no node name in it, so the
 * nodes of one folder share one `__schema__` folder, told apart only by version, resource and operation.
 *
 * For every node in package.json, every version and every resource and operation the description offers at that
 * version: a schema exists where n8n looks, in the shape the editor accepts, and ships in dist/; and no schema
 * is there that no node asks for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { BambooPaymentLink } from '../../nodes/BambooPayment/BambooPaymentLink.node';
import { BambooPaymentTrigger } from '../../nodes/BambooPayment/BambooPaymentTrigger.node';
import { HyfinCustomer } from '../../nodes/Hyfin/HyfinCustomer.node';
import { HyfinInvoice } from '../../nodes/Hyfin/HyfinInvoice.node';
import { HyfinTrigger } from '../../nodes/Hyfin/HyfinTrigger.node';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

/** The node classes by class name (n8n loads the class named as the file: `X.node.js` exports `X`). */
const CLASSES: Record<string, new () => INodeType> = { BambooPaymentLink, BambooPaymentTrigger, HyfinCustomer, HyfinInvoice, HyfinTrigger };

interface NodeEntry {
	className: string;
	node: INodeType;
	/** The node's folder in the sources, e.g. `nodes/Hyfin` (its build goes to `dist/nodes/Hyfin`). */
	folder: string;
}

const entries: NodeEntry[] = manifest.n8n.nodes.map((file) => {
	const className = path.basename(file).split('.')[0];
	const NodeClass = CLASSES[className];
	if (!NodeClass) throw new Error(`${file}: add its class to CLASSES in this test, and give it output schemas`);
	return { className, node: new NodeClass(), folder: path.dirname(file).replace(/^dist\//, '') };
});

/** As n8n writes a version on disk: 1 → 1.0.0, 1.1 → 1.1.0. */
function padVersion(version: number): string {
	return String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
}

function versionsOf(node: INodeType): number[] {
	const { version } = node.description;
	return Array.isArray(version) ? version : [version];
}

/** The values of an options parameter of this name that the editor shows with these values at this version. */
function offered(node: INodeType, version: number, name: string, values: INodeParameters): string[] | undefined {
	const shown = node.description.properties.filter(
		(property: INodeProperties) => property.name === name && NodeHelpers.displayParameter(values, property, { typeVersion: version }, node.description),
	);
	if (shown.length === 0) return undefined;
	// The editor would show two; which one sets the value is not for this test to guess.
	if (shown.length > 1) throw new Error(`${node.description.name} v${version} shows ${shown.length} "${name}" parameters for ${JSON.stringify(values)}`);
	return (shown[0].options as INodePropertyOptions[]).map((option) => String(option.value));
}

/** Where n8n looks for each output schema of this node, relative to its folder's `__schema__`. */
function schemaPaths(node: INodeType): string[] {
	return versionsOf(node).flatMap((version) =>
		(offered(node, version, 'resource', {}) ?? [undefined]).flatMap((resource) =>
			(offered(node, version, 'operation', resource === undefined ? {} : { resource }) ?? [undefined]).map(
				(operation) => `${[`v${padVersion(version)}`, resource, operation].filter(Boolean).join('/')}.json`,
			),
		),
	);
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string, sub = ''): string[] {
	if (!fs.existsSync(path.join(dir, sub))) return [];
	return fs
		.readdirSync(path.join(dir, sub), { withFileTypes: true })
		.flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, path.posix.join(sub, entry.name)) : [path.posix.join(sub, entry.name)]));
}

type JsonSchema = { type?: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema };

/** Problems of a schema node: each with a type; objects with their properties, arrays with their items. */
function problems(schema: JsonSchema, at: string): string[] {
	const types = Array.isArray(schema.type) ? schema.type : [schema.type];
	if (schema.type === undefined || !types.every((type) => ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'].includes(type as string))) {
		return [`${at}: no valid type`];
	}
	// The editor reads only the first type of a list, and opens only `"type": "object"` and `"type": "array"`.
	if (Array.isArray(schema.type) && (types[0] === 'object' || types[0] === 'array' || types[0] === 'null')) return [`${at}: a list of types that starts with ${String(types[0])}`];
	if (schema.type === 'object') {
		const properties = Object.entries(schema.properties ?? {});
		if (properties.length === 0) return [`${at}: an object without properties`];
		return properties.flatMap(([key, value]) => problems(value, `${at}.${key}`));
	}
	if (schema.type === 'array') return schema.items ? problems(schema.items, `${at}[]`) : [`${at}: an array without items`];
	return [];
}

/** Every property name in a schema. */
function keysOf(schema: JsonSchema): string[] {
	return [...Object.entries(schema.properties ?? {}).flatMap(([key, value]) => [key, ...keysOf(value)]), ...(schema.items ? keysOf(schema.items) : [])];
}

const folders = [...new Set(entries.map((entry) => entry.folder))];

describe.each(entries.map((entry) => [entry.className, entry] as const))('%s', (_name, { node, folder }) => {
	const schemaDir = path.join(ROOT, folder, '__schema__');
	const expected = schemaPaths(node);

	it('has a schema for every version and every resource and operation it offers', () => {
		expect(expected.length).toBeGreaterThanOrEqual(versionsOf(node).length);
		expect(expected.filter((file) => !fs.existsSync(path.join(schemaDir, file)))).toEqual([]);
	});

	it.each(expected)('%s is a JSON Schema object the editor shows: every property typed, objects with properties, arrays with items', (file) => {
		const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')) as JsonSchema;
		// What the editor accepts (getSchemaPreview: `type` and non-empty `properties`, else "Invalid JSON schema").
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		expect(problems(schema, file)).toEqual([]);
		expect(keysOf(schema).filter((key) => /secret|password|token|private|authori[sz]ation|api.?key|credential/i.test(key))).toEqual([]);
	});

	it('ships its schemas in dist/, beside its compiled file, as they are in the sources', () => {
		for (const file of expected) {
			const built = path.join(ROOT, 'dist', folder, '__schema__', file);
			expect([file, fs.existsSync(built)]).toEqual([file, true]);
			expect(fs.readFileSync(built, 'utf8')).toBe(fs.readFileSync(path.join(schemaDir, file), 'utf8'));
		}
	});
});

describe.each(folders.map((folder) => [folder] as const))('%s/__schema__', (folder) => {
	const nodes = entries.filter((entry) => entry.folder === folder);
	const wanted = nodes.flatMap((entry) => schemaPaths(entry.node).map((file) => ({ file, node: entry.className })));

	it('holds no schema that no node of the folder asks for (no orphans)', () => {
		const files = filesUnder(path.join(ROOT, folder, '__schema__'));
		const asked = new Set(wanted.map(({ file }) => file));
		expect(files.filter((file) => !asked.has(file))).toEqual([]);
		expect(filesUnder(path.join(ROOT, 'dist', folder, '__schema__')).filter((file) => !asked.has(file))).toEqual([]);
	});

	it('has no path that two of its nodes ask for (n8n could not tell them apart: the path has no node name)', () => {
		const owners = new Map<string, string[]>();
		for (const { file, node } of wanted) owners.set(file, [...new Set([...(owners.get(file) ?? []), node])]);
		expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
	});
});
