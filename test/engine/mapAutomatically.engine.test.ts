/**
 * "Map Automatically" in the real engine against the strict sandbox (which refuses unknown fields): for
 * each operation that takes a record from the item, the body on the wire is the one Define Below sends for
 * the same data, whichever of the documented names the item uses; other keys are never sent; bad input
 * gives Define Below's field-named errors, with nothing sent; the field mapper's manual mode works too.
 */
import fc from 'fast-check';
import type { IDataObject, ILoadOptionsFunctions, INodeType } from 'n8n-workflow';
import { readExample } from '../../harness/examples';
import { bambooCredentials, hyfinCredentials, nodeError, runNode, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const AUTO = { inputMode: 'autoMap', fieldMapping: { mappingMode: 'autoMapInputData', value: null } };
const bodies = (from = 0) => sandbox().log.slice(from).filter((entry) => entry.method !== 'GET').map((entry) => entry.body);

/** The bodies one run sent. */
async function bodiesOf(type: 'hyfinCustomer' | 'bambooPaymentLink', rows: object[], parameters: Record<string, unknown>) {
	const from = sandbox().log.length;
	const credentials = type === 'hyfinCustomer' ? hyfinCredentials(sandbox()) : bambooCredentials(sandbox());
	const run = await runNode(engine(), type, rows, parameters, credentials);
	expect(run.error).toBeUndefined();
	return bodies(from);
}

async function paymentId(): Promise<string> {
	const run = await runNode(engine(), 'bambooPaymentLink', [{}], { resource: 'payment', operation: 'create', amount: 100, currencyCode: 'UYU' }, bambooCredentials(sandbox()));
	return String(run.json('Bamboo Payment Link')[0].paymentId);
}

describe('the same body as Define Below, from either spelling, with other keys ignored', () => {
	it('Hyfin v3 and v3.1 upsert', async () => {
		const defined = { resource: 'customer', operation: 'upsert', externalId: 'crm-1', firstName: 'Ana', lastName: 'Silva', additionalFields: { email: 'ana@example.com', mobilePhone: '305-555-0101', notifyPhone: true, accountName: 'Silva Dental' } };
		for (const apiVersion of ['v3', 'v3.1']) {
			const expected = await bodiesOf('hyfinCustomer', [{}], { ...defined, apiVersion });
			const snake = { external_id: 'crm-1', first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', mobile_phone: '305-555-0101', notification_options: { notify_phone: true }, account_name: 'Silva Dental', crm_owner: 'x', _id: 'abc' };
			const camel = { externalId: 'crm-1', firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com', mobilePhone: '305-555-0101', notifyPhone: 'true', accountName: 'Silva Dental', unrelated: { a: 1 } };
			expect(await bodiesOf('hyfinCustomer', [snake], { resource: 'customer', operation: 'upsert', apiVersion, ...AUTO })).toEqual(expected);
			expect(await bodiesOf('hyfinCustomer', [camel], { resource: 'customer', operation: 'upsert', apiVersion, ...AUTO })).toEqual(expected);
		}
	});

	it('Hyfin v4 upsert, flat or nested as in Hyfin\'s body', async () => {
		const expected = await bodiesOf('hyfinCustomer', [{}], {
			resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: 'ABC Plumbing',
			primaryContact: { firstName: 'John', email: 'john@abc.com' }, billingAddress: { city: 'Naples', zipCode: '34102' }, v4Fields: { notes: 'VIP' },
		});
		const flat = { display_name: 'ABC Plumbing', first_name: 'John', email: 'john@abc.com', city: 'Naples', zip_code: '34102', notes: 'VIP', crm_id: 7 };
		const nested = { displayName: 'ABC Plumbing', primary_contact: { first_name: 'John', email: 'john@abc.com' }, billing_address: { city: 'Naples', zip_code: '34102' }, notes: 'VIP' };
		for (const row of [flat, nested]) expect(await bodiesOf('hyfinCustomer', [row], { resource: 'customer', operation: 'upsert', apiVersion: 'v4', ...AUTO })).toEqual(expected);
	});

	it('Bamboo create, in minor or major units', async () => {
		const expected = await bodiesOf('bambooPaymentLink', [{}], { resource: 'payment', operation: 'create', amount: 1999, currencyCode: 'UYU', additionalFields: { orderNumber: 'SO-1', installments: '1,3', isFinalConsumer: false } });
		const rows = [
			{ amount: 1999, currency: 'UYU', order_number: 'SO-1', installments: '1, 3', is_final_consumer: false, status: 'ignored' },
			{ amount: '19.99', amount_unit: 'major', currencyCode: 'uyu', orderNumber: 'SO-1', installments: [1, 3], isFinalConsumer: 'false' },
		];
		for (const row of rows) expect(await bodiesOf('bambooPaymentLink', [row], { resource: 'payment', operation: 'create', ...AUTO })).toEqual(expected);
	});

	it('Bamboo inject customer and card-registration link, addresses as nested objects', async () => {
		const id = await paymentId();
		const customer = { identifier: 'ana@example.com', customerFields: { email: 'ana@example.com', firstName: 'Ana' }, billingAddress: { city: 'Montevideo', country: 'Uruguay' } };
		const inject = await bodiesOf('bambooPaymentLink', [{}], { resource: 'payment', operation: 'injectCustomer', paymentId: id, ...customer });
		const row = { payment_id: id, identifier: 'ana@example.com', email: 'ana@example.com', first_name: 'Ana', billing_address: { city: 'Montevideo', country: 'Uruguay', zip: 'not a Bamboo field' }, city: 'not the address' };
		expect(await bodiesOf('bambooPaymentLink', [row], { resource: 'payment', operation: 'injectCustomer', ...AUTO })).toEqual(inject);
		const link = await bodiesOf('bambooPaymentLink', [{}], { resource: 'customer', operation: 'createAccountLink', validForMinutes: 30, ...customer });
		expect(await bodiesOf('bambooPaymentLink', [{ ...row, valid_for_minutes: 30 }], { resource: 'customer', operation: 'createAccountLink', ...AUTO })).toEqual(link);
	});

	it('the field mapper\'s manual mode sends the values it holds (expressions resolved per item)', async () => {
		const fieldMapping = { mappingMode: 'defineBelow', value: { externalId: '={{ $json.code }}', firstName: 'Fixed', lastName: '={{ $json.name }}', email: '={{ $json.mail }}' } };
		const sent = await bodiesOf('hyfinCustomer', [{ code: 'k-1', name: 'One', mail: 'one@example.com' }], { resource: 'customer', operation: 'upsert', apiVersion: 'v3', inputMode: 'autoMap', fieldMapping });
		expect(sent).toEqual([{ external_id: 'k-1', first_name: 'Fixed', last_name: 'One', email: 'one@example.com' }]);
	});
});

describe('bad input: the same field-named errors as Define Below, nothing sent', () => {
	it.each([
		['hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v3' }, { external_id: 'x', last_name: 'L' }, '"First Name" is required'],
		['hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v3' }, { external_id: 'x', first_name: 'F', last_name: 'L', email: 'nope' }, '"Additional Fields › Email" is not a valid email address: "nope"'],
		['hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v4' }, { display_name: 'D' }, 'Hyfin v4 needs a "Primary Contact" or "Additional Fields › Contact IDs"'],
		['bambooPaymentLink', { resource: 'payment', operation: 'create' }, { amount: '19.999', amount_unit: 'major', currency: 'UYU' }, '"Amount" has more than 2 decimals: "19.999"'],
		['bambooPaymentLink', { resource: 'payment', operation: 'create' }, { amount: 100 }, '"Currency" is required'],
		['bambooPaymentLink', { resource: 'payment', operation: 'create' }, { amount: 100, currency: 'UYU', payment_type: 'cash' }, '"Payment Type" must be one of "CheckoutPro", "QR", got "cash"'],
		['bambooPaymentLink', { resource: 'payment', operation: 'injectCustomer' }, { payment_id: '..', identifier: 'i' }, '"Payment ID" cannot be ".."'],
		['bambooPaymentLink', { resource: 'customer', operation: 'createAccountLink' }, { identifier: { $gt: '' } }, '"Customer Identifier" must be text, got {"$gt":""}'],
	] as const)('%s %j with %j: %s', async (type, parameters, row, message) => {
		const credentials = type === 'hyfinCustomer' ? hyfinCredentials(sandbox()) : bambooCredentials(sandbox());
		const run = await runNode(engine(), type, [row], { ...parameters, ...AUTO }, credentials);
		expect(nodeError(run, type === 'hyfinCustomer' ? 'Hyfin Customer' : 'Bamboo Payment Link').message).toBe(message);
		expect(sandbox().log).toHaveLength(0);
	});
});

