/**
 * Bamboo Payment Link in the real n8n engine against the local Bamboo emulator: wire format of every
 * operation, money conversion, QR binary output, error shapes, validation, pairing and the credential test.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';
import { BAMBOO_KEY, bambooCredentials, runNode, useEngineAndSandbox } from './helpers/setup';
import type { RunResult } from './helpers/setup';

const { engine, sandbox } = useEngineAndSandbox();
const NODE = 'Bamboo Payment Link';

function bamboo(rows: object[], parameters: Record<string, unknown>, opts: { continueOnFail?: boolean; credentials?: ICredentialDataDecryptedObject } = {}) {
	return runNode(engine(), 'bambooPaymentLink', rows, parameters, bambooCredentials(sandbox(), opts.credentials), opts);
}

function nodeError(run: RunResult) {
	const error = run.nodeError(NODE) as unknown as { name: string; message: string; description?: string; context: { itemIndex?: number }; httpCode?: string };
	expect(error).toBeDefined();
	return error;
}

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
	it('registers the node and credential under their contract names', () => {
		const node = engine().types.nodes.get('n8n-nodes-bamboo-hyfin.bambooPaymentLink') as INodeType;
		const { description } = node;
		expect(description.displayName).toBe('Bamboo Payment Link');
		expect(description.usableAsTool).toEqual({ replacements: { properties: expect.any(Array) } });
		expect(description.credentials).toEqual([{ name: 'bambooPaymentApi', required: true, testedBy: 'bambooPaymentApiTest' }]);
		const props = (name: string) => description.properties.filter((p) => p.name === name);
		const values = (p: { options?: unknown }) => (p.options as Array<{ value: string }>).map((o) => o.value).sort();
		expect(values(props('resource')[0])).toEqual(['customer', 'payment']);
		const [paymentOps, customerOps] = props('operation');
		expect(values(paymentOps)).toEqual(['create', 'get', 'injectCustomer']);
		expect(paymentOps.default).toBe('injectCustomer');
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

describe('errors', () => {
	it.each([
		['camel', 'Bamboo did not find it (HTTP 404): CS404 Customer nobody not found'],
		['pascal', 'Bamboo did not find it (HTTP 404): CS404 Customer nobody not found: HTTP 404'],
		['string', 'Bamboo did not find it (HTTP 404): CS404: Customer nobody not found'],
	])('reads %s error entries', async (shape, message) => {
		sandbox().config.bamboo.errorShape = shape as 'camel';
		try {
			const run = await bamboo([{}], { resource: 'customer', operation: 'get', identifier: 'nobody' }, { continueOnFail: true });
			expect(run.json(NODE)).toEqual([{ error: message }]);
		} finally {
			sandbox().config.bamboo.errorShape = 'camel';
		}
	});

	it('treats isSuccess:false with HTTP 200 as a failure, and a non-empty errors array too', async () => {
		const original = sandbox().vendors.bamboo.handle;
		const answers = [
			{ status: 200, body: { isSuccess: false, errors: [{ code: 'BP001', message: 'Error' }] } },
			{ status: 200, body: { paymentId: 'x', errors: ['Something is wrong'] } },
			{ status: 200, body: { isSuccess: false } },
		];
		sandbox().vendors.bamboo.handle = () => answers.shift()!;
		try {
			const run = await bamboo([{}, {}, {}], { resource: 'payment', operation: 'get', paymentId: 'p', options: { concurrency: 1 } }, { continueOnFail: true });
			expect(run.json(NODE)).toEqual([
				{ error: 'Bamboo rejected the request: BP001 Error' },
				{ error: 'Bamboo rejected the request: Something is wrong' },
				{ error: 'Bamboo rejected the request: no error message in the answer' },
			]);
		} finally {
			sandbox().vendors.bamboo.handle = original;
		}
	});

	it('reports a rejected key without showing it', async () => {
		const run = await bamboo([{ amount: 100 }], create(), { credentials: { privateKey: 'wrong-key-value' } });
		const error = nodeError(run);
		expect(error.message).toBe('Bamboo refused the credential (HTTP 401): AUTH01 Invalid or missing private key');
		expect(error.description).toMatch(/Private Key/);
		expect(JSON.stringify(run.result)).not.toContain('wrong-key-value');
	});
});

describe('validation before any request', () => {
	// [title, parameters, good row, bad row, message]
	const cases: Array<[string, Record<string, unknown>, object, object, string]> = [
		['non-integer minor amount', create(), { amount: 100 }, { amount: '19.99' }, '"Amount" must be a whole number of minor units (cents), got "19.99"'],
		['negative amount', create(), { amount: 100 }, { amount: -5 }, '"Amount" must be a whole number of minor units (cents), got -5'],
		['zero amount', create(), { amount: 100 }, { amount: 0 }, '"Amount" must be greater than zero'],
		['more than 2 decimals', create({ amountUnit: 'major' }), { amount: '1.5' }, { amount: '19.999' }, '"Amount" has more than 2 decimals: "19.999"'],
		['bad currency', create({ currencyCode: '={{ $json.currency }}' }), { amount: 1, currency: 'UYU' }, { amount: 1, currency: 'US' }, '"Currency" must be a three-letter ISO 4217 code such as UYU, got "US"'],
		['bad payment type', create({ paymentType: '={{ $json.type }}' }), { amount: 1, type: 'qr' }, { amount: 1, type: 'card' }, '"Payment Type" must be one of "CheckoutPro", "QR", got "card"'],
		['bad installments', create({ additionalFields: { installments: '={{ $json.i }}' } }), { amount: 1, i: '1,3' }, { amount: 1, i: '1,x' }, '"Additional Fields › Installments" must be a whole number, got "x"'],
		['taxable above amount', create({ additionalFields: { taxableAmount: '={{ $json.t }}' } }), { amount: 100, t: 50 }, { amount: 100, t: 101 }, '"Additional Fields › Taxable Amount (Minor Units)" (101) is larger than the amount (100)'],
		['bad notification URL', create({ additionalFields: { notificationUrl: '={{ $json.u }}' } }), { amount: 1, u: 'https://x.io/n' }, { amount: 1, u: 'ftp://x' }, '"Additional Fields › Notification URL" must be an http(s) URL, got "ftp://x"'],
		['missing identifier', { resource: 'payment', operation: 'injectCustomer', paymentId: '={{ $json.p }}', identifier: '={{ $json.id }}' }, { id: 'c', p: 'PAYMENT' }, { id: '', p: 'never-sent' }, '"Customer Identifier" is required'],
		['bad customer email', { resource: 'customer', operation: 'createAccountLink', identifier: 'c', customerFields: { email: '={{ $json.e }}' } }, { e: 'a@b.co' }, { e: 'a@b' }, '"Customer Fields › Email" is not a valid email address: "a@b"'],
		['document type not an integer', { resource: 'customer', operation: 'createAccountLink', identifier: 'c', customerFields: { documentTypeId: '={{ $json.d }}' } }, { d: 2 }, { d: 'CI' }, '"Customer Fields › Document Type" must be a whole number, got "CI"'],
		['missing payment id', { resource: 'payment', operation: 'get', paymentId: '={{ $json.p }}' }, { p: 'PAYMENT' }, { p: '' }, '"Payment ID" is required'],
	];

	it.each(cases)('%s: NodeOperationError naming the field, with the item index; nothing sent without "Continue"', async (_title, parameters, goodRow, bad, message) => {
		// Rows that need an existing payment get one, so that only the bad row can fail.
		const good = JSON.stringify(goodRow).includes('PAYMENT') ? JSON.parse(JSON.stringify(goodRow).replace('PAYMENT', await createPayment())) : goodRow;
		sandbox().log.length = 0;
		const run = await bamboo([good, bad, good], parameters, { continueOnFail: true });
		expect(run.json(NODE)[1]).toEqual({ error: message });
		const sent = sandbox().log.length;
		expect(sent).toBe(2);
		sandbox().log.length = 0;
		const stopped = await bamboo([good, good, bad], { ...parameters, options: { concurrency: 1 } });
		const error = nodeError(stopped);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(2);
		// The whole run is checked before the first request: the valid items before it were not sent either.
		expect(sandbox().log).toHaveLength(0);
	});

	it('refuses a custom base URL over http to a non-loopback host, on every item, sending nothing', async () => {
		const run = await bamboo([{ amount: 1 }, { amount: 2 }], create(), { credentials: { baseUrl: 'http://bamboo.example.com' }, continueOnFail: true });
		expect(run.json(NODE)).toEqual([
			{ error: '"Base URL" must use https (http is accepted only for a loopback address such as 127.0.0.1)' },
			{ error: '"Base URL" must use https (http is accepted only for a loopback address such as 127.0.0.1)' },
		]);
		expect(sandbox().log).toHaveLength(0);
	});
});

describe('item pairing', () => {
	it('under "Continue", yields one paired item per input in order, mixing links and errors', async () => {
		const rows = [{ amount: 100 }, { amount: 'x' }, { amount: 300 }, { amount: 0 }, { amount: 500 }];
		const run = await bamboo(rows, create({ additionalFields: { orderNumber: '={{ "SO-" + $itemIndex }}' } }), { continueOnFail: true });
		const items = run.items(NODE);
		expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_r, item) => ({ item })));
		expect(items.map((item) => (item.json.redirectUrl ? 'link' : item.json.error))).toEqual([
			'link',
			'"Amount" must be a whole number of minor units (cents), got "x"',
			'link',
			'"Amount" must be greater than zero',
			'link',
		]);
		expect([...sandbox().vendors.bamboo.createsByOrder().keys()].sort()).toEqual(['SO-0', 'SO-2', 'SO-4']);
	});
});

describe('credential test', () => {
	const test = (data: Record<string, unknown>) => {
		const node = engine().types.nodes.get('n8n-nodes-bamboo-hyfin.bambooPaymentLink') as INodeType;
		const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
		return node.methods!.credentialTest!.bambooPaymentApiTest.call(context, { id: '1', name: 'Bamboo', type: 'bambooPaymentApi', data: data as ICredentialDataDecryptedObject });
	};

	it('accepts a good key (404 for the probe) and tells a rejected one apart', async () => {
		const base = { environment: 'custom', baseUrl: sandbox().bambooBaseUrl };
		await expect(test({ ...base, privateKey: BAMBOO_KEY })).resolves.toEqual({ status: 'OK', message: 'Bamboo accepted the credential' });
		await expect(test({ ...base, privateKey: 'nope-nope-nope' })).resolves.toEqual({ status: 'Error', message: 'Bamboo rejected the credential (HTTP 401)' });
		const probes = sandbox().requests('bamboo', 'GET');
		expect(probes.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/bamboo/api/v1/customers/n8n-credential-test', `Basic ${BAMBOO_KEY}`],
			['/bamboo/api/v1/customers/n8n-credential-test', 'Basic nope-nope-nope'],
		]);
	});

	it('refuses an unsafe custom base URL without sending', async () => {
		await expect(test({ environment: 'custom', baseUrl: 'http://example.com', privateKey: 'k' })).resolves.toMatchObject({ status: 'Error' });
		expect(sandbox().log).toHaveLength(0);
	});
});
