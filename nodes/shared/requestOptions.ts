import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toInteger } from './validate';
import type { RequestPolicy } from './request';

export const DEFAULT_CONCURRENCY = 5;

/** The request options of the reliability contract, offered in each node's `options` collection. */
export const requestOptionProperties: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 64 },
		default: DEFAULT_CONCURRENCY,
		description:
			'How many requests this node keeps in flight at once. Output order always follows input order. Read from the first item.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How often a failed request is repeated where repeating is safe (0 disables). Calls that create a record are only repeated when they provably never reached the server.',
	},
	{
		displayName: 'Max Wait Between Retries (Ms)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30000,
		description: 'Upper bound for one wait before a retry, including a wait the server asks for with Retry-After',
	},
	{
		displayName: 'Retry Base Delay (Ms)',
		name: 'retryDelay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description: 'Wait before the first retry; it doubles for each further retry, with random jitter',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30000,
		description: 'How long to wait for an answer to one request before it counts as failed',
	},
];

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

export function readPolicy(options: IDataObject): RequestPolicy {
	const read = (name: string, label: string, fallback: number, min: number) =>
		options[name] === undefined || options[name] === '' ? fallback : toInteger(options[name], label, { min });
	return {
		maxRetries: read('maxRetries', 'Max Retries', 3, 0),
		timeout: read('timeout', 'Timeout (Ms)', 30000, 1),
		baseDelay: read('retryDelay', 'Retry Base Delay (Ms)', 1000, 0),
		maxWait: read('maxRetryWait', 'Max Wait Between Retries (Ms)', 30000, 0),
	};
}

/** Concurrency is a property of the node run, so it is read once, from the first item. */
export function readConcurrency(ctx: IExecuteFunctions): number {
	if (ctx.getInputData().length === 0) return DEFAULT_CONCURRENCY;
	const value = readOptions(ctx, 0).concurrency;
	return value === undefined || value === '' ? DEFAULT_CONCURRENCY : toInteger(value, 'Concurrency', { min: 1, max: 64 });
}

/** The node's `options` collection: its own entries plus the request options, alphabetical as n8n lists them. */
export function optionsCollection(own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...requestOptionProperties].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
