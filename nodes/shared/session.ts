import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';
import { checkBaseUrl } from './baseUrl';

/** What a node run needs from its credential, read and checked once for all items. */
export interface Session {
	credentials: ICredentialsDecrypted;
	data: ICredentialDataDecryptedObject;
	/** The checked base URL, or the reason it is unusable (reported on every item). */
	baseUrl: () => string;
	secrets: string[];
}

export async function openSession(
	ctx: IExecuteFunctions,
	credentialType: string,
	spec: { secretFields: string[]; baseUrl: (data: ICredentialDataDecryptedObject) => unknown; baseUrlLabel: string },
): Promise<Session> {
	const data = await ctx.getCredentials(credentialType);
	const reference = ctx.getNode().credentials?.[credentialType];
	let checked: string | undefined;
	let problem: unknown;
	try {
		checked = checkBaseUrl(spec.baseUrl(data), spec.baseUrlLabel);
	} catch (error) {
		problem = error;
	}
	return {
		credentials: { id: reference?.id ?? '', name: reference?.name ?? credentialType, type: credentialType, data },
		data,
		baseUrl: () => {
			if (checked === undefined) throw problem;
			return checked;
		},
		secrets: spec.secretFields.map((field) => String(data[field] ?? '')).filter((secret) => secret !== ''),
	};
}
