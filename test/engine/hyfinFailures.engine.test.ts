/**
 * Hyfin Customer failures in the real n8n engine against the local Hyfin emulator: validation before any
 * request, API failures, item pairing under "Continue" and without, and the credential test.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';
import { HYFIN_TOKEN, nodeError as storedError, nodeRunner, useEngineAndSandbox } from '../support/engine';
import type { RunResult } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const NODE = 'Hyfin Customer';

const contacts = [
	{ id: 'crm-1', first: 'Ana', last: 'Silva', email: 'ana@example.com', phone: '111-222-3333' },
	{ id: 'crm-2', first: 'Bruno', last: 'Costa', email: 'bruno@example.com', phone: '' },
	{ id: 'crm-3', first: 'Carla', last: 'Dias', email: '', phone: '' },
];

const v3Upsert = (extra: Record<string, unknown> = {}) => ({
	resource: 'customer',
	operation: 'upsert',
	apiVersion: 'v3',
	externalId: '={{ $json.id }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	additionalFields: { email: '={{ $json.email }}', mobilePhone: '={{ $json.phone }}' },
	...extra,
});

const hyfin = nodeRunner('hyfinCustomer', engine, sandbox);

const nodeError = (run: RunResult) => storedError(run, NODE);

describe('validation before any request', () => {
	const v4Upsert = {
		resource: 'customer',
		operation: 'upsert',
		apiVersion: 'v4',
		displayName: '={{ $json.name }}',
		primaryContact: { firstName: '={{ $json.first }}', email: '={{ $json.email }}' },
		billingAddress: { city: '={{ $json.city }}' },
		v4Fields: { contactIds: '={{ $json.contacts }}' },
	};
	const v3Good = { id: 'ok-1', first: 'Ok', last: 'Item' };
	const v4Good = { name: 'Good Co', first: 'Gil' };
	interface Case {
		parameters: Record<string, unknown>;
		good: Record<string, unknown>;
		bad: object;
		message: string;
		/** Credential fields to override, e.g. an empty site. */
		credentials?: ICredentialDataDecryptedObject;
		/** The good rows read existing customers, which the test adds first. */
		readsExisting?: boolean;
	}
	const cases: Record<string, Case> = {
		'missing external id': { parameters: v3Upsert(), good: v3Good, bad: { id: '', first: 'A', last: 'B' }, message: '"External ID" is required' },
		'missing first name': { parameters: v3Upsert(), good: v3Good, bad: { id: 'a', first: ' ', last: 'B' }, message: '"First Name" is required' },
		'missing last name': { parameters: v3Upsert(), good: v3Good, bad: { id: 'a', first: 'A' }, message: '"Last Name" is required' },
		'malformed email': { parameters: v3Upsert(), good: v3Good, bad: { id: 'a', first: 'A', last: 'B', email: 'not-an-email' }, message: '"Additional Fields › Email" is not a valid email address: "not-an-email"' },
		'SMS without phone': {
			parameters: v3Upsert({ additionalFields: { notifyPhone: '={{ $json.sms }}', mobilePhone: '={{ $json.phone }}' } }),
			good: { ...v3Good, sms: false },
			bad: { id: 'a', first: 'A', last: 'B', sms: true },
			message: '"Additional Fields › Mobile Phone" is required when "Notify by SMS" is on',
		},
		'email channel without email': {
			parameters: v3Upsert({ additionalFields: { notifyEmail: '={{ $json.mail }}' } }),
			good: { ...v3Good, mail: false },
			bad: { id: 'a', first: 'A', last: 'B', mail: true },
			message: '"Additional Fields › Email" is required when "Notify by Email" is on',
		},
		'v4 without display name': { parameters: v4Upsert, good: v4Good, bad: { first: 'A' }, message: '"Display Name" is required' },
		'v4 without contact': { parameters: v4Upsert, good: v4Good, bad: { name: 'X' }, message: 'Hyfin v4 needs a "Primary Contact" or "Additional Fields › Contact IDs"' },
		'v4 address without contact': { parameters: v4Upsert, good: v4Good, bad: { name: 'X', city: 'Naples' }, message: '"Primary Contact" needs a name, email or phone when a Billing Address is given' },
		'v4 bad contact email': { parameters: v4Upsert, good: v4Good, bad: { name: 'X', email: 'x@' }, message: '"Primary Contact › Email" is not a valid email address: "x@"' },
		'v4 empty contact ids': { parameters: v4Upsert, good: v4Good, bad: { name: 'X', contacts: ' , ' }, message: '"Additional Fields › Contact IDs" contains no contact ID' },
		'v3 get without id': {
			parameters: { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}' },
			good: { id: 'crm-1' },
			bad: { id: '' },
			message: '"External ID" is required',
			readsExisting: true,
		},
		'v4 get without id': {
			parameters: { resource: 'customer', operation: 'get', apiVersion: 'v4', customerId: '={{ $json.cid }}' },
			good: { cid: 'will-be-created' },
			bad: { cid: '' },
			message: '"Customer ID" is required',
			readsExisting: true,
		},
		'site empty in credential and options': {
			parameters: v3Upsert({ options: { siteId: '={{ $json.site }}' } }),
			good: { ...v3Good, site: 'site-2' },
			bad: { id: 'a', first: 'A', last: 'B', site: '' },
			message: '"Site ID" is required',
			credentials: { siteId: '' },
		},
	};

	it.each(Object.entries(cases))('%s: NodeOperationError naming the field, with the item index; nothing sent without "Continue"', async (_title, { parameters, good: goodRow, bad, message, credentials = {}, readsExisting }) => {
		const good = { ...goodRow };
		if (readsExisting) {
			// Make the good rows exist, so that only the bad row can fail.
			await hyfin([{ id: 'crm-1', first: 'A', last: 'B' }], v3Upsert());
			const created = await hyfin([v4Good], v4Upsert);
			good.cid = String(created.json(NODE)[0]._id);
			sandbox().log.length = 0;
		}
		const run = await hyfin([good, good, bad], parameters, { credentials });
		const error = nodeError(run);
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(2);
		expect(error.name).toBe('NodeOperationError');
		// The whole run is checked before the first request: not even the good items were sent.
		expect(sandbox().requests('hyfin')).toHaveLength(0);
		const continued = await hyfin([good, bad, good], parameters, { credentials, continueOnFail: true });
		expect(continued.json(NODE)[1]).toEqual({ error: message });
	});

	it.each([
		['http to a public host', 'http://api.example.com', '"Base URL" must use https (http is accepted only for a loopback address such as 127.0.0.1)'],
		['not a URL', 'api.example.com', '"Base URL" is not a valid URL: "api.example.com"'],
		['credentials in the URL', 'https://user:pw@api.example.com', '"Base URL" must not contain user info, a query or a fragment'],
	])('refuses a base URL that is %s on every item, nothing sent', async (_title, baseUrl, message) => {
		const run = await hyfin(contacts, v3Upsert(), { credentials: { baseUrl }, continueOnFail: true });
		expect(run.json(NODE)).toEqual(contacts.map(() => ({ error: message })));
		expect(sandbox().log).toHaveLength(0);
	});
});

