// @ts-check
/**
 * Each single-vendor package as a user installs it: its tarball alone in a fresh n8n 2.41.1, with its own
 * example workflows as it ships them (packages/<name>/examples) run against the sandbox, its notification
 * example published and fed a notification, and n8n's node list holding its nodes and nothing of the other
 * vendor. (The combined package has the full suite: n8n1/n8n2.test.js.)
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');
const { ROOT } = require('../../harness/build');
const { exampleCredentials } = require('../../harness/examples');
const { activateCommand } = require('../../harness/n8n/executions');
const { install } = require('../../harness/n8n/install');
const { createInstance, jsonOf } = require('../../harness/n8n/instance');
const { endAllGroups, leftovers } = require('../../harness/n8n/processes');
const { PACKAGE_EXAMPLES, otherVendor, packAll } = require('../../harness/packages');
const { startSandbox } = require('../../sandbox');
const notifications = require('./support/notifications');

const SLOW = { timeout: 300000 };

/** What each package's examples must give against the sandbox. */
const CHECKS = {
	'n8n-nodes-bamboo-payment': {
		credential: 'bambooPaymentApi',
		/** @param {any} sandbox @param {(id: string) => Promise<any>} execute */
		async run(sandbox, execute) {
			const result = await execute('bhExOrdersBamboo');
			const links = jsonOf(result, 'Create payment link');
			assert.deepEqual(sandbox.vendors.bamboo.payments().map((/** @type {any} */ p) => [p.request.orderNumber, p.request.amount, p.customer.identifier]), [
				['SO-2026-3001', 14990, 'ana.silva@example.com'],
				['SO-2026-3002', 8900, 'bruno.costa@example.com'],
				['SO-2026-3003', 1999, 'carla.dias@example.com'],
			]);
			assert.deepEqual(jsonOf(result, 'Attach customer to payment').map((json) => json.paymentId), links.map((json) => json.paymentId));
		},
		notification: notifications.BAMBOO,
		/** @param {any} sandbox */
		deliveries: (sandbox) => notifications.bambooNotifications(sandbox, 'SO-PKG', 1),
		key: 'orderNumber',
	},
	'n8n-nodes-hyfin': {
		credential: 'hyfinApi',
		/** @param {any} sandbox @param {(id: string) => Promise<any>} execute */
		async run(sandbox, execute) {
			const customers = jsonOf(await execute('bhExCrmToHyfin01'), 'Hyfin Customer');
			assert.deepEqual(customers.map((json) => json.action), customers.map(() => 'added'));
			assert.equal(customers.length, 5);
			const invoices = await execute('bhExHyfinInvoice');
			assert.deepEqual(jsonOf(invoices, 'Send invoice'), [{ success: true, action: 'updated' }, { success: true, action: 'updated' }]);
			assert.equal(sandbox.vendors.hyfin.invoices.sends().length, 2);
		},
		notification: notifications.HYFIN,
		deliveries: async () => notifications.hyfinNotifications('INV-PKG', 1),
		key: 'invoiceId',
	},
};

describe('each single-vendor package alone in n8n 2.41.1', () => {
	/** @type {Awaited<ReturnType<typeof startSandbox>>} */
	let sandbox;
	/** @type {ReturnType<typeof packAll>} */
	let tarballs = [];

	before(async () => {
		tarballs = packAll(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'packages-e2e-')));
		sandbox = await startSandbox();
	}, SLOW);

	after(async () => {
		await sandbox?.close();
		await endAllGroups();
		assert.deepEqual(leftovers(), [], 'no n8n process started by the suite is left');
	}, SLOW);

	for (const [name, check] of Object.entries(CHECKS)) {
		it(`${name}: its examples run as shipped, its trigger hears a notification, and n8n lists nothing of the other vendor`, SLOW, async () => {
			const tarball = /** @type {{ tarball: string }} */ (tarballs.find((entry) => entry.name === name)).tarball;
			const n8n = await createInstance(install('2'), {}, tarball);
			try {
				sandbox.reset();
				await n8n.importJson('credentials', exampleCredentials(sandbox).filter((credential) => credential.type === check.credential));
				const examples = PACKAGE_EXAMPLES[/** @type {keyof typeof PACKAGE_EXAMPLES} */ (name)].map((file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', name, 'examples', file), 'utf8')));
				for (const workflow of examples) await n8n.importJson('workflow', workflow);
				const flow = notifications.example(check.notification);
				await n8n.cli(activateCommand('2', flow.workflow.id));
				await check.run(sandbox, (id) => n8n.execute(id));

				await n8n.startServer();
				const url = `${n8n.base}${flow.path}`;
				await notifications.waitForWebhook(url);
				const rest = await n8n.rest();
				const ended = (/** @type {number} */ count) => notifications.receivedBy({ rest, n8nDir: n8n.dir }, flow.workflow.id, flow.acting, count);
				assert.equal(await notifications.deliverAll(await check.deliveries(sandbox), url, ended, 0), 1);
				const { received } = await ended(1);
				assert.equal(received.length, 1);
				assert.ok(received[0][check.key], `the paid step got the ${check.key}`);

				const lists = n8n.typeLists();
				assert.ok(lists, 'n8n wrote its type lists');
				const ours = lists.nodes.filter((node) => node.name.startsWith(`${name}.`)).map((node) => node.name);
				const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', name, 'package.json'), 'utf8')).n8n.nodes.map((/** @type {string} */ file) => `${name}.${path.basename(file, '.node.js').replace(/^./, (c) => c.toLowerCase())}`);
				for (const node of expected) assert.ok(ours.includes(node), `${node} is listed`);
				const other = /** @type {RegExp} */ (otherVendor(name));
				// n8n's own nodes aside (it ships a BambooHR node): nothing from a community package but this one.
				const community = lists.nodes.filter((node) => !/^(n8n-nodes-base|@n8n\/[\w-]+)\./.test(node.name));
				assert.deepEqual(community.filter((node) => !node.name.startsWith(`${name}.`)).map((node) => node.name), [], 'no node of another package');
				assert.deepEqual(community.filter((node) => other.test(`${node.name} ${node.displayName}`)).map((node) => node.name), [], 'no node of the other vendor');
				const credentialTypes = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', name, 'package.json'), 'utf8')).n8n.credentials.map((/** @type {string} */ file) => path.basename(file, '.credentials.js').replace(/^./, (c) => c.toLowerCase()));
				for (const type of credentialTypes) assert.ok(lists.credentials.some((credential) => credential.name === type), `${type} is listed`);
				assert.deepEqual(lists.credentials.filter((credential) => /^(bambooPaymentApi|hyfinApi)$/.test(credential.name) && !credentialTypes.includes(credential.name)).map((credential) => credential.name), [], 'no credential of the other vendor');
			} finally {
				await n8n.stop();
			}
		});
	}
});
