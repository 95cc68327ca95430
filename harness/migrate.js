// @ts-check
/**
 * Moves a workflow between the three packages. n8n names a node type `<package>.<node>`, so a workflow
 * built with n8n-nodes-bamboo-hyfin names `n8n-nodes-bamboo-hyfin.hyfinCustomer`, which n8n-nodes-hyfin
 * provides as `n8n-nodes-hyfin.hyfinCustomer`: same node, same parameters and versions, same credential types
 * (credential type names carry no package). Only the node types change.
 */
const { packages } = require('./packages');

/** Each package's node names (from its n8n block: `BambooPaymentLink.node.js` → `bambooPaymentLink`). */
function nodesByPackage() {
	return new Map(
		packages().map((pkg) => [
			pkg.name,
			new Set(pkg.manifest.n8n.nodes.map((/** @type {string} */ file) => {
				const base = /** @type {string} */ (file.split('/').pop()).replace(/\.node\.js$/, '');
				return `${base.charAt(0).toLowerCase()}${base.slice(1)}`;
			})),
		]),
	);
}

/**
 * The workflow (or list of workflows) with this package family's node types moved to `target`. Throws,
 * naming them, when a node cannot move (the target package does not have it): nothing is half-moved.
 * @param {any} input a workflow JSON object, or an array of them @param {string} target a package name
 */
function migrateWorkflow(input, target) {
	const byPackage = nodesByPackage();
	const provided = byPackage.get(target);
	if (!provided) throw new Error(`"${target}" is not one of this project's packages: ${[...byPackage.keys()].join(', ')}`);
	const workflows = Array.isArray(input) ? input : [input];
	/** @type {string[]} */
	const stuck = [];
	const moved = workflows.map((workflow) => ({
		...workflow,
		nodes: (workflow.nodes ?? []).map((/** @type {any} */ node) => {
			const [owner, name] = [String(node.type).slice(0, String(node.type).indexOf('.')), String(node.type).slice(String(node.type).indexOf('.') + 1)];
			if (!byPackage.has(owner)) return node;
			// An AI Agent tool of a node is `<node>Tool`.
			const base = name.endsWith('Tool') && !provided.has(name) ? name.slice(0, -'Tool'.length) : name;
			if (!provided.has(base)) {
				stuck.push(`"${node.name}" (${node.type})`);
				return node;
			}
			return { ...node, type: `${target}.${name}` };
		}),
	}));
	if (stuck.length) throw new Error(`${target} does not have the node(s) ${stuck.join(', ')}: install the package that has them (n8n-nodes-bamboo-hyfin has every node)`);
	return Array.isArray(input) ? moved : moved[0];
}

module.exports = { migrateWorkflow, nodesByPackage };
