import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { OnceLedger } from './onceLedger';

/** What one create asks of the guard. */
export interface OnceCall {
	/** What happens once (e.g. the order number, with the account and address it is sent to). */
	key: string;
	/** The payment it asks for, as a stable text: a repeat must ask for the same. */
	fingerprint: string;
	/** The payment in words, for messages (e.g. "10.00 UYU, Checkout Pro"). */
	payment: string;
}

/** What is known of an earlier create of the same key, when the guard does not send this one. */
export type Earlier =
	/** Its link was created (by an earlier run, or by `inRunItem` of this run). */
	| { kind: 'created'; record?: IDataObject; inRunItem?: number }
	/** It may or may not have made its record (cut off, no clear answer, or a run that died after claiming it). */
	| { kind: 'unknown'; inRunItem?: number; releaseUsed: boolean }
	/** `inRunItem` of this run, with the same key, failed and made nothing. */
	| { kind: 'failed'; inRunItem: number; message: string }
	/**
	 * It asked for another payment (`recorded`, when known), or, after a release, for a payment that cannot be
	 * confirmed here (`unconfirmed`). `created`: whether its link is known to exist.
	 */
	| { kind: 'differs'; recorded?: string; unconfirmed?: boolean; created: boolean | undefined; record?: IDataObject; inRunItem?: number };

export type Admission = { send: true } | { send: false; earlier: Earlier };

/** The final result of the first item of a run that has a key, which later items with the key mirror. */
type FirstResult = { kind: 'created'; record: IDataObject } | { kind: 'unknown' } | { kind: 'failed'; message: string } | { kind: 'refused'; earlier: Earlier };

interface First {
	item: number;
	fingerprint: string;
	payment: string;
	result: Promise<FirstResult>;
	settle: (result: FirstResult) => void;
}

/** How many created records a node remembers (in its static data), to name them in later messages. */
export const MEMORY_SIZE = 2000;
/** The oldest are dropped in batches of this many, not one per create (listing the keys costs per key). */
const MEMORY_SLACK = 200;

/**
 * The store's keys of one key:
 * - `claim`: sent at least once (removed only when a create provably made nothing, or on release);
 * - `pending`: no confirmed outcome yet (removed once the vendor confirmed the create);
 * - `payment`: the payment a claim asked for;
 * - `releasedBefore`: released at least once, so a `payment` entry may be left from before the release;
 * - `releaseUsed`: the release the user named was used (given back once the key is seen without it).
 * Every look-up records the keys it asks about and removes what it recorded that was not there; if that
 * removal never happens (a crash, a failed write), what is left can only make a create look unknown, its
 * payment unconfirmed or its release used: never done, never free to send, never the same payment.
 */
function keysOf(key: string, fingerprint = '') {
	return {
		claim: key,
		pending: `${key} (pending)`,
		payment: `${key} (payment ${fingerprint})`,
		releasedBefore: `${key} (released before)`,
		releaseUsed: `${key} (release used)`,
	};
}

/** The keys of `candidates` whose flag in `known` is false: recorded by the look-up, not there before. */
function recordedNow(candidates: string[], known: boolean[]): string[] {
	return candidates.filter((_key, index) => !known[index]);
}

/**
 * "Once per key" for one node run, kept in n8n's deduplication store (see `keysOf`):
 * - a key is claimed right before its create is sent, together with its payment and a pending mark;
 * - the pending mark is removed once the vendor confirmed the create (written with other removals, see
 * OnceLedger: until then a crash leaves the create looking unknown, never free to send);
 * - a claim is withdrawn only when the create provably made nothing;
 * - a key repeated within the run mirrors the first item's final result;
 * - named keys are released, once, when their outcome is unknown (the user checked there is no record).
 * What was created is also remembered in the node's static data, to name the link in later messages and
 * to confirm the payment of a key released before.
 */
export class OnceGuard {
	private readonly ledger: OnceLedger;

	private readonly firsts = new Map<string, First>();

	private readonly outcomeRecords = new Map<number, Promise<unknown>>();

	private readonly chores: Array<Promise<unknown>> = [];

	private readonly releaseUsed = new Set<string>();

	/** Keys claimed in this run whose "released before" mark the claim recorded but was not there. */
	private readonly untainted = new Set<string>();

	private readonly memory: IDataObject;

