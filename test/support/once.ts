/**
 * Runs of Payment → Create against the sandbox with n8n-core's deduplication service holding the records
 * (the test store keeps n8n's rules: one list per node, entries mode, the most recent kept), and readers of
 * what the store and the sandbox hold, for the "Once per Order Number" tests.
 */
import type { IDataObject } from 'n8n-workflow';
import { clearDeduplication, deduplicationLists } from '../../harness/deduplication';
import { bambooCredentials, itemsWorkflow, packageNode, useEngineAndSandbox } from './engine';
import type { Engine, Sandbox } from './engine';

export const NODE = 'Bamboo Payment Link';
export const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 2000 };

/** One input item: its order number and amount (minor units), and optionally its currency. */
export interface Order {
	order?: string;
	amount?: number;
	currency?: string;
}

export interface RunOptions {
	version?: number;
	options?: IDataObject;
	parameters?: IDataObject;
	credentials?: IDataObject;
	continueOnFail?: boolean;
	credentialId?: string;
	/** Run as after a crash: the node's static data (its memory of links) is not kept. */
	crashed?: boolean;
	binaryStoreError?: Error;
	paymentType?: 'CheckoutPro' | 'QR';
}

/** Payment → Create for each order, with "Once per Order Number" as the node version has it. */
export function onceRunner(engine: () => Engine, sandbox: () => Sandbox) {
	let staticData: IDataObject = {};
	const run = async (orders: Array<Order | string | undefined>, options: RunOptions = {}) => {
		const rows = orders.map((entry) => {
			const order = typeof entry === 'string' || entry === undefined ? { order: entry } : entry;
			return { order: order.order ?? '', amount: order.amount ?? 1000, currency: order.currency ?? 'UYU' };
		});
		const parameters: IDataObject = {
			resource: 'payment',
			operation: 'create',
			amount: '={{ $json.amount }}',
			currencyCode: '={{ $json.currency }}',
			paymentType: options.paymentType ?? 'CheckoutPro',
			orderNumber: '={{ $json.order }}',
			options: { ...FAST, ...options.options },
			...options.parameters,
		};
		const node = { ...packageNode('bambooPaymentLink', parameters, { continueOnFail: options.continueOnFail ?? true }), typeVersion: options.version ?? 2 };
		if (options.credentialId) node.credentials = { bambooPaymentApi: { id: options.credentialId, name: 'another Bamboo account' } };
		return await engine().run(itemsWorkflow(rows, [node]), {
			credentials: { ...bambooCredentials(sandbox()), ...(options.credentials as object) },
			staticData: options.crashed ? undefined : staticData,
			binaryStoreError: options.binaryStoreError,
		});
	};
	return {
		run,
		/** Forget the node's static data, as a fresh workflow would have. */
		resetMemory: () => {
			staticData = {};
		},
		/** The order numbers whose links the node remembers in its static data, oldest first (without the account and address in front). */
		remembered: () => Object.keys(((staticData[`node:${NODE}`] as IDataObject | undefined)?.createdOnce as IDataObject | undefined) ?? {}).map((key) => key.slice(key.lastIndexOf(' ') + 1)),
	};
}

/** Links the sandbox holds, per order number. */
export function linksPerOrder(sandbox: Sandbox): Record<string, number> {
	return Object.fromEntries(sandbox.vendors.bamboo.createsByOrder());
}

/** What n8n's store holds for the node under test (node id `node-0` of the engine workflow). */
export function storeOf(): string[] {
	return [...(deduplicationLists.get('engine-test n:node-0') ?? [])];
}

/** The store's entries of one order number, written without the account and address in front. */
export function storedFor(sandbox: Sandbox, order: string, credentialId = 'bambooPaymentApi-1'): string[] {
	const prefix = `${credentialId} ${String(sandbox.credentials().bambooPaymentApi.baseUrl)} ${order}`;
	return storeOf()
		.filter((entry) => entry === prefix || entry.startsWith(`${prefix} (`))
		.map((entry) => entry.slice(prefix.length).trim() || '(claim)')
		.sort();
}

/**
 * What every Once per Order Number test file needs: an engine and the sandbox, the runner, a fresh store and
 * a fault-free sandbox for each test, and the readings of the sandbox's links and the store.
 */
export function useOnce() {
	const { engine, sandbox } = useEngineAndSandbox();
	const { run, resetMemory, remembered } = onceRunner(engine, sandbox);
	beforeEach(() => {
		clearDeduplication();
		resetMemory();
	});
	afterEach(() => sandbox().faults.configure({}));
	return {
		engine,
		sandbox,
		run,
		remembered,
		links: () => linksPerOrder(sandbox()),
		stored: (order: string) => storedFor(sandbox(), order),
		/** Matches the requests that create a payment link. */
		onlyCreates: { match: (entry: { method: string; path: string }) => entry.method === 'POST' && entry.path.endsWith('/payments') },
	};
}