it('for 200 random customers, Map Automatically and Define Below send the same bodies', async () => {
	const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && s.trim() === s);
	const customer = fc.record({ id: text, first: text, last: text, email: fc.option(fc.emailAddress(), { nil: undefined }), sms: fc.boolean(), phone: fc.constantFrom('305-555-0101', '111 222 3333') });
	await fc.assert(
		fc.asyncProperty(fc.array(customer, { minLength: 1, maxLength: 4 }), async (customers) => {
			const defined = {
				resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: '={{ $json.id }}', firstName: '={{ $json.first }}', lastName: '={{ $json.last }}',
				additionalFields: { email: '={{ $json.email ?? "" }}', mobilePhone: '={{ $json.phone }}', notifyPhone: '={{ $json.sms }}' },
			};
			const expected = await bodiesOf('hyfinCustomer', customers, defined);
			const rows = customers.map((c) => ({ external_id: c.id, first_name: c.first, last_name: c.last, ...(c.email ? { email: c.email } : {}), mobile_phone: c.phone, notify_phone: c.sms }));
			expect(await bodiesOf('hyfinCustomer', rows, { resource: 'customer', operation: 'upsert', apiVersion: 'v3', ...AUTO })).toEqual(expected);
		}),
		{ numRuns: 200 },
	);
});

