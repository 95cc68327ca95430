// @ts-check
/**
 * `npm run screenshots`: runs the browser suite (test/browser/editor.test.js) with BROWSER_SCREENSHOTS set,
 * so that the same editor session writes the README's images into docs/images/. Exits as the suite does.
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', path.join('test', 'browser', 'editor.test.js')], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, BROWSER_SCREENSHOTS: path.join(root, 'docs', 'images') },
});
process.exit(result.status ?? 1);
