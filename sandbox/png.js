// @ts-check
/**
 * A tiny PNG encoder (zlib from Node, CRC-32 by hand) so the sandbox answers QR payments with a real image:
 * a deterministic black-and-white module pattern derived from the payment id, with finder squares in three
 * corners like a QR code. It is a valid PNG, not a scannable QR.
 */
const zlib = require('node:zlib');
const crypto = require('node:crypto');

const CRC_TABLE = Array.from({ length: 256 }, (_v, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** @param {Buffer} buffer */
function crc32(buffer) {
	let crc = 0xffffffff;
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** 21x21 modules (QR version 1 size), `scale` pixels each, 2-module quiet zone. @param {string} seed */
function qrLikePng(seed, scale = 4) {
	const modules = 21;
	const bits = crypto.createHash('sha256').update(seed).digest();
	/** @param {number} x @param {number} y */
	const dark = (x, y) => {
		for (const [fx, fy] of [[0, 0], [14, 0], [0, 14]]) {
			const dx = x - fx;
			const dy = y - fy;
			if (dx >= 0 && dx < 7 && dy >= 0 && dy < 7) {
				return dx === 0 || dx === 6 || dy === 0 || dy === 6 || (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4);
			}
		}
		const index = y * modules + x;
		return ((bits[index % bits.length] >> (index % 8)) & 1) === 1;
	};
	const size = (modules + 4) * scale;
	const rows = [];
	for (let py = 0; py < size; py++) {
		const row = Buffer.alloc(size + 1);
		for (let px = 0; px < size; px++) {
			const x = Math.floor(px / scale) - 2;
			const y = Math.floor(py / scale) - 2;
			const inside = x >= 0 && y >= 0 && x < modules && y < modules;
			row[px + 1] = inside && dark(x, y) ? 0 : 255;
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // greyscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

module.exports = { qrLikePng, crc32 };
