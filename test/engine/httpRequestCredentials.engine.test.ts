/**
 * Both credentials in n8n's HTTP Request node ("Predefined Credential Type"), for the vendors' endpoints this
 * package does not wrap: the secret is added to requests for the credential's own address, and to no other —
 * not another host, not a path outside a custom base URL, not the target of a redirect.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { BAMBOO_KEY, HYFIN_TOKEN, bambooCredentials, hyfinCredentials, itemsWorkflow, useEngineAndSandbox, useForeignServer } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const foreign = useForeignServer();
afterEach(() => sandbox().faults.configure({}));

/** One HTTP Request node (v4.2) using a credential of this package, continuing on error. */
async function httpRequest(type: 'hyfinApi' | 'bambooPaymentApi', url: string, credentials: Record<string, ICredentialDataDecryptedObject>, options: Record<string, unknown> = {}) {
	const node = {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: type, options },
		credentials: { [type]: { id: `${type}-1`, name: `${type} sandbox` } },
		onError: 'continueRegularOutput',
	};
	const run = await engine().run(itemsWorkflow([{}], [node]), { credentials });
	const json = run.json('HTTP Request')[0] as Record<string, unknown>;
	// With "Continue", the HTTP Request node puts its error object in the item: its message is what users read.
	return { ...json, error: json.error instanceof Error ? json.error.message : json.error };
}

const everywhere = () => JSON.stringify([...sandbox().log.map((entry) => entry.headers), ...foreign().log.map((entry) => entry.headers)]);

describe('the Hyfin credential in the HTTP Request node', () => {
	it('adds the token to a call of another Hyfin endpoint on its own address', async () => {
		const out = await httpRequest('hyfinApi', `${sandbox().hyfinBaseUrl}/api/v3/site/site-1/customer/nobody`, hyfinCredentials(sandbox()));
		// The sandbox answers its JSON "not found", which the HTTP Request node reports as an error item.
		expect(out.error).toBe('The resource you are requesting could not be found');
		const [call] = sandbox().requests('hyfin', 'GET');
		expect(call.headers['x-access-token']).toBe(HYFIN_TOKEN);
	});

	it('sends the Bearer form when the credential says so', async () => {
		await httpRequest('hyfinApi', `${sandbox().hyfinBaseUrl}/api/v3/site/site-1/customer/nobody`, hyfinCredentials(sandbox(), { authHeader: 'bearer' }));
		expect(sandbox().requests('hyfin', 'GET')[0].headers.authorization).toBe(`Bearer ${HYFIN_TOKEN}`);
	});

	it('refuses another host: nothing is sent there, the error says where the token may go', async () => {
		const out = await httpRequest('hyfinApi', `${foreign().url}/api/v3/site/site-1/customer/x`, hyfinCredentials(sandbox()));
		expect(out.error).toBe(`The Hyfin API credential is only sent to ${sandbox().hyfinBaseUrl}; this request goes to ${foreign().url}/api/v3/site/site-1/customer/x`);
		expect(foreign().log).toEqual([]);
	});

	it.each([
		['a sibling path', '/hyfinx/api/v3/site/site-1/customer/x'],
		['a path that climbs out', '/hyfin/../bamboo/api/v1/customers/x'],
		['another path of the same host', '/bamboo/api/v1/customers/x'],
	])('refuses %s outside the base URL on the same host', async (_case, path) => {
		const out = await httpRequest('hyfinApi', `${sandbox().url}${path}`, hyfinCredentials(sandbox()));
		expect(String(out.error)).toMatch(/^The Hyfin API credential is only sent to /);
		expect(sandbox().log).toEqual([]);
	});

	it('does not follow a redirect to another host with the token', async () => {
		sandbox().faults.configure({ script: ['redirect302'], redirectTo: foreign().url });
		const out = await httpRequest('hyfinApi', `${sandbox().hyfinBaseUrl}/api/v3/site/site-1/customer/x`, hyfinCredentials(sandbox()));
		expect(out.error).toBeDefined();
		expect(foreign().log).toEqual([]);
		expect(everywhere().split(HYFIN_TOKEN)).toHaveLength(2); // Only the one request to Hyfin carried it.
	});
});

describe('the Bamboo credential in the HTTP Request node', () => {
	it('adds the raw key to a call of another Bamboo endpoint on its own address', async () => {
		await httpRequest('bambooPaymentApi', `${sandbox().bambooBaseUrl}/api/v1/customers/nobody`, bambooCredentials(sandbox()));
		expect(sandbox().requests('bamboo', 'GET')[0].headers.authorization).toBe(`Basic ${BAMBOO_KEY}`);
	});

	it('refuses another host, and a stage key is not sent to production', async () => {
		const out = await httpRequest('bambooPaymentApi', `${foreign().url}/api/v1/payments/methods`, bambooCredentials(sandbox()));
		expect(out.error).toBe(`The Bamboo Payment API credential is only sent to ${sandbox().bambooBaseUrl}; this request goes to ${foreign().url}/api/v1/payments/methods`);
		const stage = await httpRequest('bambooPaymentApi', 'https://h2h.bamboopayment.com/api/v1/payments/methods', bambooCredentials(sandbox(), { environment: 'stage', baseUrl: '' }));
		expect(stage.error).toBe('The Bamboo Payment API credential is only sent to https://h2h.stage.bamboopayment.com; this request goes to https://h2h.bamboopayment.com/api/v1/payments/methods');
		expect(foreign().log).toEqual([]);
	});

	it('does not follow a redirect to another host with the key', async () => {
		sandbox().faults.configure({ script: ['redirect307'], redirectTo: foreign().url });
		const out = await httpRequest('bambooPaymentApi', `${sandbox().bambooBaseUrl}/api/v1/customers/x`, bambooCredentials(sandbox()));
		expect(out.error).toBeDefined();
		expect(foreign().log).toEqual([]);
	});
});

describe("the HTTP Request node's Proxy and Ignore SSL Issues options", () => {
	it.each([
		['hyfinApi', () => `${sandbox().hyfinBaseUrl}/api/v3/site/site-1/customer/x`, () => hyfinCredentials(sandbox()), HYFIN_TOKEN],
		['bambooPaymentApi', () => `${sandbox().bambooBaseUrl}/api/v1/customers/x`, () => bambooCredentials(sandbox()), BAMBOO_KEY],
	] as const)('%s through a proxy on its own address: refused, and the proxy receives nothing', async (type, url, credentials, secret) => {
		const out = await httpRequest(type, url(), credentials(), { proxy: foreign().url });
		expect(String(out.error)).toMatch(/directly; this request goes through the proxy 127\.0\.0\.\d+:\d+\. Remove the Proxy option/);
		expect(foreign().log).toEqual([]);
		expect(sandbox().log).toEqual([]);
		expect(everywhere()).not.toContain(secret);
	});

	it.each([
		['hyfinApi', () => `${sandbox().hyfinBaseUrl}/api/v3/site/site-1/customer/x`, () => hyfinCredentials(sandbox())],
		['bambooPaymentApi', () => `${sandbox().bambooBaseUrl}/api/v1/customers/x`, () => bambooCredentials(sandbox())],
	] as const)('%s with "Ignore SSL Issues" on: refused, nothing sent', async (type, url, credentials) => {
		const out = await httpRequest(type, url(), credentials(), { allowUnauthorizedCerts: true });
		expect(String(out.error)).toMatch(/turns the check off \("Ignore SSL Issues"\)/);
		expect(sandbox().log).toEqual([]);
	});
});
