/**
 * What a failed run does with money, on the apiPath: the whole run is checked before the first request; a run
 * that stops starts nothing new and names every link it created and every create whose outcome is
 * unknown; a 2xx that is not the documented success shape is not a success; the timeout bounds the whole
 * answer; a cancelled create says it may exist.
 */
import type { IDataObject } from 'n8n-workflow';
import { bambooCredentials, hyfinCredentials, itemsWorkflow, packageNode, runNode, useEngineAndSandbox } from '../support/engine';
import type { RunResult } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
afterEach(() => {
	sandbox().faults.configure({});
	sandbox().config.bamboo.rejectOrders = undefined;
	sandbox().config.latencyMs = 0;
});

const NODE = 'Bamboo Payment Link';
const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 2000 };
const orders = (n: number) => Array.from({ length: n }, (_v, i) => ({ order: `SO-${i}`, amount: `${10 + i}.50` }));
const create = (options: IDataObject = {}) => ({
	resource: 'payment',
	operation: 'create',
	amount: '={{ $json.amount }}',
	amountUnit: 'major',
	currencyCode: 'UYU',
	additionalFields: { orderNumber: '={{ $json.order }}' },
	options: { ...FAST, ...options },
});
const bamboo = (rows: object[], parameters: Record<string, unknown>, continueOnFail = false) =>
	runNode(engine(), 'bambooPaymentLink', rows, parameters, bambooCredentials(sandbox()), { continueOnFail });

interface StoredError {
	name: string;
	message: string;
	description: string;
	context: { itemIndex: number; createdRecords?: IDataObject[]; unclearRecords?: IDataObject[] };
}
const errorOf = (run: RunResult, node = NODE) => run.nodeError(node) as unknown as StoredError;
const linksByOrder = () => new Map(sandbox().vendors.bamboo.payments().map((p) => [String(p.request.orderNumber), p]));

describe('the whole run is checked before the first request', () => {
	it('without "Continue", one invalid amount among five creates fails the run and sends nothing', async () => {
		const rows = orders(5);
		rows[1].amount = '19.999';
		const run = await bamboo(rows, create({ concurrency: 5 }));
		const error = errorOf(run);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('"Amount" has more than 2 decimals: "19.999"');
		expect(error.context.itemIndex).toBe(1);
		expect(sandbox().log).toHaveLength(0);
		expect(sandbox().vendors.bamboo.createsByOrder().size).toBe(0);
	});

	it('with "Continue", only that item becomes an error item; the others are created once', async () => {
		const rows = orders(5);
		rows[1].amount = '19.999';
		const run = await bamboo(rows, create({ concurrency: 5 }), true);
		const out = run.json(NODE);
		expect(out[1]).toEqual({ error: '"Amount" has more than 2 decimals: "19.999"' });
		expect(out.filter((json) => json.paymentId)).toHaveLength(4);
		expect([...sandbox().vendors.bamboo.createsByOrder().entries()].sort()).toEqual([['SO-0', 1], ['SO-2', 1], ['SO-3', 1], ['SO-4', 1]]);
	});
});

describe('a run that stops names what it created', () => {
	it('at concurrency 1 it starts nothing after the failure and names the links before it', async () => {
		sandbox().config.bamboo.rejectOrders = ['SO-2'];
		const run = await bamboo(orders(5), create({ concurrency: 1 }));
		const error = errorOf(run);
		expect(error.message).toBe('Bamboo rejected the request (HTTP 400): PR009 Order SO-2 is refused');
		expect(error.context.itemIndex).toBe(2);
		// Nothing was started after the failure.
		expect(sandbox().requests('bamboo', 'POST').map((entry) => (entry.body as IDataObject).orderNumber)).toEqual(['SO-0', 'SO-1', 'SO-2']);
		const links = linksByOrder();
		expect(error.context.createdRecords).toEqual(
			['SO-0', 'SO-1'].map((order, item) => ({ item, record: 'payment link', paymentId: links.get(order)!.paymentId, orderNumber: order, redirectUrl: links.get(order)!.redirectUrl })),
		);
		for (const order of ['SO-0', 'SO-1']) {
			expect(error.description).toContain(`payment link (paymentId ${links.get(order)!.paymentId}, orderNumber ${order}, redirectUrl ${links.get(order)!.redirectUrl})`);
		}
		expect(error.description).toMatch(/^Bamboo says: PR009 Order SO-2 is refused\n\nBefore it stopped, this run created 2 record\(s\)\. Do not create them again/);
	});

	it('at concurrency 5 the requests in flight finish, and every link created and every unclear one is named', async () => {
		sandbox().config.bamboo.rejectOrders = ['SO-1'];
		// SO-3's link is created but its answer is lost.
		sandbox().faults.configure({ script: ['resetAfter'], match: (entry) => (entry.body as IDataObject | undefined)?.orderNumber === 'SO-3' });
		sandbox().config.latencyMs = 30;
		const run = await bamboo(orders(5), create({ concurrency: 5 }));
		const error = errorOf(run);
		expect(error.context.itemIndex).toBe(1);
		expect(sandbox().requests('bamboo', 'POST')).toHaveLength(5);
		const created = (error.context.createdRecords ?? []).map((record) => record.orderNumber);
		expect(created).toEqual(['SO-0', 'SO-2', 'SO-4']);
		expect(error.context.unclearRecords).toEqual([{ item: 3, record: 'payment link', reference: 'order number "SO-3"' }]);
		expect(error.description).toContain('The outcome of 1 create(s) is unknown: they may exist. Check before running them again.\n- item 3: payment link (reference order number "SO-3")');
		// What the sandbox holds is exactly what the error tells about: nothing created is unnamed.
		expect([...sandbox().vendors.bamboo.createsByOrder().keys()].sort()).toEqual(['SO-0', 'SO-2', 'SO-3', 'SO-4']);
	});

	it('a Hyfin v4 run that stops names the customers it added by _id', async () => {
		const rows = [{ name: 'A Co' }, { name: 'B Co' }, { name: '' }];
		const run = await runNode(
			engine(),
			'hyfinCustomer',
			rows,
			{ resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: '={{ $json.name || "B Co" }}', primaryContact: { firstName: 'X' }, options: { ...FAST, concurrency: 1, siteId: '={{ $itemIndex === 2 ? "site-9" : "site-1" }}' } },
			hyfinCredentials(sandbox()),
		);
		const error = errorOf(run, 'Hyfin Customer');
		expect(error.message).toBe('Hyfin did not find it (HTTP 404): site site-9 not found');
		const ids = sandbox().vendors.hyfin.customers().map((customer) => customer._id);
		expect(error.context.createdRecords).toEqual([
			{ item: 0, record: 'Hyfin customer', _id: ids[0], display_name: 'A Co' },
			{ item: 1, record: 'Hyfin customer', _id: ids[1], display_name: 'B Co' },
		]);
	});
});

