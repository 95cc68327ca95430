// @ts-check
/**
 * `npm run examples`: writes each single-vendor package's example workflows (packages/<name>/examples/) from
 * the combined package's (examples/), with that package's node types. A test fails when they differ, so the
 * two never drift apart: edit examples/, then run this.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../harness/build');
const { packageExamples } = require('../harness/examples');

for (const [file, text] of packageExamples()) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
	process.stdout.write(`${path.relative(ROOT, file)}\n`);
}
