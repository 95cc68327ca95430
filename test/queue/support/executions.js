// @ts-check
/**
 * What the queue suite reads back: executions from PostgreSQL (n8n's own tables), which worker ran each
 * (from the workers' logs), and a node's output items (through the main's REST API).
 */
const assert = require('node:assert/strict');

/** @typedef {{ id: string, status: string, seconds: number }} ExecutionRow */

/**
 * The executions of a workflow, oldest first.
 * @param {{ query: (sql: string) => string }} postgres @param {string} workflowId @returns {ExecutionRow[]}
 */
function executionsOf(postgres, workflowId) {
	const out = postgres.query(
		`SELECT id, status, COALESCE(EXTRACT(EPOCH FROM ("stoppedAt" - "createdAt")), -1) FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`,
	);
	return out === '' ? [] : out.split('\n').map((line) => {
		const [id, status, seconds] = line.split('|');
		return { id, status, seconds: Number(seconds) };
	});
}

/**
 * Waits until a workflow has `count` executions that ended, and returns them.
 * @param {{ query: (sql: string) => string }} postgres @param {string} workflowId @param {number} count @param {number} [timeoutMs]
 */
async function waitForEnded(postgres, workflowId, count, timeoutMs = 600000) {
	const ended = (/** @type {ExecutionRow} */ row) => !['new', 'running', 'waiting'].includes(row.status);
	let rows = executionsOf(postgres, workflowId);
	for (const until = Date.now() + timeoutMs; rows.filter(ended).length < count && Date.now() < until; rows = executionsOf(postgres, workflowId)) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	assert.ok(rows.filter(ended).length >= count, `${workflowId}: ${rows.filter(ended).length} of ${count} executions ended: ${JSON.stringify(rows)}`);
	return rows;
}

/**
 * What a stored execution says went wrong: the texts in its data that read like an error (for a failure's
 * evidence). @param {{ query: (sql: string) => string }} postgres @param {string} id @returns {string[]}
 */
function errorTextsOf(postgres, id) {
	const data = postgres.query(`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`);
	/** @type {unknown[]} */
	let values = [];
	try {
		values = JSON.parse(data);
	} catch {
		return [data.slice(0, 500)];
	}
	const texts = values.filter((value) => typeof value === 'string' && /error|could not|failed|violat|constraint|timed out|refused/i.test(value));
	return [...new Set(/** @type {string[]} */ (texts))].slice(0, 6).map((text) => text.slice(0, 400));
}

/**
 * The executions of a workflow that did not succeed, each with what its data says went wrong.
 * @param {{ query: (sql: string) => string }} postgres @param {ExecutionRow[]} rows
 */
function failedWithErrors(postgres, rows) {
	return rows.filter((row) => row.status !== 'success').map((row) => ({ ...row, errors: errorTextsOf(postgres, row.id) }));
}

/** The wall time from the first of these executions being created to the last one stopping, in seconds. @param {{ query: (sql: string) => string }} postgres @param {string[]} ids */
function spanSeconds(postgres, ids) {
	return Number(postgres.query(`SELECT EXTRACT(EPOCH FROM (MAX("stoppedAt") - MIN("createdAt"))) FROM execution_entity WHERE id IN (${ids.join(',')})`));
}

/** The execution ids a worker's log says it started. @param {string} log @returns {string[]} */
function startedBy(log) {
	return [...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

/**
 * The output items (JSON) of a node in a stored execution, read through the REST API.
 * @param {(method: string, route: string) => Promise<any>} rest @param {string} n8nDir @param {string} id @param {string} node
 * @returns {Promise<any[]>}
 */
async function outputOf(rest, n8nDir, id, node) {
	const { parse } = require(require.resolve('flatted', { paths: [n8nDir] }));
	const execution = await rest('GET', `/executions/${id}`);
	const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
	const task = data.resultData.runData[node]?.[0];
	assert.ok(task, `execution ${id}: node "${node}" did not run`);
	return task.data.main[0].map((/** @type {any} */ item) => item.json);
}

module.exports = { executionsOf, failedWithErrors, outputOf, spanSeconds, startedBy, waitForEnded };