describe('a 2xx that is not the documented success shape', () => {
	const SHAPES = ['okEmpty', 'okEmptyObject', 'okNull', 'okIllTyped'] as const;

	it.each(SHAPES)('%s on a payment create: an error saying the link may exist, sent once', async (fault) => {
		sandbox().faults.configure({ script: [fault] });
		const run = await bamboo([{ order: 'SO-X', amount: '5' }], create(), true);
		const [output] = run.json(NODE);
		expect(output.paymentId).toBeUndefined();
		expect(output.error).toMatch(/^Bamboo answered HTTP 200 (with an empty body|without confirming success|with null instead of a JSON object).*The payment link may or may not have been created at Bamboo\. Before running this item again, look for order number "SO-X"/);
		expect(sandbox().requests('bamboo')).toHaveLength(1);
		// The sandbox did create it: exactly why the node must not call this a success, nor send it again.
		expect(sandbox().vendors.bamboo.createsByOrder().get('SO-X')).toBe(1);
	});

	it.each(SHAPES)('%s on a safe call is retried until a real answer arrives', async (fault) => {
		await runNode(engine(), 'hyfinCustomer', [{}], { resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: 'e-1', firstName: 'A', lastName: 'B' }, hyfinCredentials(sandbox()));
		sandbox().log.length = 0;
		sandbox().faults.configure({ script: [fault] });
		const run = await runNode(engine(), 'hyfinCustomer', [{}], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 'e-1', options: FAST }, hyfinCredentials(sandbox()));
		expect(run.json('Hyfin Customer')[0]).toMatchObject({ external_id: 'e-1' });
		expect(sandbox().log.map((entry) => entry.fault ?? 'ok')).toEqual([fault, 'ok']);
	});

	it('a Hyfin v4 create answered {} may exist and is not sent again', async () => {
		sandbox().faults.configure({ script: ['okEmptyObject'] });
		const run = await runNode(engine(), 'hyfinCustomer', [{}], { resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: 'Shape Co', primaryContact: { firstName: 'S' }, options: FAST }, hyfinCredentials(sandbox()), { continueOnFail: true });
		expect(run.json('Hyfin Customer')[0].error).toBe(
			'Hyfin answered HTTP 200 without "_id". The customer with display name "Shape Co" may or may not have been added to Hyfin: look it up in Hyfin before running this item again, and put its ID in "Customer ID" to update it instead',
		);
		expect(sandbox().vendors.hyfin.v4Creates()).toBe(1);
	});
});

describe('the timeout bounds the whole answer, and a cancelled create may exist', () => {
	it('a server that drips a byte every 400 ms is cut off at the timeout, not when it stops', async () => {
		sandbox().faults.configure({ script: ['drip'], dripMs: 400 });
		const started = Date.now();
		const run = await bamboo([{ order: 'SO-D', amount: '5' }], create({ timeout: 500, maxRetries: 0 }), true);
		const elapsed = Date.now() - started;
		expect(run.json(NODE)[0].error).toMatch(/^Bamboo did not answer within 500 ms\. The payment link may or may not have been created/);
		// The drip alone would take over 20 s; and the connection was closed then, not left dripping.
		expect(elapsed).toBeLessThan(5000);
		const [entry] = sandbox().log;
		for (let waited = 0; entry.endedAt === undefined && waited < 3000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(entry.endedAt! - entry.at).toBeLessThan(3000);
	});

	it('a create in flight when the execution is cancelled says the link may exist', async () => {
		sandbox().faults.configure({ script: ['hang'], hangMs: 20000 });
		const controller = new AbortController();
		const pending = engine().run(itemsWorkflow([{ order: 'SO-C', amount: '5' }], [packageNode('bambooPaymentLink', create({ timeout: 60000 }))]), {
			credentials: bambooCredentials(sandbox()),
			signal: controller.signal,
		});
		setTimeout(() => controller.abort(), 200);
		const run = await pending;
		const error = errorOf(run);
		expect(error.message).toBe(
			'The execution was cancelled before Bamboo answered. The payment link may or may not have been created at Bamboo. Before running this item again, look for order number "SO-C" under Payment Links in Bamboo\'s Merchant Console. Do not retry automatically',
		);
		expect(error.context.unclearRecords).toEqual([{ item: 0, record: 'payment link', reference: 'order number "SO-C"' }]);
	});
});
