/**
 * Bamboo Payment Link in the real n8n engine against the local Bamboo emulator: wire format of every
 * operation, money conversion and QR binary output.
 */
import type { INodeType } from 'n8n-workflow';
import { BAMBOO_KEY, nodeError as storedError, nodeRunner, useEngineAndSandbox } from '../support/engine';
import type { RunResult } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const NODE = 'Bamboo Payment Link';

const bamboo = nodeRunner('bambooPaymentLink', engine, sandbox);

const nodeError = (run: RunResult) => storedError(run, NODE);

const create = (extra: Record<string, unknown> = {}) => ({
	resource: 'payment',
	operation: 'create',
	amount: '={{ $json.amount }}',
	amountUnit: 'minor',
	currencyCode: 'UYU',
	paymentType: 'CheckoutPro',
	...extra,
});

async function createPayment(orderNumber = 'SO-1'): Promise<string> {
	const run = await bamboo([{ amount: 1000 }], create({ additionalFields: { orderNumber } }));
	expect(run.error).toBeUndefined();
	return String(run.json(NODE)[0].paymentId);
}

describe('package as n8n loads it', () => {
	it('a saved node without an operation does what its version defaults to: Attach Customer in versions 1 and 2, Create in 3', async () => {
		const attach = { resource: 'payment', paymentId: 'no-such-payment', identifier: 'x', amount: '100', currencyCode: 'UYU', orderNumber: 'SO-DEFAULT-3' };
		for (const version of [1, 2]) {
			sandbox().reset();
			await bamboo([{}], attach, { version, continueOnFail: true });
			expect(sandbox().requests('bamboo').map((request) => request.method)).toEqual(['PATCH']);
		}
		sandbox().reset();
		await bamboo([{}], attach, { version: 3, continueOnFail: true });
		expect(sandbox().requests('bamboo').map((request) => [request.method, (request.body as { orderNumber?: string } | undefined)?.orderNumber])).toEqual([['POST', 'SO-DEFAULT-3']]);
	});

	it('registers the node and credential under their contract names', () => {
		const node = engine().types.nodes.get('n8n-nodes-bamboo-hyfin.bambooPaymentLink') as INodeType;
		const { description } = node;
		expect(description.displayName).toBe('Bamboo Payment Link');
		expect(description.usableAsTool).toEqual({ replacements: { properties: expect.any(Array) } });
		expect(description.credentials).toEqual([{ name: 'bambooPaymentApi', required: true, testedBy: 'bambooPaymentApiTest' }]);
		const props = (name: string) => description.properties.filter((p) => p.name === name);
		const values = (p: { options?: unknown }) => (p.options as Array<{ value: string }>).map((o) => o.value).sort();
		expect(values(props('resource')[0])).toEqual(['customer', 'payment']);
		const [paymentOps, paymentOpsV3, customerOps] = props('operation');
		// Version 3 opens on Create; versions 1 and 2 keep their default (a saved workflow stores no default).
		for (const [ops, versions, fallback] of [[paymentOps, [1, 2], 'injectCustomer'], [paymentOpsV3, [3], 'create']] as const) {
			expect(values(ops)).toEqual(['create', 'get', 'injectCustomer']);
			expect(ops.displayOptions?.show).toEqual({ resource: ['payment'], '@version': versions });
			expect(ops.default).toBe(fallback);
		}
		expect(values(customerOps)).toEqual(['createAccountLink', 'delete', 'get']);
		for (const name of ['paymentId', 'amount', 'amountUnit', 'currencyCode', 'paymentType', 'additionalFields', 'qrImageOptions', 'identifier', 'customerFields', 'billingAddress', 'shippingAddress', 'validForMinutes', 'options']) {
			expect(props(name).length).toBeGreaterThan(0);
		}
		expect(values(props('amountUnit')[0])).toEqual(['major', 'minor']);
		expect(props('amountUnit')[0].default).toBe('minor');
		expect(values(props('paymentType')[0])).toEqual(['CheckoutPro', 'QR']);
		expect(props('paymentType')[0].default).toBe('CheckoutPro');
		const keys = (name: string) => (props(name)[0].options as Array<{ name: string }>).map((o) => o.name).sort();
		expect(keys('additionalFields')).toEqual(['installments', 'invoiceNumber', 'isFinalConsumer', 'notificationUrl', 'orderNumber', 'taxableAmount', 'validForMinutes']);
		expect(keys('customerFields')).toEqual(['documentNumber', 'documentTypeId', 'email', 'firstName', 'lastName', 'phoneNumber']);
		expect(keys('billingAddress')).toEqual(['city', 'country', 'detail', 'postalCode', 'state']);
		expect(keys('shippingAddress')).toEqual(keys('billingAddress'));
		expect(keys('qrImageOptions')).toEqual(['backgroundColor', 'border', 'borderColor', 'contentType', 'embeddedImageName', 'embeddedImageRelativeWidth', 'encodedJsonPrefix', 'errorCorrectionLevel', 'foregroundColor', 'imageFormat', 'imagePixelFormat', 'scale']);
		expect(keys('options')).toEqual(expect.arrayContaining(['language', 'maxRetries', 'timeout', 'concurrency']));

		const credential = engine().types.credentials.get('bambooPaymentApi')!;
		expect(credential.displayName).toBe('Bamboo Payment API');
		const fields = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(fields)).toEqual(['environment', 'baseUrl', 'privateKey']);
		expect(values(fields.environment)).toEqual(['custom', 'production', 'stage']);
		expect(fields.environment.default).toBe('stage');
		expect(fields.baseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
		expect(fields.privateKey.typeOptions?.password).toBe(true);
	});
});

