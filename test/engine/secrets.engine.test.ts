/**
 * Secret scan: every kind of scenario runs with a recognisable Hyfin token and Bamboo key, n8n's logger at
 * debug level and the console captured. Neither secret (nor its base64 form) may appear in any output item,
 * any error's message, description or context, or anything logged.
 */
process.env.N8N_LOG_LEVEL = 'debug';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, INodeType } from 'n8n-workflow';
import { BAMBOO_KEY, HYFIN_TOKEN, bambooCredentials, hyfinCredentials, itemsWorkflow, packageNode, runNode, useEngineAndSandbox } from '../support/engine';
import type { RunResult } from '../support/engine';

const SECRETS = [HYFIN_TOKEN, BAMBOO_KEY].flatMap((secret) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(`:${secret}`).toString('base64')]);
const seen: string[] = [];
const logged: string[] = [];
const FAST = { retryDelay: 1, maxRetryWait: 5, timeout: 200, maxRetries: 2 };

// Installed before the engine exists: n8n's logger (winston) binds console.log when it is created.
{
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
		});
	}
	// winston writes to console._stdout/_stderr when they exist; they need not be process.stdout/stderr here.
	const consoleStreams = console as unknown as { _stdout?: NodeJS.WriteStream; _stderr?: NodeJS.WriteStream };
	const streams = new Set([process.stdout, process.stderr, consoleStreams._stdout, consoleStreams._stderr].filter((stream) => stream !== undefined));
	for (const stream of streams) {
		const write = stream.write.bind(stream);
		jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
			logged.push(String(chunk));
			return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof stream.write);
	}
}
const { engine, sandbox } = useEngineAndSandbox();
afterEach(() => sandbox().faults.configure({}));

function record(run: RunResult) {
	seen.push(JSON.stringify(run.result));
	for (const task of Object.values(run.result.data.resultData.runData)) {
		const error = task[0]?.error as unknown as Record<string, unknown> | undefined;
		if (error) seen.push(String(error.message), String(error.description), JSON.stringify(error.context), String(error.stack));
	}
	return run;
}

const hyfin = (rows: object[], parameters: Record<string, unknown>, continueOnFail = true) =>
	runNode(engine(), 'hyfinCustomer', rows, parameters, hyfinCredentials(sandbox()), { continueOnFail }).then(record);
const bamboo = (rows: object[], parameters: Record<string, unknown>, continueOnFail = true) =>
	runNode(engine(), 'bambooPaymentLink', rows, parameters, bambooCredentials(sandbox()), { continueOnFail }).then(record);

const upsert = { resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: '={{ $json.id }}', firstName: 'A', lastName: 'B', options: FAST };
const create = { resource: 'payment', operation: 'create', amount: 1999, currencyCode: 'UYU', paymentType: 'QR', additionalFields: { orderNumber: '={{ $json.id }}' }, options: FAST };

it('runs successful calls of every operation', async () => {
	await hyfin([{ id: 's-1' }], upsert);
	await hyfin([{ id: 's-1' }], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 's-1' });
	await hyfin([{}], { resource: 'customer', operation: 'upsert', apiVersion: 'v4', displayName: 'X', primaryContact: { firstName: 'Y' } });
	const created = await bamboo([{ id: 'o-1' }], create);
	const paymentId = String(created.json('Bamboo Payment Link')[0].paymentId);
	await bamboo([{}], { resource: 'payment', operation: 'injectCustomer', paymentId, identifier: 'c', billingAddress: { city: 'M' } });
	await bamboo([{}], { resource: 'payment', operation: 'get', paymentId });
	await bamboo([{}], { resource: 'customer', operation: 'createAccountLink', identifier: 'c' });
	await bamboo([{}], { resource: 'customer', operation: 'get', identifier: 'c' });
	await bamboo([{}], { resource: 'customer', operation: 'delete', identifier: 'c' });
	// The secrets were really in use: the sandbox received them.
	expect(sandbox().log.some((entry) => entry.headers['x-access-token'] === HYFIN_TOKEN)).toBe(true);
	expect(sandbox().log.some((entry) => entry.headers.authorization === `Basic ${BAMBOO_KEY}`)).toBe(true);
});

it('runs validation failures, with and without continue-on-fail', async () => {
	for (const continueOnFail of [true, false]) {
		await hyfin([{ id: '' }], upsert, continueOnFail);
		await bamboo([{ id: 'x' }], { ...create, amount: '19.999', amountUnit: 'major' }, continueOnFail);
		await bamboo([{}], { resource: 'customer', operation: 'get', identifier: '={{ $json.missing }}' }, continueOnFail);
	}
});

