// @ts-check
/**
 * `npm run release:version -- <patch|minor|major|x.y.z>`: like `npm version`, for the three packages at once:
 * sets the one version everywhere (the root package.json and each package folder's, package-lock.json),
 * turns CHANGELOG.md's "Unreleased" notes into the version's section, commits, and tags vX.Y.Z. `--no-git`
 * only edits the files.
 * Pushing the tag starts .github/workflows/release.yml.
 */
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT } = require('../harness/build');
const { packages } = require('../harness/packages');
const { nextVersion, setVersion } = require('../harness/versions');

const args = process.argv.slice(2);
const bump = args.find((arg) => !arg.startsWith('--'));
if (!bump) {
	process.stderr.write('usage: npm run release:version -- <patch|minor|major|x.y.z> [--no-git]\n');
	process.exit(1);
}
const version = nextVersion(packages()[0].manifest.version, bump);
const files = setVersion(version, new Date().toISOString().slice(0, 10));
process.stdout.write(`all three packages are now ${version}: ${files.map((file) => path.relative(ROOT, file)).join(', ')}\n`);
if (!args.includes('--no-git')) {
	execFileSync('git', ['commit', '--quiet', '-m', `Release ${version}`, '--', ...files], { cwd: ROOT, stdio: 'inherit' });
	execFileSync('git', ['tag', `v${version}`], { cwd: ROOT, stdio: 'inherit' });
	process.stdout.write(`committed and tagged v${version}: git push --follow-tags starts the release\n`);
}
