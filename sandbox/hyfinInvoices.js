// @ts-check
/**
 * Emulator of Hyfin's invoices, the request to pay (api/hyfin.md 3.5): addUpdate by `external_id` (v3/v3.1)
 * or create / update by `_id` (v4), strict keys, totals checked to the cent (the total is the sum of the
 * lines, each line's total its quantity × unit price), send by the customer's channels with Hyfin's 300-second
 * re-send refusal, get with `payments[]` and `notifications[]`, payment get; and paying an invoice, which posts
 * the payment webhook to the invoice's `webhook_url` or the site's webhook.
 */
const crypto = require('node:crypto');

const INVOICE_KEYS = new Set(['external_id', '_id', 'invoice_number', 'totals', 'customer', 'lines', 'description', 'invoice_date', 'due_date', 'expire_at', 'invoice_term_name', 'po_number', 'customer_memo', 'internal_memo', 'active', 'webhook_url', 'options']);
const LINE_KEYS = new Set(['description', 'product', 'unit_price', 'qty', 'total']);
const V3_CUSTOMER_KEYS = new Set(['external_id', 'first_name', 'last_name', 'mobile_phone', 'email']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A decimal amount as integer cents, read from its decimal text so that nothing is rounded; undefined when
 * it is not a number with at most 2 decimals.
 * @param {unknown} value @returns {number | undefined}
 */
function cents(value) {
	if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
	const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
	if (!match) return undefined;
	const whole = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] ? -whole : whole;
}

/** A quantity as an integer numerator over 1000 (at most 3 decimals). @param {unknown} value */
function thousandths(value) {
	if (typeof value !== 'number' || !(value > 0)) return undefined;
	const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(String(value));
	return match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')) : undefined;
}

/**
 * @param {{ sendThrottleMs?: number, now?: () => number }} config
 * @param {{ emit: (site: string, event: import('./hyfinWebhooks').WebhookEvent & Record<string, any>, url?: string) => { url: string | null, body: any } }} sites
 */
