/**
 * What the editor shows, checked on the descriptions n8n renders: version 2 forms (flags that start off,
 * Order Number in sight, lists and colour pickers), version 1 forms unchanged for saved workflows,
 * subtitles in words, codex aliases, and documentation links that land on pages of this repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { BambooPaymentApi } from '../../credentials/BambooPaymentApi.credentials';
import { HyfinApi } from '../../credentials/HyfinApi.credentials';
import { BambooPaymentLink } from '../../nodes/BambooPayment/BambooPaymentLink.node';
import { HyfinCustomer } from '../../nodes/Hyfin/HyfinCustomer.node';

const ROOT = path.join(__dirname, '..', '..');
const REPO_DOCS = 'https://github.com/bamboo-hyfin/n8n-nodes-bamboo-hyfin/blob/main/';
const bamboo = new BambooPaymentLink();
const hyfin = new HyfinCustomer();

/** The properties a node of this typeVersion shows (those whose `@version` condition admits it). */
function forVersion(node: INodeType, version: number): INodeProperties[] {
	return node.description.properties.filter((property) => {
		const versions = property.displayOptions?.show?.['@version'] as number[] | undefined;
		return versions === undefined || versions.includes(version);
	});
}

/** Every property of a collection of the given name shown to that version and for that operation. */
function collectionFields(node: INodeType, version: number, name: string, operation: string): INodeProperties[] {
	return forVersion(node, version)
		.filter((property) => property.name === name && (property.displayOptions?.show?.operation as string[] | undefined)?.includes(operation))
		.flatMap((property) => (property.options ?? []) as INodeProperties[]);
}

describe('version 2 forms', () => {
	it('are what new nodes get (in version 3, which differs only where noted below); version 1 stays available for saved workflows', () => {
		for (const node of [bamboo, hyfin]) {
			expect(node.description.version).toEqual([1, 2, 3]);
			expect(node.description.defaultVersion).toBe(3);
			const differs = (property: INodeProperties) => JSON.stringify({ ...property, displayOptions: undefined });
			const only = (mine: number, other: number) =>
				forVersion(node, mine)
					.filter((property) => !forVersion(node, other).some((candidate) => differs(candidate) === differs(property)))
					.map((property) => `${property.name}=${JSON.stringify(property.default)}`);
			expect({ in3: only(3, 2), in2: only(2, 3) }).toEqual(
				node === bamboo ? { in3: ['operation="create"'], in2: ['operation="injectCustomer"'] } : { in3: ['simple=true'], in2: [] },
			);
		}
	});

	it('open on Create in version 3; versions 1 and 2 keep Attach Customer as the Payment default', () => {
		const paymentDefault = (version: number) =>
			forVersion(bamboo, version).find((property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[]).includes('payment'))?.default;
		expect([1, 2, 3].map(paymentDefault)).toEqual(['injectCustomer', 'injectCustomer', 'create']);
		const attach = forVersion(bamboo, 3)
			.flatMap((property) => (property.name === 'operation' ? (property.options as INodePropertyOptions[]) : []))
			.find((option) => option.value === 'injectCustomer');
		expect(attach?.name).toBe('Attach Customer');
	});

	it('start every flag added from a collection off (Hyfin "Active" excepted, as Hyfin defaults it on)', () => {
		const flags = [bamboo, hyfin].flatMap((node) =>
			forVersion(node, 2)
				.filter((property) => property.type === 'collection' && (property.displayOptions?.show?.['@version'] as number[] | undefined)?.includes(2))
				.flatMap((property) => (property.options ?? []) as INodeProperties[])
				.filter((field) => field.type === 'boolean')
				.map((field) => [field.name, field.default]),
		);
		expect(flags).toEqual(expect.arrayContaining([['isFinalConsumer', false], ['notifyPhone', false], ['billToParentFlag', false], ['deleted', false], ['active', true]]));
		expect(flags.filter(([name, value]) => value !== false && name !== 'active')).toEqual([]);
	});

	it('show Order Number as a field of its own, currency and QR formats as lists, QR colours as pickers', () => {
		const create = forVersion(bamboo, 2).filter((property) => (property.displayOptions?.show?.operation as string[] | undefined)?.includes('create'));
		expect(create.find((property) => property.name === 'orderNumber')).toMatchObject({ type: 'string', hint: expect.stringMatching(/notification/) });
		expect(collectionFields(bamboo, 2, 'additionalFields', 'create').map((field) => field.name)).not.toContain('orderNumber');
		const currency = create.find((property) => property.name === 'currencyCode');
		expect(currency?.type).toBe('options');
		expect((currency?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(expect.arrayContaining(['UYU', 'USD', 'ARS']));
		const qr = Object.fromEntries(collectionFields(bamboo, 2, 'qrImageOptions', 'create').map((field) => [field.name, field.type]));
		expect(qr).toMatchObject({ foregroundColor: 'color', backgroundColor: 'color', borderColor: 'color', imageFormat: 'options', imagePixelFormat: 'options' });
	});

	it('state what users must know in the form, not only in tooltips', () => {
		const amount = forVersion(bamboo, 2).find((property) => property.name === 'amount');
		expect(amount?.hint).toMatch(/1999 is 19\.99/);
		const identifiers = forVersion(bamboo, 2).filter((property) => property.name === 'identifier');
		expect(identifiers.every((property) => /unique ID/.test(String(property.hint)))).toBe(true);
		const notice = forVersion(hyfin, 2).find((property) => property.type === 'notice' && (property.displayOptions?.show?.apiVersion as string[]).includes('v4'));
		expect(notice?.displayName).toMatch(/^Version 4 needs a Primary Contact/);
		const labels = [bamboo, hyfin].flatMap((node) => [2, 3].flatMap((version) => forVersion(node, version)).flatMap((property) => [property, ...((property.options ?? []) as INodeProperties[])]));
		expect(labels.filter((property) => typeof property.displayName === 'string' && property.displayName.length > 30 && property.type !== 'notice').map((p) => p.displayName)).toEqual([]);
		expect(JSON.stringify(labels)).not.toMatch(/documents neither/);
	});
});

describe('version 1 forms, which saved workflows use, are unchanged', () => {
	it('keep Order Number in Additional Fields, free-text currency and QR options, and their old flag defaults', () => {
		expect(collectionFields(bamboo, 1, 'additionalFields', 'create').find((field) => field.name === 'orderNumber')).toBeDefined();
		expect(forVersion(bamboo, 1).filter((property) => property.name === 'orderNumber')).toEqual([]);
		expect(forVersion(bamboo, 1).find((property) => property.name === 'currencyCode')?.type).toBe('string');
		const qr = Object.fromEntries(collectionFields(bamboo, 1, 'qrImageOptions', 'create').map((field) => [field.name, field.type]));
		expect(qr).toMatchObject({ foregroundColor: 'string', imageFormat: 'string' });
		expect(collectionFields(bamboo, 1, 'additionalFields', 'create').find((field) => field.name === 'isFinalConsumer')?.default).toBe(true);
	});
});

describe('subtitles', () => {
	it('name every Bamboo operation in words', () => {
		const subtitle = String(bamboo.description.subtitle);
		const names = JSON.parse(/\(\s*(\{.*\})\s*\)/.exec(subtitle)?.[1] ?? '{}') as Record<string, string>;
		const pairs = bamboo.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => `${(property.displayOptions?.show?.resource as string[])[0]}:${String(option.value)}`));
		expect(Object.keys(names).sort()).toEqual([...new Set(pairs)].sort());
		expect(Object.values(names).every((name) => /^[A-Z][a-z]+( [a-z]+)+$/.test(name))).toBe(true);
	});

	it('name Hyfin\'s operations in words, with Hyfin\'s API version', () => {
		const subtitle = String(hyfin.description.subtitle);
		expect(subtitle).toContain('"Get customer"');
		expect(subtitle).toContain('"Create or update"');
		expect(subtitle).toContain('$parameter["apiVersion"]');
	});
});

