// @ts-check
/**
 * `node scripts/release-check.js v1.2.3`: refuses (exit 1) unless the tag names the version of all three
 * packages and CHANGELOG.md has a section for it. With `--notes`, prints that section (the release notes).
 */
const fs = require('node:fs');
const path = require('node:path');
const { packages } = require('../harness/packages');
const { changelogSection } = require('../harness/versions');

const [tag, flag] = process.argv.slice(2);
const fail = (/** @type {string} */ message) => {
	process.stderr.write(`release refused: ${message}\n`);
	process.exit(1);
};
const version = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag ?? '')?.[1];
if (!version) fail(`"${tag ?? ''}" is not a version tag such as v1.2.3`);
const off = packages().filter((pkg) => pkg.manifest.version !== version);
if (off.length) fail(`the tag is ${tag}, but ${off.map((pkg) => `${pkg.name} is ${pkg.manifest.version}`).join(', ')}`);
const notes = changelogSection(fs.readFileSync(path.join(__dirname, '..', 'CHANGELOG.md'), 'utf8'), String(version));
if (!notes) fail(`CHANGELOG.md has no section "## ${version}"`);
if (flag === '--notes') process.stdout.write(`${notes}\n`);
else process.stdout.write(`${tag}: n8n-nodes-bamboo-hyfin, n8n-nodes-bamboo-payment and n8n-nodes-hyfin are all ${version}; CHANGELOG.md has its notes\n`);
