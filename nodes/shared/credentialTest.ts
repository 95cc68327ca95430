import type { ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { InvalidInputError } from './errors';

/**
 * A credential test that reads the status itself, because a 404 for a made-up id means the key was
 * accepted while n8n's declarative test would call it a failure: 401/403 mean rejected, 2xx/404 accepted.
 */
export async function probeCredential(
	ctx: ICredentialTestFunctions,
	probe: { vendor: string; url: () => string; headers: Record<string, string> },
): Promise<INodeCredentialTestResult> {
	let url: string;
	try {
		url = probe.url();
	} catch (error) {
		return { status: 'Error', message: error instanceof InvalidInputError ? error.message : 'Invalid credential' };
	}
	// A credential test context offers only the legacy `request` helper (it has no `httpRequest`).
	const { request } = ctx.helpers;
	let statusCode: number;
	try {
		const response = (await request({
			method: 'GET',
			uri: url,
			headers: { accept: 'application/json', ...probe.headers },
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			timeout: 15000,
		})) as { statusCode: number };
		statusCode = response.statusCode;
	} catch {
		return { status: 'Error', message: `Could not reach ${probe.vendor} at ${new URL(url).origin}` };
	}
	if (statusCode === 401 || statusCode === 403) {
		return { status: 'Error', message: `${probe.vendor} rejected the credential (HTTP ${statusCode})` };
	}
	if ((statusCode >= 200 && statusCode < 300) || statusCode === 404) {
		return { status: 'OK', message: `${probe.vendor} accepted the credential` };
	}
	return { status: 'Error', message: `${probe.vendor} answered HTTP ${statusCode}; the credential could not be confirmed` };
}
