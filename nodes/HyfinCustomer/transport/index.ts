import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { callApi } from '../../shared/request';
import type { ApiCall, VendorApi } from '../../shared/request';
import type { ItemContext } from '../../shared/router';
import { openSession } from '../../shared/session';
import type { Session } from '../../shared/session';
import { vendorMessages } from '../../shared/vendorMessages';

export type HyfinVersion = 'v3' | 'v3.1' | 'v4';

/** Hyfin's wire contract: a failure is a non-2xx status or `success: false` (a GET success has no `success`). */
export const hyfinApi: VendorApi = {
	credentialType: 'hyfinApi',
	name: 'Hyfin',
	credentialHint:
		'Check the Access Token and "Send Token As" in the Hyfin API credential, and that the token may use this site.',
	failureOf(statusCode, body) {
		const ok = statusCode >= 200 && statusCode < 300 && body.success !== false;
		return ok ? undefined : vendorMessages(body.errors ?? body.message ?? body.error);
	},
};

export function openHyfinSession(ctx: IExecuteFunctions): Promise<Session> {
	return openSession(ctx, 'hyfinApi', {
		secretFields: ['accessToken'],
		baseUrl: (data) => data.baseUrl,
		baseUrlLabel: 'Base URL',
	});
}

/** `{base}/api/{version}/site/{siteId}/{path}` with every dynamic segment URL-encoded. */
export function siteUrl(baseUrl: string, version: HyfinVersion, siteId: string, ...segments: string[]): string {
	const path = segments.map((segment) => encodeURIComponent(segment)).join('/');
	return `${baseUrl}/api/${version}/site/${encodeURIComponent(siteId)}/${path}`;
}

/** A call as the operations describe it; the transport adds what the vendor needs. */
export type HyfinCall = Omit<ApiCall, 'headers'>;

export function hyfinRequest(item: ItemContext, call: HyfinCall): Promise<IDataObject> {
	return callApi(item.ctx, hyfinApi, item.session.credentials, call, item.policy);
}
