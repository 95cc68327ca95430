import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toItemError } from './errors';
import type { RequestPolicy } from './request';
import { readConcurrency, readOptions, readPolicy } from './requestOptions';
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
	return await runItems(ctx, { concurrency, secrets: session.secrets }, async (itemIndex) => {
		const resource = ctx.getNodeParameter('resource', itemIndex) as string;
		const operation = ctx.getNodeParameter('operation', itemIndex) as string;
		const handler = operations[resource]?.[operation];
		if (!handler) {
			throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
				itemIndex,
			});
		}
		const options = readOptions(ctx, itemIndex);
		const base: ItemContext = {
			ctx,
			itemIndex,
			session,
			baseUrl: session.baseUrl(),
			options,
			policy: readPolicy(options),
		};
		return await handler(extend(base));
	});
}
