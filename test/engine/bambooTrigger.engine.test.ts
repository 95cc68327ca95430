/**
 * Bamboo Payment Trigger through n8n-core's WebhookContext, fed by the sandbox's Bamboo: every payload
 * family and casing becomes the normalised item; bad and stale signatures, bodies that are not a JSON
 * object, oversized bodies and redeliveries are answered without starting an execution.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { payload, sign } from '../../sandbox/bambooNotifications';
import { BAMBOO_KEY } from '../support/engine';
import { post, triggerNode, useTriggers } from '../support/triggers';
import type { Activated } from '../support/triggers';

const { sandbox, webhooks } = useTriggers();
afterEach(() => {
	sandbox().config.bamboo.notificationUrl = undefined;
	sandbox().config.redeliveryScale = 1 / 60000;
});

function activate(parameters: Record<string, unknown> = {}): Activated {
	return webhooks().activate(triggerNode('bambooPaymentTrigger', parameters), sandbox().credentials());
}

/** Signs as Bamboo does. */
function signed(body: Record<string, unknown>, dateSent = new Date().toISOString(), key = BAMBOO_KEY) {
	return { datesent: dateSent, signature: sign(body, dateSent, key) };
}

const PAYMENT = { purchaseId: 123456, transactionId: 777001, order: 'SO-9', amount: 1999, currency: 'UYU' };