describe('the node panel and documentation links', () => {
	const VENDOR: Record<string, string> = { BambooPaymentLink: 'BambooPayment', BambooPaymentTrigger: 'BambooPayment', HyfinCustomer: 'Hyfin', HyfinInvoice: 'Hyfin', HyfinTrigger: 'Hyfin' };
	const codex = (node: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', VENDOR[node], `${node}.node.json`), 'utf8'));

	it('finds the nodes by what users call them', () => {
		expect(codex('BambooPaymentLink').alias).toEqual(expect.arrayContaining(['QR', 'payment link', 'checkout', 'create payment']));
		expect(codex('HyfinCustomer').alias).toEqual(expect.arrayContaining(['customer', 'upsert']));
		expect(codex('HyfinInvoice').alias).toEqual(expect.arrayContaining(['invoice', 'request to pay']));
		// Only the node that invoices is found by "invoice".
		for (const node of ['BambooPaymentLink', 'BambooPaymentTrigger', 'HyfinCustomer']) expect(codex(node).alias).not.toEqual(expect.arrayContaining(['invoice']));
	});

	it('links to pages of this repository that exist, without anchors that n8n\'s tracking parameters would break', () => {
		const urls = [
			...['BambooPaymentLink', 'HyfinCustomer', 'HyfinInvoice', 'BambooPaymentTrigger', 'HyfinTrigger'].flatMap((folder) => {
				const { resources } = codex(folder);
				return [...resources.primaryDocumentation, ...resources.credentialDocumentation].map((entry: { url: string }) => entry.url);
			}),
			new BambooPaymentApi().documentationUrl,
			new HyfinApi().documentationUrl,
		];
		const ours = urls.filter((url) => url.startsWith(REPO_DOCS));
		expect(ours.length).toBe(12);
		for (const url of ours) {
			expect(url).not.toContain('#');
			expect(fs.existsSync(path.join(ROOT, url.slice(REPO_DOCS.length)))).toBe(true);
		}
	});
});

describe('the credentials in n8n\'s HTTP Request node', () => {
	it('are offered as predefined credential types', () => {
		for (const credential of [new BambooPaymentApi(), new HyfinApi()]) {
			expect(credential.httpRequestNode).toMatchObject({ name: expect.any(String), docsUrl: expect.stringMatching(/^https:\/\//) });
		}
	});

	it('mark the Bamboo custom base URL as required', () => {
		const baseUrl = new BambooPaymentApi().properties.find((property) => property.name === 'baseUrl') as INodeProperties & INodePropertyCollection;
		expect(baseUrl.required).toBe(true);
	});
});
