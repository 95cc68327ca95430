// @ts-check
/**
 * Emulator of Hyfin's customer API (api/hyfin.md): token in `x-access-token` or `Authorization: Bearer`,
 * known sites only, per-version validation answered with `{success:false, errors:[...]}`, upsert by
 * `external_id` (v3/v3.1) answering `added`/`updated`, v4 create/update by `_id`, Get with 404 for unknown ids.
 */
const crypto = require('node:crypto');
const { routeMiss } = require('./routeMiss');
const { createHyfinSites } = require('./hyfinWebhooks');
const { createHyfinInvoices } = require('./hyfinInvoices');

const V3_KEYS = new Set(['external_id', 'first_name', 'last_name', 'account_name', 'mobile_phone', 'email', 'notes', 'active', 'notification_options']);
const V4_KEYS = new Set(['_id', 'display_name', 'account_name', 'primary_contact', 'contacts', 'parent_customer', 'bill_to_parent_flag', 'notes', 'attachment_refs', 'deleted']);
const CONTACT_KEYS = new Set(['first_name', 'last_name', 'mobile_phone', 'email', 'billing_address']);
const ADDRESS_KEYS = new Set(['address_line1', 'address_line2', 'city', 'state_code', 'zip_code']);

/**
 * @param {{ token: string, sites: string[], validationStatus?: number, sendThrottleMs?: number, now?: () => number }} config
 * @param {ReturnType<typeof import('./notifier').createNotifier>} notifier
 */
