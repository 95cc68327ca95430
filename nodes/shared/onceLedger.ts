import { sleep } from 'n8n-workflow';
import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';

/**
 * How many entries a node keeps in n8n's store, the most recent first: two per order number whose link is
 * known, three while its create is in flight or its outcome unknown (four for a moment while it is claimed);
 * so at least 10,000 orders.
 */
export const ONCE_MAX_ENTRIES = 30000;
const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: ONCE_MAX_ENTRIES };

type Job =
	| { kind: 'record'; keys: string[]; resolve: (known: boolean[]) => void; reject: (error: unknown) => void }
	| { kind: 'remove'; keys: string[]; resolve: () => void; reject: (error: unknown) => void };

/**
 * Keys kept in n8n's own deduplication store (the one the Remove Duplicates node uses; it lives in n8n's
 * database, which every worker shares), per node. n8n's store has no read-only lookup, and reads and rewrites
 * one list per node on every call, so two calls at once could lose one: every call of a run goes through one
 * queue, and calls waiting together are sent as one. Records go before removals of other keys, so that the
 * next create's claim never waits behind the outcome record of the one before.
 */
export class OnceLedger {
	private readonly jobs: Job[] = [];

	private running = false;

	constructor(private readonly ctx: IExecuteFunctions) {}

	/** Records the keys; for each, whether it was recorded before this call. */
	record(keys: string[]): Promise<boolean[]> {
		return new Promise((resolve, reject) => this.enqueue({ kind: 'record', keys, resolve, reject }));
	}

	/** Removes the keys. */
	remove(keys: string[]): Promise<void> {
		return new Promise((resolve, reject) => this.enqueue({ kind: 'remove', keys, resolve, reject }));
	}

	private enqueue(job: Job): void {
		this.jobs.push(job);
		void this.drain();
	}

	/** The next call: every record whose keys no earlier removal touches, or else the removals in a row. */
	private nextBatch(): Job[] {
		const removing = new Set<string>();
		const records: Job[] = [];
		for (const job of this.jobs) {
			if (job.kind === 'remove') job.keys.forEach((key) => removing.add(key));
			else if (!job.keys.some((key) => removing.has(key))) records.push(job);
		}
		if (records.length > 0) return records;
		const removals: Job[] = [];
		for (const job of this.jobs) {
			if (job.kind !== 'remove') break;
			removals.push(job);
		}
		return removals;
	}

	private async drain(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			while (this.jobs.length > 0) {
				let batch = this.nextBatch();
				// Only removals waiting: let the next create's claim, which follows within a moment, go first, so
				// that the removal is written while that create is on the wire rather than before it.
				if (batch[0].kind === 'remove') {
					await sleep(0);
					batch = this.nextBatch();
				}
				for (const job of batch) this.jobs.splice(this.jobs.indexOf(job), 1);
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
