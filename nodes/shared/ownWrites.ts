/**
 * n8n's deduplication store reads a node's list and later writes the whole list back, without a lock: a call
 * of another execution that read the list before this run's call wrote it, and writes after, undoes that write
 * (and two first writes of a list collide). Two answers, used by OnceLedger:
 * - in one process, the calls of every run of a node go one at a time (`inLane`);
 * - across processes (several workers), a run keeps what each of its calls wrote (`OwnWrites`) and asks for
 *   it again in later calls: a key that comes back new had been undone, and asking wrote it again.
 */

/**
 * How long after a call wrote its keys another execution's call may still undo them, at least: the keys are
 * asked for again in every call until one that starts this long after they were written (or three times the
 * longest store call of the run, when that is more: a busy database makes every process's calls slower), and
 * again when the run ends.
 */
export const RECHECK_MS = 2000;

const lanes = new Map<string, Promise<unknown>>();

/** Runs `call` after every call of this process's lane `lane` (a node in its workflow) asked for before. */
export async function inLane<T>(lane: string, call: () => Promise<T>): Promise<T> {
	const mine = (lanes.get(lane) ?? Promise.resolve()).then(call);
	const tail = mine.catch(() => undefined);
	lanes.set(lane, tail);
	try {
		return await mine;
	} finally {
		if (lanes.get(lane) === tail) lanes.delete(lane);
	}
}

/** Keys one call of this run wrote (new in the store), while the run still means them to be there. */
export interface Written {
	keys: Set<string>;
	/** When they were last written. */
	at: number;
	/** Asked for again by a call that started `margin()` after they were written, and found. */
	aged: boolean;
}

/** A record call as OwnWrites sees it: its keys, and when it was asked for. */
export interface RecordCall {
	keys: string[];
	seq: number;
}

/** What this run's calls wrote and still means to be there, and what it removed. */
export class OwnWrites {
	/** Oldest first. */
	private readonly written: Written[] = [];

	private readonly writtenBy = new Map<string, Written>();

	/** When (in calls asked for) each key was last removed, so that a key removed after its record was asked for is not kept. */
	private readonly removedAt = new Map<string, number>();

	private seq = 0;

	private longest = 0;

	/** Numbers a call being asked for. */
	next(): number {
		return ++this.seq;
	}

	/** The run removes these keys. */
	removed(keys: string[]): void {
		const seq = this.next();
		for (const key of keys) {
			this.writtenBy.get(key)?.keys.delete(key);
			this.writtenBy.delete(key);
			this.removedAt.set(key, seq);
		}
	}

	/** A record call came back: the new keys of its jobs become one call's. */
	wrote(records: RecordCall[], fresh: Set<string>): void {
		const call: Written = { keys: new Set(), at: Date.now(), aged: false };
		for (const job of records) {
			for (const key of job.keys) {
				if (!fresh.has(key) || (this.removedAt.get(key) ?? 0) > job.seq) continue;
				this.writtenBy.get(key)?.keys.delete(key);
				call.keys.add(key);
				this.writtenBy.set(key, call);
			}
		}
		if (call.keys.size > 0) this.written.push(call);
		// Calls whose keys are all gone (removed, or written again by a later call) are forgotten.
		while (this.written.length > 0 && this.written[0].keys.size === 0) this.written.shift();
	}

	/** The calls to ask for again: those not yet found late enough, or (`all`) every call. */
	toRecheck(all = false): Written[] {
		return this.written.filter((call) => call.keys.size > 0 && (all || !call.aged));
	}

	/** A call asked for `call`'s keys (`asked`, when it started at `started`): how many had been undone (and were written again). */
	rechecked(call: Written, asked: string[], fresh: Set<string>, started: number): number {
		const undone = asked.filter((key) => fresh.has(key) && call.keys.has(key)).length;
		if (undone > 0) {
			call.at = Date.now();
			call.aged = false;
		} else if (started - call.at >= this.margin()) {
			call.aged = true;
		}
		return undone;
	}

	/** A store call of this run took `ms`. */
	took(ms: number): void {
		this.longest = Math.max(this.longest, ms);
	}

	/** The longest store call of this run, in ms. */
	longestCall(): number {
		return this.longest;
	}

	/** How long after a write a call of another process may still undo it (see `RECHECK_MS`). */
	margin(): number {
		return Math.max(RECHECK_MS, 3 * this.longest);
	}

	/** When the latest call whose keys the run still holds wrote them (0: none). */
	lastWrite(): number {
		return this.written.reduce((latest, call) => (call.keys.size > 0 ? Math.max(latest, call.at) : latest), 0);
	}

	/** Keys this run removed and has not written since. */
	removedKeys(): string[] {
		return [...this.removedAt.keys()].filter((key) => !this.writtenBy.has(key));
	}
}
