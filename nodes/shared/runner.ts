import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { checkBaseUrl } from './urlSafety';
import { InvalidInputError, redactError, toItemError } from './errors';
import { sendCall } from './http';
import { mappedParameters } from './inputMapping';
import { OnceGuard } from './once';
import type { Sender } from './http';
import { ParameterReader } from './parameters';
import { secretForms } from './redact';
import { readConcurrency, readPolicy } from './options';
import type { ItemInput, OperationTable, PreparedCall, RequestPolicy, Vendor } from './types';

type NodeError = ReturnType<typeof toItemError>;

interface Prepared {
	call: PreparedCall;
	policy: RequestPolicy;
}

/** A record this run created, or one whose creation is unclear, as named in a failed run's error. */
interface RecordNote extends IDataObject {
	item: number;
	record: string;
}

/** The credential's secrets must look like secrets: too short or with blanks, they could not be redacted safely. */
function checkSecrets(vendor: Vendor, credential: ICredentialDataDecryptedObject): void {
	for (const [field, label] of Object.entries(vendor.secretFields)) {
		const value = credential[field];
		if (typeof value !== 'string' || value.length < 8 || /\s/.test(value)) {
			throw new InvalidInputError(
				label,
				`The ${label} in the ${vendor.name} credential looks malformed: it must be at least 8 characters with no spaces`,
				`Copy the ${label} again from ${vendor.name}, without blanks or line breaks.`,
			);
		}
	}
}

/**
 * Runs a node's items through its operations under the reliability contract:
 * 1. every item is read and checked, and its call built, before anything is sent; without "Continue"
 *    one invalid item fails the run and nothing is sent;
 * 2. calls go out with at most `concurrency` in flight, and each input item yields exactly one output or
 *    error item, in input order, paired to it;
 * 3. without "Continue", the first failure stops new requests, those in flight finish, and the error
 *    names every record this run created and every create whose outcome is unknown.
 */