it('the field mapper\'s columns come from the field definitions, per operation and API version', async () => {
	const columns = async (type: string, params: IDataObject) => {
		const node = engine().types.nodes.get(`n8n-nodes-bamboo-hyfin.${type}`) as INodeType;
		const context = { getNodeParameter: (name: string, fallback?: unknown) => params[name] ?? fallback } as unknown as ILoadOptionsFunctions;
		const { fields } = await node.methods!.resourceMapping!.getMappingColumns.call(context);
		return fields.map((field) => `${field.id}${field.required ? '*' : ''}`);
	};
	expect(await columns('hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v3' })).toEqual(
		expect.arrayContaining(['externalId*', 'firstName*', 'lastName*', 'email', 'notifyPhone', 'accountName']),
	);
	expect(await columns('hyfinCustomer', { resource: 'customer', operation: 'upsert', apiVersion: 'v4' })).toEqual(expect.arrayContaining(['displayName*', 'firstName', 'addressLine1', 'contactIds']));
	expect(await columns('bambooPaymentLink', { resource: 'payment', operation: 'create' })).toEqual(expect.arrayContaining(['amount*', 'currencyCode*', 'orderNumber', 'qrImageOptions.scale']));
	expect(await columns('bambooPaymentLink', { resource: 'payment', operation: 'injectCustomer' })).toEqual(expect.arrayContaining(['paymentId*', 'identifier*', 'billingAddress.city', 'shippingAddress.city']));
	expect(await columns('bambooPaymentLink', { resource: 'payment', operation: 'get' })).toEqual([]);
});

it('the Map Automatically example runs: every record upserted, linked and attached, stray keys unsent', async () => {
	const run = await engine().run(readExample('map-automatically.json'), { credentials: { ...hyfinCredentials(sandbox()), ...bambooCredentials(sandbox()) } });
	expect(run.error).toBeUndefined();
	expect(run.json('Hyfin v3 customer').map((json) => json.action)).toEqual(['added', 'added']);
	expect(run.json('Hyfin v4 customer').map((json) => json.action)).toEqual(['added', 'added']);
	expect(run.json('Card registration link').every((json) => json.isSuccess === true)).toBe(true);
	expect(sandbox().vendors.bamboo.payments().map((p) => [p.request.orderNumber, p.request.amount, p.customer?.identifier])).toEqual([
		['SO-2026-2001', 14990, 'ana.silva@example.com'],
		['SO-2026-2002', 8900, 'bruno.costa@example.com'],
	]);
	expect(JSON.stringify(bodies())).not.toContain('crm_owner');
});
