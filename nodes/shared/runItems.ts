import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toItemError } from './errors';

export interface ItemOutput {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * Runs `handle` for every input item with at most `concurrency` items in flight and returns exactly one
 * output per input, in input order, each paired to its input. A failed item becomes an error item under
 * "On Error → Continue"; otherwise no new item starts, the ones in flight finish, and the failure of the
 * lowest item index is thrown. Starting stops too when the execution is cancelled.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	options: { concurrency: number; secrets: readonly string[] },
	handle: (itemIndex: number) => Promise<ItemOutput>,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[] = new Array(count);
	const continueOnFail = ctx.continueOnFail();
	const cancelSignal = ctx.getExecutionCancelSignal?.();
	const node = ctx.getNode();
	let failedIndex = -1;
	let failure: Error | undefined;
	let next = 0;

	const worker = async (): Promise<void> => {
		while (next < count && failure === undefined && !cancelSignal?.aborted) {
			const itemIndex = next++;
			try {
				const output = await handle(itemIndex);
				results[itemIndex] = { ...output, pairedItem: { item: itemIndex } };
			} catch (error) {
				const itemError = toItemError(node, error, itemIndex, options.secrets);
				if (continueOnFail) {
					results[itemIndex] = { json: { error: itemError.message }, pairedItem: { item: itemIndex } };
				} else if (failure === undefined || itemIndex < failedIndex) {
					failure = itemError;
					failedIndex = itemIndex;
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(options.concurrency, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure;
	if (cancelSignal?.aborted) {
		// The engine discards a cancelled run; never hand it a sparse array.
		return results.filter((result) => result !== undefined);
	}
	return results;
}
