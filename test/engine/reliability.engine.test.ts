/**
 * The reliability contract in the real engine, against the sandbox's fault injection: what is retried and
 * what never is, waits (backoff, Retry-After, caps) read from the sandbox's request log, timeouts,
 * cancellation, bounded concurrency and output order.
 */
import net from 'node:net';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { bambooCredentials, hyfinCredentials, runNode, useEngineAndSandbox } from '../support/engine';
import type { RunResult, Sandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
afterEach(() => sandbox().faults.configure({}));

type FaultName = Parameters<Sandbox['faults']['configure']>[0] extends infer C ? (C extends { script?: Array<infer N> } ? N : never) : never;
const FAST = { retryDelay: 5, maxRetryWait: 50, timeout: 400 };
const BEFORE: FaultName[] = ['status408', 'status429', 'status500', 'status502', 'status503', 'status504', 'resetBefore', 'hang', 'html'];
const AFTER: FaultName[] = ['resetAfter', 'truncated'];

function inject(script: FaultName[], match?: (entry: { method: string; path: string }) => boolean) {
	sandbox().faults.configure({ script, match, hangMs: 5000, retryAfterSeconds: 0.01 });
}

function run(type: 'hyfinCustomer' | 'bambooPaymentLink', rows: object[], parameters: Record<string, unknown>, opts: { continueOnFail?: boolean; credentials?: ICredentialDataDecryptedObject } = {}) {
	const credentials = type === 'hyfinCustomer' ? hyfinCredentials(sandbox(), opts.credentials) : bambooCredentials(sandbox(), opts.credentials);
	return runNode(engine(), type, rows, parameters, credentials, opts);
}

const nodeName = (type: string) => (type === 'hyfinCustomer' ? 'Hyfin Customer' : 'Bamboo Payment Link');
function errorOf(result: RunResult, type: string) {
	return result.nodeError(nodeName(type)) as unknown as { message: string; description?: string; context: { itemIndex?: number } } | undefined;
}

async function newPayment(order: string): Promise<string> {
	const result = await run('bambooPaymentLink', [{}], { resource: 'payment', operation: 'create', amount: 100, currencyCode: 'UYU', additionalFields: { orderNumber: order } });
	return String(result.json('Bamboo Payment Link')[0].paymentId);
}

async function newV4Customer(): Promise<string> {
	const result = await run('hyfinCustomer', [{}], { resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: 'Seed', primaryContact: { firstName: 'S' } });
	return String(result.json('Hyfin Customer')[0]._id);
}

interface Call {
	title: string;
	type: 'hyfinCustomer' | 'bambooPaymentLink';
	method: string;
	setup: () => Promise<Record<string, unknown>>;
	/** The order number of a payment create, whose links the sandbox counts. */
	orderNumber?: string;
}

const v3Upsert = { resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: 'r-1', firstName: 'Rae', lastName: 'Lee' };
const idempotentCalls: Call[] = [
	{ title: 'Hyfin v3 upsert', type: 'hyfinCustomer', method: 'POST', setup: async () => v3Upsert },
	{ title: 'Hyfin v3.1 upsert', type: 'hyfinCustomer', method: 'POST', setup: async () => ({ ...v3Upsert, apiVersion: 'v3.1' }) },
	{
		title: 'Hyfin v4 update with _id',
		type: 'hyfinCustomer',
		method: 'POST',
		setup: async () => ({ resource: 'customer', operation: 'upsert', apiVersion: 'v4', customerId: await newV4Customer(), displayName: 'Renamed', primaryContact: { firstName: 'S' } }),
	},
	{
		title: 'Hyfin get',
		type: 'hyfinCustomer',
		method: 'GET',
		setup: async () => {
			await run('hyfinCustomer', [{}], v3Upsert);
			return { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 'r-1' };
		},
	},
	{ title: 'Bamboo inject customer', type: 'bambooPaymentLink', method: 'PATCH', setup: async () => ({ resource: 'payment', operation: 'injectCustomer', paymentId: await newPayment('o-1'), identifier: 'c-1' }) },
	{ title: 'Bamboo get payment', type: 'bambooPaymentLink', method: 'GET', setup: async () => ({ resource: 'payment', operation: 'get', paymentId: await newPayment('o-2') }) },
];

const createCalls: Call[] = [
	{ title: 'Bamboo create payment link', type: 'bambooPaymentLink', method: 'POST', orderNumber: 'SO-77', setup: async () => ({ resource: 'payment', operation: 'create', amount: 1999, currencyCode: 'UYU', additionalFields: { orderNumber: 'SO-77' } }) },
	{ title: 'Bamboo card-registration link', type: 'bambooPaymentLink', method: 'POST', setup: async () => ({ resource: 'customer', operation: 'createAccountLink', identifier: 'c-9' }) },
	{ title: 'Hyfin v4 create (no _id)', type: 'hyfinCustomer', method: 'POST', setup: async () => ({ resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: 'New Co', primaryContact: { firstName: 'N' } }) },
];

describe('safe calls are retried on every transient fault', () => {
	const cases = idempotentCalls.flatMap((call) => [...BEFORE, ...AFTER].map((fault) => [call.title, fault, call] as const));
	it.each(cases)('%s after %s', async (_title, fault, call) => {
		const parameters = await call.setup();
		sandbox().log.length = 0;
		inject([fault], (entry) => entry.method === call.method);
		const result = await run(call.type, [{}], { ...parameters, options: FAST });
		expect(errorOf(result, call.type)).toBeUndefined();
		const attempts = sandbox().log.filter((entry) => entry.method === call.method);
		expect(attempts.map((entry) => entry.fault ?? 'ok')).toEqual([fault, 'ok']);
	});
});

describe('calls that create are never repeated once they may have reached the server', () => {
	// A 429 is a refusal that made nothing: see the test after this one.
	const mayHaveArrived = [...BEFORE, ...AFTER].filter((fault) => fault !== 'status429');
	const cases = createCalls.flatMap((call) => mayHaveArrived.map((fault) => [call.title, fault, call] as const));
	it.each(cases)('%s after %s: one request, an error saying the record may exist', async (_title, fault, call) => {
		const parameters = await call.setup();
		sandbox().log.length = 0;
		inject([fault]);
		const result = await run(call.type, [{}], { ...parameters, options: FAST }, { continueOnFail: true });
		expect(sandbox().log).toHaveLength(1);
		const [output] = result.json(nodeName(call.type));
		expect(output.error).toMatch(/may or may not have been (created|issued|added)/);
		if (call.orderNumber) {
			expect(output.error).toContain(`order number "${call.orderNumber}"`);
			expect(sandbox().vendors.bamboo.createsByOrder().get(call.orderNumber) ?? 0).toBe(AFTER.includes(fault) ? 1 : 0);
		}
	});

	it.each(createCalls.map((call) => [call.title, call] as const))('%s refused with 429 (it made nothing): sent again after Retry-After, created once', async (_title, call) => {
		const parameters = await call.setup();
		sandbox().log.length = 0;
		inject(['status429']);
		const result = await run(call.type, [{}], { ...parameters, options: FAST }, { continueOnFail: true });
		const [output] = result.json(nodeName(call.type));
		expect(output.error).toBeUndefined();
		expect(sandbox().log.map((entry) => entry.fault ?? 'ok')).toEqual(['status429', 'ok']);
		if (call.orderNumber) expect(sandbox().vendors.bamboo.createsByOrder().get(call.orderNumber)).toBe(1);
	});

	it('a create whose connection was refused (provably never sent) is retried and succeeds once', async () => {
		const port = await new Promise<number>((resolve) => {
			const probe = net.createServer().listen(0, '127.0.0.1', () => {
				const { port: free } = probe.address() as net.AddressInfo;
				probe.close(() => resolve(free));
			});
		});
		const { startSandbox } = await import('../../sandbox');
		let late: Awaited<ReturnType<typeof startSandbox>> | undefined;
		const opening = new Promise<void>((resolve) => {
			setTimeout(async () => {
				late = await startSandbox({ port, bamboo: { privateKey: 'late-key' } });
				resolve();
			}, 60);
		});
		const result = await runNode(
			engine(),
			'bambooPaymentLink',
			[{}],
			{ resource: 'payment', operation: 'create', amount: 500, currencyCode: 'UYU', additionalFields: { orderNumber: 'SO-R' }, options: { retryDelay: 400, maxRetryWait: 1000, maxRetries: 3 } },
			{ bambooPaymentApi: { environment: 'custom', baseUrl: `http://127.0.0.1:${port}/bamboo`, privateKey: 'late-key' } },
		);
		await opening;
		try {
			expect(result.error).toBeUndefined();
			expect(result.json('Bamboo Payment Link')[0].redirectUrl).toMatch(/paymentId=/);
			expect(late!.vendors.bamboo.createsByOrder().get('SO-R')).toBe(1);
		} finally {
			await late?.close();
		}
	});
});

describe('retried deletes', () => {
	it('explains a 404 after a delete whose first answer was lost', async () => {
		await run('bambooPaymentLink', [{}], { resource: 'customer', operation: 'createAccountLink', identifier: 'gone@example.com' });
		sandbox().log.length = 0;
		inject(['resetAfter'], (entry) => entry.method === 'DELETE');
		const result = await run('bambooPaymentLink', [{}], { resource: 'customer', operation: 'delete', identifier: 'gone@example.com', options: FAST }, { continueOnFail: true });
		expect(result.json('Bamboo Payment Link')).toEqual([
			{ error: 'Bamboo did not find it (HTTP 404) after 2 attempts: CS404 Customer gone@example.com not found. An earlier attempt of this delete may already have removed it' },
		]);
		expect(sandbox().vendors.bamboo.customers().has('gone@example.com')).toBe(false);
	});
});

describe('retry limits and what is not retried', () => {
	it('gives up after Max Retries and says how many attempts were made', async () => {
		inject(['status503', 'status503', 'status503', 'status503', 'status503']);
		const result = await run('hyfinCustomer', [{}], { ...v3Upsert, options: { ...FAST, maxRetries: 3 } });
		expect(errorOf(result, 'hyfinCustomer')!.message).toBe('Hyfin could not process the request (HTTP 503) after 4 attempts: Maintenance (injected)');
		expect(sandbox().log).toHaveLength(4);
	});

	it('Max Retries 0 disables retries', async () => {
		inject(['status503']);
		const result = await run('hyfinCustomer', [{}], { ...v3Upsert, options: { ...FAST, maxRetries: 0 } });
		expect(errorOf(result, 'hyfinCustomer')!.message).toBe('Hyfin could not process the request (HTTP 503): Maintenance (injected)');
		expect(sandbox().log).toHaveLength(1);
	});

	it('does not retry a rejected request (4xx other than 408/429)', async () => {
		const result = await run('hyfinCustomer', [{}], { ...v3Upsert, options: FAST }, { credentials: { accessToken: 'bad-token' } });
		expect(errorOf(result, 'hyfinCustomer')!.message).toMatch(/^Hyfin refused the credential \(HTTP 401\)/);
		expect(sandbox().log).toHaveLength(1);
	});
});

describe('waits between attempts (measured in the sandbox request log)', () => {
	const gaps = () => {
		const at = sandbox().log.map((entry) => entry.at);
		return at.slice(1).map((time, i) => time - at[i]);
	};

	it('backs off exponentially with jitter from Retry Base Delay', async () => {
		inject(['status500', 'status500', 'status500']);
		const result = await run('hyfinCustomer', [{}], { ...v3Upsert, options: { retryDelay: 60, maxRetryWait: 10000, maxRetries: 3 } });
		expect(errorOf(result, 'hyfinCustomer')).toBeUndefined();
		const [first, second, third] = gaps();
		// Waits are 50-100% of 60, 120, 240 ms; a wait is never shorter than its lower bound.
		expect(first).toBeGreaterThanOrEqual(30);
		expect(second).toBeGreaterThanOrEqual(60);
		expect(third).toBeGreaterThanOrEqual(120);
		expect(third).toBeGreaterThan(first);
	});

	it('honours Retry-After over the backoff, within Max Wait Between Retries', async () => {
		sandbox().faults.configure({ script: ['status429', 'status503'], retryAfterSeconds: 0.3 });
		const honoured = await run('hyfinCustomer', [{}], { ...v3Upsert, options: { retryDelay: 1, maxRetryWait: 10000 } });
		expect(errorOf(honoured, 'hyfinCustomer')).toBeUndefined();
		for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(295);

		sandbox().reset();
		sandbox().faults.configure({ script: ['status429', 'status503'], retryAfterSeconds: 30 });
		const capped = await run('hyfinCustomer', [{}], { ...v3Upsert, options: { retryDelay: 1, maxRetryWait: 100 } });
		expect(errorOf(capped, 'hyfinCustomer')).toBeUndefined();
		for (const gap of gaps()) {
			expect(gap).toBeGreaterThanOrEqual(95);
			expect(gap).toBeLessThan(5000);
		}
	});
});

describe('timeouts and cancellation', () => {
	it('fails a hung request after Timeout, retrying a safe call first', async () => {
		inject(['hang', 'hang']);
		const result = await run('hyfinCustomer', [{}], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 'x', options: { ...FAST, timeout: 150, maxRetries: 1 } });
		expect(errorOf(result, 'hyfinCustomer')!.message).toBe('Hyfin did not answer within 150 ms after 2 attempts');
		expect(sandbox().log).toHaveLength(2);
	});

	it('stops starting items and ends the run when the execution is cancelled', async () => {
		sandbox().faults.configure({ rates: { hang: 1 }, hangMs: 20000 });
		const controller = new AbortController();
		const started = Date.now();
		const rows = Array.from({ length: 50 }, (_v, i) => ({ id: `x-${i}` }));
		const pending = engine().run(
			(await import('../support/engine')).itemsWorkflow(rows, [
				(await import('../support/engine')).packageNode('hyfinCustomer', { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: '={{ $json.id }}', options: { timeout: 60000, concurrency: 4 } }),
			]),
			{ credentials: hyfinCredentials(sandbox()), signal: controller.signal },
		);
		setTimeout(() => controller.abort(), 300);
		await pending.catch(() => undefined);
		expect(Date.now() - started).toBeLessThan(10000);
		expect(sandbox().log.length).toBeLessThanOrEqual(4);
	});
});