export async function runOperations(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	operations: OperationTable,
): Promise<INodeExecutionData[]> {
	const node = ctx.getNode();
	const items = ctx.getInputData();
	const count = items.length;
	if (count === 0) return [];
	const continueOnFail = ctx.continueOnFail();
	const credential = await ctx.getCredentials(vendor.credentialType);
	const forms = secretForms(Object.keys(vendor.secretFields).map((field) => String(credential[field] ?? '')));
	const reference = node.credentials?.[vendor.credentialType];
	const sender: Sender = {
		ctx,
		vendor,
		credentials: { id: reference?.id ?? '', name: reference?.name ?? vendor.credentialType, type: vendor.credentialType, data: credential },
		secretForms: forms,
	};

	const parameters = new ParameterReader(ctx);
	let setupProblem: unknown;
	let baseUrl = '';
	let concurrency = 1;
	try {
		checkSecrets(vendor, credential);
		baseUrl = checkBaseUrl(vendor.baseUrl(credential), 'Base URL');
		concurrency = readConcurrency(parameters.get('options', 0, {}) as IDataObject);
	} catch (error) {
		setupProblem = error;
	}

	// 1. Read and check every item; build its call.
	const prepared: Array<Prepared | NodeError> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			if (setupProblem !== undefined) throw setupProblem;
			const nodeParam = <T = unknown>(name: string, fallback?: unknown) => parameters.get(name, itemIndex, fallback) as T;
			const resource = nodeParam<string>('resource');
			const operationName = nodeParam<string>('operation');
			const operation = operations[resource]?.[operationName];
			if (!operation) throw new NodeOperationError(node, `The operation "${operationName}" of "${resource}" is not supported`);
			const autoMap = operation.inputMapping !== undefined && nodeParam('inputMode', 'defineBelow') === 'autoMap';
			const param = autoMap ? mappedParameters(nodeParam, operation.inputMapping!(nodeParam), items[itemIndex].json) : nodeParam;
			const options = nodeParam<IDataObject>('options', {});
			const input: ItemInput = { itemIndex, nodeVersion: node.typeVersion, param, options, baseUrl, credential, credentialId: reference?.id ?? '' };
			prepared.push({ call: operation.prepare(input), policy: readPolicy(options) });
		} catch (error) {
			const itemError = toItemError(node, error, itemIndex, forms);
			if (!continueOnFail) throw itemError;
			prepared.push(itemError);
		}
	}

	// 2. Send, in order of input, with bounded concurrency.
	const results: INodeExecutionData[] = new Array(count);
	const created: RecordNote[] = [];
	const unclear: RecordNote[] = [];
	const cancel = ctx.getExecutionCancelSignal?.();
	const once = prepared.some((entry) => 'call' in entry && entry.call.creates?.onceKey !== undefined) ? new OnceGuard(ctx) : undefined;
	let failure: { index: number; error: NodeError } | undefined;
	let next = 0;

	const fail = (itemIndex: number, error: NodeError) => {
		if (continueOnFail) {
			results[itemIndex] = { json: { error: error.message }, pairedItem: { item: itemIndex } };
		} else if (failure === undefined || itemIndex < failure.index) {
			failure = { index: itemIndex, error };
		}
	};

	const worker = async (): Promise<void> => {
		while (next < count && failure === undefined && !cancel?.aborted) {
			const itemIndex = next++;
			const entry = prepared[itemIndex];
			if (!('call' in entry)) {
				fail(itemIndex, entry);
				continue;
			}
			const { call, policy } = entry;
			const onceKey = call.creates?.onceKey;
			try {
				if (once && onceKey !== undefined && call.creates?.alreadyCreated) {
					const decision = await once.before(onceKey, itemIndex);
					if (!decision.send) {
						results[itemIndex] = { json: call.creates.alreadyCreated(decision), pairedItem: { item: itemIndex } };
						continue;
					}
					// Cancelled while the key was being recorded: nothing is sent, so the key is withdrawn.
					if (cancel?.aborted) {
						await once.madeNothing(onceKey);
						continue;
					}
				}
			} catch (error) {
				fail(itemIndex, toItemError(node, error, itemIndex, forms));
				continue;
			}
			try {
				const answer = await sendCall(sender, call, policy);
				if (call.creates) {
					const summary = call.creates.summary(answer);
					created.push({ item: itemIndex, record: call.creates.record, ...summary });
					if (once && onceKey !== undefined) once.created(onceKey, summary);
				}
				const output = call.toOutput ? await call.toOutput(answer, ctx) : { json: answer };
				results[itemIndex] = { ...output, pairedItem: { item: itemIndex } };
			} catch (error) {
				const itemError = toItemError(node, error, itemIndex, forms);
				const mayExist = call.creates !== undefined && itemError.message.includes(call.creates.unclearOutcome);
				if (call.creates && mayExist) {
					unclear.push({ item: itemIndex, record: call.creates.record, reference: call.creates.reference });
				}
				// Nothing was created: the key is withdrawn, so that running the item again creates it.
				if (once && onceKey !== undefined && !mayExist) {
					await once.madeNothing(onceKey).catch((releaseError: unknown) => {
						const why = releaseError instanceof Error ? releaseError.message : String(releaseError);
						itemError.description = [itemError.description, `Nothing was created, but n8n's deduplication store kept this item's record (${why}): to send it again, run it with "Once per Order Number" off.`].filter(Boolean).join('\n\n');
					});
				}
				fail(itemIndex, itemError);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	await once?.settle();

	// Items never started because the execution was cancelled still get an answer each.
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		if (results[itemIndex] !== undefined || (failure && !continueOnFail)) continue;
		const message = 'The execution was cancelled before this item was sent; nothing was sent for it';
		fail(itemIndex, toItemError(node, new NodeOperationError(node, message), itemIndex, forms));
	}
	if (failure) throw redactError(nameRecords(failure.error, created, unclear), forms);
	return results;
}

function describeNote(note: RecordNote): string {
	const facts = Object.entries(note)
		.filter(([key, value]) => key !== 'item' && key !== 'record' && value !== undefined && value !== null && value !== '')
		.map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
	return `- item ${note.item}: ${note.record}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/** Adds to the run's error what the run created and what may exist, so nothing created is lost from sight. */
function nameRecords(error: NodeError, created: RecordNote[], unclear: RecordNote[]): NodeError {
	const byItem = (a: RecordNote, b: RecordNote) => a.item - b.item;
	const parts: string[] = [];
	if (created.length) {
		parts.push(
			`Before it stopped, this run created ${created.length} record(s). Do not create them again: leave them out when you run the failed items again.`,
			...created.sort(byItem).map(describeNote),
		);
	}
	if (unclear.length) {
		parts.push(
			`The outcome of ${unclear.length} create(s) is unknown: they may exist. Check before running them again.`,
			...unclear.sort(byItem).map(describeNote),
		);
	}
	if (parts.length === 0) return error;
	error.description = [error.description, parts.join('\n')].filter(Boolean).join('\n\n');
	error.context.createdRecords = created;
	error.context.unclearRecords = unclear;
	return error;
}

/** A node's `execute`: its items through its operations (n8n calls it with the execution context as `this`). */
export function executeOperations(vendor: Vendor, operations: OperationTable) {
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runOperations(this, vendor, operations)];
	};
}
