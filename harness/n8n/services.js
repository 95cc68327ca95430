// @ts-check
/**
 * Redis and PostgreSQL for the queue-mode suite, from Debian's packages (installed with apt-get when
 * missing), each started in the foreground in its own process group on a loopback port, with its data in a
 * temporary folder: no systemd, nothing left behind (the suite ends the groups).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startGroup } = require('./processes');

/** The PostgreSQL server binaries' folder (Debian puts them under a versioned folder), if installed. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'postgres'))) : [];
	return versions.length > 0 ? path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin') : undefined;
}

/** Installs redis-server and postgresql with apt-get unless both are there. */
function ensureServicesInstalled() {
	if (fs.existsSync('/usr/bin/redis-server') && postgresBin()) return;
	process.stderr.write('[queue] installing redis-server and postgresql with apt-get\n');
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const apt = (/** @type {string[]} */ args) =>
		execFileSync(asRoot ? 'apt-get' : 'sudo', [...(asRoot ? [] : ['-n', 'apt-get']), ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	const install = ['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql'];
	try {
		apt(install);
	} catch {
		apt(['update']);
		apt(install);
	}
}

/** Resolves once something accepts connections on the port. @param {number} port @param {number} timeoutMs */
async function waitForPort(port, timeoutMs = 30000) {
	for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 200))) {
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.destroy();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
	}
	throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** Redis, in the foreground, without persistence. @param {string} dir @param {number} port */
async function startRedis(dir, port) {
	fs.mkdirSync(dir, { recursive: true });
	const log = fs.openSync(path.join(dir, 'redis.log'), 'w');
	const child = startGroup('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', log, log] });
	await waitForPort(port);
	return child;
}

/**
 * PostgreSQL as the `postgres` user (it refuses to run as root), in the foreground, trust auth on loopback,
 * with a database for n8n.
 * @param {string} dir @param {number} port @param {string} database
 */
async function startPostgres(dir, port, database) {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	execFileSync('chown', ['-R', 'postgres:postgres', dir]);
	const asPostgres = (/** @type {string} */ command, /** @type {string[]} */ args) => ['-u', 'postgres', '--', path.join(bin, command), ...args];
	execFileSync('runuser', asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust']), { stdio: 'ignore' });
	const log = fs.openSync(path.join(dir, 'postgres.log'), 'w');
	fs.chmodSync(dir, 0o755);
	const child = startGroup('runuser', asPostgres('postgres', ['-D', data, '-c', 'listen_addresses=127.0.0.1', '-p', String(port), '-k', socketDir, '-c', 'fsync=off']), { stdio: ['ignore', log, log] });
	await waitForPort(port);
	const sql = (/** @type {string} */ statement, /** @type {string} */ db = 'postgres') =>
		execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-AtX', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' }).trim();
	// The server may accept connections a moment before it accepts logins.
	for (let attempt = 0; ; attempt++) {
		try {
			sql(`CREATE DATABASE ${database}`);
			break;
		} catch (error) {
			if (attempt > 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	return { child, query: (/** @type {string} */ statement) => sql(statement, database) };
}

module.exports = { ensureServicesInstalled, startPostgres, startRedis, waitForPort };
