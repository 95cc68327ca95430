import { sleep } from 'n8n-workflow';
import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';

/**
 * How many entries a node keeps in n8n's store, the most recent first: two per order number whose link is
 * known, three while its create is in flight or its outcome unknown (four for a moment while it is claimed);
 * so at least 10,000 orders.
 */
export const ONCE_MAX_ENTRIES = 30000;
const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: ONCE_MAX_ENTRIES };

/**
 * Deferred removals are written once this many keys wait (two per confirmed create; eight per unit of
 * concurrency when that is more, so that a fast run does not spend its store calls on them), or this long
 * after the first of them.
 */
export const DEFERRED_KEYS = 40;
export const DEFERRED_MS = 500;

type Job =
	| { kind: 'record'; keys: string[]; resolve: (known: boolean[]) => void; reject: (error: unknown) => void }
	| { kind: 'remove'; keys: string[]; deferred: boolean; resolve: () => void; reject: (error: unknown) => void };

/**
 * Keys kept in n8n's own deduplication store (the one the Remove Duplicates node uses; it lives in n8n's
 * database, which every worker shares), per node. n8n's store has no read-only lookup, and reads and rewrites
 * one list per node on every call, so two calls at once could lose one: every call of a run goes through one
 * queue, and calls waiting together are sent as one. Records go before removals of other keys, so that a
 * claim never waits behind the outcome record of another create.
 *
 * Each call costs a read and a rewrite of the node's whole list, so removals that only make a later run's
 * answer more exact (a confirmed create's pending mark) may be deferred: they are written together, when
 * `deferredKeys` wait, `DEFERRED_MS` after the first, when a record needs one of their keys, with any
 * removal that is not deferred, or on `flush()`. Until then the store says more than is true (a create still
 * pending), never less: a crash in between makes a later run call those creates unknown, never free to send.
 */
export class OnceLedger {
	private readonly jobs: Job[] = [];

	private running = false;

	/** Deferred removals are due: flushed, timed out or too many. */
	private flushing = false;

	private timer: Promise<void> | undefined;

	/** Removals due have waited behind one batch of records: they go next. */
	private removalsWaited = false;

	private readonly deferredKeys: number;

	constructor(
		private readonly ctx: IExecuteFunctions,
		concurrency = 1,
	) {
		this.deferredKeys = Math.max(DEFERRED_KEYS, 8 * concurrency);
	}

	/** Records the keys; for each, whether it was recorded before this call. */
	record(keys: string[]): Promise<boolean[]> {
		return new Promise((resolve, reject) => this.enqueue({ kind: 'record', keys, resolve, reject }));
	}

	/** Removes the keys; `deferred`: with other removals, later (see the class). */
	remove(keys: string[], deferred = false): Promise<void> {
		if (keys.length === 0) return Promise.resolve();
		return new Promise((resolve, reject) => this.enqueue({ kind: 'remove', keys, deferred, resolve, reject }));
	}

	/** Writes the deferred removals now (their promises say when they are written). */
	flush(): void {
		this.flushing = true;
		void this.drain();
	}

	private enqueue(job: Job): void {
		this.jobs.push(job);
		if (job.kind === 'remove' && job.deferred && !this.timer) {
			this.timer = sleep(DEFERRED_MS).then(() => {
				this.timer = undefined;
				if (!this.jobs.some((waiting) => waiting.kind === 'remove')) return;
				this.flushing = true;
				void this.drain();
			});
		}
		void this.drain();
	}

	/** Whether the removals waiting must be written now. */
	private removalsDue(): boolean {
		let deferredKeys = 0;
		for (const job of this.jobs) {
			if (job.kind !== 'remove') continue;
			if (!job.deferred) return true;
			deferredKeys += job.keys.length;
		}
		return this.flushing || deferredKeys >= this.deferredKeys;
	}

	/**
	 * The next call: the removals, when due and they have waited once or no record can go; else every record
	 * whose keys no removal waiting touches; else nothing (deferred removals wait).
	 */
	private nextBatch(): Job[] {
		const removing = new Set<string>();
		const records: Job[] = [];
		const removals: Job[] = [];
		for (const job of this.jobs) {
			if (job.kind === 'remove') {
				job.keys.forEach((key) => removing.add(key));
				removals.push(job);
			} else if (!job.keys.some((key) => removing.has(key))) records.push(job);
		}
		const blocked = records.length < this.jobs.length - removals.length;
		const due = removals.length > 0 && (blocked || this.removalsDue());
		if (due && (records.length === 0 || this.removalsWaited)) {
			this.removalsWaited = false;
			// Only removals ahead of every record they block (and all of them when none is blocked).
			const firstBlocked = this.jobs.findIndex((job) => job.kind === 'record' && !records.includes(job));
			return firstBlocked === -1 ? removals : removals.filter((job) => this.jobs.indexOf(job) < firstBlocked);
		}
		if (records.length > 0) {
			this.removalsWaited = due;
			return records;
		}
		return [];
	}

	private async drain(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			// Calls asked for together (a chunk of claims) go as one.
			await Promise.resolve();
			for (;;) {
				let batch = this.nextBatch();
				// Only removals due: let the next create's claim, which follows within a moment, go first, so
				// that the removal is written while that create is on the wire rather than before it.
				if (batch.length > 0 && batch[0].kind === 'remove') {
					await sleep(0);
					batch = this.nextBatch();
				}
				if (batch.length === 0) break;
				for (const job of batch) this.jobs.splice(this.jobs.indexOf(job), 1);
				if (batch[0].kind === 'remove' && !this.jobs.some((job) => job.kind === 'remove')) this.flushing = false;
				const keys = [...new Set(batch.flatMap((job) => job.keys))];
				try {
					if (batch[0].kind === 'remove') {
						await this.ctx.helpers.removeProcessed(keys, 'node', OPTIONS);
						for (const job of batch) (job as Extract<Job, { kind: 'remove' }>).resolve();
					} else {
						const answer = await this.ctx.helpers.checkProcessedAndRecord(keys, 'node', OPTIONS);
						const fresh = new Set(answer.new.map(String));
						for (const job of batch) (job as Extract<Job, { kind: 'record' }>).resolve(job.keys.map((key) => !fresh.has(key)));
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