describe('payment: create', () => {
	it('sends minor units as given with the raw key in Authorization, and outputs the link', async () => {
		const run = await bamboo([{ amount: 146400 }], create({ additionalFields: { orderNumber: 'abc123' } }));
		expect(run.error).toBeUndefined();
		const [request] = sandbox().requests('bamboo');
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/bamboo/api/v1/payments');
		expect(request.headers.authorization).toBe(`Basic ${BAMBOO_KEY}`);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(request.headers.lang).toBeUndefined();
		expect(request.body).toEqual({ amount: 146400, currencyCode: 'UYU', paymentType: 'CheckoutPro', orderNumber: 'abc123' });
		const [json] = run.json(NODE);
		expect(json).toEqual({
			paymentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			redirectUrl: `https://checkout.stage.bamboopayment.com/#?paymentId=${String(json.paymentId)}`,
			validForMinutes: 15,
			isSuccess: true,
			errors: [],
		});
		expect(run.items(NODE)[0].binary).toBeUndefined();
	});

	it('converts major units exactly, per item', async () => {
		const rows = [{ amount: '19.99' }, { amount: '0.10' }, { amount: '1234.5' }, { amount: 7 }, { amount: 0.29 }];
		const run = await bamboo(rows, create({ amountUnit: 'major' }));
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('bamboo').map((r) => (r.body as { amount: number }).amount)).toEqual([1999, 10, 123450, 700, 29]);
	});

	it('maps every additional field: integer installments, metadata as strings', async () => {
		const run = await bamboo([{ amount: 146400 }], create({
			currencyCode: 'usd',
			additionalFields: {
				orderNumber: 'SO-9',
				installments: '1, 3,6 ,12',
				validForMinutes: 10080,
				notificationUrl: 'https://example.com/notify',
				invoiceNumber: '456',
				isFinalConsumer: false,
				taxableAmount: '12000',
			},
		}));
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('bamboo')[0].body).toEqual({
			amount: 146400,
			currencyCode: 'USD',
			paymentType: 'CheckoutPro',
			orderNumber: 'SO-9',
			installments: [1, 3, 6, 12],
			validForMinutes: 10080,
			notificationUrl: 'https://example.com/notify',
			metadataIn: { invoiceNumber: '456', isFinalConsumer: 'false', taxableAmount: '12000' },
		});
		expect(run.json(NODE)[0].validForMinutes).toBe(10080);
	});

	it('QR: sends the QR options, keeps the data URI in the JSON and outputs the PNG as binary', async () => {
		const run = await bamboo([{ amount: 500 }], create({
			paymentType: 'QR',
			qrImageOptions: { errorCorrectionLevel: 'high', foregroundColor: '#000000', embeddedImageName: 'logo', embeddedImageRelativeWidth: 0.25, scale: 8 },
		}));
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('bamboo')[0].body).toEqual({
			amount: 500,
			currencyCode: 'UYU',
			paymentType: 'QR',
			qrImageOptions: { errorCorrectionLevel: 'high', foregroundColor: '#000000', embeddedImageName: 'logo', embeddedImageRelativeWidth: 0.25, scale: 8 },
		});
		const [item] = run.items(NODE);
		expect(String(item.json.qrImage)).toMatch(/^data:image\/png;base64,/);
		const binary = item.binary!.qrImage;
		expect(binary.mimeType).toBe('image/png');
		expect(binary.fileName).toBe(`payment-${String(item.json.paymentId)}.png`);
		expect(binary.fileExtension).toBe('png');
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(bytes.equals(Buffer.from(String(item.json.qrImage).split(',')[1], 'base64'))).toBe(true);
	});

	it('never sends QR options with Checkout Pro', async () => {
		const run = await bamboo([{ amount: 500 }], create({ paymentType: 'CheckoutPro', qrImageOptions: { scale: 8 } }));
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('bamboo')[0].body).not.toHaveProperty('qrImageOptions');
	});
});

