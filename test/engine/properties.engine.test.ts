/**
 * Property-based bad input: fast-check generates invalid values for every checked field of both nodes
 * (1,000 cases in all). Each invalid item, placed after a random number of valid ones, must stop the node
 * with a NodeOperationError that names the field and carries that item's index, and the run must send
 * nothing at all: the whole run is checked before the first request.
 */
import fc from 'fast-check';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { bambooCredentials, hyfinCredentials, runNode, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const RUNS_PER_NODE_FAMILY = 250;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blank = fc.constantFrom('', ' ', '   ', '\t', '\n ');
const badEmail = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !EMAIL.test(s.trim()));
const notThreeLetters = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '' && !/^[A-Za-z]{3}$/.test(s.trim()));
const notWholeNumber = fc.oneof(
	fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)).map(String),
	fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '' && !/^\s*[-+]?\d+\s*$/.test(s)),
	fc.integer({ min: -1000000, max: -1 }),
);
const tooManyDecimals = fc.tuple(fc.nat(99999), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([whole, d3, d4]) => `${whole}.${d3}${d4}${d3}`);

interface Case {
	row: Record<string, unknown>;
	field: string;
}

async function expectRejected(
	type: 'hyfinCustomer' | 'bambooPaymentLink',
	parameters: Record<string, unknown>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	good: Record<string, unknown>,
	bad: Case,
	validBefore: number,
) {
	sandbox().log.length = 0;
	const rows = [...Array.from({ length: validBefore }, (_v, i) => ({ ...good, n: i })), bad.row];
	const run = await runNode(engine(), type, rows, { ...parameters, options: { concurrency: 1, maxRetries: 0 } }, credentials);
	const error = run.nodeError(type === 'hyfinCustomer' ? 'Hyfin Customer' : 'Bamboo Payment Link') as unknown as {
		name: string;
		message: string;
		context: { itemIndex: number };
	};
	expect(error?.name).toBe('NodeOperationError');
	expect(error.message).toContain(`"${bad.field}"`);
	expect(error.context.itemIndex).toBe(validBefore);
	// Nothing reached the API, not even the valid items before it.
	expect(sandbox().log).toHaveLength(0);
}

