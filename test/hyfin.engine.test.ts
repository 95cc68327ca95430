/**
 * Hyfin Customer in the real n8n engine (WorkflowExecute) against the local Hyfin emulator: what goes on the
 * wire, what comes out, and how each failure reaches the user.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';
import { HYFIN_TOKEN, hyfinCredentials, runNode, useEngineAndSandbox } from './helpers/setup';
import type { RunResult } from './helpers/setup';

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

function hyfin(rows: object[], parameters: Record<string, unknown>, opts: { continueOnFail?: boolean; credentials?: ICredentialDataDecryptedObject } = {}) {
	return runNode(engine(), 'hyfinCustomer', rows, parameters, hyfinCredentials(sandbox(), opts.credentials), opts);
}

function nodeError(run: RunResult) {
	const error = run.nodeError(NODE) as unknown as { name: string; message: string; description?: string; context: { itemIndex?: number }; httpCode?: string };
	expect(error).toBeDefined();
	return error;
}

describe('package as n8n loads it', () => {
	it('registers the node and credential under their contract names', () => {
		const { nodes, credentials } = engine().types;
		const node = nodes.get('n8n-nodes-bamboo-hyfin.hyfinCustomer') as INodeType;
		expect(node.description.displayName).toBe('Hyfin Customer');
		expect(node.description.usableAsTool).toEqual({ replacements: { properties: expect.any(Array) } });
		expect(node.description.credentials).toEqual([{ name: 'hyfinApi', required: true, testedBy: 'hyfinApiTest' }]);
		const byName = (name: string) => node.description.properties.filter((p) => p.name === name);
		expect(byName('resource')[0].options).toEqual([{ name: 'Customer', value: 'customer' }]);
		expect((byName('operation')[0].options as Array<{ value: string }>).map((o) => o.value)).toEqual(['upsert', 'get']);
		expect(byName('operation')[0].default).toBe('upsert');
		expect((byName('apiVersion')[0].options as Array<{ value: string }>).map((o) => o.value)).toEqual(['v3', 'v3.1', 'v4']);
		expect(byName('apiVersion')[0].default).toBe('v3');
		for (const name of ['externalId', 'firstName', 'lastName', 'additionalFields', 'customerId', 'displayName', 'primaryContact', 'billingAddress', 'v4Fields', 'options']) {
			expect(byName(name).length).toBeGreaterThan(0);
		}
		const collectionKeys = (name: string) =>
			byName(name)
				.flatMap((p) => (p.options as Array<{ name: string }>).map((o) => o.name))
				.sort();
		expect(collectionKeys('additionalFields')).toEqual(['accountName', 'active', 'email', 'mobilePhone', 'notes', 'notifyEmail', 'notifyPhone']);
		expect(collectionKeys('primaryContact')).toEqual(['email', 'firstName', 'lastName', 'mobilePhone']);
		expect(collectionKeys('billingAddress')).toEqual(['addressLine1', 'addressLine2', 'city', 'stateCode', 'zipCode']);
		expect(collectionKeys('v4Fields')).toEqual(['accountName', 'billToParentFlag', 'contactIds', 'deleted', 'notes', 'parentCustomer']);
		expect(collectionKeys('options')).toEqual(expect.arrayContaining(['siteId', 'maxRetries', 'timeout', 'concurrency']));

		const credential = credentials.get('hyfinApi')!;
		expect(credential.displayName).toBe('Hyfin API');
		const props = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(props)).toEqual(['baseUrl', 'accessToken', 'authHeader', 'siteId']);
		expect(props.baseUrl.required).toBe(true);
		expect(props.baseUrl.default).toBe('');
		expect(props.accessToken.typeOptions?.password).toBe(true);
		expect((props.authHeader.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['xAccessToken', 'bearer']);
		expect(props.authHeader.default).toBe('xAccessToken');
		expect(props.siteId.required).toBe(true);
	});
});

describe('add or update, v3 and v3.1', () => {
	it.each(['v3', 'v3.1'])('%s sends snake_case bodies without empty fields, adds then updates', async (version) => {
		const first = await hyfin(contacts, v3Upsert({ apiVersion: version }));
		expect(first.error).toBeUndefined();
		expect(first.json(NODE)).toEqual(contacts.map(() => ({ success: true, action: 'added', _id: expect.stringMatching(/^[0-9a-f]{24}$/) })));
		expect(first.items(NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const requests = sandbox().requests('hyfin');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
			contacts.map(() => `POST /hyfin/api/${version}/site/site-1/customer/addUpdate`),
		);
		expect(requests.map((r) => r.body)).toEqual([
			{ external_id: 'crm-1', first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', mobile_phone: '111-222-3333' },
			{ external_id: 'crm-2', first_name: 'Bruno', last_name: 'Costa', email: 'bruno@example.com' },
			{ external_id: 'crm-3', first_name: 'Carla', last_name: 'Dias' },
		]);
		for (const request of requests) {
			expect(request.headers['x-access-token']).toBe(HYFIN_TOKEN);
			expect(request.headers.authorization).toBeUndefined();
			expect(request.headers['content-type']).toMatch(/application\/json/);
		}

		const second = await hyfin(contacts, v3Upsert({ apiVersion: version }));
		expect(second.json(NODE).map((json) => json.action)).toEqual(['updated', 'updated', 'updated']);
		expect(second.json(NODE).map((json) => json._id)).toEqual(first.json(NODE).map((json) => json._id));
	});

	it('maps every optional field, including notification options and booleans', async () => {
		const run = await hyfin([{ id: 'x-1' }], {
			...v3Upsert(),
			firstName: 'Dora',
			lastName: 'Reis',
			additionalFields: {
				accountName: 'Reis Plumbing',
				mobilePhone: '111-222-3333',
				email: 'dora@example.com',
				notes: 'VIP',
				active: false,
				notifyPhone: true,
				notifyEmail: false,
			},
		});
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('hyfin')[0].body).toEqual({
			external_id: 'x-1',
			first_name: 'Dora',
			last_name: 'Reis',
			account_name: 'Reis Plumbing',
			mobile_phone: '111-222-3333',
			email: 'dora@example.com',
			notes: 'VIP',
			active: false,
			notification_options: { notify_phone: true, notify_email: false },
		});
	});

	it('sends the token as Authorization: Bearer in bearer mode', async () => {
		const run = await hyfin([contacts[0]], v3Upsert(), { credentials: { authHeader: 'bearer' } });
		expect(run.error).toBeUndefined();
		const [request] = sandbox().requests('hyfin');
		expect(request.headers.authorization).toBe(`Bearer ${HYFIN_TOKEN}`);
		expect(request.headers['x-access-token']).toBeUndefined();
	});

	it('takes the site from the options per item, falling back to the credential', async () => {
		const rows = [{ ...contacts[0], site: 'site-2' }, { ...contacts[1], site: '' }];
		const run = await hyfin(rows, v3Upsert({ options: { siteId: '={{ $json.site }}' } }));
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('hyfin').map((r) => r.path)).toEqual([
			'/hyfin/api/v3/site/site-2/customer/addUpdate',
			'/hyfin/api/v3/site/site-1/customer/addUpdate',
		]);
	});
});

describe('add or update, v4', () => {
	const v4 = (extra: Record<string, unknown>) => ({ resource: 'customer', operation: 'upsert', apiVersion: 'v4', ...extra });

	it('creates with a primary contact and billing address, then updates by customer id', async () => {
		const created = await hyfin([{ name: 'ABC Plumbing' }], v4({
			displayName: '={{ $json.name }}',
			primaryContact: { firstName: 'John', lastName: 'Doe', mobilePhone: '333-444-5555', email: 'john@abc.com' },
			billingAddress: { addressLine1: '123 Main Street', addressLine2: 'Suite 123', city: 'Naples', stateCode: 'FL', zipCode: '34102' },
			v4Fields: { accountName: 'ABC', notes: '' },
		}));
		expect(created.error).toBeUndefined();
		const [{ _id: id, action }] = created.json(NODE);
		expect(action).toBe('added');
		expect(sandbox().requests('hyfin')[0]).toMatchObject({
			method: 'POST',
			path: '/hyfin/api/v4/site/site-1/customer/addUpdate',
			body: {
				display_name: 'ABC Plumbing',
				account_name: 'ABC',
				primary_contact: {
					first_name: 'John',
					last_name: 'Doe',
					mobile_phone: '333-444-5555',
					email: 'john@abc.com',
					billing_address: { address_line1: '123 Main Street', address_line2: 'Suite 123', city: 'Naples', state_code: 'FL', zip_code: '34102' },
				},
			},
		});
		expect(sandbox().requests('hyfin')[0].body).not.toHaveProperty('_id');
		expect(sandbox().requests('hyfin')[0].body).not.toHaveProperty('notes');

		const updated = await hyfin([{ id }], v4({ customerId: '={{ $json.id }}', displayName: 'ABC Plumbing LLC', primaryContact: { email: 'office@abc.com' } }));
		expect(updated.json(NODE)).toEqual([{ success: true, action: 'updated', _id: id }]);
		expect(sandbox().requests('hyfin')[1].body).toEqual({ _id: id, display_name: 'ABC Plumbing LLC', primary_contact: { email: 'office@abc.com' } });

		const read = await hyfin([{ id }], { resource: 'customer', operation: 'get', apiVersion: 'v4', customerId: '={{ $json.id }}' });
		expect(read.json(NODE)[0]).toMatchObject({ _id: id, display_name: 'ABC Plumbing LLC' });
		expect(sandbox().requests('hyfin', 'GET')[0].path).toBe(`/hyfin/api/v4/site/site-1/customer/${id}`);
	});

	it('links existing contacts by id, the first one primary, and maps the hierarchy fields', async () => {
		const run = await hyfin([{}], v4({
			displayName: 'Group Co',
			v4Fields: { contactIds: 'c-1, c-2 ,,c-3', parentCustomer: 'p-9', billToParentFlag: true, deleted: false },
		}));
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('hyfin')[0].body).toEqual({
			display_name: 'Group Co',
			contacts: [
				{ _id: 'c-1', isPrimary: true },
				{ _id: 'c-2', isPrimary: false },
				{ _id: 'c-3', isPrimary: false },
			],
			parent_customer: 'p-9',
			bill_to_parent_flag: true,
			deleted: false,
		});
	});
});

describe('get', () => {
	it('reads a v3 customer by external id, URL-encoding the id, and v3.1 by the same path family', async () => {
		const odd = { id: 'crm 7/ä?x', first: 'Eva', last: 'Lima', email: '', phone: '111-222-3333' };
		await hyfin([odd], v3Upsert());
		for (const version of ['v3', 'v3.1']) {
			sandbox().log.length = 0;
			const run = await hyfin([odd], { resource: 'customer', operation: 'get', apiVersion: version, externalId: '={{ $json.id }}' });
			expect(run.error).toBeUndefined();
			expect(run.json(NODE)[0]).toMatchObject({ external_id: odd.id, first_name: 'Eva', mobile_phone: '11112223333' });
			const [request] = sandbox().requests('hyfin');
			expect(request.method).toBe('GET');
			expect(request.path).toBe(`/hyfin/api/${version}/site/site-1/customer/${encodeURIComponent(odd.id)}`);
		}
	});

	it('reports an unknown customer as a not-found API error with the item index', async () => {
		const run = await hyfin([{ id: 'nobody' }], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}' });
		const error = nodeError(run);
		expect(error.message).toBe('Hyfin did not find it (HTTP 404): customer nobody not found');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
	});
});

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
	// [title, parameters, good row, bad row, message]
	const cases: Array<[string, Record<string, unknown>, object, object, string]> = [
		['missing external id', v3Upsert(), v3Good, { id: '', first: 'A', last: 'B' }, '"External ID" is required'],
		['missing first name', v3Upsert(), v3Good, { id: 'a', first: ' ', last: 'B' }, '"First Name" is required'],
		['missing last name', v3Upsert(), v3Good, { id: 'a', first: 'A' }, '"Last Name" is required'],
		['malformed email', v3Upsert(), v3Good, { id: 'a', first: 'A', last: 'B', email: 'not-an-email' }, '"Additional Fields › Email" is not a valid email address: "not-an-email"'],
		['SMS without phone', v3Upsert({ additionalFields: { notifyPhone: '={{ $json.sms }}', mobilePhone: '={{ $json.phone }}' } }), { ...v3Good, sms: false }, { id: 'a', first: 'A', last: 'B', sms: true }, '"Additional Fields › Mobile Phone" is required when "Notify by SMS" is on'],
		['email channel without email', v3Upsert({ additionalFields: { notifyEmail: '={{ $json.mail }}' } }), { ...v3Good, mail: false }, { id: 'a', first: 'A', last: 'B', mail: true }, '"Additional Fields › Email" is required when "Notify by Email" is on'],
		['v4 without display name', v4Upsert, v4Good, { first: 'A' }, '"Display Name" is required'],
		['v4 without contact', v4Upsert, v4Good, { name: 'X' }, 'Hyfin v4 needs a "Primary Contact" or "Additional Fields › Contact IDs"'],
		['v4 address without contact', v4Upsert, v4Good, { name: 'X', city: 'Naples' }, '"Primary Contact" needs a name, email or phone when a Billing Address is given'],
		['v4 bad contact email', v4Upsert, v4Good, { name: 'X', email: 'x@' }, '"Primary Contact › Email" is not a valid email address: "x@"'],
		['v4 empty contact ids', v4Upsert, v4Good, { name: 'X', contacts: ' , ' }, '"Additional Fields › Contact IDs" contains no contact ID'],
		['v3 get without id', { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}' }, { id: 'crm-1' }, { id: '' }, '"External ID" is required'],
		['v4 get without id', { resource: 'customer', operation: 'get', apiVersion: 'v4', customerId: '={{ $json.cid }}' }, { cid: 'will-be-created' }, { cid: '' }, '"Customer ID" is required'],
		['site empty in credential and options', v3Upsert({ options: { siteId: '={{ $json.site }}' } }), { ...v3Good, site: 'site-2' }, { id: 'a', first: 'A', last: 'B', site: '' }, '"Site ID" is required'],
	];

	it.each(cases)('%s: NodeOperationError naming the field, with the item index, nothing sent for it', async (_title, parameters, good, bad, message) => {
		const credentials: ICredentialDataDecryptedObject = _title.startsWith('site') ? { siteId: '' } : {};
		if (_title.includes('get')) {
			// Make the good rows exist, so that only the bad row can fail.
			await hyfin([{ id: 'crm-1', first: 'A', last: 'B' }], v3Upsert());
			const created = await hyfin([v4Good], v4Upsert);
			(good as { cid?: string }).cid = String(created.json(NODE)[0]._id);
			sandbox().log.length = 0;
		}
		const run = await hyfin([good, good, bad], parameters, { credentials });
		const error = nodeError(run);
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(2);
		expect(error.name).toBe('NodeOperationError');
		// The two good items may have been sent (a 404 for the made-up v4 id is fine); the bad one never.
		expect(sandbox().requests('hyfin').length).toBeLessThanOrEqual(2);
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
