// @ts-check
/**
 * The one version of the three packages: read, bumped in step (root package.json, package-lock.json and each
 * packages/<name>/package.json), and CHANGELOG.md's sections.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./build');
const { packages } = require('./packages');

/** The body of CHANGELOG.md's section for a version ("## 1.2.3 …" up to the next "## "), or undefined. @param {string} text @param {string} version */
function changelogSection(text, version) {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?( |$)`).test(line));
	if (start === -1) return undefined;
	const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
	return lines.slice(start + 1, end === -1 ? undefined : end).join('\n').trim();
}

/** The next version: `patch`, `minor`, `major` or an explicit x.y.z. @param {string} current @param {string} bump */
function nextVersion(current, bump) {
	if (/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(bump)) return bump;
	const [major, minor, patch] = current.split(/[.-]/).map(Number);
	if (bump === 'major') return `${major + 1}.0.0`;
	if (bump === 'minor') return `${major}.${minor + 1}.0`;
	if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
	throw new Error(`"${bump}" is not patch, minor, major or a version`);
}

/**
 * Sets every package to `version` and turns CHANGELOG.md's "## Unreleased" into that version's section.
 * @param {string} version @param {string} date YYYY-MM-DD @returns {string[]} the files written
 */
function setVersion(version, date) {
	const written = [];
	for (const pkg of packages()) {
		const file = path.join(pkg.dir, 'package.json');
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(  "version": )"[^"]+"/m, `$1"${version}"`));
		written.push(file);
	}
	const lock = path.join(ROOT, 'package-lock.json');
	const locked = JSON.parse(fs.readFileSync(lock, 'utf8'));
	locked.version = version;
	locked.packages[''].version = version;
	fs.writeFileSync(lock, `${JSON.stringify(locked, null, 2)}\n`);
	written.push(lock);
	const changelog = path.join(ROOT, 'CHANGELOG.md');
	const text = fs.readFileSync(changelog, 'utf8');
	if (!/^## Unreleased$/m.test(text)) throw new Error('CHANGELOG.md has no "## Unreleased" section to release');
	fs.writeFileSync(changelog, text.replace(/^## Unreleased$/m, `## Unreleased\n\n## ${version} - ${date}`));
	written.push(changelog);
	return written;
}

module.exports = { changelogSection, nextVersion, setVersion };