describe('payment: inject customer and get', () => {
	it('patches the payment with the customer and both addresses, leaving out empty fields and addresses', async () => {
		const paymentId = await createPayment();
		const run = await bamboo([{ paymentId, email: 'juan.perez@gmail.com' }], {
			resource: 'payment',
			operation: 'injectCustomer',
			paymentId: '={{ $json.paymentId }}',
			identifier: '={{ $json.email }}',
			customerFields: { email: '={{ $json.email }}', firstName: 'Juan', lastName: 'Pérez', documentTypeId: 2, documentNumber: '11211234', phoneNumber: '' },
			billingAddress: { detail: 'Rambla 1234', country: 'Uruguay', state: 'Montevideo', city: 'Montevideo', postalCode: '11300' },
			shippingAddress: { detail: '', city: '' },
		});
		expect(run.error).toBeUndefined();
		const patch = sandbox().requests('bamboo', 'PATCH')[0];
		expect(patch.path).toBe(`/bamboo/api/v1/payments/${paymentId}`);
		expect(patch.body).toEqual({
			customer: {
				identifier: 'juan.perez@gmail.com',
				email: 'juan.perez@gmail.com',
				firstName: 'Juan',
				lastName: 'Pérez',
				documentTypeId: 2,
				documentNumber: '11211234',
				billingAddress: { detail: 'Rambla 1234', country: 'Uruguay', state: 'Montevideo', city: 'Montevideo', postalCode: '11300' },
			},
		});
		expect(run.json(NODE)[0]).toMatchObject({ paymentId, isSuccess: true, errors: [] });
		expect(sandbox().vendors.bamboo.payments()[0].customer.identifier).toBe('juan.perez@gmail.com');
	});

	it('sends the shipping address with the same definition, and any document type id from an expression', async () => {
		const paymentId = await createPayment();
		const run = await bamboo([{ doc: '24' }], {
			resource: 'payment',
			operation: 'injectCustomer',
			paymentId,
			identifier: 'c-7',
			customerFields: { documentTypeId: '={{ $json.doc }}' },
			shippingAddress: { detail: 'Av. Brasil 2', country: 'Uruguay' },
		});
		expect(run.error).toBeUndefined();
		expect(sandbox().requests('bamboo', 'PATCH')[0].body).toEqual({
			customer: { identifier: 'c-7', documentTypeId: 24, shippingAddress: { detail: 'Av. Brasil 2', country: 'Uruguay' } },
		});
	});

	it('reports an unknown payment as not found', async () => {
		const run = await bamboo([{}], { resource: 'payment', operation: 'injectCustomer', paymentId: 'no-such-payment', identifier: 'x' });
		const error = nodeError(run);
		expect(error.message).toBe('Bamboo did not find it (HTTP 404): BP404 Payment no-such-payment not found');
		expect(error.httpCode).toBe('404');
	});

	it('reads a payment and its status', async () => {
		const paymentId = await createPayment();
		const pending = await bamboo([{}], { resource: 'payment', operation: 'get', paymentId });
		expect(pending.json(NODE)[0]).toMatchObject({ paymentId, paymentStatus: 'pending', isSuccess: true });
		sandbox().vendors.bamboo.pay(paymentId);
		const paid = await bamboo([{}], { resource: 'payment', operation: 'get', paymentId });
		expect(paid.json(NODE)[0]).toMatchObject({ paymentStatus: 'completed', transactionStatus: 'approved', purchaseId: expect.any(Number) });
		expect(sandbox().requests('bamboo', 'GET').map((r) => r.path)).toEqual([`/bamboo/api/v1/payments/${paymentId}`, `/bamboo/api/v1/payments/${paymentId}`]);
	});
});

