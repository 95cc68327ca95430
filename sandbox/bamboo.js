// @ts-check
/**
 * Emulator of Bamboo's Payment Link (H2H) API (api/bamboo-payment-link.md): `Authorization: Basic <key>`,
 * create with validation, a UUID paymentId, a checkout redirectUrl, validForMinutes and a PNG qrImage for QR;
 * inject customer (404 for an unknown payment, 400 without identifier); get payment with a status; the
 * customer account-link, get and delete calls. Failures carry `isSuccess: false` and
 * `errors: [{code, message}]` (or, when configured, PascalCase or plain-string entries).
 */
const crypto = require('node:crypto');
const { routeMiss } = require('./routeMiss');
const { CHECKOUT_PAGE, STATUSES, notify, payload } = require('./bambooNotifications');
const { qrLikePng } = require('./png');

const PAYMENT_KEYS = new Set(['amount', 'currencyCode', 'paymentType', 'orderNumber', 'installments', 'validForMinutes', 'notificationUrl', 'metadataIn', 'qrImageOptions']);
const METADATA_KEYS = new Set(['invoiceNumber', 'isFinalConsumer', 'taxableAmount']);
const QR_KEYS = new Set(['contentType', 'encodedJsonPrefix', 'errorCorrectionLevel', 'imageFormat', 'imagePixelFormat', 'scale', 'border', 'foregroundColor', 'backgroundColor', 'borderColor', 'embeddedImageName', 'embeddedImageRelativeWidth']);
const CUSTOMER_KEYS = new Set(['identifier', 'email', 'firstName', 'lastName', 'documentTypeId', 'documentNumber', 'phoneNumber', 'billingAddress', 'shippingAddress']);
const ADDRESS_KEYS = new Set(['detail', 'country', 'state', 'city', 'postalCode']);

/**
 * @typedef {{ privateKey: string, checkoutHost?: string, errorShape?: 'camel' | 'pascal' | 'string', rejectOrders?: string[], qrMime?: string, notificationUrl?: string, signatureHeader?: string }} BambooConfig
 *   `rejectOrders`: order numbers Bamboo refuses (400), to make a deterministic vendor failure mid-run;
 *   `qrMime`: the MIME type the QR data URI declares (default image/png);
 *   `notificationUrl`: the merchant's default notification URL (the Merchant Dashboard setting);
 *   `signatureHeader`: the header that carries the notification signature (default "signature").
 */
/**
 * @param {BambooConfig} config
 * @param {ReturnType<typeof import('./notifier').createNotifier>} notifier
 */
