/**
 * The Hyfin Webhook credential holds only the token the Hyfin Trigger (version 2) checks; its test says
 * whether that token protects anything before a user relies on it.
 */
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { HyfinWebhookApi } from '../../credentials/HyfinWebhookApi.credentials';
import { hyfinWebhookApiTest } from '../../nodes/Hyfin/methods/credentialTest';
import { HyfinTrigger } from '../../nodes/Hyfin/HyfinTrigger.node';

const check = (webhookToken: unknown) => hyfinWebhookApiTest.call({} as ICredentialTestFunctions, { id: '1', name: 'hook', type: 'hyfinWebhookApi', data: { webhookToken } as never });

describe('Hyfin Webhook credential', () => {
	it('asks for the token only', () => {
		expect(new HyfinWebhookApi().properties.map((property) => [property.name, property.typeOptions?.password])).toEqual([['webhookToken', true]]);
	});

	it('is the credential of Hyfin Trigger version 2; version 1 keeps Hyfin API', () => {
		const credentials = new HyfinTrigger().description.credentials ?? [];
		expect(credentials.map((credential) => [credential.name, credential.displayOptions?.show?.['@version'], credential.testedBy])).toEqual([
			['hyfinApi', [1], 'hyfinApiTest'],
			['hyfinWebhookApi', [2], 'hyfinWebhookApiTest'],
		]);
	});

	it('refuses a token short enough to guess, and says when the token must be URL-encoded', async () => {
		expect(await check('')).toEqual({ status: 'Error', message: expect.stringMatching(/has 0 characters; use at least 16/) });
		expect(await check('short-token')).toMatchObject({ status: 'Error' });
		expect(await check('a'.repeat(16))).toEqual({ status: 'OK', message: expect.stringMatching(/Add \?token=<the token>/) });
		expect(await check('p@ss word+0123456789')).toEqual({ status: 'OK', message: expect.stringMatching(/must be URL-encoded/) });
	});
});
