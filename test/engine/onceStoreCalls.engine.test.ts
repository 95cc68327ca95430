/**
 * What "Once per Order Number" asks of n8n's deduplication store, which reads and rewrites the node's whole
 * list on every call: a claim per create (recorded while the item before it is on the wire), the confirmed
 * creates' pending marks removed together; and what that changes when a run stops, is cancelled or cannot
 * write those marks. Each test checks the links the sandbox holds and what the store keeps.
 */
import { deduplicationCalls, failStoreCall } from '../../harness/deduplication';
import { bambooCredentials, itemsWorkflow, packageNode } from '../support/engine';
import { FAST, NODE, useOnce } from '../support/once';
import { MEMORY_SIZE } from '../../nodes/shared/once';

const { engine, sandbox, run, links, stored, onlyCreates, remembered } = useOnce();
const storeDown = () => new Error('SQLITE_BUSY: database is locked');
const orders = (prefix: string, n: number) => Array.from({ length: n }, (_v, i) => `${prefix}-${i}`);
const DONE = ['(claim)', '(payment 1000 UYU CheckoutPro)'];

describe("n8n's store: one call per create, not two", () => {
	it('60 creates one at a time: each claimed before it was sent, the pending marks removed in a few calls', async () => {
		const names = orders('SO-N', 60);
		const out = (await run(names, { options: { concurrency: 1 } })).json(NODE);
		expect(out.filter((json) => json.paymentId && !json.error)).toHaveLength(60);
		expect(links()).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
		for (const name of names) expect(stored(name)).toEqual(DONE);
		// Claims are asked for in chunks (half the window of 8), the pending marks removed together, and one last look
		// at the run's own records (seen: 13 and 3):
		// before, each create made one call of each.
		expect(deduplicationCalls.checkProcessedAndRecord).toBeLessThanOrEqual(20);
		expect(deduplicationCalls.removeProcessed).toBeLessThanOrEqual(10);
	});

	it('the same 60 again: every item skipped with its link, nothing sent, the look-ups undone in a few calls', async () => {
		const names = orders('SO-M', 60);
		await run(names, { options: { concurrency: 1 } });
		const before = { ...deduplicationCalls };
		const out = (await run(names, { options: { concurrency: 1 } })).json(NODE);
		expect(out.every((json) => json.skipped === true && json.linkCreated === true)).toBe(true);
		expect(links()).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
		for (const name of names) expect(stored(name)).toEqual(DONE);
		expect(deduplicationCalls.checkProcessedAndRecord - before.checkProcessedAndRecord).toBeLessThanOrEqual(20);
		expect(deduplicationCalls.removeProcessed - before.removeProcessed).toBeLessThanOrEqual(10);
	});

	it('the pending marks cannot be written at the end of the run: every confirmed create is an error naming its link, and the re-run sends none again', async () => {
		const names = orders('SO-P', 3);
		failStoreCall('removeProcessed', storeDown());
		const out = (await run(names, { options: { concurrency: 1 } })).json(NODE);
		const payments = sandbox().vendors.bamboo.payments();
		expect(payments).toHaveLength(3);
		out.forEach((json, index) => {
			expect(json.error).toMatch(new RegExp(`^Bamboo created the payment link \\(paymentId ${String(payments[index].paymentId)}, orderNumber ${names[index]}, .*could not record that this create succeeded \\(SQLITE_BUSY`));
		});
		const rerun = (await run(names, { options: { concurrency: 1 } })).json(NODE);
		for (const json of rerun) expect(json.error).toMatch(/may or may not exist/);
		expect(links()).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
	});
});

describe("the node's memory of its links (static data)", () => {
	it(`keeps the newest ${MEMORY_SIZE} links, oldest first, after runs larger than that`, async () => {
		const first = orders('SO-R', MEMORY_SIZE + 300);
		const out = (await run(first, { options: { concurrency: 16 } })).json(NODE);
		expect(out.filter((json) => json.error)).toEqual([]);
		expect(remembered()).toEqual(first.slice(300));
		const second = orders('SO-S', 150);
		await run(second, { options: { concurrency: 16 } });
		expect(remembered()).toEqual([...first.slice(450), ...second]);
		// A link remembered is named when its order comes again; one dropped from memory is still never created twice.
		const [kept, dropped] = (await run([first[MEMORY_SIZE + 299], first[0]], { options: { concurrency: 1 } })).json(NODE);
		expect(kept).toMatchObject({ skipped: true, linkCreated: true, paymentId: out[MEMORY_SIZE + 299].paymentId });
		expect(dropped).toMatchObject({ skipped: true, linkCreated: true });
		expect(links()[first[0]]).toBe(1);
	});
});