it('runs API failures, including refused secrets', async () => {
	await hyfin([{}], { resource: 'customer', operation: 'get', apiVersion: 'v3', externalId: 'nobody' }, false);
	await bamboo([{}], { resource: 'payment', operation: 'get', paymentId: 'nope' }, false);
	const { hyfin: hyfinConfig, bamboo: bambooConfig } = sandbox().config;
	// The sandbox stops accepting the secrets the nodes hold.
	const held = { ...hyfinCredentials(sandbox()), ...bambooCredentials(sandbox()) };
	const [token, key] = [hyfinConfig.token, bambooConfig.privateKey];
	hyfinConfig.token = 'some-other-token';
	bambooConfig.privateKey = 'some-other-key';
	try {
		record(await runNode(engine(), 'hyfinCustomer', [{ id: 'r-1' }], upsert, held));
		record(await runNode(engine(), 'bambooPaymentLink', [{ id: 'r-2' }], create, held));
	} finally {
		hyfinConfig.token = token;
		bambooConfig.privateKey = key;
	}
});

it('runs every injected fault on safe calls and on creates, with retries logged', async () => {
	const faults = ['status429', 'status503', 'resetBefore', 'resetAfter', 'hang', 'html', 'truncated', 'redirect302', 'okIllTyped', 'echoAuthJson', 'echoAuthText', 'echoAuthOk'] as const;
	for (const fault of faults) {
		sandbox().faults.configure({ script: [fault, fault, fault], hangMs: 2000, retryAfterSeconds: 0.001 });
		await hyfin([{ id: `f-${fault}` }], upsert, false);
		sandbox().faults.configure({ script: [fault], hangMs: 2000, retryAfterSeconds: 0.001 });
		await bamboo([{ id: `f-${fault}` }], create, false);
	}
	const unreachable = { hyfinApi: { ...hyfinCredentials(sandbox()).hyfinApi, baseUrl: 'http://127.0.0.1:9' } };
	record(await runNode(engine(), 'hyfinCustomer', [{ id: 'u' }], upsert, unreachable));
});

it('runs a cancelled execution', async () => {
	sandbox().faults.configure({ rates: { hang: 1 }, hangMs: 5000 });
	const controller = new AbortController();
	const pending = engine().run(itemsWorkflow([{ id: 'c-1' }, { id: 'c-2' }], [packageNode('hyfinCustomer', { ...upsert, options: { timeout: 10000 } })]), {
		credentials: hyfinCredentials(sandbox()),
		signal: controller.signal,
	});
	setTimeout(() => controller.abort(), 100);
	const run = await pending.catch(() => undefined);
	if (run) record(run);
});

it('runs both credential tests, accepted and refused', async () => {
	const nodes = engine().types.nodes;
	const context = new CredentialTestContext() as unknown as ICredentialTestFunctions;
	const hyfinNode = nodes.get('n8n-nodes-bamboo-hyfin.hyfinCustomer') as INodeType;
	const bambooNode = nodes.get('n8n-nodes-bamboo-hyfin.bambooPaymentLink') as INodeType;
	for (const token of [HYFIN_TOKEN]) {
		const data = { ...hyfinCredentials(sandbox()).hyfinApi, accessToken: token };
		seen.push(JSON.stringify(await hyfinNode.methods!.credentialTest!.hyfinApiTest.call(context, { id: '1', name: 'h', type: 'hyfinApi', data })));
		seen.push(JSON.stringify(await hyfinNode.methods!.credentialTest!.hyfinApiTest.call(context, { id: '1', name: 'h', type: 'hyfinApi', data: { ...data, baseUrl: 'http://127.0.0.1:9' } })));
	}
	const data = bambooCredentials(sandbox()).bambooPaymentApi;
	seen.push(JSON.stringify(await bambooNode.methods!.credentialTest!.bambooPaymentApiTest.call(context, { id: '1', name: 'b', type: 'bambooPaymentApi', data })));
	sandbox().config.bamboo.privateKey = 'rotated';
	try {
		seen.push(JSON.stringify(await bambooNode.methods!.credentialTest!.bambooPaymentApiTest.call(context, { id: '1', name: 'b', type: 'bambooPaymentApi', data })));
	} finally {
		sandbox().config.bamboo.privateKey = BAMBOO_KEY;
	}
});

it('never shows a secret in outputs, errors or logs', () => {
	const outputs = seen.join('\n');
	const logs = logged.join('\n');
	// The scan looked at real material: errors, retries and n8n's own debug log were captured.
	expect(outputs).toContain('may or may not have been created');
	expect(outputs).toContain('refused the credential');
	expect(logs).toContain('request will be retried');
	expect(logs.length).toBeGreaterThan(10000);
	for (const secret of SECRETS) {
		expect(outputs.includes(secret)).toBe(false);
		expect(logs.includes(secret)).toBe(false);
	}
});
