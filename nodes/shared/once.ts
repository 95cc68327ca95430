import { NodeOperationError } from 'n8n-workflow';
import type { ICheckProcessedOptions, IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** How many entries a node keeps in n8n's store (the most recent; two per create: its claim and its outcome). */
export const ONCE_MAX_ENTRIES = 20000;
const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: ONCE_MAX_ENTRIES };

type Job =
	| { kind: 'claim'; key: string; resolve: (isNew: boolean) => void; reject: (error: unknown) => void }
	| { kind: 'release'; key: string; resolve: (isNew: boolean) => void; reject: (error: unknown) => void };

/**
 * "Once per key" across runs, crashes and workers, kept in n8n's own deduplication store (the one the Remove
 * Duplicates node uses; it lives in n8n's database, which every worker shares), per node.
 *
 * n8n's store reads and rewrites one list per node, so two writes at once could lose one: every call of a
 * run goes through one queue, and claims waiting together are sent as one call.
 */
export class OnceLedger {
	private readonly jobs: Job[] = [];

	private running = false;

	constructor(private readonly ctx: IExecuteFunctions) {}

	/** Records the key; true when it was not recorded before (go ahead), false when it was (skip). */
	claim(key: string): Promise<boolean> {
		return new Promise((resolve, reject) => this.enqueue({ kind: 'claim', key, resolve, reject }));
	}

	/** Withdraws a key whose create provably made nothing, so that a later run may create it. */
	async release(key: string): Promise<void> {
		await new Promise((resolve, reject) => this.enqueue({ kind: 'release', key, resolve, reject }));
	}

	/** Whether a key is recorded, leaving the store as it was (n8n's store has no read-only check). */
	async has(key: string): Promise<boolean> {
		if (!(await this.claim(key))) return true;
		await this.release(key);
		return false;
	}

	private enqueue(job: Job): void {
		this.jobs.push(job);
		void this.drain();
	}

	private async drain(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			while (this.jobs.length > 0) {
				const first = this.jobs[0];
				// Consecutive claims go together; a release goes alone, in its place in the queue.
				let size = 1;
				while (first.kind === 'claim' && size < this.jobs.length && this.jobs[size].kind === 'claim') size++;
				const batch = this.jobs.splice(0, size);
				try {
					if (first.kind === 'release') {
						await this.ctx.helpers.removeProcessed([first.key], 'node', OPTIONS);
						first.resolve(true);
					} else {
						const answer = await this.ctx.helpers.checkProcessedAndRecord(
							batch.map((job) => job.key),
							'node',
							OPTIONS,
						);
						const fresh = new Set(answer.new.map(String));
						for (const job of batch) job.resolve(fresh.has(job.key));
					}
				} catch (error) {
					for (const job of batch) job.reject(error);
				}
			}
		} finally {
			this.running = false;
		}
	}
}

/** How many created records a node remembers (in its static data), to name them when a key repeats. */
const MEMORY_SIZE = 500;

/** What is known of an earlier create of the same key, when a create is skipped. */
export interface Earlier {
	/** What this node remembers of the record it created (none after a run that crashed). */
	record?: IDataObject;
	/** The item of this run that has the key, when the key repeats within the run. */
	inRunItem?: number;
	/** Whether the earlier create is known to have succeeded (false: it was cut off, its outcome is unknown). */
	created: boolean;
}

/** What the guard says before a create is sent. */
export type OnceDecision = { send: true } | ({ send: false } & Earlier);

const CREATED = ' (created)';

/**
 * The "once per key" rule of one node run: a key is claimed right before its create is sent (so a run that
 * dies leaves unsent items unclaimed), a key repeated within the run is skipped, and a key is released only
 * when its create provably made nothing. What was created is remembered in the node's static data (saved by
 * n8n when the execution ends, also when it fails), so that a skipped item can say which record it already has.
 */
export class OnceGuard {
	private readonly ledger: OnceLedger;

	private readonly inRun = new Map<string, number>();

	private readonly confirmations: Array<Promise<boolean>> = [];

	private readonly memory: IDataObject;

	constructor(private readonly ctx: IExecuteFunctions) {
		this.ledger = new OnceLedger(ctx);
		const data = ctx.getWorkflowStaticData('node');
		data.createdOnce ??= {};
		this.memory = data.createdOnce as IDataObject;
	}

	async before(key: string, itemIndex: number): Promise<OnceDecision> {
		const first = this.inRun.get(key);
		if (first !== undefined) return { send: false, inRunItem: first, record: this.recall(key), created: true };
		this.inRun.set(key, itemIndex);
		let isNew: boolean;
		try {
			isNew = await this.ledger.claim(key);
		} catch (error) {
			this.inRun.delete(key);
			const why = error instanceof Error ? error.message : String(error);
			throw new NodeOperationError(this.ctx.getNode(), `n8n's deduplication store could not record this create, so it was not sent (${why})`);
		}
		if (isNew) return { send: true };
		const record = this.recall(key);
		return { send: false, record, created: record !== undefined || (await this.ledger.has(`${key}${CREATED}`).catch(() => false)) };
	}

	/** The create succeeded: remembered here and, durably at once, in n8n's store (a crash after it loses neither). */
	created(key: string, summary: IDataObject): void {
		delete this.memory[key];
		this.memory[key] = { ...summary, createdAt: new Date().toISOString() };
		const keys = Object.keys(this.memory);
		for (const old of keys.slice(0, Math.max(0, keys.length - MEMORY_SIZE))) delete this.memory[old];
		this.confirmations.push(this.ledger.claim(`${key}${CREATED}`).catch(() => false));
	}

	/** Waits for the outcome records still being written (before the node's run ends). */
	async settle(): Promise<void> {
		await Promise.all(this.confirmations);
	}

	/** The create made nothing (never reached the vendor, or the vendor refused it): a later run may send it. */
	async madeNothing(key: string): Promise<void> {
		this.inRun.delete(key);
		await this.ledger.release(key);
	}

	private recall(key: string): IDataObject | undefined {
		return this.memory[key] as IDataObject | undefined;
	}
}
