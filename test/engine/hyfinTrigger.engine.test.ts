/**
 * Hyfin Trigger through n8n-core's WebhookContext, fed by the sandbox's Hyfin: a site's webhook set with
 * site addUpdate receives payment and notification webhooks in the 3.x and 4.x shapes; amounts come out as
 * exact integer cents; the optional token, bodies that are not Hyfin's and redeliveries are answered
 * without starting an execution.
 */
import fc from 'fast-check';
import { dollars, webhookBody } from '../../sandbox/hyfinWebhooks';
import { HYFIN_TOKEN } from '../support/engine';
import { post, triggerNode, useTriggers } from '../support/triggers';

const { sandbox, webhooks } = useTriggers();

function activate(parameters: Record<string, unknown> = {}, webhookToken = '') {
	const credentials = sandbox().credentials({ hyfinApi: { webhookToken } });
	return webhooks().activate(triggerNode('hyfinTrigger', parameters), credentials);
}

/** Points site-1's webhook at a URL, through Hyfin's own site addUpdate. */
async function setSiteWebhook(url: string) {
	const response = await fetch(`${sandbox().hyfinBaseUrl}/api/v4/site/addUpdate`, {
		method: 'POST',
		headers: { 'x-access-token': HYFIN_TOKEN, 'content-type': 'application/json' },
		body: JSON.stringify({ _id: 'site-1', webhook: { active: true, url } }),
	});
	expect(await response.json()).toEqual({ success: true, action: 'updated', _id: 'site-1' });
}

describe('webhooks of a site, in both shapes', () => {
	it.each([
		[
			'v3 payment',
			{ action: 'payment', shape: 'v3', amountMinor: 3515, invoice: 'INV-7', customer: 'crm-1', status: 'paid' },
			{ event: 'payment', shape: 'v3', amountMinor: 3515, invoiceId: 'INV-7', customerId: 'crm-1', status: 'paid', message: null, error: null },
		],
		[
			'v4 payment',
			{ action: 'payment', shape: 'v4', amountMinor: 4964, invoice: 'inv-id-1', customer: 'cust-id-1' },
			{ event: 'payment', shape: 'v4', amountMinor: 4964, invoiceId: 'inv-id-1', customerId: 'cust-id-1', status: 'captured', message: null, error: null },
		],
		[
			'v3 notification',
			{ action: 'notification', shape: 'v3', invoice: 'INV-8', message: 'Email to a@b.co delivered', error: false },
			{ event: 'notification', shape: 'v3', amountMinor: null, invoiceId: 'INV-8', customerId: null, status: null, message: 'Email to a@b.co delivered', error: false, paymentId: null },
		],
		[
			'v4 notification',
			{ action: 'notification', shape: 'v4', invoice: 'inv-id-2' },
			{ event: 'notification', shape: 'v4', amountMinor: null, invoiceId: 'inv-id-2', customerId: null, status: null, message: 'Text to 18001231245 failed', error: true, paymentId: null },
		],
	])('%s becomes the normalised item', async (_name, event, expected) => {
		const trigger = activate();
		await setSiteWebhook(trigger.url);
		const sent = sandbox().vendors.hyfin.sites.emit('site-1', event as never);
		await sandbox().notifier.settled();
		expect(sandbox().notifier.attempts().map((a) => a.outcome)).toEqual([200]);
		expect(trigger.executions).toEqual([[{ ...expected, deliveryId: expect.stringMatching(/^[0-9a-f]{32}$/), body: sent.body, ...(expected.event === 'payment' ? { paymentId: (sent.body.data as { id: string }).id } : {}) }]]);
	});

	it('a per-invoice webhook_url is used instead of the site\'s', async () => {
		const site = activate();
		const invoice = activate();
		await setSiteWebhook(site.url);
		sandbox().vendors.hyfin.sites.emit('site-1', { action: 'payment', shape: 'v3' }, invoice.url);
		await sandbox().notifier.settled();
		expect([site.executions.length, invoice.executions.length]).toEqual([0, 1]);
	});
});

describe('money is exact', () => {
	it('3.x decimal dollars become the same integer cents (300 random amounts, sent through the webhook)', async () => {
		const trigger = activate();
		let payments = 0;
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 0, max: 10 ** 9 }), async (cents) => {
				const body = webhookBody('site-1', { action: 'payment', shape: 'v3', amountMinor: cents, paymentId: `p-${++payments}` });
				expect((body.data as { amount: number }).amount).toBe(dollars(cents));
				const before = trigger.executions.length;
				await post(trigger.url, body);
				expect(trigger.executions.length).toBe(before + 1);
				expect(trigger.executions.at(-1)![0].amountMinor).toBe(cents);
			}),
			{ numRuns: 300 },
		);
	});

	it('an amount with more than two decimals is not rounded: it comes out as null, with the body kept', async () => {
		const trigger = activate();
		const body = { action: 'payment', data: { id: 'p-x', site: { external_id: 'site-1' }, amount: 10.005, status: 'paid', paid_on: '2026-01-01' } };
		await post(trigger.url, body);
		expect(trigger.executions[0][0]).toEqual(expect.objectContaining({ amountMinor: null, body }));
	});
});

