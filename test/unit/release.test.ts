/**
 * Releasing: one version for the three packages, bumped in step like `npm version`, and a release refused when
 * the tag and the versions disagree or CHANGELOG.md has no notes for it. Run on a copy of the repository's files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
let copy: string;
beforeAll(() => {
	copy = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
	for (const entry of ['package.json', 'package-lock.json', 'CHANGELOG.md', 'LICENSE.md', 'harness', 'scripts', 'packages']) fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

const run = (script: string, ...args: string[]) => {
	try {
		return { status: 0, out: execFileSync(process.execPath, [path.join(copy, 'scripts', script), ...args], { encoding: 'utf8', stdio: 'pipe' }), err: '' };
	} catch (error) {
		const failure = error as { status: number; stdout: string; stderr: string };
		return { status: failure.status, out: failure.stdout, err: failure.stderr };
	}
};
const version = (file: string) => JSON.parse(fs.readFileSync(path.join(copy, file), 'utf8')).version;

it('refuses a tag that is not the packages\' version, or not a version at all', () => {
	const current = version('package.json');
	expect(run('release-check.js', `v${current}`).status).toBe(0);
	expect(run('release-check.js', 'v99.0.0')).toMatchObject({ status: 1, err: expect.stringContaining('release refused: the tag is v99.0.0, but n8n-nodes-bamboo-hyfin is') });
	expect(run('release-check.js', 'latest')).toMatchObject({ status: 1, err: expect.stringContaining('is not a version tag') });
});

it('bumps the three packages and the lockfile in step, and the changelog\'s Unreleased notes become the release notes', () => {
	const [major, minor] = String(version('package.json')).split('.').map(Number);
	const next = `${major}.${minor + 1}.0`;
	const unreleased = fs.readFileSync(path.join(copy, 'CHANGELOG.md'), 'utf8').split('## Unreleased\n')[1].split('\n## ')[0].trim();
	expect(run('version.js', 'minor', '--no-git').status).toBe(0);
	for (const file of ['package.json', 'packages/n8n-nodes-bamboo-payment/package.json', 'packages/n8n-nodes-hyfin/package.json']) expect(version(file)).toBe(next);
	const lock = JSON.parse(fs.readFileSync(path.join(copy, 'package-lock.json'), 'utf8'));
	expect([lock.version, lock.packages[''].version]).toEqual([next, next]);
	const checked = run('release-check.js', `v${next}`, '--notes');
	expect(checked.status).toBe(0);
	expect(checked.out.trim()).toBe(unreleased);
	// A half-bumped repository is refused.
	fs.writeFileSync(path.join(copy, 'packages/n8n-nodes-hyfin/package.json'), fs.readFileSync(path.join(copy, 'packages/n8n-nodes-hyfin/package.json'), 'utf8').replace(`"version": "${next}"`, '"version": "0.0.1"'));
	expect(run('release-check.js', `v${next}`)).toMatchObject({ status: 1, err: expect.stringContaining('n8n-nodes-hyfin is 0.0.1') });
});
