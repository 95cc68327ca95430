// @ts-check
/** The "Once per Order Number" section of BENCHMARKS.md, from the `guard` part of a results JSON. */

const fmt = (/** @type {number} */ n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** @param {number[]} values */
const median = (values) => {
	const s = [...values].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const TARGET = 0.8;

/** @param {any} guard results.guard @param {{ items: number, runs: number }} settings @param {number} latencyMs */
function renderGuard(guard, settings, latencyMs) {
	const lines = [`## What Once per Order Number costs: ${fmt(settings.items)} payment-link creates, ${latencyMs} ms added latency

Real n8n with its own deduplication store in its database, on SQLite (n8n's default) and on PostgreSQL; each
run started by a webhook, as production runs are, and timed by the create node's execution time as n8n
stored it. Each cell ran ${settings.runs} time(s) with new order numbers, guard on and off interleaved, so the
guarded runs start with more order numbers remembered each time (n8n's store rewrites one list per node on
every write, so its cost grows with the list, up to the node's cap). On/off is items per second with the guard
on over the same without it, run by run; the target is ${TARGET}.

n8n's store gives a node two lists and no others: its own (\`n:<node id>\`) and the workflow's, which the
Remove Duplicates node shares and trims to its History Size — so the list cannot be split into several
keys. The node makes fewer writes instead: claims for up to 4 × Concurrency items ahead in one write, and the
"done" marks of confirmed creates written together; its own memory of links (static data) drops its oldest in
batches. Lists larger than the ones measured here (up to the cap of 30,000 entries, two per order) cost more
per write; that growth is not measured.
`];
	for (const [database, byConcurrency] of Object.entries(guard)) {
		lines.push(`### ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}

| Concurrency | Guard off (items/s) | Guard on (items/s) | On/off | Target ${TARGET} | Re-run of the last batch, all skipped (items/s) |
|---|---|---|---|---|---|`);
		const growth = [];
		for (const [concurrency, cell] of Object.entries(/** @type {Record<string, any>} */ (byConcurrency))) {
			const ratios = cell.on.map((/** @type {any} */ on, /** @type {number} */ i) => on.itemsPerSecond / cell.off[i].itemsPerSecond);
			const ratio = median(ratios);
			const range = ratios.length > 1 ? ` (${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)})` : '';
			lines.push(`| ${concurrency} | ${fmt(median(cell.off.map((/** @type {any} */ x) => x.itemsPerSecond)), 1)} | ${fmt(median(cell.on.map((/** @type {any} */ x) => x.itemsPerSecond)), 1)} | ${fmt(ratio, 2)}${range} | ${ratio >= TARGET ? 'met' : `**missed by ${fmt(TARGET - ratio, 2)}**`} | ${fmt(cell.rerun.itemsPerSecond, 1)} |`);
			growth.push(growthRow(String(concurrency), cell));
		}
		lines.push(`
How the cost grows with what the node remembers (order numbers remembered when the guarded run started: on/off of that run):

| Concurrency | Remembered: on/off |
|---|---|
${growth.join('\n')}
`);
	}
	return lines.join('\n');
}

/** A growth row: per guarded run, the orders remembered when it started, its on/off and its items/s. @param {string} label @param {any} cell */
function growthRow(label, cell) {
	return `| ${label} | ${cell.on.map((/** @type {any} */ on, /** @type {number} */ i) => `${fmt(on.rememberedBefore)}: ${fmt(on.itemsPerSecond / cell.off[i].itemsPerSecond, 2)} (${fmt(on.itemsPerSecond, 1)} items/s)`).join(' · ')} |`;
}

module.exports = { renderGuard };
