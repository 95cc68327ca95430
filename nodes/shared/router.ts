import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toItemError } from './errors';
import { ParameterReader } from './parameters';
import type { RequestPolicy } from './request';
import { readConcurrency, readPolicy } from './requestOptions';
import { runItems } from './runItems';
import type { ItemOutput } from './runItems';
import type { Session } from './session';

/** Everything an operation needs for one item. */
export interface ItemContext {
	ctx: IExecuteFunctions;
	itemIndex: number;
	session: Session;
	baseUrl: string;
	options: IDataObject;
	policy: RequestPolicy;
	/** This item's value of a node parameter. */
	param: <T = unknown>(name: string, fallback?: unknown) => T;
}

export type OperationHandler<Item> = (item: Item) => Promise<ItemOutput>;

/**
 * Dispatches every input item to its resource/operation handler through the ordered, bounded item runner.
 * `extend` adds what a node needs beyond the common context (e.g. Hyfin's API version and site).
 */
export async function routeItems<Item extends ItemContext>(
	ctx: IExecuteFunctions,
	session: Session,
	operations: Record<string, Record<string, OperationHandler<Item>>>,
	extend: (base: ItemContext) => Item,
): Promise<INodeExecutionData[]> {
	let concurrency: number;
	try {
		concurrency = readConcurrency(ctx);
	} catch (error) {
		throw toItemError(ctx.getNode(), error, 0, session.secrets);
	}
	const parameters = new ParameterReader(ctx);
	return await runItems(ctx, { concurrency, secrets: session.secrets }, async (itemIndex) => {
		const param = <T = unknown>(name: string, fallback?: unknown) => parameters.get(name, itemIndex, fallback) as T;
		const resource = param<string>('resource');
		const operation = param<string>('operation');
		const handler = operations[resource]?.[operation];
		if (!handler) {
			throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
				itemIndex,
			});
		}
		const options = param<IDataObject>('options', {});
		const base: ItemContext = {
			ctx,
			itemIndex,
			session,
			baseUrl: session.baseUrl(),
			options,
			policy: readPolicy(options),
			param,
		};
		return await handler(extend(base));
	});
}
