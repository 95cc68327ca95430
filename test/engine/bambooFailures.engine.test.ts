/**
 * Bamboo Payment Link failures in the real n8n engine against the local Bamboo emulator: error shapes,
 * validation before any request, item pairing and the credential test.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';
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
		['taxable above amount', create({ additionalFields: { taxableAmount: '={{ $json.t }}' } }), { amount: 100, t: 50 }, { amount: 100, t: 101 }, '"Additional Fields › Taxable Amount" (101) is larger than the amount (100)'],
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
