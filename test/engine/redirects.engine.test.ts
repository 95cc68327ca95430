/**
 * Redirects and credential tests, on the apiPath: a redirect is never followed (no create sent twice, no key
 * sent to another host, no foreign JSON taken for the vendor's), and a credential test is green only when
 * the vendor itself answered at the configured address and accepted the credential.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeType } from 'n8n-workflow';
import { BAMBOO_KEY, HYFIN_TOKEN, bambooCredentials, hyfinCredentials, runNode, useEngineAndSandbox, useForeignServer } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const foreign = useForeignServer();
afterEach(() => sandbox().faults.configure({}));

const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 2000 };
const REDIRECTS = [301, 302, 303, 307, 308] as const;
const create = { resource: 'payment', operation: 'create', amount: 1999, currencyCode: 'UYU', additionalFields: { orderNumber: 'SO-R1' }, options: FAST };
const v4Create = { resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: 'Redirected Co', primaryContact: { firstName: 'R' }, options: FAST };

function redirect(status: number, to?: string) {
	sandbox().faults.configure({ script: [`redirect${status}` as 'redirect302'], redirectTo: to });
}
const bamboo = (parameters: Record<string, unknown>, continueOnFail = true) =>
	runNode(engine(), 'bambooPaymentLink', [{}], parameters, bambooCredentials(sandbox()), { continueOnFail });
const hyfin = (parameters: Record<string, unknown>, continueOnFail = true) =>
	runNode(engine(), 'hyfinCustomer', [{}], parameters, hyfinCredentials(sandbox()), { continueOnFail });

describe('a redirect is never followed', () => {
	it.each(REDIRECTS)('a payment create answered by %i to an unreachable host is sent once and may exist', async (status) => {
		redirect(status);
		const run = await bamboo(create);
		const [output] = run.json('Bamboo Payment Link');
		expect(output.error).toBe(
			`Bamboo answered with a redirect (HTTP ${status}) to 127.0.0.1:1, which is not followed. The payment link may or may not have been created at Bamboo. Before running this item again, look for order number "SO-R1" under Payment Links in Bamboo's Merchant Console. Do not retry automatically`,
		);
		expect(sandbox().requests('bamboo')).toHaveLength(1);
	});

	it.each(REDIRECTS)('a Hyfin v4 create answered by %i to a foreign host reaches neither twice nor there', async (status) => {
		redirect(status, foreign().url);
		const run = await hyfin(v4Create);
		expect(run.json('Hyfin Customer')[0].error).toMatch(/redirect \(HTTP \d+\) to 127\.0\.0\.2:\d+, which is not followed\. The customer .* may or may not have been added/);
		expect(sandbox().requests('hyfin')).toHaveLength(1);
		expect(foreign().log).toEqual([]);
	});

	it.each(REDIRECTS)('a GET redirected (%i) to another host sends it no key and does not output its JSON', async (status) => {
		const created = await bamboo({ ...create, additionalFields: { orderNumber: `SO-G${status}` } });
		const paymentId = String(created.json('Bamboo Payment Link')[0].paymentId);
		redirect(status, foreign().url);
		const run = await bamboo({ resource: 'payment', operation: 'get', paymentId, options: { ...FAST, maxRetries: 3 } });
		const [output] = run.json('Bamboo Payment Link');
		expect(output).toEqual({ error: expect.stringMatching(/^Bamboo answered with a redirect \(HTTP \d+\) to 127\.0\.0\.2:\d+, which is not followed$/) });
		expect(JSON.stringify(run.result)).not.toContain('foreign-payment');
		expect(foreign().log).toEqual([]);
		// A redirect is not a transient failure: the GET is not repeated either.
		expect(sandbox().requests('bamboo', 'GET')).toHaveLength(1);
	});

	it('a Hyfin get redirected to another host carries the token nowhere', async () => {
		redirect(302, foreign().url);
		const run = await hyfin({ resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 'x-1', options: FAST });
		expect(run.json('Hyfin Customer')[0].error).toMatch(/^Hyfin answered with a redirect \(HTTP 302\)/);
		expect(foreign().log).toEqual([]);
	});
});

describe('credential tests prove that the vendor answered at the configured address', () => {
	const testBamboo = (data: ICredentialDataDecryptedObject) => {
		const node = engine().types.nodes.get('n8n-nodes-bamboo-hyfin.bambooPaymentLink') as INodeType;
		const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
		return node.methods!.credentialTest!.bambooPaymentApiTest.call(context, { id: '1', name: 'b', type: 'bambooPaymentApi', data });
	};
	const testHyfin = (data: ICredentialDataDecryptedObject) => {
		const node = engine().types.nodes.get('n8n-nodes-bamboo-hyfin.hyfinCustomer') as INodeType;
		const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
		return node.methods!.credentialTest!.hyfinApiTest.call(context, { id: '1', name: 'h', type: 'hyfinApi', data });
	};
	const bambooData = () => bambooCredentials(sandbox()).bambooPaymentApi;
	const hyfinData = () => hyfinCredentials(sandbox()).hyfinApi;
	const origin = () => sandbox().url;

	it('green for the accepted key and token', async () => {
		await expect(testBamboo(bambooData())).resolves.toEqual({ status: 'OK', message: 'Bamboo accepted the credential' });
		await expect(testHyfin(hyfinData())).resolves.toEqual({ status: 'OK', message: 'Hyfin accepted the credential' });
	});

	it('red for a typo in the base URL path (an HTML 404), naming the likely cause', async () => {
		await expect(testBamboo({ ...bambooData(), baseUrl: `${sandbox().bambooBaseUrl}/v2` })).resolves.toEqual({
			status: 'Error',
			message: `${origin()} answered HTTP 404 with an HTML page: this is not the Bamboo API. Check the base URL and its path`,
		});
		await expect(testHyfin({ ...hyfinData(), baseUrl: `${sandbox().url}/hyfn` })).resolves.toMatchObject({
			status: 'Error',
			message: expect.stringContaining('this is not the Hyfin API. Check the base URL and its path'),
		});
	});

	it('red for a Site ID that Hyfin does not know, naming it', async () => {
		await expect(testHyfin({ ...hyfinData(), siteId: 'site-9' })).resolves.toEqual({
			status: 'Error',
			message: 'Hyfin does not know the site "site-9": site site-9 not found. Check the Site ID',
		});
	});

	it('red for a redirect, naming where it pointed, and nothing reaches that host', async () => {
		redirect(302, foreign().url);
		const result = await testBamboo(bambooData());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/answered with a redirect \(HTTP 302\) to 127\.0\.0\.2:\d+\. Redirects are not followed/);
		redirect(307, foreign().url);
		expect((await testHyfin(hyfinData())).message).toMatch(/redirect \(HTTP 307\)/);
		expect(foreign().log).toEqual([]);
	});

	it('red for a server error, a refused connection and a key that is refused or malformed', async () => {
		sandbox().faults.configure({ script: ['status503'] });
		expect(await testBamboo(bambooData())).toEqual({
			status: 'Error',
			message: `${origin()} answered HTTP 503: the service may be down, or the base URL points to the wrong place`,
		});
		expect(await testHyfin({ ...hyfinData(), baseUrl: 'http://127.0.0.1:1' })).toEqual({
			status: 'Error',
			message: 'Could not connect to http://127.0.0.1:1 (ECONNREFUSED): check the base URL and that the host is up',
		});
		expect(await testHyfin({ ...hyfinData(), accessToken: `${HYFIN_TOKEN}-old` })).toEqual({ status: 'Error', message: 'Hyfin rejected the credential (HTTP 401)' });
		const before = sandbox().log.length;
		expect(await testBamboo({ ...bambooData(), privateKey: 'short' })).toEqual({
			status: 'Error',
			message: 'The Private Key looks malformed: it must be at least 8 characters with no spaces',
		});
		expect(await testBamboo({ ...bambooData(), privateKey: `${BAMBOO_KEY} ` })).toMatchObject({ status: 'Error' });
		expect(sandbox().log).toHaveLength(before);
	});

	it('red when the host does not answer in time', async () => {
		sandbox().faults.configure({ script: ['hang'], hangMs: 30000 });
		const started = Date.now();
		const result = await testHyfin(hyfinData());
		expect(result).toEqual({ status: 'Error', message: `Hyfin did not answer at ${origin()} within 15 s: is the base URL right and the host up?` });
		expect(Date.now() - started).toBeLessThan(25000);
	}, 40000);
});
