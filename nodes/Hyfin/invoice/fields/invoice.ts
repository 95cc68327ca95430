import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { InvalidInputError } from '../../../shared/errors';
import { asBoolean, asEmail, asText } from '../../../shared/fields';
import type { FieldSpec } from '../../../shared/fields';
import { MAX_EXACT_CENTS, fromMinorUnits, toExactDecimal, toMinorUnits, toThousandths } from '../../../shared/money';
import { isEmpty, quote, requireText } from '../../../shared/validate';

/** A calendar date as Hyfin wants it, `YYYY-MM-DD`, and a real one (2026-02-30 is refused). */
export function asDate(value: unknown, label: string): string {
	const text = requireText(value, label);
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
	if (!match || !date || date.toISOString().slice(0, 10) !== text) {
		throw new InvalidInputError(label, `"${label}" must be a date as YYYY-MM-DD, such as 2026-12-31, got ${quote(value)}`);
	}
	return text;
}

/** A URL Hyfin can post to: http or https. */
export function asWebhookUrl(value: unknown, label: string): string {
	const text = requireText(value, label);
	if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
		throw new InvalidInputError(label, `"${label}" must be an http or https URL, such as the Hyfin Trigger's Production URL, got ${quote(value)}`);
	}
	return text;
}

/** An amount in dollars (major units, at most 2 decimals), checked exactly; returned in cents. */
export const asCents = (value: unknown, label: string): number => toMinorUnits(value, label);

/** Optional invoice fields, sent under their Hyfin names. */
export const invoiceFields: readonly FieldSpec[] = [
	{ displayName: 'Active', name: 'active', apiPath: 'active', type: 'boolean', default: true, description: 'Whether the invoice is active; turn off to withdraw it', convert: asBoolean },
	{ displayName: 'Customer Memo', name: 'customerMemo', apiPath: 'customer_memo', typeOptions: { rows: 2 }, description: 'A note the customer sees' },
	{ displayName: 'Due Date', name: 'dueDate', apiPath: 'due_date', placeholder: 'e.g. 2026-12-31', description: 'YYYY-MM-DD. Default: today, unless an invoice term says otherwise.', convert: asDate },
	{ displayName: 'Expire At', name: 'expireAt', apiPath: 'expire_at', placeholder: 'e.g. 2027-01-31', description: 'YYYY-MM-DD: the request is cancelled if not paid by then', convert: asDate },
	{ displayName: 'Internal Memo', name: 'internalMemo', apiPath: 'internal_memo', typeOptions: { rows: 2 }, description: 'A note for your staff only' },
	{ displayName: 'Invoice Date', name: 'invoiceDate', apiPath: 'invoice_date', placeholder: 'e.g. 2026-12-01', description: 'YYYY-MM-DD. A future date delays sending until that day. Default: today.', convert: asDate },
	{ displayName: 'Invoice Term Name', name: 'invoiceTermName', apiPath: 'invoice_term_name', description: "Default: the customer's term" },
	{ displayName: 'PO Number', name: 'poNumber', apiPath: 'po_number', description: "The customer's purchase order number" },
	{ displayName: 'Tipping Enabled', name: 'tippingEnabled', apiPath: 'options.tippingEnabled', type: 'boolean', default: false, description: 'Whether the customer may add a tip', convert: asBoolean },
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		apiPath: 'webhook_url',
		placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
		description: "Where Hyfin reports this invoice's payments: the Hyfin Trigger's Production URL (with ?token=… when its credential has a Webhook Token)",
		convert: asWebhookUrl,
	},
];

/** The customer given inline in v3 / v3.1 (Hyfin adds or updates it by its external ID). */
export const v3InvoiceCustomerFields: readonly FieldSpec[] = [
	{ displayName: 'Customer External ID', name: 'externalId', apiPath: 'external_id', description: 'Your own ID of the customer' },
	{ displayName: 'Email', name: 'email', apiPath: 'email', placeholder: 'e.g. name@email.com', convert: asEmail },
	{ displayName: 'First Name', name: 'firstName', apiPath: 'first_name' },
	{ displayName: 'Last Name', name: 'lastName', apiPath: 'last_name' },
	{ displayName: 'Mobile Phone', name: 'mobilePhone', apiPath: 'mobile_phone', placeholder: 'e.g. 111-222-3333', convert: asText },
];

/** The customer referenced by Hyfin's ID in v4. */
export const v4InvoiceCustomerFields: readonly FieldSpec[] = [
	{ displayName: 'Customer ID', name: 'customerId', apiPath: '_id', description: "Hyfin's ID of the customer (from Hyfin Customer's output, `_id`)" },
];

