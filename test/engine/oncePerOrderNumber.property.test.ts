/**
 * Property: whatever sequence of runs a payments workflow goes through — re-runs, repeated and corrected
 * orders, creates cut off before or after Bamboo processed them, refusals, 429s, failures after the 2xx
 * answer (the binary store), runs that crash (their static data lost), and releases of orders the user
 * checked in the console — "Once per Order Number" never makes two links for one order, never reports a
 * link (created or skipped) for an order that has none or for another payment than the link's, and reports
 * every create it cannot vouch for as an error item.
 */
import fc from 'fast-check';
import { clearDeduplication } from '../../harness/deduplication';
import { useEngineAndSandbox } from '../support/engine';
import { NODE, onceRunner } from '../support/once';

const { engine, sandbox } = useEngineAndSandbox();
const { run, resetMemory } = onceRunner(engine, sandbox);
afterEach(() => sandbox().faults.configure({}));

const ORDERS = ['P-1', 'P-2', 'P-3'];
const FAULTS = ['none', 'none', 'none', 'status503', 'status429', 'resetBefore', 'resetAfter', 'hang', 'okIllTyped'] as const;
const SEQUENCES = Number(process.env.ONCE_SEQUENCES ?? 60);

const item = fc.record({ order: fc.constantFrom(...ORDERS), amount: fc.constantFrom(1000, 1000, 1000, 2500) });
const runStep = fc.record({
	items: fc.array(item, { minLength: 1, maxLength: 5 }),
	faults: fc.array(fc.constantFrom(...FAULTS), { maxLength: 4 }),
	refused: fc.subarray(ORDERS, { maxLength: 1 }),
	crashed: fc.boolean(),
	binaryFails: fc.constantFrom(false, false, false, true),
	concurrency: fc.integer({ min: 1, max: 3 }),
	/** Whether the user, having checked the console, releases the orders without a link. */
	releases: fc.boolean(),
});

it(`${SEQUENCES} random sequences of runs: one link per order at most, and no item vouches for a link it cannot`, async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(runStep, { minLength: 2, maxLength: 6 }), async (steps) => {
			sandbox().reset();
			clearDeduplication();
			resetMemory();
			for (const step of steps) {
				const linked = new Set(sandbox().vendors.bamboo.createsByOrder().keys());
				sandbox().config.bamboo.rejectOrders = step.refused;
				sandbox().faults.configure({ script: step.faults, hangMs: 150, retryAfterSeconds: 0.001, match: (entry) => entry.method === 'POST' && entry.path.endsWith('/payments') });
				const released = step.releases ? ORDERS.filter((order) => !linked.has(order)).join(',') : '';
				const result = await run(step.items, {
					paymentType: 'QR',
					crashed: step.crashed,
					binaryStoreError: step.binaryFails ? new Error('ENOSPC: no space left on device') : undefined,
					options: { concurrency: step.concurrency, timeout: 100, maxRetries: 1, createAgainFor: released },
				});
				sandbox().faults.configure({});
				sandbox().config.bamboo.rejectOrders = undefined;

				const payments = sandbox().vendors.bamboo.payments();
				for (const count of sandbox().vendors.bamboo.createsByOrder().values()) expect(count).toBe(1);
				const out = result.json(NODE);
				expect(out).toHaveLength(step.items.length);
				out.forEach((json, i) => {
					if (json.error !== undefined) return;
					// A success or a skip vouches for a link: it exists, it is this one, and it charges what this item asks.
					const link = payments.find((payment) => payment.request.orderNumber === step.items[i].order);
					expect(link).toBeDefined();
					expect(json.linkCreated === undefined || json.linkCreated === true).toBe(true);
					if (json.paymentId !== null) expect(json.paymentId).toBe(link?.paymentId);
					expect(link?.request.amount).toBe(step.items[i].amount);
				});
			}
		}),
		{ numRuns: SEQUENCES },
	);
}, 240000);
