/**
 * "Once per Order Number" when something fails after Bamboo answered (n8n's binary-data store, n8n's
 * deduplication store) or before (the store cannot take the claim), and the explicit release of order numbers
 * whose outcome is unknown. Each test checks the links the sandbox holds and what the store keeps.
 */
import { failStoreCall } from '../../harness/deduplication';
import { NODE, useOnce } from '../support/once';

const { sandbox, run, links, stored, onlyCreates } = useOnce();
const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const storeDown = () => new Error('SQLITE_BUSY: database is locked');
const release = (orders: string) => ({ options: { createAgainFor: orders } });
const UNKNOWN = ['(claim)', '(payment 1000 UYU QR)', '(pending)'];

describe('after Bamboo answered 2xx, nothing withdraws the claim and the error names the link', () => {
	it("n8n's binary store fails while keeping the QR image: an error with the link; the re-run returns that link", async () => {
		const [failed] = (await run(['SO-Q'], { paymentType: 'QR', binaryStoreError: diskFull() })).json(NODE);
		const [payment] = sandbox().vendors.bamboo.payments();
		expect(failed.error).toBe(`Bamboo created the payment link (paymentId ${String(payment.paymentId)}, orderNumber SO-Q, redirectUrl ${String(payment.redirectUrl)}), but this item could not be finished: ENOSPC: no space left on device, write`);
		expect(stored('SO-Q')).toEqual(['(claim)', '(payment 1000 UYU QR)']);
		const [rerun] = (await run(['SO-Q'], { paymentType: 'QR' })).json(NODE);
		expect(rerun).toMatchObject({ skipped: true, linkCreated: true, paymentId: payment.paymentId, redirectUrl: payment.redirectUrl });
		expect(links()).toEqual({ 'SO-Q': 1 });
	});

	it('without "Continue", the run fails with that error and lists the link among what it created', async () => {
		const failed = await run(['SO-Q1', 'SO-Q2'], { paymentType: 'QR', binaryStoreError: diskFull(), continueOnFail: false, options: { concurrency: 1 } });
		const error = failed.nodeError(NODE) as unknown as { message: string; description: string; context: { createdRecords: Array<Record<string, unknown>> } };
		expect(error.message).toMatch(/^Bamboo created the payment link \(paymentId .*orderNumber SO-Q1.*\), but this item could not be finished: ENOSPC/);
		expect(error.description).toMatch(/^The payment link exists: do not create it again\./);
		expect(error.context.createdRecords).toEqual([expect.objectContaining({ orderNumber: 'SO-Q1', paymentId: expect.any(String) })]);
		expect(links()).toEqual({ 'SO-Q1': 1 });
		expect(stored('SO-Q1')).toEqual(['(claim)', '(payment 1000 UYU QR)']);
	});

	it('the "done" record cannot be written: the item is an error with its link, and a re-run calls the order unknown (never sends it again)', async () => {
		failStoreCall('removeProcessed', storeDown());
		const [failed] = (await run(['SO-R'], { paymentType: 'QR' })).json(NODE);
		const [payment] = sandbox().vendors.bamboo.payments();
		expect(failed.error).toBe(`Bamboo created the payment link (paymentId ${String(payment.paymentId)}, orderNumber SO-R, redirectUrl ${String(payment.redirectUrl)}), but this item could not be finished: n8n's deduplication store could not record that this create succeeded (SQLITE_BUSY: database is locked)`);
		// The failed write also carried the undo of the claim's look-up: what stays can only make it look unknown.
		expect(stored('SO-R')).toEqual([...UNKNOWN, '(released before)']);
		expect((await run(['SO-R'], { paymentType: 'QR' })).json(NODE)[0].error).toMatch(/may or may not exist/);
		expect(links()).toEqual({ 'SO-R': 1 });
	});
});

describe("n8n's deduplication store failing before the create", () => {
	it('the claim cannot be written: nothing is sent for the item', async () => {
		failStoreCall('checkProcessedAndRecord', storeDown());
		const [out] = (await run(['SO-D'])).json(NODE);
		expect(out.error).toBe("n8n's deduplication store could not be read or written, so this create was not sent (SQLITE_BUSY: database is locked)");
		expect(sandbox().vendors.bamboo.payments()).toEqual([]);
	});

	it('a refused create whose claim cannot be withdrawn: the error says so, and the re-run calls it unknown', async () => {
		sandbox().config.bamboo.rejectOrders = ['SO-W'];
		failStoreCall('removeProcessed', storeDown());
		const [out] = (await run(['SO-W'])).json(NODE);
		expect(out.error).toMatch(/PR009 Order SO-W is refused/);
		const error = (await run(['SO-W'], { continueOnFail: false })).nodeError(NODE) as unknown as { message: string };
		expect(error.message).toMatch(/^The payment link for order number "SO-W" may or may not exist/);
		expect(links()).toEqual({});
	});
});

