import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createEngine } from '../../harness/engine';
import { NODE_NAMES, itemsWorkflow, packageNode } from '../../harness/workflows';
import { startForeign, startSandbox } from '../../sandbox';

type Foreign = Awaited<ReturnType<typeof startForeign>>;

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
		sandbox = await startSandbox({ hyfin: { token: HYFIN_TOKEN }, bamboo: { privateKey: BAMBOO_KEY } });
	});
	beforeEach(() => sandbox.reset());
	afterAll(async () => {
		await sandbox?.close();
	});
	return { engine: () => engine, sandbox: () => sandbox };
}

/**
 * A host that is not the vendor's (see sandbox `startForeign`), started for the test file, its log emptied
 * before each test: where a credential must never be sent.
 */
export function useForeignServer(): () => Foreign {
	let foreign: Foreign;
	beforeAll(async () => {
		foreign = await startForeign();
	});
	beforeEach(() => {
		foreign.log.length = 0;
	});
	afterAll(async () => {
		await foreign?.close();
	});
	return () => foreign;
}

/** The Hyfin credential for this sandbox, with overrides. */
export function hyfinCredentials(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): Record<string, ICredentialDataDecryptedObject> {
	return { hyfinApi: sandbox.credentials({ hyfinApi: overrides }).hyfinApi as ICredentialDataDecryptedObject };
}

/** The Bamboo credential for this sandbox, with overrides. */
export function bambooCredentials(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): Record<string, ICredentialDataDecryptedObject> {
	return { bambooPaymentApi: sandbox.credentials({ bambooPaymentApi: overrides }).bambooPaymentApi as ICredentialDataDecryptedObject };
}

/** Runs rows through one node of this package and returns the run. */
export async function runNode(
	engine: Engine,
	type: 'hyfinCustomer' | 'hyfinInvoice' | 'bambooPaymentLink',
	rows: object[],
	parameters: Record<string, unknown>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { continueOnFail?: boolean; version?: number } = {},
): Promise<RunResult> {
	const node = { ...packageNode(type, parameters, options), ...(options.version ? { typeVersion: options.version } : {}) };
	return await engine.run(itemsWorkflow(rows, [node]), { credentials });
}

export { itemsWorkflow, packageNode };

/** How the engine stores a node's error, as the tests read it. */
export interface StoredNodeError {
	name: string;
	message: string;
	description?: string;
	httpCode?: string;
	context: { itemIndex?: number; createdRecords?: Array<Record<string, unknown>>; unclearRecords?: Array<Record<string, unknown>> };
}

/** The error a node stopped with; fails the test when there is none. */
export function nodeError(run: RunResult, nodeName: string): StoredNodeError {
	const error = run.nodeError(nodeName) as unknown as StoredNodeError | undefined;
	expect(error).toBeDefined();
	return error!;
}

type NodeType = 'hyfinCustomer' | 'hyfinInvoice' | 'bambooPaymentLink';
export { NODE_NAMES };

/** Runs rows through one node of this package against the file's sandbox, with its credential (and overrides). */
export function nodeRunner(type: NodeType, engine: () => Engine, sandbox: () => Sandbox) {
	return (rows: object[], parameters: Record<string, unknown>, opts: { continueOnFail?: boolean; credentials?: ICredentialDataDecryptedObject; version?: number } = {}) => {
		const credentials = type === 'bambooPaymentLink' ? bambooCredentials(sandbox(), opts.credentials) : hyfinCredentials(sandbox(), opts.credentials);
		return runNode(engine(), type, rows, parameters, credentials, opts);
	};
}
