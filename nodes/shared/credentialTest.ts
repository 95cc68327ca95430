import type { ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';
import { InvalidInputError } from './errors';
import { cut, redactText, secretForms } from './redact';
import { errorCodes } from './retry';

const PROBE_TIMEOUT_MS = 15000;

/** A credential test: one GET that only the vendor's API, accepting the credential, answers as expected. */
export interface CredentialProbe {
	vendor: string;
	/** The probe's URL; throws `InvalidInputError` when the credential cannot form one. */
	url: () => string;
	headers: Record<string, string>;
	/** The credential's secrets, as labelled in the credential form. */
	secrets: Record<string, string>;
	/**
	 * Reads a JSON object answer that is neither a redirect, a refusal (401/403) nor a server error: the
	 * test's result, or `undefined` when the JSON is not the vendor's (another server answered).
	 */
	interpret: (statusCode: number, body: IDataObject) => INodeCredentialTestResult | undefined;
}

const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

type Outcome = { kind: 'answer'; statusCode: number; headers: IDataObject; body: unknown } | { kind: 'error'; codes: string[] };

/**
 * Runs a probe and tells the user what happened: green only when the vendor answered at the configured
 * address and accepted the credential; otherwise red with the likely cause (address, path, site, key).
 */
export async function probeCredential(ctx: ICredentialTestFunctions, probe: CredentialProbe): Promise<INodeCredentialTestResult> {
	const result = await runProbe(ctx, probe);
	// A vendor may echo the credential in an error: the test's message never shows it.
	return { ...result, message: redactText(result.message, secretForms(Object.values(probe.secrets))) };
}

async function runProbe(ctx: ICredentialTestFunctions, probe: CredentialProbe): Promise<INodeCredentialTestResult> {
	let url: string;
	try {
		for (const [label, value] of Object.entries(probe.secrets)) {
			if (value.length < 8 || /\s/.test(value)) {
				return error(`The ${label} looks malformed: it must be at least 8 characters with no spaces`);
			}
		}
		url = probe.url();
	} catch (problem) {
		return error(problem instanceof InvalidInputError ? problem.message : 'The credential is incomplete');
	}
	const origin = new URL(url).origin;
	// A credential test context offers only the legacy `request` helper; it follows no redirect when told so.
	const pending: Promise<Outcome> = ctx.helpers
		.request({
			method: 'GET',
			uri: url,
			headers: { accept: 'application/json', ...probe.headers },
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			followAllRedirects: false,
			timeout: PROBE_TIMEOUT_MS,
		})
		.then(
			(response: { statusCode: number; headers?: IDataObject; body: unknown }) =>
				({ kind: 'answer', statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body }) as Outcome,
			(failure: unknown) => ({ kind: 'error', codes: errorCodes(failure) }) as Outcome,
		);
	const outcome = await pending;
	if (outcome.kind === 'error' && outcome.codes.some((code) => /TIMEDOUT|ECONNABORTED/.test(code))) {
		return error(`${probe.vendor} did not answer at ${origin} within ${PROBE_TIMEOUT_MS / 1000} s: is the base URL right and the host up?`);
	}
	if (outcome.kind === 'error') {
		const codes = outcome.codes.join(', ') || 'no answer';
		return error(`Could not connect to ${origin} (${codes}): check the base URL and that the host is up`);
	}
	const { statusCode, headers, body } = outcome;
	if (statusCode >= 300 && statusCode < 400) {
		const location = typeof headers.location === 'string' && URL.canParse(headers.location, url) ? new URL(headers.location, url).host : 'another address';
		return error(
			`${origin} answered with a redirect (HTTP ${statusCode}) to ${location}. Redirects are not followed, so the credential is never sent elsewhere: use the address the API answers at directly`,
		);
	}
	if (statusCode === 401 || statusCode === 403) {
		return error(`${probe.vendor} rejected the credential (HTTP ${statusCode})`);
	}
	if (statusCode >= 500) {
		return error(`${origin} answered HTTP ${statusCode}: the service may be down, or the base URL points to the wrong place`);
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		const text = typeof body === 'string' ? body.trim() : '';
		const shape = text === '' ? 'no JSON body' : text.startsWith('<') ? 'an HTML page' : `a body that is not JSON (${cut(redactText(text, secretForms(Object.values(probe.secrets))), 60)})`;
		return error(`${origin} answered HTTP ${statusCode} with ${shape}: this is not the ${probe.vendor} API. Check the base URL and its path`);
	}
	return (
		probe.interpret(statusCode, body as IDataObject) ??
		error(`${origin} answered HTTP ${statusCode} with JSON that is not ${probe.vendor}'s: check the base URL and its path`)
	);
}