it(`Hyfin v3/v3.1: ${RUNS_PER_NODE_FAMILY} invalid inputs`, async () => {
	const parameters = {
		resource: 'customer',
		operation: 'upsert',
		externalId: '={{ $json.externalId }}',
		firstName: '={{ $json.firstName }}',
		lastName: '={{ $json.lastName }}',
		additionalFields: { email: '={{ $json.email }}', mobilePhone: '={{ $json.phone }}', notifyPhone: '={{ $json.sms }}', notifyEmail: '={{ $json.mail }}' },
	};
	const good = { externalId: 'good', firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com', phone: '', sms: false, mail: true };
	const bad: fc.Arbitrary<Case> = fc.oneof(
		blank.map((v) => ({ row: { ...good, externalId: v }, field: 'External ID' })),
		blank.map((v) => ({ row: { ...good, firstName: v }, field: 'First Name' })),
		blank.map((v) => ({ row: { ...good, lastName: v }, field: 'Last Name' })),
		badEmail.map((v) => ({ row: { ...good, email: v }, field: 'Additional Fields › Email' })),
		blank.map((v) => ({ row: { ...good, sms: true, phone: v }, field: 'Additional Fields › Mobile Phone' })),
		blank.map((v) => ({ row: { ...good, mail: true, email: v }, field: 'Additional Fields › Email' })),
	);
	await fc.assert(
		fc.asyncProperty(bad, fc.integer({ min: 0, max: 3 }), fc.constantFrom('v3', 'v3.1'), async (invalid, before, version) => {
			await expectRejected('hyfinCustomer', { ...parameters, apiVersion: version }, hyfinCredentials(sandbox()), good, invalid, before);
		}),
		{ numRuns: RUNS_PER_NODE_FAMILY },
	);
});

it(`Hyfin v4: ${RUNS_PER_NODE_FAMILY} invalid inputs`, async () => {
	const parameters = {
		resource: 'customer',
		operation: 'upsert',
		apiVersion: 'v4',
		displayName: '={{ $json.name }}',
		primaryContact: { firstName: '={{ $json.first }}', email: '={{ $json.email }}' },
		v4Fields: { contactIds: '={{ $json.contacts }}', billToParentFlag: '={{ $json.billParent }}', parentCustomer: '={{ $json.parent }}' },
	};
	const good = { name: 'Good Co', first: 'Gil', email: 'gil@example.com', contacts: '', billParent: false, parent: '' };
	const bad: fc.Arbitrary<Case> = fc.oneof(
		blank.map((v) => ({ row: { ...good, name: v }, field: 'Display Name' })),
		badEmail.map((v) => ({ row: { ...good, email: v }, field: 'Primary Contact › Email' })),
		blank.map(() => ({ row: { ...good, first: '', email: '' }, field: 'Primary Contact' })),
		fc.constantFrom(',', ' , ', ',,,').map((v) => ({ row: { ...good, contacts: v }, field: 'Additional Fields › Contact IDs' })),
		blank.map((v) => ({ row: { ...good, billParent: true, parent: v }, field: 'Additional Fields › Parent Customer ID' })),
	);
	await fc.assert(
		fc.asyncProperty(bad, fc.integer({ min: 0, max: 3 }), async (invalid, before) => {
			await expectRejected('hyfinCustomer', parameters, hyfinCredentials(sandbox()), good, invalid, before);
		}),
		{ numRuns: RUNS_PER_NODE_FAMILY },
	);
});

it(`Bamboo create: ${RUNS_PER_NODE_FAMILY} invalid inputs`, async () => {
	const parameters = {
		resource: 'payment',
		operation: 'create',
		amount: '={{ $json.amount }}',
		amountUnit: '={{ $json.unit }}',
		currencyCode: '={{ $json.currency }}',
		paymentType: 'CheckoutPro',
		additionalFields: { installments: '={{ $json.installments }}', taxableAmount: '={{ $json.taxable }}', validForMinutes: '={{ $json.minutes }}' },
	};
	const good = { amount: 1999, unit: 'minor', currency: 'UYU', installments: '1,3', taxable: '', minutes: 15 };
	const bad: fc.Arbitrary<Case> = fc.oneof(
		notWholeNumber.map((v) => ({ row: { ...good, amount: v }, field: 'Amount' })),
		tooManyDecimals.map((v) => ({ row: { ...good, unit: 'major', amount: v }, field: 'Amount' })),
		fc.constantFrom(0, '0', '0.00').map((v) => ({ row: { ...good, unit: 'major', amount: v }, field: 'Amount' })),
		notThreeLetters.map((v) => ({ row: { ...good, currency: v }, field: 'Currency' })),
		fc.string({ minLength: 1, maxLength: 5 }).filter((s) => !(/^\s*[-+]?\d+\s*$/.test(s) && Number(s) >= 1 && Number(s) <= 99) && s.trim() !== '' && !s.includes(',')).map((v) => ({ row: { ...good, installments: `1,${v}` }, field: 'Additional Fields › Installments' })),
		fc.integer({ min: 2000, max: 10 ** 9 }).map((v) => ({ row: { ...good, taxable: v }, field: 'Additional Fields › Taxable Amount' })),
		fc.integer({ min: -100, max: 0 }).map((v) => ({ row: { ...good, minutes: v }, field: 'Additional Fields › Valid for (Minutes)' })),
	);
	await fc.assert(
		fc.asyncProperty(bad, fc.integer({ min: 0, max: 3 }), async (invalid, before) => {
			await expectRejected('bambooPaymentLink', parameters, bambooCredentials(sandbox()), good, invalid, before);
		}),
		{ numRuns: RUNS_PER_NODE_FAMILY },
	);
});

it(`Bamboo inject customer and card-registration link: ${RUNS_PER_NODE_FAMILY} invalid inputs`, async () => {
	const created = await runNode(engine(), 'bambooPaymentLink', [{}], { resource: 'payment', operation: 'create', amount: 100, currencyCode: 'UYU' }, bambooCredentials(sandbox()));
	const paymentId = String(created.json('Bamboo Payment Link')[0].paymentId);
	const parameters = {
		resource: 'payment',
		operation: 'injectCustomer',
		paymentId: '={{ $json.paymentId }}',
		identifier: '={{ $json.identifier }}',
		customerFields: { email: '={{ $json.email }}', documentTypeId: '={{ $json.doc }}' },
		billingAddress: { city: '={{ $json.city }}' },
	};
	const good = { paymentId, identifier: 'juan@example.com', email: 'juan@example.com', doc: 2, city: 'Montevideo' };
	const bad: fc.Arbitrary<Case> = fc.oneof(
		blank.map((v) => ({ row: { ...good, identifier: v }, field: 'Customer Identifier' })),
		blank.map((v) => ({ row: { ...good, paymentId: v }, field: 'Payment ID' })),
		badEmail.map((v) => ({ row: { ...good, email: v }, field: 'Customer Fields › Email' })),
		notWholeNumber.filter((v) => typeof v !== 'number').map((v) => ({ row: { ...good, doc: v }, field: 'Customer Fields › Document Type' })),
	);
	await fc.assert(
		fc.asyncProperty(bad, fc.integer({ min: 0, max: 3 }), fc.boolean(), async (invalid, before, accountLink) => {
			const params = accountLink && invalid.field !== 'Payment ID' ? { ...parameters, resource: 'customer', operation: 'createAccountLink' } : parameters;
			await expectRejected('bambooPaymentLink', params, bambooCredentials(sandbox()), good, invalid, before);
		}),
		{ numRuns: RUNS_PER_NODE_FAMILY },
	);
});
