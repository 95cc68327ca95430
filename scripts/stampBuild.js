// @ts-check
// Last step of `npm run build`: records which sources dist/ was built from (see lib/ensureBuilt.js).
require('../harness/build').stampBuild();
