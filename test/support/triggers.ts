import { loadTypes } from '../../harness/engine';
import { startWebhookServer } from '../../harness/webhooks';
import { startSandbox } from '../../sandbox';
import { BAMBOO_KEY, HYFIN_TOKEN } from './engine';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type WebhookServer = Awaited<ReturnType<typeof startWebhookServer>>;
export type Activated = ReturnType<WebhookServer['activate']>;

/** One sandbox and one webhook server (serving the package's triggers) per test file. */
export function useTriggers(): { sandbox: () => Sandbox; webhooks: () => WebhookServer } {
	let sandbox: Sandbox;
	let webhooks: WebhookServer;
	beforeAll(async () => {
		sandbox = await startSandbox({ hyfin: { token: HYFIN_TOKEN }, bamboo: { privateKey: BAMBOO_KEY } });
		webhooks = await startWebhookServer(await loadTypes({ base: false }));
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await sandbox?.notifier.settled();
		await webhooks?.close();
		await sandbox?.close();
	});
	return { sandbox: () => sandbox, webhooks: () => webhooks };
}

let triggers = 0;

/** A trigger node of this package, with a fresh webhook id. */
export function triggerNode(type: 'bambooPaymentTrigger' | 'hyfinTrigger', parameters: Record<string, unknown> = {}, credential = true) {
	const credentialType = type === 'bambooPaymentTrigger' ? 'bambooPaymentApi' : 'hyfinApi';
	return {
		name: type === 'bambooPaymentTrigger' ? 'Bamboo Payment Trigger' : 'Hyfin Trigger',
		type: `n8n-nodes-bamboo-hyfin.${type}`,
		webhookId: `${type}-${++triggers}`,
		parameters: { events: ['*'], ...parameters },
		...(credential ? { credentials: { [credentialType]: { id: `${credentialType}-1`, name: 'sandbox' } } } : {}),
	};
}

/** POSTs to a trigger and returns the status and the answer's body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json') {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	const text = await response.text();
	let json: unknown = text;
	try {
		json = JSON.parse(text);
	} catch {
		// Not JSON: the text itself.
	}
	return { status: response.status, body: json as { message?: string } };
}