/** Creates a link in the sandbox (the way the Bamboo Payment Link node does) and returns its id. */
async function createLink(orderNumber: string, notificationUrl?: string): Promise<string> {
	const response = await fetch(`${sandbox().bambooBaseUrl}/api/v1/payments`, {
		method: 'POST',
		headers: { authorization: `Basic ${BAMBOO_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ amount: 1999, currencyCode: 'UYU', paymentType: 'CheckoutPro', orderNumber, ...(notificationUrl ? { notificationUrl } : {}) }),
	});
	return String(((await response.json()) as { paymentId: string }).paymentId);
}

describe('a paid link notifies the trigger', () => {
	it('at the link\'s notificationUrl, signed, and the execution holds the normalised item', async () => {
		const trigger = activate();
		const paymentId = await createLink('SO-1', trigger.url);
		sandbox().vendors.bamboo.pay(paymentId);
		await sandbox().notifier.settled();
		expect(sandbox().notifier.attempts().map((a) => a.outcome)).toEqual([200]);
		const [[item]] = trigger.executions;
		const { purchaseId, transactionId } = sandbox().vendors.bamboo.payments()[0];
		expect(item).toEqual({
			event: 'approved',
			family: 'purchase',
			status: 'Approved',
			statusId: 1,
			purchaseId,
			transactionId,
			orderNumber: 'SO-1',
			amount: 1999,
			currency: 'UYU',
			verified: true,
			signatureCovers: ['purchaseId', 'amount', 'currency'],
			deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/),
			body: expect.objectContaining({ PurchaseId: purchaseId, Amount: 1999, Order: 'SO-1' }),
		});
	});

	it('at the merchant\'s default URL when the link has none; a rejected payment is "rejected"', async () => {
		const trigger = activate();
		sandbox().config.bamboo.notificationUrl = trigger.url;
		sandbox().vendors.bamboo.pay(await createLink('SO-2'), { status: 'rejected' });
		await sandbox().notifier.settled();
		expect(trigger.executions.map(([item]) => [item.event, item.orderNumber, item.statusId])).toEqual([['rejected', 'SO-2', 4]]);
	});

	it('is redelivered while the workflow is not listening, and starts one execution once it is', async () => {
		const node = triggerNode('bambooPaymentTrigger');
		const url = `${new URL(activate().url).origin}/webhook/${node.webhookId}/webhook`;
		sandbox().config.redeliveryScale = 1 / 3000;
		sandbox().vendors.bamboo.pay(await createLink('SO-3', url));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const trigger = webhooks().activate(node, sandbox().credentials());
		await sandbox().notifier.settled();
		expect(sandbox().notifier.attempts().map((a) => a.outcome)).toEqual([404, 200]);
		expect(trigger.executions).toHaveLength(1);
	});
});

describe('payload families and casings', () => {
	const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
		['Purchase, PascalCase', payload(PAYMENT, 'approved', 'purchase'), { event: 'approved', family: 'purchase', purchaseId: 123456, transactionId: 777001, statusId: 1 }],
		['Purchase, pending', payload(PAYMENT, 'pending', 'purchase'), { event: 'pending', status: 'Pending', statusId: 2 }],
		['Transaction, approved', payload(PAYMENT, 'approved', 'transaction'), { event: 'approved', family: 'transaction', purchaseId: null, transactionId: 777001 }],
		['Transaction, cancelled', payload(PAYMENT, 'cancelled', 'transaction'), { event: 'cancelled', statusId: 6 }],
		['Transaction, refund', { ...payload(PAYMENT, 'approved', 'transaction'), TransactionType: 'Refund' }, { event: 'refunded', family: 'transaction' }],
		['Chargeback', payload(PAYMENT, 'approved', 'chargeback'), { event: 'chargeback', family: 'chargeback', status: 'PENDING', purchaseId: 123456 }],
		[
			'Purchase, camelCase',
			{ purchaseId: 55, order: 'SO-c', amount: 250, currency: 'USD', transaction: { transactionId: 9, transactionStatusId: 1, status: 'Approved' } },
			{ event: 'approved', purchaseId: 55, transactionId: 9, orderNumber: 'SO-c', amount: 250, currency: 'USD' },
		],
		['Transaction, camelCase', { transactionId: 70, transactionStatusId: 4, status: 'Rejected', amount: 99, currency: 'UYU', order: 'SO-t' }, { event: 'rejected', transactionId: 70, amount: 99 }],
	];

	it.each(cases)('%s', async (_name, body, expected) => {
		const trigger = activate();
		const answer = await post(trigger.url, body, signed(body));
		expect(answer.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0][0]).toEqual(expect.objectContaining({ ...expected, verified: true, body }));
	});

	it('reads a field the payload lacks as null, and a fractional amount is not guessed at', async () => {
		const trigger = activate();
		const body = { PurchaseId: 1, Amount: 19.99, Transaction: { Status: 'Approved' } };
		await post(trigger.url, body, signed(body));
		expect(trigger.executions[0][0]).toEqual(expect.objectContaining({ event: 'approved', amount: null, currency: null, orderNumber: null, transactionId: null, statusId: null }));
	});
});

describe('calls refused or ignored: the right answer, no execution', () => {
	const body = payload(PAYMENT, 'approved', 'purchase');

	it.each([
		['no signature', { datesent: new Date().toISOString() }, 'Missing signature or dateSent header'],
		['no dateSent', { signature: 'abc' }, 'Missing signature or dateSent header'],
		['a signature made with another key', signed(body, undefined, 'another-private-key'), 'Invalid signature'],
		['a signature of other content', { ...signed({ ...body, Amount: 1 }) }, 'Invalid signature'],
		['a dateSent an hour old', signed(body, new Date(Date.now() - 3600 * 1000).toISOString()), 'dateSent is too far from now: refused as a replay'],
	])('401 for %s', async (_name, headers, message) => {
		const trigger = activate();
		expect(await post(trigger.url, body, headers)).toEqual({ status: 401, body: { message } });
		expect(trigger.executions).toEqual([]);
	});

	it('400 for a body that is not a JSON object or is too large; 422 for malformed JSON (n8n\'s own)', async () => {
		const trigger = activate();
		expect((await post(trigger.url, 'PurchaseId=1&Amount=2', signed(body), 'application/x-www-form-urlencoded')).status).toBe(400);
		expect((await post(trigger.url, '[1, 2]', signed(body))).status).toBe(400);
		expect((await post(trigger.url, 'not json at all', signed(body), 'text/plain')).status).toBe(400);
		expect((await post(trigger.url, '{"PurchaseId": 1,', signed(body))).status).toBe(422);
		const large = { ...body, MetadataOut: { padding: 'x'.repeat(70 * 1024) } };
		expect(await post(trigger.url, large, signed(large))).toEqual({ status: 400, body: { message: 'The body is larger than 65536 bytes' } });
		expect(trigger.executions).toEqual([]);
	});

	it('a JSON object sent as text is read (Bamboo documents JSON, not its content type)', async () => {
		const trigger = activate();
		expect((await post(trigger.url, JSON.stringify(body), signed(body), 'text/plain')).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it('a redelivery starts no second execution; a later status of the same payment does', async () => {
		const trigger = activate();
		// Each delivery is signed anew (Bamboo signs with the time it sends).
		const at = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().replace('Z', '');
		for (let i = 0; i < 3; i++) expect((await post(trigger.url, body, signed(body, at(i)))).status).toBe(200);
		const refunded = { ...payload(PAYMENT, 'approved', 'transaction'), TransactionType: 'Refund' };
		await post(trigger.url, refunded, signed(refunded, at(3)));
		expect(trigger.executions.map(([item]) => item.event)).toEqual(['approved', 'refunded']);
		// Remembered: the four signatures and the two deliveries.
		expect(Object.keys((trigger.staticData() as Record<string, { acceptedDeliveries: object }>)['node:Bamboo Payment Trigger'].acceptedDeliveries)).toHaveLength(6);
	});

	it('an event that is not selected is answered 200 and starts nothing', async () => {
		const trigger = activate({ events: ['approved', 'refunded'] });
		const rejected = payload(PAYMENT, 'rejected', 'purchase');
		expect(await post(trigger.url, rejected, signed(rejected))).toEqual({ status: 200, body: { message: 'Ignored: event rejected is not selected' } });
		expect((await post(trigger.url, body, signed(body))).status).toBe(200);
		expect(trigger.executions.map(([item]) => item.event)).toEqual(['approved']);
	});

	it('with verification off, an unsigned notification is accepted and marked unverified', async () => {
		const trigger = activate({ options: { verifySignature: false } });
		expect((await post(trigger.url, body)).status).toBe(200);
		expect(trigger.executions[0][0]).toEqual(expect.objectContaining({ verified: false, signatureCovers: [], event: 'approved' }));
	});

	it('reads the signature from the header the option names', async () => {
		const trigger = activate({ options: { signatureHeader: 'X-Bamboo-Signature' } });
		const { datesent, signature } = signed(body);
		expect((await post(trigger.url, body, { datesent, signature })).status).toBe(401);
		expect((await post(trigger.url, body, { datesent, 'x-bamboo-signature': signature })).status).toBe(200);
	});
});

describe('what a signature vouches for, and for how long', () => {
	const pending = payload(PAYMENT, 'pending', 'purchase');

	it.each([
		['its status changed to Approved', { ...pending, Transaction: { ...(pending.Transaction as object), TransactionStatusId: 1, Status: 'Approved' } }],
		['another order number', { ...pending, Order: 'SO-other' }],
	])('a captured signature replayed with %s (still a valid signature) starts nothing', async (_case, forged) => {
		const trigger = activate();
		const headers = signed(pending);
		// Accepted: 200 and nothing else, as Bamboo asks.
		expect(await post(trigger.url, pending, headers)).toEqual({ status: 200, body: '' });
		expect(await post(trigger.url, forged, headers)).toEqual({ status: 200, body: { message: 'Already received: this signature was accepted before' } });
		expect(trigger.executions.map(([item]) => item.event)).toEqual(['pending']);
	});

	it('the item names the fields the signature covers: the status and the order number are not among them', async () => {
		const trigger = activate();
		const transaction = payload(PAYMENT, 'approved', 'transaction');
		await post(trigger.url, pending, signed(pending));
		await post(trigger.url, transaction, signed(transaction));
		expect(trigger.executions.map(([item]) => item.signatureCovers)).toEqual([
			['purchaseId', 'amount', 'currency'],
			['transactionId', 'amount', 'currency'],
		]);
	});

	it('every redelivery of one notification carries the same deliveryId; a later status another', async () => {
		const first = activate();
		const second = activate();
		const approved = payload(PAYMENT, 'approved', 'purchase');
		await post(first.url, pending, signed(pending));
		await post(second.url, pending, signed(pending, new Date(Date.now() - 60000).toISOString().replace('Z', '')));
		await post(second.url, approved, signed(approved));
		const [a, b, c] = [first.executions[0][0], second.executions[0][0], second.executions[1][0]];
		expect(a.deliveryId).toBe(b.deliveryId);
		expect(c.deliveryId).not.toBe(a.deliveryId);
	});
});

describe('a dateSent without a zone is UTC, whatever the time zone n8n runs in', () => {
	// A process's time zone is fixed at its start: each zone runs the trigger in a process of its own.
	it.each([
		['America/Montevideo', 180],
		['Pacific/Kiritimati', -840],
		['UTC', 0],
	])('%s: a fresh notification is accepted, one sent an hour ago is refused', (zone, offsetMinutes) => {
		const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'support', 'timeZoneProbe.js')], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
		expect(JSON.parse(out)).toEqual({ offsetMinutes, fresh: 200, freshWithSpace: 200, anHourOld: 401, executions: ['pending', 'approved'] });
	});
});
