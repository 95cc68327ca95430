// @ts-check
/** Prints rows as an aligned text table. @param {string[]} headers @param {Array<Array<unknown>>} rows */
function table(headers, rows) {
	const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === undefined || cell === null ? '' : String(cell))))];
	const widths = headers.map((_h, i) => Math.max(...cells.map((row) => row[i].length)));
	const line = (/** @type {string[]} */ row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
	return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

module.exports = { table };
