import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { checkBaseUrl } from './urlSafety';
import { InvalidInputError, outcomeOf, redactError, toItemError } from './errors';
import { sendCall } from './http';
import { mappedParameters } from './inputMapping';
import { ClaimsAhead } from './claimsAhead';
import { OnceGuard } from './once';
import type { Admission } from './once';
import type { Sender } from './http';
import { ParameterReader } from './parameters';
import { InRunRepeats } from './repeats';
import { secretForms } from './redact';
import { nameRecords, namesCreated } from './recordNotes';
import type { RecordNote } from './recordNotes';
import { readConcurrency, readPolicy } from './options';
import type { ItemInput, OperationTable, PreparedCall, RequestPolicy, Vendor } from './types';

type NodeError = ReturnType<typeof toItemError>;

interface Prepared {
	call: PreparedCall;
	policy: RequestPolicy;
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
	let failure: { index: number; error: NodeError } | undefined;
	let next = 0;
	const failed = new Map<number, string>();
	const repeats = new InRunRepeats();

	const fail = (itemIndex: number, error: NodeError) => {
		failed.set(itemIndex, error.message);
		if (continueOnFail) {
			results[itemIndex] = { json: { error: error.message }, pairedItem: { item: itemIndex } };
		} else if (failure === undefined || itemIndex < failure.index) {
			failure = { index: itemIndex, error };
		}
	};

	const calls = prepared.flatMap((entry) => ('call' in entry ? [entry.call] : []));
	const guard = calls.some((call) => call.creates?.once || call.creates?.releases) ? new OnceGuard(ctx, new Set(calls.flatMap((call) => call.creates?.releases ?? [])), concurrency) : undefined;
	// Releases are applied before anything is sent; if n8n's store cannot take them, nothing is sent.
	await guard?.release();

	/** Sends one prepared item and settles its output or error. */
	const send = async (itemIndex: number, call: PreparedCall, policy: RequestPolicy, claim?: Promise<Admission>): Promise<void> => {
		const once = guard ? call.creates?.once : undefined;
		if (guard && once) {
			const admission = await (claim ?? guard.admit(itemIndex, once));
			if (!admission.send) {
				const { earlier } = admission;
				if (earlier.kind === 'created') results[itemIndex] = { json: once.skipped(earlier), pairedItem: { item: itemIndex } };
				else fail(itemIndex, toItemError(node, new NodeOperationError(node, once.refused(earlier)), itemIndex, forms));
				return;
			}
			// Cancelled while the key was being recorded: nothing is sent, so the key is withdrawn.
			if (cancel?.aborted) return await guard.madeNothing(once, 'cancelled before it was sent');
		}
		let answer: IDataObject;
		try {
			answer = await sendCall(sender, call, policy);
		} catch (error) {
			const itemError = toItemError(node, error, itemIndex, forms);
			// What the failure left is known where it happened (sendCall marks it), never read from its text.
			if (call.creates && outcomeOf(error) === 'unknown') {
				unclear.push({ item: itemIndex, record: call.creates.record, reference: call.creates.reference });
				if (guard && once) {
					guard.unknown(once);
					itemError.description = [itemError.description, once.howToRelease].filter(Boolean).join('\n\n');
				}
			} else if (guard && once) {
				// Nothing was created: the key is withdrawn, so that running the item again creates it.
				await guard.madeNothing(once, itemError.message).catch((releaseError: unknown) => {
					const why = releaseError instanceof Error ? releaseError.message : String(releaseError);
					itemError.description = [itemError.description, `Nothing was created, but n8n's deduplication store kept this item's record (${why}), so a later run will call its outcome unknown. ${once.howToRelease}`].filter(Boolean).join('\n\n');
				});
			}
			return fail(itemIndex, itemError);
		}
		// The vendor confirmed the call: from here on nothing withdraws a claim, and a failure names the record.
		const summary = call.creates ? summarise(call.creates.summary, answer) : undefined;
		if (call.creates && summary) {
			created.push({ item: itemIndex, record: call.creates.record, ...summary });
			if (guard && once) guard.created(itemIndex, once, summary);
		}
		try {
			const output = call.toOutput ? await call.toOutput(answer, ctx) : { json: answer };
			results[itemIndex] = { ...output, pairedItem: { item: itemIndex } };
		} catch (error) {
			const itemError = toItemError(node, error, itemIndex, forms);
			if (call.creates && summary) namesCreated(itemError, sender.vendor.name, call.creates.record, summary);
			fail(itemIndex, itemError);
		}
	};