describe('customer operations', () => {
	const identifier = 'juan.perez@gmail.com';

	it('creates a card-registration link, reads and deletes the customer with a URL-encoded identifier', async () => {
		const link = await bamboo([{ identifier }], {
			resource: 'customer',
			operation: 'createAccountLink',
			identifier: '={{ $json.identifier }}',
			customerFields: { firstName: 'Juan' },
			billingAddress: { city: 'Montevideo' },
			validForMinutes: 30,
		});
		expect(link.error).toBeUndefined();
		const post = sandbox().requests('bamboo', 'POST')[0];
		expect(post.path).toBe('/bamboo/api/v1/customers/account-link');
		expect(post.body).toEqual({ customer: { identifier, firstName: 'Juan', billingAddress: { city: 'Montevideo' } }, accountLinkType: 'qr', validForMinutes: 30 });
		expect(link.json(NODE)[0]).toEqual({
			customerId: expect.any(String),
			redirectUrl: expect.stringMatching(/^https:\/\/checkout\.stage\.bamboopayment\.com\/#\?customerId=/),
			validForMinutes: 30,
			isSuccess: true,
		});

		const read = await bamboo([{}], { resource: 'customer', operation: 'get', identifier });
		expect(read.json(NODE)[0]).toEqual({ customer: { identifier, firstName: 'Juan', billingAddress: { city: 'Montevideo' } }, isSuccess: true });
		expect(sandbox().requests('bamboo', 'GET')[0].path).toBe('/bamboo/api/v1/customers/juan.perez%40gmail.com');

		const removed = await bamboo([{}], { resource: 'customer', operation: 'delete', identifier });
		expect(removed.json(NODE)).toEqual([{ isSuccess: true }]);
		expect(sandbox().requests('bamboo', 'DELETE')[0].path).toBe('/bamboo/api/v1/customers/juan.perez%40gmail.com');
		const gone = await bamboo([{}], { resource: 'customer', operation: 'get', identifier }, { continueOnFail: true });
		expect(gone.json(NODE)).toEqual([{ error: 'Bamboo did not find it (HTTP 404): CS404 Customer juan.perez@gmail.com not found' }]);
	});

	it('sends the lang header chosen in the options', async () => {
		await bamboo([{}], { resource: 'customer', operation: 'get', identifier: 'x', options: { language: 'es' } }, { continueOnFail: true });
		expect(sandbox().requests('bamboo')[0].headers.lang).toBe('es');
	});
});