describe('API failures', () => {
	it('turns a rejected token into a readable 401 error without the token in it', async () => {
		const run = await hyfin([contacts[0]], v3Upsert(), { credentials: { accessToken: 'wrong-token-value' } });
		const error = nodeError(run);
		expect(error.message).toBe('Hyfin refused the credential (HTTP 401): invalid or missing access token');
		expect(error.description).toMatch(/Access Token/);
		expect(error.httpCode).toBe('401');
		expect(JSON.stringify(run.result)).not.toContain('wrong-token-value');
	});

	it('treats success:false as a failure even with HTTP 200 and shows Hyfin\'s errors', async () => {
		sandbox().vendors.hyfin.reset();
		const original = sandbox().vendors.hyfin.handle;
		sandbox().vendors.hyfin.handle = () => ({ status: 200, body: { success: false, errors: ['invalid field2', 'missing field_name'] } });
		try {
			const run = await hyfin([contacts[0]], v3Upsert(), { continueOnFail: true });
			expect(run.json(NODE)).toEqual([{ error: 'Hyfin rejected the request: invalid field2; missing field_name' }]);
		} finally {
			sandbox().vendors.hyfin.handle = original;
		}
	});

	it('reports a v4 update of an unknown customer as not found', async () => {
		const run = await hyfin([{}], { resource: 'customer', operation: 'upsert', apiVersion: 'v4', customerId: 'ffffffffffffffffffffffff', displayName: 'X', primaryContact: { firstName: 'A' } });
		expect(nodeError(run).message).toBe('Hyfin did not find it (HTTP 404): customer ffffffffffffffffffffffff not found');
	});
});