describe('calls refused or ignored: the right answer, no execution', () => {
	const payment = () => webhookBody('site-1', { action: 'payment', shape: 'v4', amountMinor: 100, paymentId: 'pay-1' });

	it('with a Webhook Token in the credential, only a URL with ?token=… is accepted', async () => {
		const trigger = activate({}, 'hook-token-1234');
		expect(await post(trigger.url, payment())).toEqual({ status: 401, body: { message: 'Missing or wrong token' } });
		expect((await post(`${trigger.url}?token=hook-token-9999`, payment())).status).toBe(401);
		expect(trigger.executions).toEqual([]);
		expect((await post(`${trigger.url}?token=hook-token-1234`, payment())).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it('version 2 takes the token from the Hyfin Webhook credential alone (version 1 from Hyfin API)', async () => {
		const node = { ...triggerNode('hyfinTrigger'), typeVersion: 2, credentials: { hyfinWebhookApi: { id: 'hook-1', name: 'hook' } } };
		const trigger = webhooks().activate(node, { hyfinWebhookApi: { webhookToken: 'only-the-webhook-token' }, hyfinApi: { webhookToken: 'the-api-credential-token' } });
		expect((await post(`${trigger.url}?token=the-api-credential-token`, payment())).status).toBe(401);
		expect((await post(trigger.url, payment())).status).toBe(401);
		expect(trigger.executions).toEqual([]);
		expect((await post(`${trigger.url}?token=only-the-webhook-token`, payment())).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		// Version 2 with no credential selected: no token asked, whatever a Hyfin API credential holds.
		const open = webhooks().activate({ ...triggerNode('hyfinTrigger', {}, false), typeVersion: 2 }, { hyfinApi: { webhookToken: 'the-api-credential-token' } });
		expect((await post(open.url, webhookBody('site-1', { action: 'payment', shape: 'v4', amountMinor: 100, paymentId: 'pay-2' }))).status).toBe(200);
		expect(open.executions).toHaveLength(1);
	});

	it('a version 2 node that still carries only a Hyfin API credential (version changed by hand) refuses every call: its token cannot be read', async () => {
		const node = { ...triggerNode('hyfinTrigger'), typeVersion: 2 };
		const trigger = webhooks().activate(node, { hyfinApi: { webhookToken: 'kept-from-version-one' } });
		expect(await post(trigger.url, payment())).toEqual({ status: 401, body: { message: 'This Hyfin Trigger (version 2) reads its token from a Hyfin Webhook API credential: select one' } });
		expect((await post(`${trigger.url}?token=kept-from-version-one`, payment())).status).toBe(401);
		expect(trigger.executions).toEqual([]);
	});

	it('without a credential, calls are accepted on the URL alone', async () => {
		const trigger = webhooks().activate(triggerNode('hyfinTrigger', {}, false), {});
		expect((await post(trigger.url, payment())).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it('400 for a body that is not a Hyfin webhook', async () => {
		const trigger = activate();
		expect(await post(trigger.url, { action: 'refund', data: {} })).toEqual({ status: 400, body: { message: 'Not a Hyfin webhook: "action" is neither payment nor notification' } });
		expect((await post(trigger.url, { action: 'payment', data: 'x' })).status).toBe(400);
		expect((await post(trigger.url, 'action=payment', {}, 'application/x-www-form-urlencoded')).status).toBe(400);
		expect(trigger.executions).toEqual([]);
	});

	it('a redelivery starts no second execution, and Hyfin stops redelivering once answered 200', async () => {
		const trigger = activate();
		await setSiteWebhook(trigger.url);
		const event = { action: 'payment', shape: 'v3', paymentId: 'pay-2' } as const;
		sandbox().vendors.hyfin.sites.emit('site-1', event);
		await sandbox().notifier.settled();
		await post(trigger.url, webhookBody('site-1', event));
		expect(trigger.executions).toHaveLength(1);
		expect(sandbox().notifier.attempts()).toHaveLength(1);
	});

	it('a redelivery to another process (another trigger, as after a restart) carries the same deliveryId', async () => {
		const [first, second] = [activate(), activate()];
		const event = { action: 'payment', shape: 'v4', paymentId: 'pay-3' } as const;
		const body = webhookBody('site-1', event);
		await post(first.url, body);
		await post(second.url, body);
		await post(second.url, webhookBody('site-1', { ...event, status: 'refunded' }));
		const ids = [first.executions[0][0].deliveryId, second.executions[0][0].deliveryId, second.executions[1][0].deliveryId];
		expect(ids[0]).toBe(ids[1]);
		expect(ids[2]).not.toBe(ids[0]);
	});

	it('an event that is not selected is answered 200 and starts nothing', async () => {
		const trigger = activate({ events: ['payment'] });
		expect(await post(trigger.url, webhookBody('site-1', { action: 'notification', shape: 'v3' }))).toEqual({ status: 200, body: { message: 'Ignored: event notification is not selected' } });
		expect(trigger.executions).toEqual([]);
	});
});
