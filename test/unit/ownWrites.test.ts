/**
 * What a run keeps of its own writes to n8n's store (ownWrites): which keys it still means to be there, which
 * calls to ask for again, when a call counts as found late enough, and the lane that makes one process's calls
 * go one at a time.
 */
import { OwnWrites, RECHECK_MS, inLane } from '../../nodes/shared/ownWrites';

const call = (own: OwnWrites, keys: string[]) => ({ keys, seq: own.next() });
const keysOf = (own: OwnWrites, all = false) => own.toRecheck(all).map((written) => [...written.keys]);

describe('OwnWrites', () => {
	it("keeps a call's new keys (not those that were there before), one call each", () => {
		const own = new OwnWrites();
		own.wrote([call(own, ['a', 'a (pending)', 'b'])], new Set(['a', 'a (pending)']));
		own.wrote([call(own, ['c'])], new Set(['c']));
		expect(keysOf(own)).toEqual([['a', 'a (pending)'], ['c']]);
	});

	it('forgets what the run removed; a call all of whose keys were removed is not asked for again', () => {
		const own = new OwnWrites();
		own.wrote([call(own, ['a', 'a (pending)'])], new Set(['a', 'a (pending)']));
		own.wrote([call(own, ['b'])], new Set(['b']));
		own.removed(['a']);
		expect(keysOf(own)).toEqual([['a (pending)'], ['b']]);
		own.removed(['a (pending)', 'b']);
		expect(keysOf(own, true)).toEqual([]);
		expect(own.removedKeys().sort()).toEqual(['a', 'a (pending)', 'b']);
	});

	it('a key removed after its record was asked for, but before the answer, is not kept', () => {
		const own = new OwnWrites();
		const asked = call(own, ['a', 'b']);
		own.removed(['a']);
		own.wrote([asked], new Set(['a', 'b']));
		expect(keysOf(own)).toEqual([['b']]);
		expect(own.removedKeys()).toEqual(['a']);
	});

	it(`a call is asked for again until a call that started ${RECHECK_MS} ms after its write found it; every call at the end`, () => {
		const own = new OwnWrites();
		own.wrote([call(own, ['a'])], new Set(['a']));
		const [written] = own.toRecheck();
		expect(own.rechecked(written, ['a'], new Set(), written.at + RECHECK_MS - 1)).toBe(0);
		expect(own.toRecheck()).toHaveLength(1);
		expect(own.rechecked(written, ['a'], new Set(), written.at + RECHECK_MS)).toBe(0);
		expect(own.toRecheck()).toEqual([]);
		expect(keysOf(own, true)).toEqual([['a']]);
	});

	it('the margin grows with slow store calls: three times the longest', () => {
		const own = new OwnWrites();
		own.took(400);
		expect(own.margin()).toBe(RECHECK_MS);
		own.took(1000);
		expect(own.margin()).toBe(3000);
		expect(own.longestCall()).toBe(1000);
	});

	it('keys that come back new were undone (and written again by asking): counted, and the call is asked for again later', () => {
		const own = new OwnWrites();
		own.wrote([call(own, ['a', 'a (payment)'])], new Set(['a', 'a (payment)']));
		const [written] = own.toRecheck();
		const wroteAt = written.at;
		// Found at first, late enough to count as found...
		expect(own.rechecked(written, ['a'], new Set(), wroteAt + RECHECK_MS)).toBe(0);
		expect(own.toRecheck()).toEqual([]);
		// ...then the end of the run finds both undone: written again now, so asked for again.
		expect(own.rechecked(written, ['a', 'a (payment)'], new Set(['a', 'a (payment)', 'other']), Date.now())).toBe(2);
		expect(own.toRecheck()).toEqual([written]);
		expect(own.lastWrite()).toBeGreaterThanOrEqual(wroteAt);
	});
});

describe('inLane', () => {
	it("runs one lane's calls one at a time, in order, also after a call failed; other lanes do not wait", async () => {
		const events: string[] = [];
		const slow = (name: string, ms: number, fail = false) => async () => {
			events.push(`${name} start`);
			await new Promise((resolve) => setTimeout(resolve, ms));
			events.push(`${name} end`);
			if (fail) throw new Error(name);
			return name;
		};
		const results = await Promise.allSettled([inLane('x', slow('x1', 30, true)), inLane('x', slow('x2', 1)), inLane('y', slow('y1', 5))]);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
		expect(events.indexOf('x1 end')).toBeLessThan(events.indexOf('x2 start'));
		expect(events.indexOf('y1 end')).toBeLessThan(events.indexOf('x1 end'));
	});
});
