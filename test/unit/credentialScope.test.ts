/**
 * The credentials' `authenticate`: what n8n calls to add the secret to a request — of this package's nodes
 * and of the HTTP Request node. The secret is added only for the credential's own address, and the request
 * it returns follows no redirect, in n8n's current and legacy request options alike.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';
import { BambooPaymentApi } from '../../credentials/BambooPaymentApi.credentials';
import { HyfinApi } from '../../credentials/HyfinApi.credentials';

const bamboo = (data: Record<string, unknown>, request: Record<string, unknown>) =>
	new BambooPaymentApi().authenticate({ privateKey: 'KEY', ...data }, request as unknown as IHttpRequestOptions);
const hyfin = (data: Record<string, unknown>, request: Record<string, unknown>) =>
	new HyfinApi().authenticate({ baseUrl: 'https://hyfin.example.com', accessToken: 'TOKEN', siteId: 's1', ...data }, request as unknown as IHttpRequestOptions);

describe('the Bamboo credential', () => {
	it('adds the raw key for its environment host and switches redirects off', async () => {
		const out = (await bamboo({ environment: 'stage' }, { url: 'https://h2h.stage.bamboopayment.com/api/v1/payments', headers: { accept: 'x' } })) as unknown as Record<string, unknown>;
		expect(out.headers).toEqual({ accept: 'x', Authorization: 'Basic KEY' });
		expect(out).toMatchObject({ disableFollowRedirect: true, maxRedirects: 0, sendCredentialsOnCrossOriginRedirect: false, followRedirect: false, followAllRedirects: false });
	});

	it('defaults to stage, and never sends a stage key to production or elsewhere', async () => {
		await expect(bamboo({}, { url: 'https://h2h.bamboopayment.com/api/v1/payments' })).rejects.toThrow(
			'The Bamboo Payment API credential is only sent to https://h2h.stage.bamboopayment.com; this request goes to https://h2h.bamboopayment.com/api/v1/payments',
		);
		await expect(bamboo({ environment: 'production' }, { uri: 'https://evil.example.com/api' })).rejects.toThrow(/only sent to https:\/\/h2h\.bamboopayment\.com;/);
	});

	it('reads the URL of the legacy request form (uri) and of a baseURL with a relative url', async () => {
		await expect(bamboo({ environment: 'production' }, { uri: 'https://h2h.bamboopayment.com/api/v1/x' })).resolves.toMatchObject({ headers: { Authorization: 'Basic KEY' } });
		await expect(bamboo({ environment: 'production' }, { baseURL: 'https://h2h.bamboopayment.com', url: '/api/v1/x' })).resolves.toMatchObject({ headers: { Authorization: 'Basic KEY' } });
		await expect(bamboo({ environment: 'production' }, { baseURL: 'https://h2h.bamboopayment.com', url: 'https://other.example.com/x' })).rejects.toThrow(/other\.example\.com\/x$/);
	});

	it('keeps a custom base URL to its path, and refuses plain http off loopback', async () => {
		const custom = { environment: 'custom', baseUrl: 'https://proxy.example.com/bamboo/' };
		await expect(bamboo(custom, { url: 'https://proxy.example.com/bamboo/api/v1/x' })).resolves.toBeDefined();
		for (const url of ['https://proxy.example.com/bamboox/api', 'https://proxy.example.com/bamboo/../admin', 'https://proxy.example.com/', 'http://proxy.example.com/bamboo/api']) {
			await expect(bamboo(custom, { url })).rejects.toThrow(/^The Bamboo Payment API credential is only sent to https:\/\/proxy\.example\.com\/bamboo;/);
		}
		await expect(bamboo({ environment: 'custom', baseUrl: 'http://proxy.example.com' }, { url: 'http://proxy.example.com/api' })).rejects.toThrow(/must use https/);
		await expect(bamboo({ environment: 'custom', baseUrl: 'http://127.0.0.1:8080' }, { url: 'http://127.0.0.1:8080/api' })).resolves.toBeDefined();
	});

	it('refuses a request without a usable URL', async () => {
		await expect(bamboo({}, {})).rejects.toThrow(/this request goes to an invalid URL$/);
	});
});

describe('the Hyfin credential', () => {
	it('adds the header its "Send Token As" names, for its own base URL only', async () => {
		await expect(hyfin({}, { url: 'https://hyfin.example.com/api/v4/site/s1/invoice/1' })).resolves.toMatchObject({ headers: { 'x-access-token': 'TOKEN' }, disableFollowRedirect: true });
		await expect(hyfin({ authHeader: 'bearer' }, { url: 'https://hyfin.example.com/api/v4/x' })).resolves.toMatchObject({ headers: { Authorization: 'Bearer TOKEN' } });
		await expect(hyfin({}, { url: 'https://hyfin.example.com.evil.io/api' })).rejects.toThrow(
			'The Hyfin API credential is only sent to https://hyfin.example.com; this request goes to https://hyfin.example.com.evil.io/api',
		);
	});

	it('names the missing base URL rather than sending anything', async () => {
		await expect(hyfin({ baseUrl: '' }, { url: 'https://hyfin.example.com/api' })).rejects.toThrow('"Base URL" is required in the credential');
	});
});

describe('a proxy or a switched-off certificate check is refused, in every request form', () => {
	const direct = { url: 'https://h2h.stage.bamboopayment.com/api/v1/payments' };
	it.each([
		['a proxy URL (legacy form)', { proxy: 'http://127.0.0.1:3128' }, /through the proxy 127\.0\.0\.1:3128\. Remove the Proxy option/],
		['a proxy object (current form)', { proxy: { host: 'proxy.example.com', port: 8080, protocol: 'http' } }, /through the proxy proxy\.example\.com:8080/],
		['skipSslCertificateValidation', { skipSslCertificateValidation: true }, /turns the check off \("Ignore SSL Issues"\)/],
		['rejectUnauthorized false', { rejectUnauthorized: false }, /turns the check off/],
		['strictSSL false', { strictSSL: false }, /turns the check off/],
		['agentOptions.rejectUnauthorized false', { agentOptions: { rejectUnauthorized: false } }, /turns the check off/],
	])('%s: refused for both credentials', async (_case, extra, message) => {
		await expect(bamboo({}, { ...direct, ...extra })).rejects.toThrow(message);
		await expect(hyfin({}, { url: 'https://hyfin.example.com/api/v3/site/s1/customer/x', ...extra })).rejects.toThrow(message);
	});

	it('a request with the checks on and no proxy goes ahead', async () => {
		await expect(bamboo({}, { ...direct, proxy: '', rejectUnauthorized: true, skipSslCertificateValidation: false })).resolves.toMatchObject({ headers: { Authorization: 'Basic KEY' } });
	});
});
