// @ts-check
/** Workflows and executions in a real n8n: activating, waiting for a production webhook, reading what runs stored. */

/** The CLI command that activates a workflow before `n8n start`: it changed name in 2.x. @param {'1' | '2'} major @param {string} id */
function activateCommand(major, id) {
	return major === '2' ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
}

/**
 * Waits until n8n has registered a production POST webhook (it says "not registered" for a while after
 * /healthz, and answers OPTIONS before that): a GET then gets n8n's "not registered for GET requests".
 * @param {string} url
 */
async function waitForWebhook(url) {
	for (const until = Date.now() + 90000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
		const probe = await fetch(url).then(async (answer) => ({ status: answer.status, text: await answer.text() })).catch(() => undefined);
		if (probe && (probe.status !== 404 || /not registered for GET requests/.test(probe.text))) return;
	}
	throw new Error(`n8n never registered ${url}`);
}

/**
 * The trigger output of every stored execution of a workflow, oldest first.
 * @param {(method: string, route: string) => Promise<any>} rest @param {string} workflowId @param {string} n8nDir
 */
async function triggerOutputs(rest, workflowId, n8nDir) {
	const { parse } = require(require.resolve('flatted', { paths: [n8nDir] }));
	const list = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
	// Only executions that have ended: a running one has no run data yet.
	const ended = [...(list.results ?? list)].filter((row) => row.finished || ['success', 'error', 'crashed'].includes(row.status));
	const summaries = ended.sort((a, b) => Number(a.id) - Number(b.id));
	const outputs = [];
	for (const summary of summaries) {
		const execution = await rest('GET', `/executions/${summary.id}`);
		const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
		const [task] = Object.values(data.resultData.runData)[0];
		outputs.push(task.data.main[0].map((/** @type {any} */ item) => item.json));
	}
	return outputs;
}

/** Polls until `count` executions are stored. @param {() => Promise<any[]>} read @param {number} count */
async function waitForExecutions(read, count) {
	let outputs = await read();
	for (const until = Date.now() + 60000; outputs.length < count && Date.now() < until; outputs = await read()) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return outputs;
}

module.exports = { activateCommand, waitForWebhook, triggerOutputs, waitForExecutions };
