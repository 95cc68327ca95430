/**
 * "Once per Order Number" on the wire, with n8n-core's deduplication service holding the records (the test
 * store keeps n8n's rules: one list per node, entries mode): a workflow run twice, a run that stopped and is
 * run again, a create whose outcome is unknown, a create that provably made nothing, and many items at once
 * never make a second link for an order number. Static data is kept between runs, as n8n keeps it for
 * production executions.
 */
import type { IDataObject } from 'n8n-workflow';
import { clearDeduplication, deduplicationLists } from '../../harness/deduplication';
import { bambooCredentials, itemsWorkflow, packageNode, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
let staticData: IDataObject;
beforeEach(() => {
	clearDeduplication();
	staticData = {};
});
afterEach(() => sandbox().faults.configure({}));

const NODE = 'Bamboo Payment Link';
const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 2000 };

async function createLinks(
	orders: Array<string | undefined>,
	options: { version?: number; parameters?: IDataObject; credentials?: IDataObject; continueOnFail?: boolean; credentialId?: string; crashed?: boolean } = {},
) {
	const parameters = { resource: 'payment', operation: 'create', amount: '={{ $json.amount }}', currencyCode: 'UYU', orderNumber: '={{ $json.order }}', options: FAST, ...options.parameters };
	const node = { ...packageNode('bambooPaymentLink', parameters, { continueOnFail: options.continueOnFail ?? true }), typeVersion: options.version ?? 2 };
	if (options.credentialId) node.credentials = { bambooPaymentApi: { id: options.credentialId, name: 'another Bamboo account' } };
	const rows = orders.map((order, i) => ({ order: order ?? '', amount: 1000 + i }));
	return await engine().run(itemsWorkflow(rows, [node]), { credentials: { ...bambooCredentials(sandbox()), ...(options.credentials as object) }, staticData: options.crashed ? undefined : staticData });
}
const linksPerOrder = () => Object.fromEntries(sandbox().vendors.bamboo.createsByOrder());

