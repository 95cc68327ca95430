// @ts-check
/**
 * Processes and ports for suites that run real n8n: every process starts in its own process group and is
 * ended as a group (n8n starts task-runner children that outlive a plain kill), and ports are reserved
 * together so that two of them can never be the same.
 */
const net = require('node:net');
const { execFileSync, spawn } = require('node:child_process');

/** Process groups started by this suite, by their leader's pid. @type {Set<number>} */
const groups = new Set();

/**
 * `count` free loopback ports, all distinct: the listeners are open at the same time while the ports are
 * read, so the system cannot hand out one port twice.
 * @param {number} count @returns {Promise<number[]>}
 */
async function reservePorts(count) {
	const servers = await Promise.all(
		Array.from({ length: count }, () => new Promise((resolve) => {
			const server = net.createServer().listen(0, '127.0.0.1', () => resolve(server));
		})),
	);
	const ports = servers.map((server) => /** @type {net.AddressInfo} */ (/** @type {net.Server} */ (server).address()).port);
	await Promise.all(servers.map((server) => new Promise((resolve) => /** @type {net.Server} */ (server).close(resolve))));
	if (new Set(ports).size !== ports.length) throw new Error(`reserved ports collide: ${ports.join(', ')}`);
	return ports;
}

/**
 * Starts a command as the leader of a new process group.
 * @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} options
 */
function startGroup(command, args, options) {
	const child = spawn(command, args, { ...options, detached: true });
	if (child.pid !== undefined) groups.add(child.pid);
	return child;
}

/** The processes of a group that still run (zombies, which no longer run, are left out). @param {number} pgid */
function membersOf(pgid) {
	const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
	return out
		.split('\n')
		.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
		.filter((match) => match !== null && Number(match[2]) === pgid && !match[3].startsWith('Z'))
		.map((match) => `${/** @type {RegExpMatchArray} */ (match)[1]} ${/** @type {RegExpMatchArray} */ (match)[4]}`);
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
	} catch {
		// The group is already empty.
	}
}

/**
 * Ends a process group: SIGTERM, then SIGKILL for whatever still runs after `graceMs`.
 * @param {number} pgid @param {number} [graceMs]
 */
async function endGroup(pgid, graceMs = 10000) {
	signalGroup(pgid, 'SIGTERM');
	for (const until = Date.now() + graceMs; Date.now() < until && membersOf(pgid).length > 0; ) {
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	signalGroup(pgid, 'SIGKILL');
	for (const until = Date.now() + 5000; Date.now() < until && membersOf(pgid).length > 0; ) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Ends every group this suite started. */
async function endAllGroups() {
	await Promise.all([...groups].map((pgid) => endGroup(pgid)));
}

/** Whatever still runs of the groups this suite started (should be nothing after `endAllGroups`). */
function leftovers() {
	return [...groups].flatMap(membersOf);
}

module.exports = { reservePorts, startGroup, endGroup, endAllGroups, leftovers };
