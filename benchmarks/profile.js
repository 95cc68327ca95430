// @ts-check
/** Reads a V8 CPU profile (`node --cpu-prof`) into where the time went: by package and by function. */

/** Which part of the stack a script belongs to. @param {string} url */
function areaOf(url) {
	if (url === '') return 'V8 / Node internals (GC, native)';
	if (/node_modules[\\/]n8n-nodes-bamboo-hyfin[\\/]/.test(url)) return 'this package';
	if (/@n8n\/backend-network|[\\/]axios[\\/]|follow-redirects|proxy-from-env|form-data/.test(url)) return "n8n's HTTP helper (@n8n/backend-network, axios)";
	if (/n8n-workflow|isolated-vm|@n8n\/expression|@n8n\/tournament|luxon|jmespath/.test(url)) return "n8n-workflow (expressions, parameters)";
	if (/n8n-core/.test(url)) return 'n8n-core (engine, node context)';
	if (/^node:|internal\//.test(url)) return 'Node.js (http, streams, timers)';
	if (/harness|benchmarks|sandbox/.test(url)) return 'benchmark harness';
	return 'other';
}

/**
 * Self time by area and the heaviest functions.
 * @param {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }>, samples?: number[], startTime: number, endTime: number }} profile
 */
function profileSummary(profile) {
	const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
	const msPerHit = (profile.endTime - profile.startTime) / 1000 / totalHits;
	/** @type {Map<string, number>} */
	const areas = new Map();
	/** @type {Map<string, number>} */
	const functions = new Map();
	for (const node of profile.nodes) {
		const hits = node.hitCount ?? 0;
		if (!hits || node.callFrame.functionName === '(idle)') continue;
		const area = areaOf(node.callFrame.url);
		areas.set(area, (areas.get(area) ?? 0) + hits);
		const name = `${node.callFrame.functionName || '(anonymous)'} (${node.callFrame.url.replace(/^.*node_modules[\\/]/, '').replace(/^file:\/\//, '') || 'native'}:${node.callFrame.lineNumber + 1})`;
		functions.set(name, (functions.get(name) ?? 0) + hits);
	}
	const busy = [...areas.values()].reduce((a, b) => a + b, 0) || 1;
	const share = (/** @type {number} */ hits) => Math.round((hits / busy) * 1000) / 10;
	return {
		busyMs: Math.round(busy * msPerHit),
		areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, hits]) => ({ area, percent: share(hits) })),
		top: [...functions].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([fn, hits]) => ({ function: fn, percent: share(hits) })),
	};
}

module.exports = { profileSummary, areaOf };