	// Claims of guarded creates are asked for ahead of sending (items within a run with their own once-per-run
	// rule are claimed as they are taken, after their first).
	const onceOf = (itemIndex: number) => {
		const entry = prepared[itemIndex];
		const creates = 'call' in entry ? entry.call.creates : undefined;
		return guard && !creates?.oncePerRun ? creates?.once : undefined;
	};
	const claims = guard ? new ClaimsAhead(guard, onceOf, count, concurrency) : undefined;

	const worker = async (): Promise<void> => {
		while (next < count && failure === undefined && !cancel?.aborted) {
			const itemIndex = next++;
			claims?.ahead(next);
			const entry = prepared[itemIndex];
			if (!('call' in entry)) {
				fail(itemIndex, entry);
				continue;
			}
			const { once, oncePerRun } = entry.call.creates ?? {};
			const first = oncePerRun ? repeats.firstOf(oncePerRun.key, itemIndex) : undefined;
			try {
				if (oncePerRun && first) {
					const mirrored = oncePerRun.mirror(first.item, await first.result);
					if ('json' in mirrored) results[itemIndex] = { json: mirrored.json, pairedItem: { item: itemIndex } };
					else fail(itemIndex, toItemError(node, new NodeOperationError(node, mirrored.error), itemIndex, forms));
				} else {
					await send(itemIndex, entry.call, entry.policy, claims?.claimOf(itemIndex));
				}
			} catch (error) {
				fail(itemIndex, toItemError(node, error, itemIndex, forms));
			} finally {
				// A later item with the same key waits for this one's result: it always gets one.
				const outcome = failed.has(itemIndex) || !results[itemIndex] ? { ok: false as const, message: failed.get(itemIndex) ?? 'it ended without a result' } : { ok: true as const, json: results[itemIndex].json };
				if (oncePerRun) repeats.settle(oncePerRun.key, itemIndex, outcome);
				if (guard && once) guard.abandon(once, outcome.ok ? 'it ended without a result' : outcome.message);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	// Claims asked for ahead of items the run stopped before taking are withdrawn.
	const keptClaims = (await claims?.giveBack(next)) ?? new Map<number, string>();

	// A confirmed create whose "done" record could not be written: a later run will call it unknown, so the
	// item says so, with its link.
	for (const [itemIndex, why] of (await guard?.settle()) ?? []) {
		const note = created.find((entry) => entry.item === itemIndex);
		const error = new NodeOperationError(node, `n8n's deduplication store could not record that this create succeeded (${why})`);
		if (note) namesCreated(error, sender.vendor.name, note.record, note);
		fail(itemIndex, toItemError(node, error, itemIndex, forms));
	}

	// Items never started because the execution was cancelled still get an answer each.
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		if (results[itemIndex] !== undefined || (failure && !continueOnFail)) continue;
		const message = 'The execution was cancelled before this item was sent; nothing was sent for it';
		const itemError = toItemError(node, new NodeOperationError(node, message), itemIndex, forms);
		itemError.description = [itemError.description, keptClaims.get(itemIndex)].filter(Boolean).join('\n\n');
		fail(itemIndex, itemError);
	}
	if (failure) {
		const { error } = failure as { error: NodeError };
		error.description = [error.description, ...keptClaims.values()].filter(Boolean).join('\n\n');
		throw redactError(nameRecords(error, created, unclear), forms);
	}
	return results;
}

/** A create's summary; a summary that cannot be built still leaves the create known (with no details). */
function summarise(summary: (answer: IDataObject) => IDataObject, answer: IDataObject): IDataObject {
	try {
		return summary(answer);
	} catch {
		return {};
	}
}

/** A node's `execute`: its items through its operations (n8n calls it with the execution context as `this`). */
export function executeOperations(vendor: Vendor, operations: OperationTable) {
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runOperations(this, vendor, operations)];
	};
}
