// @ts-check
/**
 * Runs n8n workflows in the real engine (n8n-core's WorkflowExecute) in a plain Node process: the package is
 * loaded from its built files by n8n-core's PackageDirectoryLoader, exactly as n8n loads a community
 * package, and credentials are applied through each credential type's own `authenticate` definition.
 * Used by the engine tests, the demo and the benchmarks.
 */
const path = require('node:path');
const crypto = require('node:crypto');

const { host, core, wf } = require('./host');
const { MemoryCredentialsHelper } = require('./credentials');
const { useMemoryDeduplication } = require('./deduplication');

const PACKAGE_ROOT = path.resolve(__dirname, '..');
/** n8n's own nodes used by the example workflows and the benchmark (loading all 400 would take seconds). */
const BASE_NODE_FILES = [
	'dist/nodes/ManualTrigger/ManualTrigger.node.js',
	'dist/nodes/Set/Set.node.js',
	'dist/nodes/Transform/SplitOut/SplitOut.node.js',
	'dist/nodes/NoOp/NoOp.node.js',
	'dist/nodes/HttpRequest/HttpRequest.node.js',
	'dist/nodes/Transform/RemoveDuplicates/RemoveDuplicates.node.js',
	'dist/nodes/StickyNote/StickyNote.node.js',
];

/** Loads a package as n8n does: its package.json `n8n` block, every node and credential in it. @param {string} root */
async function loadPackage(root) {
	const loader = new core.PackageDirectoryLoader(root);
	await loader.loadAll();
	return loader;
}

/** Loads only the named node files of n8n-nodes-base, through the same loader. */
function loadBaseNodes() {
	const root = path.dirname(host.resolve('n8n-nodes-base/package.json'));
	const loader = new core.PackageDirectoryLoader(root);
	for (const file of BASE_NODE_FILES) loader.loadNodeFromFile(file);
	return loader;
}

/**
 * Loads this package's built nodes and credentials (and, unless `base` is false, the few n8n-nodes-base
 * nodes the examples use).
 * @param {{ base?: boolean, root?: string }} [options]
 */
async function loadTypes(options = {}) {
	const loaders = [await loadPackage(options.root ?? PACKAGE_ROOT)];
	if (options.base !== false) loaders.push(loadBaseNodes());
	/** @type {Map<string, import('n8n-workflow').INodeType | import('n8n-workflow').IVersionedNodeType>} */
	const nodes = new Map();
	/** @type {Map<string, import('n8n-workflow').ICredentialType>} */
	const credentials = new Map();
	for (const loader of loaders) {
		for (const [name, loaded] of Object.entries(loader.nodeTypes)) nodes.set(`${loader.packageName}.${name}`, loaded.type);
		for (const [name, loaded] of Object.entries(loader.credentialTypes)) credentials.set(name, loaded.type);
	}
	/** @type {import('n8n-workflow').INodeTypes} */
	const nodeTypes = {
		getByName: (name) => /** @type {any} */ (nodes.get(name)),
		getByNameAndVersion: (name, version) => {
			const type = nodes.get(name);
			if (!type) throw new Error(`Unknown node type ${name}`);
			return wf.NodeHelpers.getVersionedNodeType(type, version);
		},
		getKnownTypes: () => ({}),
	};
	return { nodeTypes, nodes, credentials, packageName: loaders[0].packageName };
}

/**
 * @param {MemoryCredentialsHelper} credentialsHelper
 * @param {import('n8n-workflow').IWorkflowBase} workflowData
 * @returns {import('n8n-workflow').IWorkflowExecuteAdditionalData}
 */
function additionalData(credentialsHelper, workflowData) {
	const executionId = crypto.randomUUID();
	const base = 'http://127.0.0.1:5678';
	return /** @type {any} */ ({
		credentialsHelper,
		executionId,
		hooks: new core.ExecutionLifecycleHooks('manual', executionId, workflowData),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the test engine');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		logAiEvent: () => undefined,
	});
}

/**
 * Creates an engine: load once, run many workflows.
 * @param {{ base?: boolean, root?: string }} [options]
 */
