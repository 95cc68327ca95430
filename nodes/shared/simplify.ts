import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ItemInput } from './types';
import { toBoolean } from './validate';

/**
 * The Simplify switch of a Get whose answer is large (n8n's guideline: more than 10 fields), on by default.
 * It exists in the node versions listed (those from the one that added it): earlier versions keep returning the
 * whole answer, as saved workflows expect.
 */
export function simplifyProperty(versions: number[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show: { '@version': versions } },
	};
}

/** Whether this item asks for the simplified output (never before version `since`). */
export function wantsSimple(item: ItemInput, since: number): boolean {
	return item.nodeVersion >= since && toBoolean(item.param('simple', true), 'Simplify');
}

/** The fields of an answer that a simplified output keeps, in this order; fields the answer lacks are left out. */
export function simplified(answer: IDataObject, keys: readonly string[]): IDataObject {
	const output: IDataObject = {};
	for (const key of keys) if (answer[key] !== undefined) output[key] = answer[key];
	return output;
}
