import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { callApi } from '../../shared/request';
import type { ApiCall, RequestPolicy, VendorApi } from '../../shared/request';
import type { ItemContext } from '../../shared/router';
import { openSession } from '../../shared/session';
import type { Session } from '../../shared/session';
import { vendorMessages } from '../../shared/vendorMessages';

export const BAMBOO_HOSTS: Record<string, string> = {
	stage: 'https://h2h.stage.bamboopayment.com',
	production: 'https://h2h.bamboopayment.com',
};

export function bambooBaseUrl(data: ICredentialDataDecryptedObject): unknown {
	const environment = String(data.environment ?? 'stage');
	return environment === 'custom' ? data.baseUrl : BAMBOO_HOSTS[environment];
}

/**
 * Bamboo's wire contract: a failure is a non-2xx status, `isSuccess: false` (even with HTTP 200) or a
 * non-empty `errors` array, whose entries may be strings, `{code, message}` or `{ErrorCode, Message, Detail}`.
 */
export const bambooApi: VendorApi = {
	credentialType: 'bambooPaymentApi',
	name: 'Bamboo',
	credentialHint: 'Check the Private Key and the Environment in the Bamboo Payment API credential (stage keys do not work in production).',
	failureOf(statusCode, body) {
		const errors = body.errors ?? body.Errors;
		const hasErrors = Array.isArray(errors) ? errors.length > 0 : errors !== undefined && errors !== null;
		const ok = statusCode >= 200 && statusCode < 300 && body.isSuccess !== false && !hasErrors;
		return ok ? undefined : vendorMessages(hasErrors ? errors : (body.message ?? body.Message ?? body.error));
	},
};

export function openBambooSession(ctx: IExecuteFunctions): Promise<Session> {
	return openSession(ctx, 'bambooPaymentApi', {
		secretFields: ['privateKey'],
		baseUrl: bambooBaseUrl,
		baseUrlLabel: 'Base URL',
	});
}

/** `{base}/api/v1/{segments}` with every dynamic segment URL-encoded. */
export function apiUrl(baseUrl: string, ...segments: string[]): string {
	return `${baseUrl}/api/v1/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** A call as the operations describe it; the transport adds what the vendor needs. */
export type BambooCall = Omit<ApiCall, 'headers'>;

export function bambooRequest(item: ItemContext, call: BambooCall, policy: RequestPolicy = item.policy): Promise<IDataObject> {
	const language = item.options.language;
	const headers = typeof language === 'string' && language !== '' ? { lang: language } : undefined;
	return callApi(item.ctx, bambooApi, item.session.credentials, { ...call, headers }, policy);
}
