import type { FieldSpec } from './fields';
import type { Earlier, OnceCall } from './once';
import type { FirstOutcome } from './repeats';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
} from 'n8n-workflow';

/** What one input item becomes: the output item's JSON and, optionally, binary data. */
export interface ItemOutput {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * A call that creates a record each time it is sent (the contract's "not idempotent" calls). It is sent
 * again only when it provably never reached the vendor, and a run that stops names what it created.
 */
export interface CreateCall {
	/** The record as users call it, e.g. "payment link". */
	record: string;
	/** How this request's record is found without an answer, e.g. `order number "SO-1"`. */
	reference: string;
	/** Said when the outcome is unknown: what may exist and how to find it before running the item again. */
	unclearOutcome: string;
	/** The answer key that holds the new record's id: an answer without it is not a success (none for a send). */
	idKey?: string;
	/** The facts that name a created record in a failed run's summary (ids, order number, link). */
	summary: (answer: IDataObject) => IDataObject;
	/**
	 * "Once per …": the create is claimed in n8n's deduplication store right before it is sent, and a key
	 * claimed before (by an earlier run, or an earlier item of this run) is not sent again (see OnceGuard).
	 */
	once?: OnceRule;
	/** Keys whose unknown outcome the user checked: released (once) before anything is sent. */
	releases?: string[];
	/**
	 * Items of one run with the same `key` make the call once: the later ones are not sent and mirror the
	 * first's outcome (its output, or an error saying why it failed).
	 */
	oncePerRun?: { key: string; mirror: (firstItem: number, first: FirstOutcome) => { json: IDataObject } | { error: string } };
}

/** A create's "once" rule: what is claimed, and the words for the items it does not send. */
export interface OnceRule extends OnceCall {
	/** The success item of a create not sent because its record was created before. */
	skipped: (earlier: Extract<Earlier, { kind: 'created' }>) => IDataObject;
	/** The message of the error item of a create not sent for any other reason. */
	refused: (earlier: Exclude<Earlier, { kind: 'created' }>) => string;
	/** How to let the node create it again, added to errors that leave the outcome unknown. */
	howToRelease: string;
}

/** One HTTP call to a vendor, fully checked and built before anything is sent. */
export interface ApiCall {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject;
	headers?: Record<string, string>;
	/** Present for a call that creates a record; absent for a call that is safe to repeat. */
	creates?: CreateCall;
	/** Keys a success answer must carry (non-empty), besides a create's id. */
	answerKeys?: string[];
	/** Turns the vendor's words for a refusal this call knows into a clearer message (undefined: no change). */
	explainRefusal?: (vendorText: string) => string | undefined;
}

/** A prepared item: its call and how to turn the vendor's answer into the output item. */
export interface PreparedCall extends ApiCall {
	toOutput?: (answer: IDataObject, ctx: IExecuteFunctions) => Promise<ItemOutput>;
}

/** Retry and timeout settings of one node run (the request options of the reliability contract). */
export interface RequestPolicy {
	maxRetries: number;
	/** Milliseconds for one whole answer (headers and body). */
	timeout: number;
	baseDelay: number;
	maxWait: number;
}

/** What an operation reads for one item: parameters, options and the checked credential data. */
export interface ItemInput {
	itemIndex: number;
	/** The node's typeVersion: where a newer version moved or changed a parameter, the operation reads it there. */
	nodeVersion: number;
	/** This item's value of a node parameter. */
	param: <T = unknown>(name: string, fallback?: unknown) => T;
	/** This item's `options` collection. */
	options: IDataObject;
	/** The credential's base URL, checked (https or loopback), without a trailing slash. */
	baseUrl: string;
	credential: ICredentialDataDecryptedObject;
	/** The id of the credential the node uses (which account the calls act on). */
	credentialId: string;
}

/**
 * A parameter that "Map Automatically" reads from the input item: a plain one under any of `keys`, or a
 * collection whose fields are found by their names at the top of the item and/or inside `within`.
 */
export type MappedParameter =
	| {
			parameter: string;
			label: string;
			keys: string[];
			required?: boolean;
			type?: 'string' | 'number' | 'boolean' | 'array';
			/** Keys an item may carry for something else (another record's id): refused when they stand alone. */
			notFrom?: string[];
	  }
	| { parameter: string; label: string; fields: readonly FieldSpec[]; within?: string[]; topLevel?: boolean };

export type InputMapping = MappedParameter[];

/** Reads a node parameter (for the item being prepared, or at design time in the editor). */
export type ParameterGetter = <T = unknown>(name: string, fallback?: unknown) => T;

/** One operation of a node: reads and checks an item's input, and says which call to send. */
export interface Operation {
	prepare: (item: ItemInput) => PreparedCall;
	/** For an operation that takes a record from the input item: the parameters "Map Automatically" reads there. */
	inputMapping?: (param: ParameterGetter) => InputMapping;
	/**
	 * For an operation that creates records: its action as an AI Agent tool sees it, telling the agent not
	 * to call the tool again after an error saying the record may exist.
	 */
	toolAction?: string;
}

/** The operations of a node, by resource and operation value. */
export type OperationTable = Record<string, Record<string, Operation>>;

/**
 * What an answer's envelope says: a success, a failure the vendor states (with its messages), or a 2xx
 * whose envelope is not the documented success shape (for a create, the record may exist).
 */
export type AnswerCheck =
	| { kind: 'success' }
	/** `refused`: the vendor said outright that it did not do it (with its reasons), so a create made nothing. */
	| { kind: 'failure'; messages: string[]; refused: boolean }
	| { kind: 'unconfirmed'; reason: string };

/** What differs between vendors in how calls are sent and answers are read. */
export interface Vendor {
	/** The name users know, used in messages. */
	name: string;
	credentialType: string;
	/** Credential fields that hold secrets, with their labels: validated, never sent elsewhere, redacted everywhere. */
	secretFields: Record<string, string>;
	/** The credential's base URL, before it is checked. */
	baseUrl: (credential: ICredentialDataDecryptedObject) => unknown;
	/** Reads the envelope of an answer whose body is a JSON object. */
	checkAnswer: (statusCode: number, body: IDataObject) => AnswerCheck;
	/** What to check in the credential when the vendor refuses it. */
	credentialHint: string;
}