describe('an item claimed ahead that the run never sends is given back', () => {
	it('without "Continue", a refused order stops the run: the next order, claimed while the first was on the wire, is withdrawn and created by the re-run', async () => {
		sandbox().config.bamboo.rejectOrders = ['SO-A'];
		const failed = await run(['SO-A', 'SO-B'], { continueOnFail: false, options: { concurrency: 1 } });
		expect(failed.nodeError(NODE)?.message).toMatch(/PR009 Order SO-A is refused/);
		expect(links()).toEqual({});
		expect(stored('SO-A')).toEqual([]);
		expect(stored('SO-B')).toEqual([]);
		sandbox().config.bamboo.rejectOrders = undefined;
		const [a, b] = (await run(['SO-A', 'SO-B'], { options: { concurrency: 1 } })).json(NODE);
		expect([a.paymentId, b.paymentId]).toEqual([expect.any(String), expect.any(String)]);
		expect(links()).toEqual({ 'SO-A': 1, 'SO-B': 1 });
	});

	it('at concurrency 4 (16 claimed ahead), a refused order stops the run: every claim of an unsent item is withdrawn in one store call, and the re-run creates each order once', async () => {
		const names = orders('SO-W', 40);
		sandbox().config.bamboo.rejectOrders = ['SO-W-2'];
		const before = { ...deduplicationCalls };
		const failed = await run(names, { continueOnFail: false, options: { concurrency: 4 } });
		expect(failed.nodeError(NODE)?.message).toMatch(/PR009 Order SO-W-2 is refused/);
		const sent = new Set(sandbox().requests('bamboo', 'POST').map((entry) => (entry.body as { orderNumber?: string }).orderNumber));
		// Claimed ahead, never sent: nothing of them is left in the store.
		const unsent = names.filter((name) => !sent.has(name));
		expect(unsent.length).toBeGreaterThan(8);
		for (const name of unsent) expect(stored(name)).toEqual([]);
		for (const name of Object.keys(links())) expect(stored(name)).toEqual(DONE);
		// The withdrawals and the pending marks: a few calls, not one per item.
		expect(deduplicationCalls.removeProcessed - before.removeProcessed).toBeLessThanOrEqual(3);
		sandbox().config.bamboo.rejectOrders = undefined;
		const rerun = (await run(names, { options: { concurrency: 4 } })).json(NODE);
		expect(rerun.filter((json) => json.error)).toEqual([]);
		expect(links()).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
	});

	it("the withdrawal cannot be written: the run's error says the unsent item's record was kept, and the re-run calls it unknown (sends nothing)", async () => {
		sandbox().config.bamboo.rejectOrders = ['SO-C'];
		failStoreCall('removeProcessed', storeDown());
		failStoreCall('removeProcessed', storeDown());
		const failed = await run(['SO-C', 'SO-D'], { continueOnFail: false, options: { concurrency: 1 } });
		const error = failed.nodeError(NODE) as unknown as { description: string };
		expect(error.description).toContain("Item 1 was not sent, but n8n's deduplication store kept its record (SQLITE_BUSY: database is locked), so a later run will call its outcome unknown.");
		sandbox().config.bamboo.rejectOrders = undefined;
		const [, d] = (await run(['SO-C', 'SO-D'], { options: { concurrency: 1 } })).json(NODE);
		expect(d.error).toMatch(/^The payment link for order number "SO-D" may or may not exist/);
		expect(links()).toEqual({});
	});

	it('a cancelled execution: the item claimed ahead is withdrawn and says nothing was sent for it', async () => {
		sandbox().faults.configure({ script: ['hang'], hangMs: 20000, ...onlyCreates });
		const controller = new AbortController();
		const parameters = { resource: 'payment', operation: 'create', amount: '={{ $json.amount }}', currencyCode: 'UYU', paymentType: 'CheckoutPro', orderNumber: '={{ $json.order }}', options: { ...FAST, timeout: 60000, concurrency: 1 } };
		const node = { ...packageNode('bambooPaymentLink', parameters, { continueOnFail: true }), typeVersion: 2 };
		const pending = engine().run(itemsWorkflow([{ order: 'SO-E', amount: 1000 }, { order: 'SO-F', amount: 1000 }], [node]), { credentials: bambooCredentials(sandbox()), signal: controller.signal });
		for (let waited = 0; sandbox().log.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
		controller.abort();
		const [e, f] = (await pending).json(NODE);
		expect(e.error).toMatch(/^The execution was cancelled before Bamboo answered/);
		expect(f.error).toBe('The execution was cancelled before this item was sent; nothing was sent for it');
		expect(stored('SO-F')).toEqual([]);
		expect(sandbox().log.filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});
});