function createHyfinInvoices(config, sites) {
	/** @type {Map<string, Record<string, any>>} invoices by `${site}/${key}` where key is external_id (v3) or _id (v4) */
	let invoices = new Map();
	/** @type {Array<{ site: string, invoice: string, channels: string[], to: string[], at: number }>} */
	let sends = [];
	/** @type {Map<string, Record<string, any>>} payments by `${site}/${id}` */
	let payments = new Map();
	const clock = () => (config.now ? config.now() : Date.now());
	const failure = (/** @type {number} */ status, /** @type {string[]} */ errors) => ({ status, body: { success: false, errors } });

	/** @param {Record<string, any>} body @param {boolean} v4 @returns {string[]} */
	function validate(body, v4) {
		const errors = Object.keys(body).filter((key) => !INVOICE_KEYS.has(key) || (v4 ? key === 'external_id' : key === '_id')).map((key) => `invalid field ${key}`);
		if (!v4 && (typeof body.external_id !== 'string' || body.external_id === '')) errors.push('missing external_id');
		if (typeof body.invoice_number !== 'string' || body.invoice_number === '') errors.push('missing invoice_number');
		const total = cents(body.totals?.total);
		if (total === undefined) errors.push('invalid field totals.total');
		if (body.totals?.taxes !== undefined && cents(body.totals.taxes) === undefined) errors.push('invalid field totals.taxes');
		const lines = body.lines;
		if (lines === undefined && (typeof body.description !== 'string' || body.description === '')) errors.push('description or lines is required');
		if (lines !== undefined) {
			if (!Array.isArray(lines) || lines.length === 0) errors.push('invalid field lines');
			else {
				let sum = 0;
				lines.forEach((line, i) => {
					for (const key of Object.keys(line ?? {})) if (!LINE_KEYS.has(key)) errors.push(`invalid field lines[${i}].${key}`);
					const [price, qty, lineTotal] = [cents(line?.unit_price), thousandths(line?.qty), cents(line?.total)];
					if (price === undefined || qty === undefined || lineTotal === undefined) return void errors.push(`invalid amounts in lines[${i}]`);
					if (price * qty !== lineTotal * 1000) errors.push(`lines[${i}].total must be qty x unit_price`);
					sum += lineTotal;
				});
				if (total !== undefined && sum !== total) errors.push('totals.total does not match the sum of the line items');
			}
		}
		for (const key of ['invoice_date', 'due_date', 'expire_at']) if (body[key] !== undefined && !DATE.test(String(body[key]))) errors.push(`invalid field ${key}`);
		if (body.customer !== undefined) {
			const allowed = v4 ? new Set(['_id']) : V3_CUSTOMER_KEYS;
			for (const key of Object.keys(body.customer ?? {})) if (!allowed.has(key)) errors.push(`invalid field customer.${key}`);
		}
		if (body.webhook_url !== undefined && !/^https?:\/\//.test(String(body.webhook_url))) errors.push('invalid field webhook_url');
		return errors;
	}

	/** addUpdate. @param {string} site @param {boolean} v4 @param {Record<string, any>} body */
	function addUpdate(site, v4, body) {
		const errors = validate(body, v4);
		if (errors.length) return failure(400, errors);
		const key = v4 ? body._id : body.external_id;
		const existing = key === undefined ? undefined : invoices.get(`${site}/${key}`);
		if (v4 && key !== undefined && !existing) return failure(404, [`invoice ${key} not found`]);
		const id = existing?._id ?? crypto.randomBytes(12).toString('hex');
		const now = new Date(clock()).toISOString();
		const record = { ...existing, ...body, _id: id, payments: existing?.payments ?? [], notifications: existing?.notifications ?? [], created_at: existing?.created_at ?? now, updated_at: now };
		invoices.set(`${site}/${v4 ? id : key}`, record);
		return { status: 200, body: { success: true, action: existing ? 'updated' : 'added', _id: id, link: `https://pay.sandbox.hyfin.test/i/${id}` } };
	}

	/** send: by the customer's channels; refused within the throttle. @param {string} site @param {boolean} v4 @param {Record<string, any>} body */
	function send(site, v4, body) {
		const key = v4 ? body._id : body.external_id;
		if (typeof key !== 'string' || key === '') return failure(400, [v4 ? 'missing _id' : 'missing external_id']);
		const invoice = invoices.get(`${site}/${key}`);
		if (!invoice) return failure(404, [`invoice ${key} not found`]);
		const last = sends.filter((entry) => entry.site === site && entry.invoice === key).at(-1);
		if (last && clock() - last.at < (config.sendThrottleMs ?? 300000)) return failure(400, ['Duplicate email sent < 300 sec. ago']);
		const customer = invoice.customer ?? {};
		const channels = [customer.email ? 'email' : null, customer.mobile_phone ? 'sms' : null].filter((c) => c !== null);
		const entry = { site, invoice: key, channels: channels.length ? channels : ['link'], to: [customer.email, customer.mobile_phone].filter(Boolean), at: clock() };
		sends.push(entry);
		invoice.notifications.push({ error: false, value: entry.to.join(', '), description: `Invoice sent by ${entry.channels.join(' and ')}`, at: new Date(entry.at).toISOString() });
		return { status: 200, body: { success: true, action: 'updated' } };
	}

	/**
	 * Pays an invoice (the sandbox's stand-in for a customer paying): records the payment and posts Hyfin's
	 * payment webhook to the invoice's webhook_url, else the site's webhook.
	 * @param {string} site @param {string} key the invoice's external id (v3) or _id (v4) @param {{ amountMinor?: number, shape?: 'v3' | 'v4' }} [options]
	 */
	function pay(site, key, options = {}) {
		const invoice = invoices.get(`${site}/${key}`);
		if (!invoice) return undefined;
		const amountMinor = options.amountMinor ?? /** @type {number} */ (cents(invoice.totals.total));
		const id = crypto.randomBytes(12).toString('hex');
		const shape = options.shape ?? (invoice.external_id ? 'v3' : 'v4');
		const payment = { [shape === 'v3' ? 'external_id' : '_id']: id, payment_type: 'payment_card', payment_sub_type: 'visa', display_name: 'Visa 4242', last_4: '4242', total: amountMinor / 100, paid_on: new Date(clock()).toISOString(), status: 'paid', active: true };
		invoice.payments.push(payment);
		payments.set(`${site}/${id}`, payment);
		const customer = shape === 'v3' ? invoice.customer?.external_id : invoice.customer?._id;
		return sites.emit(site, { action: 'payment', shape, amountMinor, invoice: shape === 'v3' ? invoice.external_id : invoice._id, customer, paymentId: id }, invoice.webhook_url);
	}

	/** @param {string} site @param {boolean} v4 @param {string} resource @param {string} action @param {import('./index').SandboxRequest} request */
	function handle(site, v4, resource, action, request) {
		const body = /** @type {Record<string, any>} */ (request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? request.body : {});
		if (resource === 'invoice' && request.method === 'POST' && action === 'addUpdate') return addUpdate(site, v4, body);
		if (resource === 'invoice' && request.method === 'POST' && action === 'send') return send(site, v4, body);
		if (resource === 'invoice' && request.method === 'GET') {
			const invoice = invoices.get(`${site}/${action}`);
			return invoice ? { status: 200, body: invoice } : failure(404, [`invoice ${action} not found`]);
		}
		if (resource === 'payment' && request.method === 'GET') {
			const payment = payments.get(`${site}/${action}`);
			return payment ? { status: 200, body: payment } : failure(404, [`payment ${action} not found`]);
		}
		return undefined;
	}

	return {
		handle,
		pay,
		/** Every send Hyfin made (channel and recipients), oldest first. */
		sends: () => sends.map((entry) => ({ ...entry })),
		invoices: () => [...invoices.values()],
		reset() {
			invoices = new Map();
			sends = [];
			payments = new Map();
		},
	};
}

module.exports = { createHyfinInvoices, cents };