function createBamboo(config, notifier) {
	const checkoutBase = () => config.checkoutHost ?? 'https://checkout.stage.bamboopayment.com';
	/** @type {Map<string, Record<string, any>>} */
	let payments = new Map();
	/** @type {Map<string, Record<string, any>>} */
	let customers = new Map();
	/** @type {Map<string, number>} payment links created per order number */
	let createsByOrder = new Map();
	let accountLinks = 0;
	let settled = 0;

	/** @param {number} status @param {Array<[string, string]>} entries */
	function failure(status, entries) {
		const shape = config.errorShape ?? 'camel';
		const errors = entries.map(([code, message]) =>
			shape === 'pascal' ? { ErrorCode: code, Message: message, Detail: `HTTP ${status}` } : shape === 'string' ? `${code}: ${message}` : { code, message },
		);
		return { status, body: shape === 'pascal' ? { isSuccess: false, Errors: errors } : { isSuccess: false, errors } };
	}

	/** @param {Record<string, unknown>} object @param {Set<string>} keys @param {string} prefix @param {Array<[string, string]>} errors */
	function unknownKeys(object, keys, prefix, errors) {
		for (const key of Object.keys(object)) if (!keys.has(key)) errors.push(['BP400', `Unknown field ${prefix}${key}`]);
	}

	/** @param {unknown} value */
	const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

	/** @param {unknown} customer @param {Array<[string, string]>} errors */
	function checkCustomer(customer, errors) {
		if (!isObject(customer)) return errors.push(['BP400', 'customer is required']);
		const c = /** @type {Record<string, any>} */ (customer);
		unknownKeys(c, CUSTOMER_KEYS, 'customer.', errors);
		if (typeof c.identifier !== 'string' || c.identifier === '') errors.push(['BP400', 'customer.identifier is required']);
		if (c.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(c.email))) errors.push(['CS001', 'Invalid email']);
		if (c.documentTypeId !== undefined && !Number.isInteger(c.documentTypeId)) errors.push(['TK018', 'Invalid document type']);
		for (const name of ['billingAddress', 'shippingAddress']) {
			if (c[name] === undefined) continue;
			if (!isObject(c[name]) || Object.keys(c[name]).length === 0) errors.push(['BP400', `customer.${name} must be a non-empty object`]);
			else unknownKeys(c[name], ADDRESS_KEYS, `customer.${name}.`, errors);
		}
		return errors.length;
	}

	/** @param {Record<string, any>} body */
	function createPayment(body) {
		/** @type {Array<[string, string]>} */
		const errors = [];
		unknownKeys(body, PAYMENT_KEYS, '', errors);
		if (!Number.isInteger(body.amount) || body.amount <= 0) errors.push(['PR003', 'amount must be a positive integer in minor units']);
		if (typeof body.currencyCode !== 'string' || !/^[A-Z]{3}$/.test(body.currencyCode)) errors.push(['PR004', 'currencyCode must be an ISO 4217 code']);
		const type = typeof body.paymentType === 'string' ? body.paymentType.toLowerCase() : '';
		if (type !== 'qr' && type !== 'checkoutpro') errors.push(['BP400', 'paymentType must be QR or CheckoutPro']);
		if (body.installments !== undefined && !(Array.isArray(body.installments) && body.installments.every((n) => Number.isInteger(n) && n > 0))) {
			errors.push(['BP400', 'installments must be an array of positive integers']);
		}
		if (body.validForMinutes !== undefined && !(Number.isInteger(body.validForMinutes) && body.validForMinutes > 0)) errors.push(['BP400', 'validForMinutes must be a positive integer']);
		if (body.metadataIn !== undefined) {
			if (!isObject(body.metadataIn)) errors.push(['BP400', 'metadataIn must be an object']);
			else {
				unknownKeys(body.metadataIn, METADATA_KEYS, 'metadataIn.', errors);
				for (const [key, value] of Object.entries(body.metadataIn)) if (typeof value !== 'string') errors.push(['BP400', `metadataIn.${key} must be a string`]);
				if (body.metadataIn.isFinalConsumer !== undefined && !['true', 'false'].includes(body.metadataIn.isFinalConsumer)) errors.push(['BP400', 'metadataIn.isFinalConsumer must be "true" or "false"']);
				if (Number(body.metadataIn.taxableAmount) > body.amount) errors.push(['PR017', 'taxableAmount is larger than the amount']);
			}
		}
		if (body.qrImageOptions !== undefined) {
			if (type !== 'qr') errors.push(['BP400', 'qrImageOptions is only allowed with paymentType QR']);
			else if (!isObject(body.qrImageOptions)) errors.push(['BP400', 'qrImageOptions must be an object']);
			else unknownKeys(body.qrImageOptions, QR_KEYS, 'qrImageOptions.', errors);
		}
		if (config.rejectOrders?.includes(String(body.orderNumber))) errors.push(['PR009', `Order ${body.orderNumber} is refused`]);
		if (errors.length) return failure(400, errors);

		const paymentId = crypto.randomUUID();
		const order = body.orderNumber === undefined ? `(none)` : String(body.orderNumber);
		createsByOrder.set(order, (createsByOrder.get(order) ?? 0) + 1);
		const payment = {
			paymentId,
			redirectUrl: `${checkoutBase()}/#?paymentId=${paymentId}`,
			validForMinutes: body.validForMinutes ?? 15,
			request: body,
			paymentStatus: 'pending',
			transactionStatus: 'pending',
			purchaseId: null,
			customer: undefined,
		};
		payments.set(paymentId, payment);
		/** @type {Record<string, unknown>} */
		const answer = { paymentId, redirectUrl: payment.redirectUrl, validForMinutes: payment.validForMinutes };
		if (type === 'qr') answer.qrImage = `data:${config.qrMime ?? 'image/png'};base64,${qrLikePng(paymentId).toString('base64')}`;
		return { status: 200, body: { ...answer, isSuccess: true, errors: [] } };
	}

	/** @param {string} paymentId @param {Record<string, any>} body */
	function injectCustomer(paymentId, body) {
		const payment = payments.get(paymentId);
		if (!payment) return failure(404, [['BP404', `Payment ${paymentId} not found`]]);
		/** @type {Array<[string, string]>} */
		const errors = [];
		unknownKeys(body, new Set(['customer']), '', errors);
		checkCustomer(body.customer, errors);
		if (errors.length) return failure(400, errors);
		payment.customer = body.customer;
		return { status: 200, body: { paymentId, redirectUrl: payment.redirectUrl, validForMinutes: payment.validForMinutes, isSuccess: true, errors: [] } };
	}

	/** @param {string} paymentId */
	function getPayment(paymentId) {
		const payment = payments.get(paymentId);
		if (!payment) return failure(404, [['BP404', `Payment ${paymentId} not found`]]);
		return {
			status: 200,
			body: {
				paymentId,
				redirectUrl: payment.redirectUrl,
				validForMinutes: payment.validForMinutes,
				paymentStatus: payment.paymentStatus,
				transactionStatus: payment.transactionStatus,
				purchaseId: payment.purchaseId,
				metadata: payment.request.metadataIn ?? {},
				isSuccess: true,
				errors: [],
			},
		};
	}

	/** @param {Record<string, any>} body */
	function accountLink(body) {
		/** @type {Array<[string, string]>} */
		const errors = [];
		unknownKeys(body, new Set(['customer', 'accountLinkType', 'validForMinutes']), '', errors);
		checkCustomer(body.customer, errors);
		if (body.accountLinkType !== 'qr') errors.push(['BP400', 'accountLinkType must be "qr"']);
		if (body.validForMinutes !== undefined && !(Number.isInteger(body.validForMinutes) && body.validForMinutes > 0)) errors.push(['BP400', 'validForMinutes must be a positive integer']);
		if (errors.length) return failure(400, errors);
		accountLinks++;
		const customerId = crypto.randomUUID();
		customers.set(body.customer.identifier, { ...body.customer });
		return {
			status: 200,
			body: { customerId, redirectUrl: `${checkoutBase()}/#?customerId=${customerId}`, validForMinutes: body.validForMinutes ?? 15, isSuccess: true },
		};
	}

	/**
	 * Settles a payment as if the customer had gone through the checkout, and notifies the merchant: at the
	 * link's notificationUrl, else at the default notification URL, signed, redelivered while not answered 200.
	 * @param {string} paymentId
	 * @param {{ status?: import('./bambooNotifications').Outcome, family?: 'purchase' | 'transaction' | 'chargeback' }} [outcome]
	 */
	function pay(paymentId, outcome = {}) {
		const payment = payments.get(paymentId);
		if (!payment) return undefined;
		const status = outcome.status ?? 'approved';
		settled++;
		Object.assign(payment, {
			paymentStatus: status === 'approved' ? 'completed' : status,
			transactionStatus: status,
			purchaseId: payment.purchaseId ?? 100000 + settled,
			transactionId: 500000 + settled,
		});
		const request = payment.request;
		const body = payload(
			{ purchaseId: payment.purchaseId, transactionId: payment.transactionId, order: request.orderNumber, amount: request.amount, currency: request.currencyCode, metadata: request.metadataIn },
			status,
			outcome.family ?? 'purchase',
		);
		const url = request.notificationUrl ?? config.notificationUrl;
		if (url) {
			void notify(notifier, { url, body, privateKey: config.privateKey, signatureHeader: config.signatureHeader, label: `bamboo ${outcome.family ?? 'purchase'} ${payment.purchaseId} ${status}` });
		}
		return { paymentId, status, notificationUrl: url ?? null, body };
	}

	/** The sandbox's own routes: the checkout page, and paying a link. @param {import('./index').SandboxRequest} request */
	function sandboxControl(request) {
		const [first, collection, id, action] = request.segments;
		if (first === 'checkout' && request.method === 'GET') return { status: 200, raw: CHECKOUT_PAGE };
		if (first !== '_sandbox') return undefined;
		if (collection === 'payments' && action === 'pay' && request.method === 'POST') {
			const body = /** @type {Record<string, any>} */ (isObject(request.body) ? request.body : {});
			if (body.status !== undefined && !(body.status in STATUSES)) return failure(400, [['SB400', `status must be one of ${Object.keys(STATUSES).join(', ')}`]]);
			const paid = pay(id, { status: body.status, family: body.family });
			return paid ? { status: 200, body: paid } : failure(404, [['BP404', `Payment ${id} not found`]]);
		}
		return routeMiss(request);
	}

	/** @param {import('./index').SandboxRequest} request @returns {import('./index').Reply} */
	function handle(request) {
		const control = sandboxControl(request);
		if (control) return control;
		if (request.headers.authorization !== `Basic ${config.privateKey}`) return failure(401, [['AUTH01', 'Invalid or missing private key']]);
		const [api, v1, collection, id, ...rest] = request.segments;
		if (api !== 'api' || v1 !== 'v1' || rest.length) return routeMiss(request);
		const body = /** @type {Record<string, any>} */ (isObject(request.body) ? request.body : {});
		const needsBody = request.method === 'POST' || request.method === 'PATCH';
		if (needsBody && !isObject(request.body)) return failure(400, [['BP400', 'Body must be a JSON object']]);

		if (collection === 'payments') {
			if (request.method === 'POST' && id === undefined) return createPayment(body);
			if (request.method === 'PATCH' && id) return injectCustomer(id, body);
			if (request.method === 'GET' && id) return getPayment(id);
		}
		if (collection === 'customers') {
			if (request.method === 'POST' && id === 'account-link') return accountLink(body);
			if (request.method === 'GET' && id) {
				const customer = customers.get(id);
				return customer ? { status: 200, body: { customer, isSuccess: true } } : failure(404, [['CS404', `Customer ${id} not found`]]);
			}
			if (request.method === 'DELETE' && id) {
				return customers.delete(id) ? { status: 200, body: { isSuccess: true } } : failure(404, [['CS404', `Customer ${id} not found`]]);
			}
		}
		return routeMiss(request);
	}

	return {
		handle,
		/** Payment links created per order number, for duplicate checks. */
		createsByOrder: () => new Map(createsByOrder),
		payments: () => [...payments.values()],
		accountLinks: () => accountLinks,
		customers: () => new Map(customers),
		pay,
		reset() {
			payments = new Map();
			customers = new Map();
			createsByOrder = new Map();
			accountLinks = 0;
		},
	};
}

module.exports = { createBamboo };
