/**
 * Property tests of the invoice money rules: random lines (prices in cents, quantities with up to 3
 * decimals whose product is whole cents) are sent with exactly their sum as the total and accepted by the
 * sandbox, which checks the same rules; the same invoice with the total off by one cent, or a line total
 * off by one cent, is refused before anything is sent. No floating-point arithmetic decides any of it.
 */
import fc from 'fast-check';
import { nodeRunner, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();
const invoice = nodeRunner('hyfinInvoice', engine, sandbox);
const NODE = 'Hyfin Invoice';

const dollars = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
/** A line whose quantity × price is whole cents: price in cents, quantity in thousandths. */
const line = fc
	.tuple(fc.integer({ min: 1, max: 500000 }), fc.constantFrom(1000, 2000, 3000, 500, 1500, 250, 12000, 7000))
	.filter(([price, qty]) => (price * qty) % 1000 === 0)
	.map(([price, qty]) => ({ price, qty, total: (price * qty) / 1000 }));

const parameters = (lines: Array<{ price: number; qty: number; total: number }>, total: string, lineTotalShift = 0) => ({
	resource: 'invoice',
	operation: 'upsert',
	apiVersion: 'v3',
	externalId: 'INV-PROP',
	invoiceNumber: 'PROP',
	total,
	lines: { line: lines.map((l, i) => ({ description: `line ${i}`, unitPrice: dollars(l.price), quantity: String(l.qty / 1000), lineTotal: dollars(l.total + (i === 0 ? lineTotalShift : 0)) })) },
	options: { maxRetries: 0 },
});

it('an exact total is sent as the sum of the lines and accepted; one cent off, in the total or a line, is refused unsent', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom(-1, 1), async (lines, shift) => {
			const sum = lines.reduce((acc, l) => acc + l.total, 0);
			sandbox().reset();
			const ok = await invoice([{}], parameters(lines, dollars(sum)));
			expect(ok.error).toBeUndefined();
			expect(ok.json(NODE)[0].success).toBe(true);
			const sent = sandbox().requests('hyfin', 'POST')[0].body as { totals: { total: number } };
			expect(sent.totals.total).toBe(Number(dollars(sum)));
			if (sum + shift <= 0) return;
			sandbox().reset();
			const offTotal = await invoice([{}], parameters(lines, dollars(sum + shift)));
			expect(offTotal.nodeError(NODE)?.message).toMatch(/^"Total" \(\d+\.\d\d\) is not the sum of the lines/);
			if (lines[0].total + shift > 0) {
				const offLine = await invoice([{}], parameters(lines, dollars(sum), shift));
				expect(offLine.nodeError(NODE)?.message).toMatch(/^"Lines › Line 1 › Line Total" \("\d+\.\d\d"\) is not quantity × unit price/);
			}
			expect(sandbox().log).toEqual([]);
		}),
		{ numRuns: 120 },
	);
});
