import { bambooBaseUrl } from './hosts';
import type { ItemInput, PreparedCall, Vendor } from '../../shared/types';
import { oneOf, quote } from '../../shared/validate';
import { vendorMessages } from '../../shared/vendorMessages';

export { BAMBOO_HOSTS, bambooBaseUrl } from './hosts';

function errorsOf(body: Record<string, unknown>): unknown {
	return body.errors ?? body.Errors;
}

/**
 * Bamboo's wire contract: a success is a 2xx whose body has `isSuccess: true` and no errors; `isSuccess:
 * false` or a non-empty `errors` array is a failure (also with HTTP 200; a refusal that made nothing only when
 * both say so), whose entries may be strings,
 * `{code, message}` or `{ErrorCode, Message, Detail}`; any other 2xx envelope is not a confirmed success.
 */
export const bambooVendor: Vendor = {
	name: 'Bamboo',
	credentialType: 'bambooPaymentApi',
	secretFields: { privateKey: 'Private Key' },
	baseUrl: bambooBaseUrl,
	credentialHint: 'Check the Private Key and the Environment in the Bamboo Payment API credential (stage keys do not work in production).',
	checkAnswer(statusCode, body) {
		const errors = errorsOf(body);
		const hasErrors = Array.isArray(errors) ? errors.length > 0 : errors !== undefined && errors !== null;
		const messages = () => vendorMessages(hasErrors ? errors : (body.message ?? body.Message ?? body.error));
		// Refused outright: isSuccess false with the reasons; anything less certain may have done it.
		if (statusCode < 200 || statusCode >= 300 || body.isSuccess === false || hasErrors) {
			return { kind: 'failure', messages: messages(), refused: body.isSuccess === false && hasErrors };
		}
		if (body.isSuccess !== true) {
			return { kind: 'unconfirmed', reason: body.isSuccess === undefined ? '"isSuccess" is missing' : `"isSuccess" is ${quote(body.isSuccess)}` };
		}
		return { kind: 'success' };
	},
};

/** `{base}/api/v1/{segments}` with every dynamic segment URL-encoded. */
export function apiUrl(baseUrl: string, ...segments: string[]): string {
	return `${baseUrl}/api/v1/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

export const LANGUAGES = ['en', 'es', 'pt'] as const;

/** A Bamboo call for this item, with the `lang` header when the Language option is set. */
export function bambooCall(item: ItemInput, call: PreparedCall): PreparedCall {
	const language = item.options.language;
	if (language === undefined || language === '') return call;
	return { ...call, headers: { ...call.headers, lang: oneOf(language, LANGUAGES, 'Options › Language') } };
}