function createHyfin(config, notifier) {
	const sites = createHyfinSites(config, notifier);
	const invoices = createHyfinInvoices(config, sites);
	/** @type {Map<string, Record<string, unknown>>} v3 customers by `${site}/${external_id}` */
	let byExternalId = new Map();
	/** @type {Map<string, Record<string, unknown>>} v4 customers by `${site}/${_id}` */
	let byId = new Map();
	/** @type {Map<string, number>} how many upserts each external id received */
	let upsertCounts = new Map();
	let v4Creates = 0;

	/** @param {unknown} status @param {string[]} errors */
	const failure = (status, errors) => ({ status: Number(status), body: { success: false, errors } });
	const now = () => new Date().toISOString();
	const newId = () => crypto.randomBytes(12).toString('hex');

	/** @param {import('node:http').IncomingHttpHeaders} headers */
	function authorized(headers) {
		const bearer = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''));
		return headers['x-access-token'] === config.token || (bearer !== null && bearer[1] === config.token);
	}

	/** @param {unknown} value @param {string} name @param {string[]} errors */
	function requireString(value, name, errors) {
		if (typeof value !== 'string' || value.trim() === '') errors.push(`missing ${name}`);
	}

	/** @param {Record<string, unknown>} body @param {Set<string>} keys @param {string} prefix @param {string[]} errors */
	function unknownKeys(body, keys, prefix, errors) {
		for (const key of Object.keys(body)) if (!keys.has(key)) errors.push(`invalid field ${prefix}${key}`);
	}

	/** @param {string} site @param {Record<string, unknown>} body */
	function upsertV3(site, body) {
		/** @type {string[]} */
		const errors = [];
		unknownKeys(body, V3_KEYS, '', errors);
		requireString(body.external_id, 'external_id', errors);
		requireString(body.first_name, 'first_name', errors);
		requireString(body.last_name, 'last_name', errors);
		const notify = /** @type {Record<string, unknown>} */ (body.notification_options ?? {});
		if (notify.notify_phone === true && !body.mobile_phone) errors.push('mobile_phone is required when notify_phone is true');
		if (notify.notify_email === true && !body.email) errors.push('email is required when notify_email is true');
		if (body.active !== undefined && typeof body.active !== 'boolean') errors.push('invalid field active');
		if (errors.length) return failure(config.validationStatus ?? 400, errors);

		const key = `${site}/${body.external_id}`;
		upsertCounts.set(key, (upsertCounts.get(key) ?? 0) + 1);
		const existing = byExternalId.get(key);
		const record = {
			account_name: null,
			...existing,
			...body,
			mobile_phone: body.mobile_phone === undefined ? existing?.mobile_phone : normalisePhone(body.mobile_phone),
			_id: existing?._id ?? newId(),
			created_at: existing?.created_at ?? now(),
			updated_at: now(),
		};
		byExternalId.set(key, record);
		return { status: 200, body: { success: true, action: existing ? 'updated' : 'added', _id: record._id } };
	}

	/** @param {string} site @param {Record<string, unknown>} body */
	function upsertV4(site, body) {
		/** @type {string[]} */
		const errors = [];
		unknownKeys(body, V4_KEYS, '', errors);
		requireString(body.display_name, 'display_name', errors);
		const contact = /** @type {Record<string, unknown> | undefined} */ (body.primary_contact);
		if (contact !== undefined) {
			unknownKeys(contact, CONTACT_KEYS, 'primary_contact.', errors);
			const address = /** @type {Record<string, unknown> | undefined} */ (contact.billing_address);
			if (address !== undefined) unknownKeys(address, ADDRESS_KEYS, 'primary_contact.billing_address.', errors);
		}
		if (body.contacts !== undefined) {
			const ok = Array.isArray(body.contacts) && body.contacts.every((c) => c && typeof c._id === 'string' && typeof c.isPrimary === 'boolean');
			if (!ok) errors.push('invalid field contacts');
		}
		if (contact === undefined && body.contacts === undefined) errors.push('primary_contact or contacts is required');
		if (errors.length) return failure(config.validationStatus ?? 400, errors);

		if (body._id !== undefined) {
			const key = `${site}/${body._id}`;
			const existing = byId.get(key);
			if (!existing) return failure(404, [`customer ${body._id} not found`]);
			byId.set(key, { ...existing, ...body, updated_at: now() });
			return { status: 200, body: { success: true, action: 'updated', _id: body._id } };
		}
		v4Creates++;
		const id = newId();
		byId.set(`${site}/${id}`, { ...body, _id: id, created_at: now(), updated_at: now() });
		return { status: 200, body: { success: true, action: 'added', _id: id } };
	}

	/** @param {import('./index').SandboxRequest} request @returns {import('./index').Reply} */
	function handle(request) {
		// The sandbox's own route: make Hyfin post a webhook of a site (body: the event, see hyfinWebhooks.js).
		const [first, collection, siteOfControl, what] = request.segments;
		if (first === '_sandbox' && collection === 'sites' && what === 'webhooks' && request.method === 'POST') {
			const event = /** @type {any} */ (request.body && typeof request.body === 'object' ? request.body : {});
			return { status: 200, body: sites.emit(siteOfControl, { action: 'payment', shape: 'v3', ...event }, event.url) };
		}
		// The sandbox's own route: a customer pays an invoice (the payment webhook follows).
		if (first === '_sandbox' && collection === 'sites' && what === 'invoices' && request.segments[5] === 'pay' && request.method === 'POST') {
			const paid = invoices.pay(siteOfControl, request.segments[4], /** @type {any} */ (request.body ?? {}));
			return paid ? { status: 200, body: paid } : failure(404, [`invoice ${request.segments[4]} not found`]);
		}
		if (!authorized(request.headers)) return failure(401, ['invalid or missing access token']);
		// api / {version} / site / addUpdate: add a site or update one (its webhook among others).
		if (request.segments.length === 4 && request.segments[2] === 'site' && request.segments[3] === 'addUpdate' && request.method === 'POST') {
			const body = request.body;
			if (!body || typeof body !== 'object' || Array.isArray(body)) return failure(400, ['body must be a JSON object']);
			return sites.addUpdate(/** @type {Record<string, any>} */ (body));
		}
		// api / {version} / site / {site_id} / customer / {addUpdate | id}
		const [api, version, siteWord, site, resource, action, ...rest] = request.segments;
		const v4 = version === 'v4';
		if (api !== 'api' || !['v3', 'v3.1', 'v4'].includes(version) || siteWord !== 'site' || !['customer', 'invoice', 'payment'].includes(resource) || !action || rest.length) {
			return routeMiss(request);
		}
		if (!config.sites.includes(site)) return failure(404, [`site ${site} not found`]);
		if (resource !== 'customer') return invoices.handle(site, v4, resource, action, request) ?? routeMiss(request);

		if (request.method === 'POST' && action === 'addUpdate') {
			const body = request.body;
			if (!body || typeof body !== 'object' || Array.isArray(body)) return failure(400, ['body must be a JSON object']);
			return v4 ? upsertV4(site, /** @type {Record<string, unknown>} */ (body)) : upsertV3(site, /** @type {Record<string, unknown>} */ (body));
		}
		if (request.method === 'GET') {
			const record = v4 ? byId.get(`${site}/${action}`) : byExternalId.get(`${site}/${action}`);
			if (!record) return failure(404, [`customer ${action} not found`]);
			return { status: 200, body: record };
		}
		return routeMiss(request);
	}

	return {
		handle,
		/** The sites' webhooks, and sending webhooks as Hyfin does. */
		sites,
		/** Invoices, their sends and payments; `invoices.pay(site, id)` pays one. */
		invoices,
		/** Upserts received per external id (all sites), for duplicate and loss checks. */
		upsertCounts: () => new Map(upsertCounts),
		storedExternalIds: () => [...byExternalId.values()].map((r) => String(r.external_id)),
		v4Creates: () => v4Creates,
		customers: () => [...byExternalId.values(), ...byId.values()],
		reset() {
			byExternalId = new Map();
			byId = new Map();
			upsertCounts = new Map();
			v4Creates = 0;
			sites.reset();
			invoices.reset();
		},
	};
}

/** Hyfin returns North-American numbers as 11 digits without `+` (api/hyfin.md 3.3). @param {unknown} phone */
function normalisePhone(phone) {
	const digits = String(phone).replace(/\D/g, '');
	return digits.length === 10 ? `1${digits}` : digits;
}

module.exports = { createHyfin };
