import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { REQUEST_DEFAULTS } from './retry';
import type { RequestPolicy } from './types';
import { toInteger } from './validate';

type Limit = keyof typeof REQUEST_DEFAULTS;

function numberOption(name: Limit, displayName: string, description: string): INodeProperties {
	const { default: value, min, max } = REQUEST_DEFAULTS[name];
	return { displayName, name, type: 'number', typeOptions: { minValue: min, maxValue: max }, default: value, description };
}

/** The request options of the reliability contract, offered in each node's `options` collection. */
export const requestOptionProperties: INodeProperties[] = [
	numberOption(
		'concurrency',
		'Concurrency',
		'How many requests this node keeps in flight at once. Output order always follows input order. Read from the first item.',
	),
	numberOption(
		'maxRetries',
		'Max Retries',
		'How often a failed request is repeated where repeating is safe (0 disables). Calls that create a record are only repeated when they provably never reached the server.',
	),
	numberOption(
		'maxRetryWait',
		'Max Wait Between Retries (ms)',
		'Upper bound for one wait before a retry, including a wait the server asks for with Retry-After',
	),
	numberOption('retryDelay', 'Retry Base Delay (ms)', 'Wait before the first retry; it doubles for each further retry, with random jitter'),
	numberOption(
		'timeout',
		'Timeout (ms)',
		'How long one request may take in all, until the whole answer has arrived, before it counts as failed',
	),
];

const LABELS: Record<Limit, string> = Object.fromEntries(
	requestOptionProperties.map((property) => [property.name, property.displayName]),
) as Record<Limit, string>;

function readLimit(options: IDataObject, name: Limit): number {
	const value = options[name];
	const { default: fallback, min, max } = REQUEST_DEFAULTS[name];
	return value === undefined || value === '' || value === null ? fallback : toInteger(value, LABELS[name], { min, max });
}

/** The retry and timeout settings of one item's options, checked against the limits the UI shows. */
export function readPolicy(options: IDataObject): RequestPolicy {
	return {
		maxRetries: readLimit(options, 'maxRetries'),
		timeout: readLimit(options, 'timeout'),
		baseDelay: readLimit(options, 'retryDelay'),
		maxWait: readLimit(options, 'maxRetryWait'),
	};
}

/** Concurrency, a property of the node run: read once, from the first item's options. */
export function readConcurrency(options: IDataObject): number {
	return readLimit(options, 'concurrency');
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
