import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createEngine } from '../../harness/engine';
import { itemsWorkflow, packageNode } from '../../harness/workflows';
import { startSandbox } from '../../sandbox';

export type Engine = Awaited<ReturnType<typeof createEngine>>;
export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type RunResult = Awaited<ReturnType<Engine['run']>>;

/** Recognisable secrets, so a leak is easy to find in any output. */
export const HYFIN_TOKEN = 'hyfin-token-SECRET-7f3a9c';
export const BAMBOO_KEY = 'bamboo-key-SECRET-d41e07';

/** One engine and one sandbox per test file, fresh sandbox state per test. */
export function useEngineAndSandbox(): { engine: () => Engine; sandbox: () => Sandbox } {
	let engine: Engine;
	let sandbox: Sandbox;
	beforeAll(async () => {
		engine = await createEngine();
		sandbox = await startSandbox({ hyfin: { token: HYFIN_TOKEN, sites: ['site-1', 'site-2'] }, bamboo: { privateKey: BAMBOO_KEY } });
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await sandbox?.close();
	});
	return { engine: () => engine, sandbox: () => sandbox };
}

export function hyfinCredentials(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): Record<string, ICredentialDataDecryptedObject> {
	return { hyfinApi: { baseUrl: sandbox.hyfinBaseUrl, accessToken: HYFIN_TOKEN, siteId: 'site-1', ...overrides } };
}

export function bambooCredentials(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): Record<string, ICredentialDataDecryptedObject> {
	return {
		bambooPaymentApi: { environment: 'custom', baseUrl: sandbox.bambooBaseUrl, privateKey: BAMBOO_KEY, ...overrides },
	};
}

/** Runs rows through one node of this package and returns the run. */
export async function runNode(
	engine: Engine,
	type: 'hyfinCustomer' | 'bambooPaymentLink',
	rows: object[],
	parameters: Record<string, unknown>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { continueOnFail?: boolean } = {},
): Promise<RunResult> {
	const node = packageNode(type, parameters, options);
	return await engine.run(itemsWorkflow(rows, [node]), { credentials });
}

export { itemsWorkflow, packageNode };