describe('once per order number (version 2 default)', () => {
	it('a workflow run twice: the second run creates nothing and gives each item its earlier link', async () => {
		const first = (await createLinks(['SO-1', 'SO-2', 'SO-3'])).json(NODE);
		const second = (await createLinks(['SO-1', 'SO-2', 'SO-3'])).json(NODE);
		expect(linksPerOrder()).toEqual({ 'SO-1': 1, 'SO-2': 1, 'SO-3': 1 });
		second.forEach((json, i) =>
			expect(json).toEqual({
				skipped: true,
				orderNumber: `SO-${i + 1}`,
				linkCreated: true,
				paymentId: first[i].paymentId,
				redirectUrl: first[i].redirectUrl,
				createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				message: `A payment link for order number "SO-${i + 1}" was already created by this node (paymentId ${String(first[i].paymentId)}): not created again`,
			}),
		);
	});

	it('an order number twice in one run: one link, the repeat says which item has it', async () => {
		const out = (await createLinks(['SO-1', 'SO-1', 'SO-2'], { parameters: { options: { ...FAST, concurrency: 1 } } })).json(NODE);
		expect(linksPerOrder()).toEqual({ 'SO-1': 1, 'SO-2': 1 });
		expect(out[1]).toMatchObject({ skipped: true, orderNumber: 'SO-1', message: expect.stringContaining('is also on item 0 of this run') });
	});

	it('a run that Bamboo stops, run again: what it created is skipped, the refused order and the rest are created once', async () => {
		const orders = ['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5'];
		sandbox().config.bamboo.rejectOrders = ['SO-3'];
		const stopped = await createLinks(orders, { continueOnFail: false, parameters: { options: { ...FAST, concurrency: 1 } } });
		expect(stopped.nodeError(NODE)?.message).toMatch(/PR009 Order SO-3 is refused/);
		sandbox().config.bamboo.rejectOrders = undefined;
		const rerun = (await createLinks(orders)).json(NODE);
		expect(linksPerOrder()).toEqual({ 'SO-1': 1, 'SO-2': 1, 'SO-3': 1, 'SO-4': 1, 'SO-5': 1 });
		expect(rerun.map((json) => json.skipped === true)).toEqual([true, true, false, false, false]);
		expect(rerun[0]).toMatchObject({ linkCreated: true, paymentId: expect.any(String) });
	});

	it('after a run that crashed (nothing of it saved but n8n\'s store), the re-run knows its links were created', async () => {
		await createLinks(['SO-C1', 'SO-C2'], { crashed: true });
		const rerun = (await createLinks(['SO-C1', 'SO-C2', 'SO-C3'])).json(NODE);
		expect(rerun[0]).toEqual({
			skipped: true,
			orderNumber: 'SO-C1',
			linkCreated: true,
			paymentId: null,
			redirectUrl: null,
			createdAt: null,
			message: 'A payment link for order number "SO-C1" was created by an earlier run of this node that did not finish, so its link is not known here: not created again. To find it, look for order number "SO-C1" under Payment Links in Bamboo\'s Merchant Console',
		});
		expect(rerun[2].paymentId).toEqual(expect.any(String));
		expect(linksPerOrder()).toEqual({ 'SO-C1': 1, 'SO-C2': 1, 'SO-C3': 1 });
	});

	it('a create whose outcome is unknown stays recorded: the re-run does not create a second link', async () => {
		sandbox().faults.configure({ script: ['resetAfter'] });
		const [unclear] = (await createLinks(['SO-U'])).json(NODE);
		expect(String(unclear.error)).toMatch(/may or may not have been created/);
		const [rerun] = (await createLinks(['SO-U'])).json(NODE);
		expect(rerun).toMatchObject({ skipped: true, linkCreated: null, paymentId: null, message: expect.stringContaining('may or may not exist: not sent again. Look for order number "SO-U" under Payment Links') });
		expect(linksPerOrder()).toEqual({ 'SO-U': 1 });
	});

	it('a create that provably never reached Bamboo is withdrawn, so that it can be sent again', async () => {
		const [failed] = (await createLinks(['SO-N'], { credentials: bambooCredentials(sandbox(), { baseUrl: 'http://127.0.0.1:1' }), parameters: { options: { ...FAST, maxRetries: 0 } } })).json(NODE);
		expect(String(failed.error)).toMatch(/^Could not connect to Bamboo/);
		expect([...deduplicationLists.values()].flat()).toEqual([]);
		expect(failed).not.toHaveProperty('skipped');
		expect((await createLinks(['SO-N'])).json(NODE)[0].paymentId).toEqual(expect.any(String));
		expect(linksPerOrder()).toEqual({ 'SO-N': 1 });
	});

	it('keeps every record with many creates in flight (one queue to n8n\'s store)', async () => {
		const orders = Array.from({ length: 60 }, (_v, i) => `SO-M${i}`);
		await createLinks(orders, { parameters: { options: { ...FAST, concurrency: 16 } } });
		const rerun = (await createLinks(orders, { parameters: { options: { ...FAST, concurrency: 16 } } })).json(NODE);
		expect(rerun.every((json) => json.skipped === true && json.linkCreated === true)).toBe(true);
		expect(Object.values(linksPerOrder())).toEqual(orders.map(() => 1));
	});

	it('items without an order number are created every time; turning the option off creates again', async () => {
		await createLinks([undefined, undefined]);
		await createLinks([undefined]);
		expect(linksPerOrder()).toEqual({ '(none)': 3 });
		await createLinks(['SO-OFF']);
		await createLinks(['SO-OFF'], { parameters: { options: { ...FAST, oncePerOrderNumber: false } } });
		expect(linksPerOrder()['SO-OFF']).toBe(2);
	});

	it('an order number of one credential does not block the same order number of another', async () => {
		await createLinks(['SO-ACC']);
		expect((await createLinks(['SO-ACC'], { credentialId: 'bambooPaymentApi-2' })).json(NODE)[0].skipped).toBeUndefined();
		expect(linksPerOrder()['SO-ACC']).toBe(2);
	});
});

describe('version 1 keeps today\'s behaviour unless the option is turned on', () => {
	it('creates again by default, skips with the option on', async () => {
		const v1 = { parameters: { orderNumber: undefined, additionalFields: { orderNumber: '={{ $json.order }}' } }, version: 1 };
		await createLinks(['SO-V1'], v1);
		await createLinks(['SO-V1'], v1);
		expect(linksPerOrder()['SO-V1']).toBe(2);
		const on = { ...v1, parameters: { ...v1.parameters, options: { ...FAST, oncePerOrderNumber: true } } };
		await createLinks(['SO-V1B'], on);
		expect((await createLinks(['SO-V1B'], on)).json(NODE)[0].skipped).toBe(true);
		expect(linksPerOrder()['SO-V1B']).toBe(1);
	});
});
