/**
 * Input hardening and secret redaction, on the apiPath: ids that would reach another endpoint, objects in text
 * fields, unsafe numeric ids and option values from expressions are refused with nothing sent; a key or
 * token echoed by the vendor (in an error, in a page cut short, in a success) is stored nowhere; the QR
 * image's MIME type is the one asked for. And the create operations tell an AI agent not to retry.
 */
import type { INodeProperties, INodePropertyOptions, INodeType, UsableAsToolDescription } from 'n8n-workflow';
import { BAMBOO_KEY, HYFIN_TOKEN, bambooCredentials, hyfinCredentials, runNode, useEngineAndSandbox } from '../support/engine';
import type { RunResult } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
afterEach(() => {
	sandbox().faults.configure({});
	sandbox().config.bamboo.qrMime = undefined;
});

const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 2000, maxRetries: 1 };
const bamboo = (rows: object[], parameters: Record<string, unknown>, continueOnFail = true) =>
	runNode(engine(), 'bambooPaymentLink', rows, parameters, bambooCredentials(sandbox()), { continueOnFail });
const hyfin = (rows: object[], parameters: Record<string, unknown>, continueOnFail = true) =>
	runNode(engine(), 'hyfinCustomer', rows, parameters, hyfinCredentials(sandbox()), { continueOnFail });
const errorsOf = (run: RunResult, node: string) => run.json(node).map((json) => json.error);

describe('input hardening: refused by name, nothing sent', () => {
	it.each(['.', '..', ' .. '])('a path id %p never reaches another endpoint', async (id) => {
		const payment = await bamboo([{ id }], { resource: 'payment', operation: 'get', paymentId: '={{ $json.id }}' });
		const customer = await bamboo([{ id }], { resource: 'customer', operation: 'delete', identifier: '={{ $json.id }}' });
		const hyfinGet = await hyfin([{ id }], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}' });
		expect(errorsOf(payment, 'Bamboo Payment Link')).toEqual([`"Payment ID" cannot be "${id.trim()}"`]);
		expect(errorsOf(customer, 'Bamboo Payment Link')).toEqual([`"Customer Identifier" cannot be "${id.trim()}"`]);
		expect(errorsOf(hyfinGet, 'Hyfin Customer')).toEqual([`"External ID" cannot be "${id.trim()}"`]);
		expect(sandbox().log).toHaveLength(0);
	});

	it('an object from an expression is not sent inside a text field', async () => {
		const run = await hyfin([{ first: { $gt: '' } }], { resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: 'e', firstName: '={{ $json.first }}', lastName: 'L' });
		expect(errorsOf(run, 'Hyfin Customer')).toEqual(['"First Name" must be text, got {"$gt":""}']);
		const nested = await bamboo([{ city: ['a', 'b'] }], { resource: 'customer', operation: 'createAccountLink', identifier: 'c-1', billingAddress: { city: '={{ $json.city }}' } });
		expect(errorsOf(nested, 'Bamboo Payment Link')).toEqual(['"Billing Address › City" must be text, got ["a","b"]']);
		expect(sandbox().log).toHaveLength(0);
	});

	it('a numeric external id above 2^53 is refused rather than turned into another id', async () => {
		const run = await hyfin([{}], { resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: '={{ 9007199254740993 }}', firstName: 'F', lastName: 'L' }, false);
		const error = run.nodeError('Hyfin Customer') as unknown as { message: string; description: string };
		expect(error.message).toBe('"External ID" is the number 9007199254740992, which cannot be used exactly as text');
		expect(error.description).toMatch(/Pass it as text/);
		expect(sandbox().log).toHaveLength(0);
	});

	it('option values from expressions must be one of the options', async () => {
		const language = await bamboo([{}], { resource: 'payment', operation: 'get', paymentId: 'p-1', options: { language: '={{ "fr" }}' } });
		expect(errorsOf(language, 'Bamboo Payment Link')).toEqual(['"Options › Language" must be one of "en", "es", "pt", got "fr"']);
		const version = await hyfin([{}], { resource: 'customer', operation: 'get', apiVersion: 'v5', externalId: 'e' });
		expect(errorsOf(version, 'Hyfin Customer')).toEqual(['"API Version" must be one of "v3", "v3.1", "v4", got "v5"']);
		const level = await bamboo([{}], { resource: 'payment', operation: 'create', amount: 5, currencyCode: 'UYU', paymentType: 'QR', qrImageOptions: { errorCorrectionLevel: '={{ "extreme" }}' } });
		expect(errorsOf(level, 'Bamboo Payment Link')[0]).toMatch(/^"QR Image Options › Error Correction Level" must be one of "low", "medium", "quartile", "high", got "extreme"/);
		expect(sandbox().log).toHaveLength(0);
	});

	it('quotes at most about 100 characters of user input', async () => {
		const run = await bamboo([{ c: 'X'.repeat(5000) }], { resource: 'payment', operation: 'create', amount: 5, currencyCode: '={{ $json.c }}' });
		const [message] = errorsOf(run, 'Bamboo Payment Link');
		expect(String(message).length).toBeLessThan(200);
	});
});