/** The Lines parameter: `{ line: [ ... ] }`, one entry per line item. */
export const linesProperty: INodeProperties = {
	displayName: 'Lines',
	name: 'lines',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Line',
	default: {},
	description: 'The line items. Each line total must be its quantity × unit price, and the total their sum, to the cent.',
	options: [
		{
			displayName: 'Line',
			name: 'line',
			values: [
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{ displayName: 'Line Total', name: 'lineTotal', type: 'string', default: '', placeholder: 'e.g. 59.97', description: 'Quantity × unit price, in dollars. Leave empty to have it computed.' },
				{ displayName: 'Product ID', name: 'productId', type: 'string', default: '', description: "Your product's external ID (v3) or Hyfin's product ID (v4)" },
				{ displayName: 'Product Name', name: 'productName', type: 'string', default: '' },
				{ displayName: 'Quantity', name: 'quantity', type: 'string', default: '1', description: 'At most 3 decimals' },
				{ displayName: 'Unit Price', name: 'unitPrice', type: 'string', default: '', placeholder: 'e.g. 19.99', description: 'In dollars, at most 2 decimals' },
			],
		},
	],
};

/** The first of the keys the line holds a value under. */
function pickOf(line: IDataObject, ...keys: string[]): unknown {
	for (const key of keys) if (!isEmpty(line[key])) return line[key];
	return undefined;
}

/**
 * The lines as Hyfin wants them, and their sum in cents. Accepts the Lines parameter (`{ line: [...] }`)
 * or an array of lines from the input item, named as the node or as Hyfin names them. Every amount is
 * checked in cents; a line total, when given, must be exactly quantity × unit price.
 */
export function buildLines(value: unknown, productKey: 'external_id' | '_id'): { lines: IDataObject[]; sumCents: number } | undefined {
	const list = Array.isArray(value) ? value : value && typeof value === 'object' ? (value as IDataObject).line : undefined;
	if (!Array.isArray(list) || list.length === 0) return undefined;
	let sumCents = 0;
	const lines = list.map((raw, index) => {
		const line = (raw && typeof raw === 'object' ? raw : {}) as IDataObject;
		const product = (line.product && typeof line.product === 'object' ? line.product : {}) as IDataObject;
		const label = (field: string) => `Lines › Line ${index + 1} › ${field}`;
		const price = toMinorUnits(pickOf(line, 'unitPrice', 'unit_price') ?? pickOf(product, 'unit_price'), label('Unit Price'));
		const unitPrice = toExactDecimal(price, label('Unit Price'));
		const quantity = toThousandths(pickOf(line, 'quantity', 'qty') ?? 1, label('Quantity'));
		// In integers of any size: a product past 2^53 would be rounded by floating point.
		const thousandthCents = BigInt(price) * BigInt(quantity);
		if (thousandthCents % BigInt(1000) !== BigInt(0)) {
			throw new InvalidInputError(label('Quantity'), `"${label('Quantity')}" × "${label('Unit Price')}" is not a whole number of cents`, 'Hyfin checks line totals to the cent: use a quantity and price whose product has at most 2 decimals.');
		}
		if (thousandthCents / BigInt(1000) > BigInt(MAX_EXACT_CENTS)) throw new InvalidInputError(label('Line Total'), `"${label('Line Total')}" is too large to be sent exactly: at most 9999999999999.99`);
		const computed = Number(thousandthCents / BigInt(1000));
		const given = pickOf(line, 'lineTotal', 'total');
		if (given !== undefined && toMinorUnits(given, label('Line Total')) !== computed) {
			throw new InvalidInputError(label('Line Total'), `"${label('Line Total')}" (${quote(given)}) is not quantity × unit price (${fromMinorUnits(computed).toFixed(2)})`);
		}
		sumCents += computed;
		if (sumCents > MAX_EXACT_CENTS) throw new InvalidInputError('Lines', 'The lines add up to more than can be sent exactly: at most 9999999999999.99');
		const productId = pickOf(line, 'productId', 'product_id') ?? pickOf(product, 'external_id', '_id');
		const productName = pickOf(line, 'productName', 'product_name') ?? pickOf(product, 'name');
		const description = pickOf(line, 'description');
		return {
			...(description === undefined ? {} : { description: requireText(description, label('Description')) }),
			...(productId === undefined && productName === undefined
				? {}
				: { product: { ...(productId === undefined ? {} : { [productKey]: requireText(productId, label('Product ID')) }), ...(productName === undefined ? {} : { name: requireText(productName, label('Product Name')) }), unit_price: unitPrice } }),
			unit_price: unitPrice,
			qty: quantity / 1000,
			total: toExactDecimal(computed, label('Line Total')),
		};
	});
	return { lines, sumCents };
}
