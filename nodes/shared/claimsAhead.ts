import type { Admission, OnceGuard } from './once';
import type { OnceRule } from './types';

/** What the claims ahead need of a taken item: its guarded create, when it has one. */
type OnceOf = (itemIndex: number) => OnceRule | undefined;

/** How many items ahead of the next one to take are claimed: at least this many, */
export const CLAIM_WINDOW = 8;
/** or this many per unit of concurrency (fewer store calls, each of which reads and rewrites the whole list). */
export const CLAIMS_PER_SLOT = 4;

/** The claim window at a concurrency (what a crash can leave claimed but never sent). */
export function claimWindow(concurrency: number): number {
	return Math.max(CLAIM_WINDOW, CLAIMS_PER_SLOT * concurrency);
}

/**
 * Claims asked for ahead of sending. n8n's store takes one call at a time, and each costs a read and rewrite
 * of the node's whole list (so more, the more order numbers the node remembers): claims are asked for in
 * chunks, for the guarded creates among the next `claimWindow(concurrency)` items not yet taken, once half
 * of that window has been taken, so that one call records several claims while the items before them are on
 * the wire. Items are still taken, and sent, in input order; a claim asked for ahead is used when its item is
 * sent, or given back (withdrawn: the item was provably never sent) when the run stops before taking it.
 */
export class ClaimsAhead {
	private readonly claims = new Map<number, Promise<Admission>>();

	private claimedUpTo = 0;

	private readonly window: number;

	constructor(
		private readonly guard: OnceGuard,
		private readonly onceOf: OnceOf,
		private readonly count: number,
		concurrency: number,
	) {
		this.window = claimWindow(concurrency);
	}

	/** Once fewer than half the window are claimed ahead of `next`, asks for the claims up to `next + window`. */
	ahead(next: number): void {
		if (this.claimedUpTo - next >= this.window / 2) return;
		const until = Math.min(this.count, next + this.window);
		for (; this.claimedUpTo < until; this.claimedUpTo++) {
			const once = this.onceOf(this.claimedUpTo);
			if (!once) continue;
			const claim = this.guard.admit(this.claimedUpTo, once);
			// Awaited when the item is sent or given back; until then its failure must not go unhandled.
			claim.catch(() => undefined);
			this.claims.set(this.claimedUpTo, claim);
		}
	}

	/** The claim asked for ahead for this item, if any. */
	claimOf(itemIndex: number): Promise<Admission> | undefined {
		return this.claims.get(itemIndex);
	}

	/**
	 * Withdraws the claims of the items from `next` on, which the run never took; returns, per item whose
	 * claim n8n's store kept anyway, what to tell the user.
	 */
	async giveBack(next: number): Promise<Map<number, string>> {
		const kept = new Map<number, string>();
		// All at once: n8n's store gets the withdrawals waiting together as one call.
		const withdrawals = [...this.claims].map(async ([itemIndex, claim]) => {
			const once = this.onceOf(itemIndex);
			if (itemIndex < next || !once) return;
			const admission = await claim.catch(() => undefined);
			if (!admission?.send) return;
			await this.guard.madeNothing(once, 'the run stopped before it was sent').catch((error: unknown) => {
				const why = error instanceof Error ? error.message : String(error);
				kept.set(itemIndex, `Item ${itemIndex} was not sent, but n8n's deduplication store kept its record (${why}), so a later run will call its outcome unknown. ${once.howToRelease}`);
			});
		});
		await Promise.all(withdrawals);
		// In item order, whichever withdrawal failed first.
		return new Map([...kept].sort(([a], [b]) => a - b));
	}
}
