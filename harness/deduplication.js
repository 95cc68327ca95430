// @ts-check
/**
 * n8n's deduplication store for the test engine: n8n keeps it in its database (`processed_data`, one list per
 * workflow and context); this keeps the same lists in memory, with the same rules — a context per node
 * (`n:<node id>`) or per workflow, `entries` mode, the most recent `maxEntries` kept — so that nodes using
 * `checkProcessedAndRecord` run in the engine as in n8n. `clear()` forgets everything (a fresh database).
 *
 * Like n8n's (n8n/dist/deduplication/deduplication-helper.js), a call reads the list, then writes the whole
 * list back in a later database call, without a lock: two calls at once can lose what the first wrote, and
 * two first writes of a list collide (the second insert fails on the table's key).
 */

/** @type {Map<string, string[]>} */
const lists = new Map();

/**
 * Failures to inject: the next calls of an operation throw this error (as n8n's store does when its
 * database write fails), in order. @type {Array<{ operation: string, error: Error }>}
 */
const failures = [];

/** How many times each operation was called since the last `clear()`. */
const calls = { checkProcessedAndRecord: 0, removeProcessed: 0 };

/** @param {'checkProcessedAndRecord' | 'removeProcessed'} operation */
function maybeFail(operation) {
	calls[operation]++;
	const index = failures.findIndex((failure) => failure.operation === operation);
	if (index === -1) return;
	const [failure] = failures.splice(index, 1);
	throw failure.error;
}

/** @param {'node' | 'workflow'} scope @param {{ workflow: { id?: string }, node?: { id: string } }} context */
function keyOf(scope, context) {
	if (!context.workflow.id) throw new Error('deduplication needs a workflow id');
	if (scope === 'node' && !context.node) throw new Error("No node information has been provided and so cannot use scope 'node'");
	return `${context.workflow.id} ${scope === 'node' ? `n:${context.node?.id}` : ''}`;
}

/** @param {{ mode: string }} options */
function entriesOnly(options) {
	if (options.mode !== 'entries') throw new Error(`the test store supports only the "entries" mode, not "${options.mode}"`);
}

/** n8n's findOne: a copy of the list as the database holds it now (undefined: no row yet). @param {string} key */
async function read(key) {
	const list = lists.get(key);
	const copy = list ? [...list] : undefined;
	await new Promise((resolve) => setImmediate(resolve));
	return copy;
}

/** n8n's insert (no row was read) or update (the whole list). @param {string} key @param {string[] | undefined} before @param {string[]} list */
async function write(key, before, list) {
	await new Promise((resolve) => setImmediate(resolve));
	if (!before && lists.has(key)) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
	lists.set(key, list);
}

const memoryDeduplicator = {
	/**
	 * @param {Array<string | number>} items @param {'node' | 'workflow'} scope
	 * @param {{ workflow: { id?: string }, node?: { id: string } }} context @param {{ mode: string, maxEntries?: number }} options
	 */
	async checkProcessedAndRecord(items, scope, context, options) {
		entriesOnly(options);
		maybeFail('checkProcessedAndRecord');
		const key = keyOf(scope, context);
		const before = await read(key);
		const list = before ?? [];
		const known = new Set(list);
		/** @type {{ new: Array<string | number>, processed: Array<string | number> }} */
		const answer = { new: [], processed: [] };
		for (const item of items) {
			if (known.has(String(item))) answer.processed.push(item);
			else {
				answer.new.push(item);
				list.push(String(item));
			}
		}
		if (options.maxEntries) list.splice(0, Math.max(0, list.length - options.maxEntries));
		await write(key, before, list);
		return answer;
	},
	/** @param {Array<string | number>} items @param {'node' | 'workflow'} scope @param {any} context @param {{ mode: string }} options */
	async removeProcessed(items, scope, context, options) {
		entriesOnly(options);
		maybeFail('removeProcessed');
		const key = keyOf(scope, context);
		const list = await read(key);
		if (!list) return;
		for (const item of items) {
			const index = list.indexOf(String(item));
			if (index !== -1) list.splice(index, 1);
		}
		await write(key, list, list);
	},
	/** @param {'node' | 'workflow'} scope @param {any} context */
	async clearAllProcessedItems(scope, context) {
		lists.delete(keyOf(scope, context));
	},
	/** @param {'node' | 'workflow'} scope @param {any} context */
	async getProcessedDataCount(scope, context) {
		return (lists.get(keyOf(scope, context)) ?? []).length;
	},
};

/** Makes the store n8n-core's deduplication service (once per process). @param {any} core n8n-core */
async function useMemoryDeduplication(core) {
	const service = core.DataDeduplicationService;
	if (!service.instance) await service.init(memoryDeduplicator);
}

/**
 * Makes the next call of a store operation fail with this error.
 * @param {'checkProcessedAndRecord' | 'removeProcessed'} operation @param {Error} error
 */
function failStoreCall(operation, error) {
	failures.push({ operation, error });
}

module.exports = {
	useMemoryDeduplication,
	clearDeduplication: () => {
		lists.clear();
		failures.length = 0;
		calls.checkProcessedAndRecord = 0;
		calls.removeProcessed = 0;
	},
	deduplicationLists: lists,
	deduplicationCalls: calls,
	failStoreCall,
};