describe('Create Again for Order Numbers: the explicit release of an unknown outcome', () => {
	/** A create Bamboo never processed whose answer the node never got: outcome unknown, no link. */
	async function unknownWithoutLink(order: string) {
		sandbox().faults.configure({ script: ['resetBefore'], ...onlyCreates });
		await run([order], { paymentType: 'QR', options: { maxRetries: 0 } });
		sandbox().faults.configure({});
		expect(stored(order)).toEqual(UNKNOWN);
	}

	it('released after checking: the run creates the link once; the release is used up', async () => {
		await unknownWithoutLink('SO-1042');
		const [created] = (await run(['SO-1042'], { paymentType: 'QR', ...release('SO-1042') })).json(NODE);
		expect(created.paymentId).toEqual(expect.any(String));
		expect(links()).toEqual({ 'SO-1042': 1 });
		expect(stored('SO-1042')).toEqual(['(claim)', '(payment 1000 UYU QR)', '(release used)', '(released before)']);
		// Left in the option: a created link is never released again.
		expect((await run(['SO-1042'], { paymentType: 'QR', ...release('SO-1042') })).json(NODE)[0]).toMatchObject({ skipped: true, paymentId: created.paymentId });
		expect(links()).toEqual({ 'SO-1042': 1 });
	});

	it('a release left in the option is not used a second time, until the order was seen without it', async () => {
		await unknownWithoutLink('SO-7');
		sandbox().faults.configure({ script: ['resetBefore'], ...onlyCreates });
		expect((await run(['SO-7'], { paymentType: 'QR', ...release('SO-7'), options: { createAgainFor: 'SO-7', maxRetries: 0 } })).json(NODE)[0].error).toMatch(/may or may not have been created/);
		sandbox().faults.configure({});
		const [again] = (await run(['SO-7'], { paymentType: 'QR', ...release('SO-7') })).json(NODE);
		expect(again.error).toMatch(/"SO-7" is in "Options › Create Again for Order Numbers", but that release was already used by an earlier run/);
		expect(sandbox().vendors.bamboo.payments().length).toBe(0);
		// Run once without it (still an error), then name it again: released once more.
		expect((await run(['SO-7'], { paymentType: 'QR' })).json(NODE)[0].error).toMatch(/may or may not exist/);
		expect((await run(['SO-7'], { paymentType: 'QR', ...release('SO-7') })).json(NODE)[0].paymentId).toEqual(expect.any(String));
		expect(links()).toEqual({ 'SO-7': 1 });
	});

	it('an order whose link is known to exist is not released, whatever the option says', async () => {
		const [first] = (await run(['SO-K'], { paymentType: 'QR' })).json(NODE);
		const [second] = (await run(['SO-K'], { paymentType: 'QR', ...release('SO-K, SO-OTHER') })).json(NODE);
		expect(second).toMatchObject({ skipped: true, paymentId: first.paymentId });
		expect(links()).toEqual({ 'SO-K': 1 });
		expect(stored('SO-K')).toEqual(['(claim)', '(payment 1000 UYU QR)']);
		expect(stored('SO-OTHER')).toEqual([]);
	});

	it("the store cannot take the release: nothing is sent in that run", async () => {
		await unknownWithoutLink('SO-8');
		failStoreCall('checkProcessedAndRecord', storeDown());
		const failed = await run(['SO-8', 'SO-9'], { paymentType: 'QR', ...release('SO-8'), continueOnFail: false });
		expect(failed.nodeError(NODE)?.message).toBe("n8n's deduplication store could not be read or written, so nothing was sent (SQLITE_BUSY: database is locked)");
		expect(sandbox().vendors.bamboo.payments()).toEqual([]);
	});

	it.each([
		['an object', { order: 'SO-1' }],
		['a list with an object', ['SO-1', {}]],
	])('refused as %s: an error naming the option, nothing sent', async (_label, value) => {
		const [out] = (await run(['SO-1'], { options: { createAgainFor: value } })).json(NODE);
		expect(out.error).toMatch(/^"Options › Create Again for Order Numbers" must be order numbers separated by commas/);
		expect(sandbox().vendors.bamboo.payments()).toEqual([]);
	});
});