describe('the QR image is stored as the format asked for', () => {
	it.each([
		[{}, 'image/png', 'png'],
		[{ imagePixelFormat: 'jpeg' }, 'image/jpeg', 'jpg'],
		[{ imageFormat: 'webp' }, 'image/webp', 'webp'],
	])('options %p give %s whatever the answer declares', async (qrImageOptions, mimeType, extension) => {
		sandbox().config.bamboo.qrMime = 'text/html';
		const run = await bamboo([{}], { resource: 'payment', operation: 'create', amount: 5, currencyCode: 'UYU', paymentType: 'QR', qrImageOptions });
		const [item] = run.items('Bamboo Payment Link');
		expect(item.binary!.qrImage.mimeType).toBe(mimeType);
		expect(item.binary!.qrImage.fileName).toMatch(new RegExp(`\\.${extension}$`));
	});
});

describe('a credential echoed by the vendor is stored nowhere', () => {
	const forms = (secret: string) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64').replace(/=+$/, '')];
	/** Any 6 characters in a row of the secret's distinctive part: a cut snippet must not keep part of it. */
	const fragments = (secret: string) => {
		const distinctive = secret.slice(secret.indexOf('SECRET'));
		return Array.from({ length: distinctive.length - 5 }, (_v, i) => distinctive.slice(i, i + 6));
	};
	const expectClean = (run: RunResult, secret: string) => {
		const stored = JSON.stringify(run.result);
		for (const form of forms(secret)) expect(stored).not.toContain(form);
		for (const fragment of fragments(secret)) expect(stored).not.toContain(fragment);
	};

	it.each(['echoAuthJson', 'echoAuthText'] as const)('Bamboo %s, with and without "Continue"', async (fault) => {
		for (const continueOnFail of [true, false]) {
			sandbox().faults.configure({ script: [fault, fault] });
			const run = await bamboo([{}], { resource: 'payment', operation: 'create', amount: 5, currencyCode: 'UYU', options: FAST }, continueOnFail);
			expect(sandbox().log.at(-1)!.fault).toBe(fault);
			// The echo was really there to be redacted: in the vendor's message, or in the page's snippet.
			expect(JSON.stringify(run.result)).toContain(fault === 'echoAuthJson' ? 'Basic [redacted]' : continueOnFail ? 'not JSON' : 'header=Basic [re');
			expectClean(run, BAMBOO_KEY);
		}
	});

	it.each(['echoAuthJson', 'echoAuthText'] as const)('Hyfin %s, with and without "Continue"', async (fault) => {
		for (const continueOnFail of [true, false]) {
			sandbox().faults.configure({ script: [fault, fault] });
			const run = await hyfin([{}], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 'x', options: FAST }, continueOnFail);
			expectClean(run, HYFIN_TOKEN);
		}
	});

	it('a success answer that echoes the credential is output redacted', async () => {
		sandbox().faults.configure({ script: ['echoAuthOk'] });
		const run = await bamboo([{}], { resource: 'payment', operation: 'create', amount: 5, currencyCode: 'UYU' });
		expect(run.json('Bamboo Payment Link')[0]).toMatchObject({ isSuccess: true, echo: { credential: 'Basic [redacted]' } });
		expectClean(run, BAMBOO_KEY);
	});
});

describe('as an AI Agent tool', () => {
	const toolAction = (type: string, resource: string, operation: string) => {
		const node = engine().types.nodes.get(`n8n-nodes-bamboo-hyfin.${type}`) as INodeType;
		const tool = node.description.usableAsTool as UsableAsToolDescription;
		const properties = (tool.replacements as { properties: INodeProperties[] }).properties;
		const operations = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes(resource))!;
		const regular = node.description.properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes(resource))!;
		const find = (p: INodeProperties) => (p.options as INodePropertyOptions[]).find((o) => o.value === operation)!.action;
		return { tool: find(operations), regular: find(regular) };
	};

	it('the creates tell the agent not to retry a "may exist" error and to hand the reference back', () => {
		const create = toolAction('bambooPaymentLink', 'payment', 'create');
		expect(create.regular).toBe('Create a payment link');
		expect(create.tool).toMatch(/may or may not have been created, do not call this tool again .*give the order number to the person/);
		expect(toolAction('bambooPaymentLink', 'customer', 'createAccountLink').tool).toMatch(/do not call this tool again/);
		expect(toolAction('hyfinCustomer', 'customer', 'upsert').tool).toMatch(/may or may not have been added, do not call this tool again/);
		expect(toolAction('bambooPaymentLink', 'payment', 'get').tool).toBe('Get a payment');
	});
});
