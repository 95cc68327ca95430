import type { INodeProperties } from 'n8n-workflow';
import type { ItemInput, PreparedCall, Vendor } from '../../shared/types';
import { oneOf, quote, requirePathId } from '../../shared/validate';
import { vendorMessages } from '../../shared/vendorMessages';

export const HYFIN_VERSIONS = ['v3', 'v3.1', 'v4'] as const;
export type HyfinVersion = (typeof HYFIN_VERSIONS)[number];

/**
 * Hyfin's wire contract: a failure is a non-2xx status or `success: false`; a GET success has no
 * `success` key, so only a `success` that is present and not `true` makes a 2xx unconfirmed.
 */
export const hyfinVendor: Vendor = {
	name: 'Hyfin',
	credentialType: 'hyfinApi',
	secretFields: { accessToken: 'Access Token' },
	baseUrl: (data) => data.baseUrl,
	credentialHint:
		'Check the Access Token and "Send Token As" in the Hyfin API credential, and that the token may use this site.',
	checkAnswer(statusCode, body) {
		if (statusCode < 200 || statusCode >= 300 || body.success === false) {
			const messages = vendorMessages(body.errors ?? body.message ?? body.error);
			// Refused outright: success false with the reasons.
			return { kind: 'failure', messages, refused: body.success === false && messages.length > 0 };
		}
		if (body.success !== undefined && body.success !== true) {
			return { kind: 'unconfirmed', reason: `"success" is ${quote(body.success)}` };
		}
		return { kind: 'success' };
	},
};

/** The API version and site of this item: the site override of the options wins over the credential's. */
export function hyfinSite(item: ItemInput): { version: HyfinVersion; siteId: string } {
	const version = oneOf(item.param('apiVersion', 'v3'), HYFIN_VERSIONS, 'API Version');
	const override = item.options.siteId;
	const siteId = requirePathId(override === undefined || override === '' ? item.credential.siteId : override, 'Site ID');
	return { version, siteId };
}

/** `{base}/api/{version}/site/{siteId}/{path}` with every dynamic segment URL-encoded. */
export function siteUrl(baseUrl: string, version: HyfinVersion, siteId: string, ...segments: string[]): string {
	const path = segments.map((segment) => encodeURIComponent(segment)).join('/');
	return `${baseUrl}/api/${version}/site/${encodeURIComponent(siteId)}/${path}`;
}

/** A Hyfin call: every documented Hyfin answer (addUpdate, a record) carries the record's `_id`. */
export function hyfinCall(call: PreparedCall): PreparedCall {
	return { ...call, answerKeys: ['_id', ...(call.answerKeys ?? [])] };
}

/** The option that points one node at another Hyfin site than the credential's (used by both Hyfin nodes). */
export const siteIdOption: INodeProperties = {
	displayName: 'Site ID',
	name: 'siteId',
	type: 'string',
	default: '',
	description: "Work in this Hyfin site instead of the credential's site",
};