describe('bounded concurrency and ordered output', () => {
	it.each([1, 3, 8])('keeps at most %i requests in flight and outputs in input order', async (concurrency) => {
		sandbox().config.latencyMs = 5;
		sandbox().config.latencyJitterMs = 25;
		try {
			const rows = Array.from({ length: 40 }, (_v, i) => ({ id: `o-${i}`, first: 'F', last: `L${i}` }));
			const result = await run('hyfinCustomer', rows, {
				resource: 'customer',
				operation: 'upsert',
				apiVersion: 'v3',
				externalId: '={{ $json.id }}',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				options: { concurrency },
			});
			expect(result.error).toBeUndefined();
			expect(sandbox().maxInFlight()).toBeLessThanOrEqual(concurrency);
			if (concurrency > 1) expect(sandbox().maxInFlight()).toBeGreaterThan(1);
			const ids = await Promise.all(
				rows.map(async (row) => sandbox().vendors.hyfin.customers().find((c) => c.external_id === row.id)!._id),
			);
			expect(result.json('Hyfin Customer').map((json) => json._id)).toEqual(ids);
			expect(result.items('Hyfin Customer').map((item) => item.pairedItem)).toEqual(rows.map((_r, item) => ({ item })));
		} finally {
			sandbox().config.latencyMs = 0;
			sandbox().config.latencyJitterMs = 0;
		}
	});
});