async function createEngine(options) {
	const types = await loadTypes(options);
	await useMemoryDeduplication(core);

	/**
	 * Runs a workflow from its trigger and returns the run plus convenient accessors.
	 * @param {import('n8n-workflow').IWorkflowBase | { nodes: any[], connections: any, name?: string, settings?: any }} workflowJson
	 * @param {{ credentials: Record<string, import('n8n-workflow').ICredentialDataDecryptedObject>, signal?: AbortSignal, staticData?: import('n8n-workflow').IDataObject, binaryStoreError?: Error }} options
	 *   `staticData`: the workflow's static data, kept by the caller between runs as n8n keeps it in its database
	 *   for production executions (without it, each run starts empty, as n8n's manual executions do).
	 *   `binaryStoreError`: n8n's binary-data store fails with this error during the run (a full disk, say).
	 */
	async function run(workflowJson, { credentials, signal, staticData, binaryStoreError }) {
		return binaryStoreError ? await withBinaryStoreFailing(binaryStoreError, () => execute(workflowJson, { credentials, signal, staticData })) : await execute(workflowJson, { credentials, signal, staticData });
	}

	/**
	 * @param {import('n8n-workflow').IWorkflowBase | { nodes: any[], connections: any, name?: string, settings?: any }} workflowJson
	 * @param {{ credentials: Record<string, import('n8n-workflow').ICredentialDataDecryptedObject>, signal?: AbortSignal, staticData?: import('n8n-workflow').IDataObject }} options
	 */
	async function execute(workflowJson, { credentials, signal, staticData }) {
		const helper = new MemoryCredentialsHelper(types.credentials, credentials);
		/** @type {import('n8n-workflow').IWorkflowBase} */
		const workflowData = /** @type {any} */ ({
			id: 'engine-test',
			name: workflowJson.name ?? 'engine test',
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: workflowJson.nodes,
			connections: workflowJson.connections,
			settings: workflowJson.settings ?? {},
		});
		const workflow = new wf.Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes: types.nodeTypes,
			settings: workflowData.settings,
			staticData: staticData === undefined ? undefined : structuredClone(staticData),
		});
		const startNode = workflowData.nodes.find((node) => /trigger/i.test(node.type)) ?? workflowData.nodes[0];
		const executor = new core.WorkflowExecute(additionalData(helper, workflowData), 'manual');
		const pending = executor.run({ workflow, startNode });
		if (signal) signal.addEventListener('abort', () => pending.cancel(), { once: true });
		const result = await pending;
		// As n8n saves the static data of a production execution when it ends, successful or not.
		if (staticData !== undefined) {
			for (const key of Object.keys(staticData)) delete staticData[key];
			const saved = JSON.parse(JSON.stringify(workflow.staticData));
			delete saved.__dataChanged;
			Object.assign(staticData, saved);
		}
		return summarize(result, helper);
	}

	return { run, types };
}

/**
 * Runs `body` while n8n-core's binary-data service refuses to store anything.
 * @template T @param {Error} error @param {() => Promise<T>} body @returns {Promise<T>}
 */
async function withBinaryStoreFailing(error, body) {
	const service = host('@n8n/di').Container.get(core.BinaryDataService);
	const store = service.store;
	service.store = async () => {
		throw error;
	};
	try {
		return await body();
	} finally {
		service.store = store;
	}
}

/**
 * @param {import('n8n-workflow').IRun} result
 * @param {MemoryCredentialsHelper} helper
 */
function summarize(result, helper) {
	const runData = result.data.resultData.runData;
	return {
		result,
		decryptCount: helper.decryptCount,
		/** The first run's error of the workflow (or undefined). */
		error: result.data.resultData.error,
		/** Output items (json + binary) of a node's first output. @param {string} nodeName */
		items(nodeName) {
			const task = runData[nodeName]?.[0];
			if (!task) throw new Error(`Node "${nodeName}" did not run${result.data.resultData.error ? `: ${result.data.resultData.error.message}` : ''}`);
			return task.data?.main?.[0] ?? [];
		},
		/** The JSON of a node's output items. @param {string} nodeName */
		json(nodeName) {
			return this.items(nodeName).map((item) => item.json);
		},
		/** The error a node stopped with, if any. @param {string} nodeName */
		nodeError(nodeName) {
			return runData[nodeName]?.[0]?.error;
		},
	};
}

module.exports = { createEngine, loadTypes, additionalData, MemoryCredentialsHelper, PACKAGE_ROOT, core, wf };
