// @ts-check
// Removes the build output so a build never ships files whose sources were deleted.
const fs = require('node:fs');
const path = require('node:path');

fs.rmSync(path.join(__dirname, '..', 'dist'), { recursive: true, force: true });