describe('item pairing', () => {
	const rows = [contacts[0], { id: '', first: 'No', last: 'Id' }, contacts[1], { id: 'x', first: 'Bad', last: 'Mail', email: 'nope' }, contacts[2]];

	it('under "Continue", yields one item per input in order, failures as paired error items', async () => {
		const run = await hyfin(rows, v3Upsert(), { continueOnFail: true });
		const items = run.items(NODE);
		expect(items).toHaveLength(rows.length);
		expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_row, item) => ({ item })));
		expect(items.map((item) => item.json.action ?? item.json.error)).toEqual([
			'added',
			'"External ID" is required',
			'added',
			'"Additional Fields › Email" is not a valid email address: "nope"',
			'added',
		]);
		expect(sandbox().requests('hyfin')).toHaveLength(3);
	});

	it('without "Continue", stops the node with the first failing item\'s error', async () => {
		const run = await hyfin(rows, v3Upsert({ options: { concurrency: 1 } }));
		const error = nodeError(run);
		expect(error.message).toBe('"External ID" is required');
		expect(error.context.itemIndex).toBe(1);
		// The whole run is checked first: the valid item before it was not sent either.
		expect(sandbox().requests('hyfin')).toHaveLength(0);
	});
});

describe('credential test', () => {
	const node = () => engine().types.nodes.get('n8n-nodes-bamboo-hyfin.hyfinCustomer') as INodeType;
	const test = (data: Record<string, unknown>) => {
		const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
		const method = node().methods!.credentialTest!.hyfinApiTest;
		return method.call(context, { id: '1', name: 'Hyfin', type: 'hyfinApi', data: { authHeader: 'xAccessToken', ...data } });
	};

	it('accepts a good token in both header modes (the probe answers 404)', async () => {
		const base = { baseUrl: sandbox().hyfinBaseUrl, accessToken: HYFIN_TOKEN, siteId: 'site-1' };
		await expect(test(base)).resolves.toEqual({ status: 'OK', message: 'Hyfin accepted the credential' });
		await expect(test({ ...base, authHeader: 'bearer' })).resolves.toEqual({ status: 'OK', message: 'Hyfin accepted the credential' });
		expect(sandbox().requests('hyfin', 'GET').map((r) => r.path)).toEqual([
			'/hyfin/api/v3/site/site-1/customer/n8n-credential-test',
			'/hyfin/api/v3/site/site-1/customer/n8n-credential-test',
		]);
	});

	it('tells a rejected token apart, and refuses an unsafe base URL without sending', async () => {
		const base = { baseUrl: sandbox().hyfinBaseUrl, accessToken: 'bad-token', siteId: 'site-1' };
		await expect(test(base)).resolves.toEqual({ status: 'Error', message: 'Hyfin rejected the credential (HTTP 401)' });
		sandbox().log.length = 0;
		await expect(test({ ...base, baseUrl: 'http://example.com' })).resolves.toMatchObject({ status: 'Error', message: expect.stringContaining('must use https') });
		expect(sandbox().log).toHaveLength(0);
	});
});
