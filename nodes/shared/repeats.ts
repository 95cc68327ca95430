import type { IDataObject } from 'n8n-workflow';

/** How the first item of a run with a key ended: its output, or why it failed. */
export type FirstOutcome = { ok: true; json: IDataObject } | { ok: false; message: string };

interface First {
	item: number;
	result: Promise<FirstOutcome>;
	settle: (outcome: FirstOutcome) => void;
}

/**
 * Items of one node run that would repeat a call that must happen once (such as sending one invoice to its
 * customer): the first is sent, the later ones wait for its outcome and mirror it, unsent.
 */
export class InRunRepeats {
	private readonly firsts = new Map<string, First>();

	/** The first item with this key, when there is one; otherwise this item becomes the first. */
	firstOf(key: string, itemIndex: number): { item: number; result: Promise<FirstOutcome> } | undefined {
		const known = this.firsts.get(key);
		if (known) return known;
		let settle: (outcome: FirstOutcome) => void = () => undefined;
		const result = new Promise<FirstOutcome>((resolve) => (settle = resolve));
		this.firsts.set(key, { item: itemIndex, result, settle });
		return undefined;
	}

	/** The first item's outcome (later calls for the key change nothing). */
	settle(key: string, itemIndex: number, outcome: FirstOutcome): void {
		const first = this.firsts.get(key);
		if (first?.item === itemIndex) first.settle(outcome);
	}
}
