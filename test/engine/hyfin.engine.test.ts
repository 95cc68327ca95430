/**
 * Hyfin Customer in the real n8n engine (WorkflowExecute) against the local Hyfin emulator: what goes on the
 * wire and what comes out, for every operation and API version.
 */
import type { INodeType } from 'n8n-workflow';
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
		// Each node version's form of a collection holds the same fields (version 2 changes only their defaults).
		const collectionKeys = (name: string) => [...new Set(byName(name).flatMap((p) => (p.options as Array<{ name: string }>).map((o) => o.name)))].sort();
		expect(collectionKeys('additionalFields')).toEqual(['accountName', 'active', 'email', 'mobilePhone', 'notes', 'notifyEmail', 'notifyPhone']);
		expect(collectionKeys('primaryContact')).toEqual(['email', 'firstName', 'lastName', 'mobilePhone']);
		expect(collectionKeys('billingAddress')).toEqual(['addressLine1', 'addressLine2', 'city', 'stateCode', 'zipCode']);
		expect(collectionKeys('v4Fields')).toEqual(['accountName', 'billToParentFlag', 'contactIds', 'deleted', 'notes', 'parentCustomer']);
		expect(collectionKeys('options')).toEqual(expect.arrayContaining(['siteId', 'maxRetries', 'timeout', 'concurrency']));

		const credential = credentials.get('hyfinApi')!;
		expect(credential.displayName).toBe('Hyfin API');
		const props = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(props)).toEqual(['baseUrl', 'accessToken', 'authHeader', 'siteId', 'webhookToken']);
		// The Hyfin Trigger's optional token: empty by default, so existing credentials behave as before.
		expect([props.webhookToken.default, props.webhookToken.typeOptions?.password, props.webhookToken.required]).toEqual(['', true, undefined]);
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

	it('Simplify (version 3, on by default) keeps who the customer is and how to reach them; versions 1 and 2 return the whole answer', async () => {
		const row = { id: 'crm-simple', first: 'Eva', last: 'Lima', email: 'eva@example.com', phone: '111-222-3333' };
		await hyfin([row], v3Upsert());
		const get = { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}' };
		const whole = (await hyfin([row], get, { version: 2 })).json(NODE)[0];
		expect(whole).toHaveProperty('created_at');
		expect((await hyfin([row], get, { version: 1 })).json(NODE)[0]).toEqual(whole);
		const simple = (await hyfin([row], get, { version: 3 })).json(NODE)[0];
		expect(simple).toEqual(Object.fromEntries(['_id', 'external_id', 'first_name', 'last_name', 'account_name', 'email', 'mobile_phone', 'active', 'updated_at'].filter((key) => key in whole).map((key) => [key, whole[key]])));
		expect(simple).not.toHaveProperty('created_at');
		expect((await hyfin([row], { ...get, simple: false }, { version: 3 })).json(NODE)[0]).toEqual(whole);
	});

	it('reports an unknown customer as a not-found API error with the item index', async () => {
		const run = await hyfin([{ id: 'nobody' }], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}' });
		const error = nodeError(run);
		expect(error.message).toBe('Hyfin did not find it (HTTP 404): customer nobody not found');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
	});
});

