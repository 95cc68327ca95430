import { sleep } from 'n8n-workflow';
import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';
import { OwnWrites, inLane } from './ownWrites';

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

/** How long the end of a run keeps asking again while it keeps finding its writes undone. */
export const VERIFY_BUDGET_MS = 30000;

type Job =
	| { kind: 'record'; keys: string[]; seq: number; resolve: (known: boolean[]) => void; reject: (error: unknown) => void }
	| { kind: 'remove'; keys: string[]; deferred: boolean; resolve: () => void; reject: (error: unknown) => void };

/**
 * Keys kept in n8n's own deduplication store (the one the Remove Duplicates node uses; it lives in n8n's
 * database, which every worker shares), per node. n8n's store has no read-only lookup, and reads and rewrites
 * one list per node on every call, without a lock, so two calls at once can lose what one of them wrote
 * (see ownWrites): every call of a run goes through one queue, calls waiting together are sent as one, and
 * the calls of all runs of the node in this process go one at a time (`inLane`). Records go before removals
 * of other keys, so that a claim never waits behind the outcome record of another create.
 *
 * Runs in other processes (several workers) cannot be made to wait, so what a call wrote is asked for again:
 * one key of each recent call rides along with the next calls (all its keys once a loss was seen), and at the
 * end of the run all of them, until a call that starts `margin()` after the last write finds nothing undone
 * (at most `VERIFY_BUDGET_MS`). A key that comes back new had been undone by another execution's write; asking
 * wrote it again. Left open: a process that dies within moments of such a loss, and a run whose end keeps
 * finding losses for the whole budget (logged). A removal can be undone the same way (a key put back): that
 * only makes a later run call a create unknown, never free to send; a run that saw a loss removes its removed
 * keys once more at the end.
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

	private readonly lane: string;

	/** What this run's calls wrote and still means to be there (see ownWrites). */
	private readonly own = new OwnWrites();

	/** Keys found undone by another execution and written again. */
	private rewritten = 0;

	/** The end of the run is asking for all it wrote. */
	private finalCheck = false;

	constructor(
		private readonly ctx: IExecuteFunctions,
		concurrency = 1,
	) {
		this.deferredKeys = Math.max(DEFERRED_KEYS, 8 * concurrency);
		this.lane = `${ctx.getWorkflow().id ?? ''} ${ctx.getNode().id}`;
	}

	/** Records the keys; for each, whether it was recorded before this call. */
	record(keys: string[]): Promise<boolean[]> {
		return new Promise((resolve, reject) => this.enqueue({ kind: 'record', keys, seq: this.own.next(), resolve, reject }));
	}

	/** Removes the keys; `deferred`: with other removals, later (see the class). */
	remove(keys: string[], deferred = false): Promise<void> {
		if (keys.length === 0) return Promise.resolve();
		this.own.removed(keys);
		return new Promise((resolve, reject) => this.enqueue({ kind: 'remove', keys, deferred, resolve, reject }));
	}

	/**
	 * Asks again for everything this run wrote and still means to be there, until a call finds nothing undone;
	 * once a loss was seen (another process is writing), each call waits until `margin()` after this run's last
	 * write, so that no call of that process that read the list before it can still undo it. Returns how many
	 * keys were written again, and how many of those the last call wrote again when the budget ran out.
	 */
	async verify(): Promise<{ rewritten: number; unconfirmed: number }> {
		const until = Date.now() + VERIFY_BUDGET_MS;
		let unconfirmed = 0;
		while (this.own.toRecheck(true).length > 0) {
			if (this.rewritten > 0) {
				const wait = Math.min(this.own.lastWrite() + this.own.margin(), until) - Date.now();
				if (wait > 0) await sleep(wait);
			}
			const before = this.rewritten;
			this.finalCheck = true;
			try {
				await this.record([]);
			} finally {
				this.finalCheck = false;
			}
			unconfirmed = this.rewritten - before;
			if (unconfirmed === 0 || Date.now() >= until) break;
		}
		// Another execution's write undid some of this run's: it may also have put back keys this run removed
		// (a confirmed create's pending mark), which would make a later run call that create unknown.
		if (this.rewritten > 0) await this.remove(this.own.removedKeys());
		return { rewritten: this.rewritten, unconfirmed };
	}

	/** The longest store call of this run, in ms. */
	longestCall(): number {
		return this.own.longestCall();
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

	/** One call to n8n's store, after the calls of other runs of the node in this process; timed. */
	private async storeCall<T>(call: () => Promise<T>): Promise<{ answer: T; started: number }> {
		return await inLane(this.lane, async () => {
			const started = Date.now();
			const answer = await call();
			this.own.took(Date.now() - started);
			return { answer, started };
		});
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
						await this.storeCall(async () => await this.ctx.helpers.removeProcessed(keys, 'node', OPTIONS));
						for (const job of batch) (job as Extract<Job, { kind: 'remove' }>).resolve();
					} else {
						const records = batch as Array<Extract<Job, { kind: 'record' }>>;
						// What recent calls of this run wrote rides along (one key of each until a loss was seen):
						// is it still there?
						const asked = new Set(keys);
						const full = this.finalCheck || this.rewritten > 0;
						const rechecks = this.own
							.toRecheck(this.finalCheck)
							.map((call) => ({ call, keys: (full ? [...call.keys] : [call.keys.values().next().value as string]).filter((key) => !asked.has(key)) }))
							.filter((recheck) => recheck.keys.length > 0);
						const { answer, started } = await this.storeCall(async () => await this.ctx.helpers.checkProcessedAndRecord([...keys, ...rechecks.flatMap((recheck) => recheck.keys)], 'node', OPTIONS));
						const fresh = new Set(answer.new.map(String));
						for (const { call, keys: again } of rechecks) this.rewritten += this.own.rechecked(call, again, fresh, started);
						this.own.wrote(records, fresh);
						for (const job of records) job.resolve(job.keys.map((key) => !fresh.has(key)));
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
