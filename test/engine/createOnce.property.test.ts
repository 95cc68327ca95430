/**
 * Property: whatever sequence of faults the network and the vendor produce (error statuses, resets before
 * and after processing, redirects, ill-shaped 2xx answers, hangs, drips), a batch of payment-link creates
 * never makes two links for one order number; with "Continue" every item ends as exactly one output or
 * error item; without it, every link the sandbox holds is named by the run's error, created or unclear.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { FAULT_NAMES } from '../../sandbox/faults';
import { bambooCredentials, runNode, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
afterEach(() => sandbox().faults.configure({}));

type Step = (typeof FAULT_NAMES)[number] | 'none';
const step = fc.constantFrom<Step>('none', 'none', 'none', ...(FAULT_NAMES as Step[]));
const RUNS = 150;
let cases = 0;

it(`${RUNS} random fault sequences: one link per order number at most, nothing created out of sight`, async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.integer({ min: 1, max: 6 }),
			fc.array(step, { minLength: 1, maxLength: 14 }),
			fc.integer({ min: 1, max: 4 }),
			fc.boolean(),
			async (count, script, concurrency, continueOnFail) => {
				sandbox().reset();
				sandbox().faults.configure({ script, hangMs: 60, dripMs: 40, retryAfterSeconds: 0.001 });
				// Order numbers of this case only: a request an earlier case gave up on (a timeout) can still reach
				// the sandbox after that case ended, and must not pass for one of this case's.
				const prefix = `P${++cases}-`;
				const rows = Array.from({ length: count }, (_v, i) => ({ order: `${prefix}${i}` }));
				const run = await runNode(
					engine(),
					'bambooPaymentLink',
					rows,
					{
						resource: 'payment',
						operation: 'create',
						amount: 1000,
						currencyCode: 'UYU',
						additionalFields: { orderNumber: '={{ $json.order }}' },
						options: { concurrency, maxRetries: 3, retryDelay: 1, maxRetryWait: 2, timeout: 300 },
					},
					bambooCredentials(sandbox()),
					{ continueOnFail },
				);
				const links = new Map([...sandbox().vendors.bamboo.createsByOrder()].filter(([order]) => String(order).startsWith(prefix)));
				for (const created of links.values()) expect(created).toBe(1);

				if (continueOnFail) {
					const items = run.items('Bamboo Payment Link');
					expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(rows.map((_r, i) => i));
					items.forEach((item, i) => {
						// Exactly one of: the link, or an error; a link the node reports is the one the sandbox holds.
						expect(Boolean(item.json.paymentId) !== Boolean(item.json.error)).toBe(true);
						if (item.json.paymentId) expect(links.get(rows[i].order)).toBe(1);
					});
					return;
				}
				const error = run.nodeError('Bamboo Payment Link') as unknown as { context: { createdRecords?: IDataObject[]; unclearRecords?: IDataObject[] } } | undefined;
				if (!error) {
					const out = run.json('Bamboo Payment Link');
					expect(out).toHaveLength(count);
					expect(out.every((json) => typeof json.paymentId === 'string')).toBe(true);
					expect(links.size).toBe(count);
					return;
				}
				const named = new Set([
					...(error.context.createdRecords ?? []).map((record) => String(record.orderNumber)),
					...(error.context.unclearRecords ?? []).map((record) => String(record.reference).replace(/^order number "(.*)"$/, '$1')),
				]);
				for (const order of links.keys()) expect(named.has(order)).toBe(true);
			},
		),
		{ numRuns: RUNS },
	);
}, 240000);