	private memoryCount: number;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly released: ReadonlySet<string> = new Set(),
		concurrency = 1,
	) {
		this.ledger = new OnceLedger(ctx, concurrency);
		const data = ctx.getWorkflowStaticData('node');
		data.createdOnce ??= {};
		this.memory = data.createdOnce as IDataObject;
		this.memoryCount = Object.keys(this.memory).length;
	}

	/**
	 * Applies the releases named at construction, before anything is sent: a key whose outcome is unknown is
	 * withdrawn, once; a key whose record is known to exist is never released; a release already used is not
	 * used again until the key was seen unknown without being named (see `admit`).
	 */
	async release(): Promise<void> {
		if (this.released.size === 0) return;
		const all = [...this.released].map((key) => keysOf(key));
		const asked = all.map((keys) => [keys.claim, keys.pending, keys.releaseUsed, keys.releasedBefore]);
		const known = await this.storeCall(() => this.ledger.record(asked.flat()), 'nothing was sent');
		const remove: string[] = [];
		all.forEach((keys, index) => {
			const flags = known.slice(index * 4, index * 4 + 4);
			const [claimed, pending, used] = flags;
			if (used) this.releaseUsed.add(keys.claim);
			if (claimed && pending && !used) remove.push(keys.claim, keys.pending);
			else remove.push(...recordedNow(asked[index], flags));
		});
		await this.storeCall(() => this.ledger.remove(remove), 'nothing was sent');
	}

	/** Whether this create may be sent: claims its key, or says what is known of the earlier create. */
	async admit(itemIndex: number, call: OnceCall): Promise<Admission> {
		const first = this.firsts.get(call.key);
		if (first) return { send: false, earlier: await this.mirror(first, call) };
		let settle: (result: FirstResult) => void = () => undefined;
		const result = new Promise<FirstResult>((resolve) => (settle = resolve));
		this.firsts.set(call.key, { item: itemIndex, fingerprint: call.fingerprint, payment: call.payment, result, settle });

		const keys = keysOf(call.key, call.fingerprint);
		const asked = [keys.claim, keys.pending, keys.payment, keys.releasedBefore];
		let known: boolean[] | undefined;
		try {
			known = await this.storeCall(() => this.ledger.record(asked), 'this create was not sent');
		} finally {
			if (!known) settle({ kind: 'failed', message: "n8n's deduplication store could not record it" });
		}
		const [claimed, pending, paymentRecorded, releasedBefore] = known;
		if (!claimed) {
			if (!releasedBefore) this.untainted.add(call.key);
			return { send: true };
		}
		// A repeat: put back what this look-up recorded that was not there.
		const undo = recordedNow(asked, known);
		this.chore(this.ledger.remove(undo, true));
		const record = this.recall(call.key);
		// After a release, a payment entry may be left from before it: only the remembered record confirms it.
		const samePayment = !paymentRecorded ? false : !releasedBefore ? true : record ? record.fingerprint === call.fingerprint : undefined;
		let earlier: Earlier;
		if (pending && samePayment !== false) {
			earlier = { kind: 'unknown', releaseUsed: this.releaseUsed.has(call.key) };
			// Seen unknown without being named for release: the user may name it once more.
			if (!this.released.has(call.key)) this.chore(this.ledger.remove([keys.releaseUsed], true));
		} else if (samePayment === true) {
			earlier = { kind: 'created', record };
		} else {
			const recorded = typeof record?.payment === 'string' ? record.payment : undefined;
			const created = pending ? undefined : record?.paymentId ? true : undefined;
			earlier = { kind: 'differs', recorded, unconfirmed: samePayment === undefined, created, record };
		}
		settle(earlier.kind === 'created' ? { kind: 'created', record: record ?? {} } : { kind: 'refused', earlier });
		return { send: false, earlier };
	}

	/** The create was confirmed: the pending mark goes (see `settle`), and the link is remembered. */
	created(itemIndex: number, call: OnceCall, summary: IDataObject): void {
		const record = { ...summary, payment: call.payment, fingerprint: call.fingerprint, createdAt: new Date().toISOString() };
		this.remember(call.key, record);
		this.outcomeRecords.set(itemIndex, this.ledger.remove([keysOf(call.key).pending, ...this.untaint(call.key)], true));
		this.firsts.get(call.key)?.settle({ kind: 'created', record });
	}

	/** The create may have made its record: the claim stays. */
	unknown(call: OnceCall): void {
		this.chore(this.ledger.remove(this.untaint(call.key), true));
		this.firsts.get(call.key)?.settle({ kind: 'unknown' });
	}

	/** The create provably made nothing: the claim is withdrawn, so that a later run may send it. */
	async madeNothing(call: OnceCall, message: string): Promise<void> {
		let withdrawn = false;
		try {
			const keys = keysOf(call.key, call.fingerprint);
			await this.ledger.remove([keys.claim, keys.pending, keys.payment, ...this.untaint(call.key)]);
			withdrawn = true;
		} finally {
			// Not withdrawn: a later run will find it claimed, so this run must call it unknown too.
			this.firsts.get(call.key)?.settle(withdrawn ? { kind: 'failed', message } : { kind: 'unknown' });
		}
	}

	/** Settles what is left when an item ends without any of the above (nothing may wait for it forever). */
	abandon(call: OnceCall, message: string): void {
		this.firsts.get(call.key)?.settle({ kind: 'failed', message });
	}

	/**
	 * Waits for the store writes still under way; returns the items whose confirmed create could not be
	 * recorded as done (a later run will call them unknown), with why.
	 */
	async settle(): Promise<Map<number, string>> {
		const failed = new Map<number, string>();
		this.ledger.flush();
		// Another execution of this workflow (on another worker) may have undone what this run wrote.
		const verified = this.ledger.verify().then(
			({ rewritten, unconfirmed }) => {
				const slowest = `store calls took up to ${this.ledger.longestCall()} ms`;
				if (unconfirmed > 0) this.ctx.logger.warn(`Once per Order Number: another execution of this workflow kept undoing this run's records in n8n's deduplication store (${rewritten} written again, ${slowest}); the last ${unconfirmed} written again could not be confirmed, so some of this run's orders may be free to send again`);
				else if (rewritten > 0) this.ctx.logger.warn(`Once per Order Number: another execution of this workflow, writing to n8n's deduplication store at the same moment, undid ${rewritten} of this run's records; they were written again (${slowest})`);
			},
			(error: unknown) => {
				const why = error instanceof Error ? error.message : String(error);
				this.ctx.logger.warn(`Once per Order Number: could not ask again for this run's records in n8n's deduplication store (${why}); if another execution wrote at the same moment, some orders may be free to send again`);
			},
		);
		if (this.memoryCount > MEMORY_SIZE) this.trimMemory();
		await Promise.all(
			[...this.outcomeRecords].map(([itemIndex, write]) =>
				write.catch((error: unknown) => failed.set(itemIndex, error instanceof Error ? error.message : String(error))),
			),
		);
		await Promise.all(this.chores.map((chore) => chore.catch(() => undefined)));
		await verified;
		return failed;
	}

	/** Remembers a created record as the newest (the oldest go once MEMORY_SLACK more than MEMORY_SIZE are kept). */
	private remember(key: string, record: IDataObject): void {
		if (key in this.memory) {
			delete this.memory[key];
			this.memoryCount--;
		}
		this.memory[key] = record;
		this.memoryCount++;
		if (this.memoryCount > MEMORY_SIZE + MEMORY_SLACK) this.trimMemory();
	}

	/** Keeps the newest MEMORY_SIZE records. */
	private trimMemory(): void {
		const names = Object.keys(this.memory);
		for (const old of names.slice(0, Math.max(0, names.length - MEMORY_SIZE))) delete this.memory[old];
		this.memoryCount = Math.min(names.length, MEMORY_SIZE);
	}

	/** The "released before" mark a fresh claim recorded though it was not there, to be put back (once). */
	private untaint(key: string): string[] {
		if (!this.untainted.delete(key)) return [];
		return [keysOf(key).releasedBefore];
	}

	private async mirror(first: First, call: OnceCall): Promise<Earlier> {
		const result = await first.result;
		const inRunItem = first.item;
		if (first.fingerprint !== call.fingerprint) {
			const created = result.kind === 'created' ? result.record : undefined;
			return { kind: 'differs', recorded: first.payment, created: created ? true : undefined, record: created, inRunItem };
		}
		switch (result.kind) {
			case 'created':
				return { kind: 'created', record: result.record, inRunItem };
			case 'failed':
				return { kind: 'failed', inRunItem, message: result.message };
			case 'unknown':
				return { kind: 'unknown', inRunItem, releaseUsed: false };
			default:
				return { ...result.earlier, inRunItem } as Earlier;
		}
	}

	private chore(write: Promise<unknown>): void {
		this.chores.push(write);
	}

	private async storeCall<T>(call: () => Promise<T>, consequence: string): Promise<T> {
		try {
			return await call();
		} catch (error) {
			const why = error instanceof Error ? error.message : String(error);
			throw new NodeOperationError(this.ctx.getNode(), `n8n's deduplication store could not be read or written, so ${consequence} (${why})`);
		}
	}

	private recall(key: string): IDataObject | undefined {
		return this.memory[key] as IDataObject | undefined;
	}
}
