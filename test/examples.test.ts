/** The example workflows are valid n8n workflows and run in the real engine against the sandbox. */
import fs from 'node:fs';
import path from 'node:path';
import { hyfinCredentials, useEngineAndSandbox } from './helpers/setup';

const { engine, sandbox } = useEngineAndSandbox();
const dir = path.join(__dirname, '..', 'examples');
const examples = fs.readdirSync(dir).filter((file) => file.endsWith('.json'));
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

describe.each(examples)('%s', (file) => {
	it('is an importable workflow whose nodes and connections resolve', () => {
		const workflow = read(file);
		expect(typeof workflow.id).toBe('string');
		expect(typeof workflow.name).toBe('string');
		const names = new Set(workflow.nodes.map((node: { name: string }) => node.name));
		expect(names.size).toBe(workflow.nodes.length);
		for (const node of workflow.nodes) {
			expect(node).toEqual(expect.objectContaining({ id: expect.any(String), typeVersion: expect.any(Number), position: expect.any(Array), parameters: expect.any(Object) }));
			expect(engine().types.nodes.has(node.type)).toBe(true);
		}
		for (const [source, outputs] of Object.entries(workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>)) {
			expect(names.has(source)).toBe(true);
			for (const target of outputs.main.flat()) expect(names.has(target.node)).toBe(true);
		}
	});
});

it('CRM contacts → Hyfin adds every contact, then updates the same customers', async () => {
	const workflow = read('crm-contacts-to-hyfin.json');
	const credentials = hyfinCredentials(sandbox());
	const first = await engine().run(workflow, { credentials });
	expect(first.error).toBeUndefined();
	const contacts = first.json('One item per contact');
	expect(contacts).toHaveLength(5);
	expect(first.json('Hyfin Customer').map((json) => json.action)).toEqual(contacts.map(() => 'added'));
	const second = await engine().run(workflow, { credentials });
	expect(second.json('Hyfin Customer').map((json) => json.action)).toEqual(contacts.map(() => 'updated'));
	expect(second.json('Hyfin Customer').map((json) => json._id)).toEqual(first.json('Hyfin Customer').map((json) => json._id));
	expect(sandbox().vendors.hyfin.storedExternalIds().sort()).toEqual(contacts.map((c) => c.crmId).sort());
});
