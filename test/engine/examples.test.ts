/** The example workflows are valid n8n workflows and run in the real engine against the sandbox. */
import fs from 'node:fs';
import path from 'node:path';
import { bambooCredentials, hyfinCredentials, useEngineAndSandbox } from '../support/engine';
import { EXPECTED_LINKS } from '../../harness/examples';
import { PACKAGE } from '../../harness/workflows';
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

const { engine, sandbox } = useEngineAndSandbox();
const dir = path.join(__dirname, '..', '..', 'examples');
const examples = fs.readdirSync(dir).filter((file) => file.endsWith('.json'));
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
/** Where the test engine's executions say their n8n is, and the Bamboo notification example's webhook. */
const NOTIFICATION_URL = 'http://127.0.0.1:5678/webhook/2f6a9c1e-8d4b-4e3a-b7f5-0c1d2e3f4a5b/webhook';

/** The version a node type gets when added in the editor today. */
function currentVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	return Math.max(...[type.description.version].flat());
}

describe.each(examples)('%s', (file) => {
	it("uses each of this package's nodes at its current version (an older one would ship older forms and defaults)", () => {
		const ours = read(file).nodes.filter((node: { type: string }) => node.type.startsWith(`${PACKAGE}.`));
		for (const node of ours) expect(`${node.name} v${node.typeVersion}`).toBe(`${node.name} v${currentVersion(engine().types.nodes.get(node.type)!)}`);
	});

	it('is an importable workflow whose nodes and connections resolve', () => {
		const workflow = read(file);
		// n8n's workflow ids have at most 16 characters (1.x saves nothing, static data included, for a longer one).
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,16}$/);
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

it('CRM contacts → Hyfin → Bamboo gives every contact a Hyfin id and a payment link with the customer attached', async () => {
	const workflow = read('crm-contacts-to-hyfin-and-bamboo.json');
	const run = await engine().run(workflow, { credentials: { ...hyfinCredentials(sandbox()), ...bambooCredentials(sandbox()) } });
	expect(run.error).toBeUndefined();
	const contacts = run.json('One item per contact');
	const customers = run.json('Hyfin Customer');
	const links = run.json('Create payment link');
	const attached = run.json('Attach customer to payment');
	expect(customers.map((c) => c.action)).toEqual(contacts.map(() => 'added'));
	expect(links.map((l) => l.redirectUrl)).toEqual(links.map((l) => `https://checkout.stage.bamboopayment.com/#?paymentId=${String(l.paymentId)}`));
	expect(attached.map((a) => a.paymentId)).toEqual(links.map((l) => l.paymentId));
	expect(run.items('Attach customer to payment').map((item) => item.pairedItem)).toEqual(contacts.map((_c, item) => ({ item })));

	const payments = sandbox().vendors.bamboo.payments();
	expect(payments.map((p) => ({ orderNumber: p.request.orderNumber, amount: p.request.amount, currencyCode: p.request.currencyCode }))).toEqual(EXPECTED_LINKS);
	expect(payments.map((p) => p.customer)).toEqual(
		contacts.map((c) => ({
			identifier: c.email,
			email: c.email,
			firstName: c.firstName,
			lastName: c.lastName,
			...(c.phone ? { phoneNumber: c.phone } : {}),
			billingAddress: { detail: c.street, city: c.city, state: c.state, postalCode: c.zip, country: 'United States' },
		})),
	);
	expect([...sandbox().vendors.bamboo.createsByOrder().values()]).toEqual(contacts.map(() => 1));
	// Payments notify the Bamboo notification example's Production URL, on this n8n's own address.
	expect(payments.map((p) => p.request.notificationUrl)).toEqual(payments.map(() => NOTIFICATION_URL));
});

it('Orders → Bamboo payment links: a link per order, customer attached; a second run makes none and returns them', async () => {
	const workflow = read('orders-to-bamboo-payment-links.json');
	const credentials = bambooCredentials(sandbox());
	const staticData = {};
	const first = await engine().run(workflow, { credentials, staticData });
	expect(first.error).toBeUndefined();
	const links = first.json('Create payment link');
	expect(sandbox().vendors.bamboo.payments().map((p) => [p.request.orderNumber, p.request.amount, p.request.currencyCode, p.request.notificationUrl, p.customer.identifier])).toEqual([
		['SO-2026-3001', 14990, 'USD', NOTIFICATION_URL, 'ana.silva@example.com'],
		['SO-2026-3002', 8900, 'USD', NOTIFICATION_URL, 'bruno.costa@example.com'],
		['SO-2026-3003', 1999, 'USD', NOTIFICATION_URL, 'carla.dias@example.com'],
	]);
	const second = await engine().run(workflow, { credentials, staticData });
	expect(second.json('Create payment link').map((json) => [json.skipped, json.paymentId])).toEqual(links.map((json) => [true, json.paymentId]));
	expect(second.json('Attach customer to payment').map((json) => json.paymentId)).toEqual(links.map((json) => json.paymentId));
	expect(sandbox().vendors.bamboo.payments()).toHaveLength(3);
});

it('CRM orders → Hyfin customers → Hyfin invoices: each order invoiced with exact totals and sent once', async () => {
	const run = await engine().run(read('crm-orders-to-hyfin-invoices.json'), { credentials: hyfinCredentials(sandbox()) });
	expect(run.error).toBeUndefined();
	expect(run.json('Create invoice').map((json) => json.action)).toEqual(['added', 'added']);
	expect(run.json('Send invoice')).toEqual([
		{ success: true, action: 'updated' },
		{ success: true, action: 'updated' },
	]);
	const stored = sandbox().vendors.hyfin.invoices.invoices();
	expect(stored.map((invoice) => [invoice.external_id, invoice.totals])).toEqual([
		['INV-2026-2101', { total: 104.9, taxes: 7.04 }],
		['INV-2026-2102', { total: 120, taxes: 0 }],
	]);
	expect(sandbox().vendors.hyfin.invoices.sends().map((entry) => [entry.invoice, entry.channels])).toEqual([
		['INV-2026-2101', ['email']],
		['INV-2026-2102', ['email']],
	]);
});
