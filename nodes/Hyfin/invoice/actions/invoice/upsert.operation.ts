import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { InvalidInputError } from '../../../../shared/errors';
import { collectionProperty, toApiObject } from '../../../../shared/fields';
import { withInputMode } from '../../../../shared/inputMapping';
import { fromMinorUnits, toExactDecimal, toMinorUnits } from '../../../../shared/money';
import type { InputMapping, ItemInput, ParameterGetter, PreparedCall } from '../../../../shared/types';
import { isEmpty, optionalText, requireText } from '../../../../shared/validate';
import { hyfinSite, siteUrl } from '../../../transport';
import { buildLines, invoiceFields, linesProperty, v3InvoiceCustomerFields, v4InvoiceCustomerFields } from '../../fields/invoice';

const v3 = { show: { apiVersion: ['v3', 'v3.1'] } };
const v4 = { show: { apiVersion: ['v4'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. INV-2026-0001',
		description: 'Your own ID for the invoice. Hyfin updates the invoice with this ID, or adds one if none exists.',
		displayOptions: v3,
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		default: '',
		description: "Hyfin's ID of the invoice to update. Leave empty to create a new invoice.",
		displayOptions: v4,
	},
	{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', required: true, default: '', placeholder: 'e.g. 12345', description: 'The number the customer sees; unique' },
	{
		displayName: 'Total',
		name: 'total',
		type: 'string',
		default: '',
		placeholder: 'e.g. 45.99',
		hint: 'In dollars, at most 2 decimals. With lines it must be their sum; leave it empty to use the sum.',
	},
	{ displayName: 'Taxes', name: 'taxes', type: 'string', default: '', placeholder: 'e.g. 2.85', description: 'The taxes included in the total, in dollars (reported, not added)' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'What the invoice is for. Required when there are no lines.' },
	linesProperty,
	collectionProperty({ name: 'customer', displayName: 'Customer', placeholder: 'Add Customer Field', fields: v3InvoiceCustomerFields, displayOptions: v3 }),
	collectionProperty({ name: 'customer', displayName: 'Customer', placeholder: 'Add Customer Field', fields: v4InvoiceCustomerFields, displayOptions: v4 }),
	collectionProperty({ name: 'additionalFields', displayName: 'Additional Fields', placeholder: 'Add Field', fields: invoiceFields }),
];

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['upsert'] } }, withInputMode(properties));

/** "Map Automatically": the invoice read from the input item, named as the node or as Hyfin names it. */
export function inputMapping(param: ParameterGetter): InputMapping {
	const isV4 = param('apiVersion', 'v3') === 'v4';
	return [
		isV4
			? // Never `_id`: an item from a CRM carries its own; taking it would update another invoice, or none.
				{ parameter: 'invoiceId', label: 'Invoice ID', keys: ['invoiceId', 'invoice_id'], notFrom: ['_id'] }
			: { parameter: 'externalId', label: 'External ID', keys: ['externalId', 'external_id'], required: true },
		{ parameter: 'invoiceNumber', label: 'Invoice Number', keys: ['invoiceNumber', 'invoice_number'], required: true },
		{ parameter: 'total', label: 'Total', keys: ['total'] },
		{ parameter: 'taxes', label: 'Taxes', keys: ['taxes'] },
		{ parameter: 'description', label: 'Description', keys: ['description'] },
		{ parameter: 'lines', label: 'Lines', keys: ['lines'], type: 'array' },
		isV4
			? { parameter: 'customer', label: 'Customer', fields: v4InvoiceCustomerFields, within: ['customer'], topLevel: false }
			: { parameter: 'customer', label: 'Customer', fields: v3InvoiceCustomerFields, within: ['customer'], topLevel: false },
		{ parameter: 'additionalFields', label: 'Additional Fields', fields: invoiceFields, within: ['options'] },
	];
}

export interface InvoiceInput {
	version: 'v3' | 'v3.1' | 'v4';
	key: unknown;
	invoiceNumber: unknown;
	total: unknown;
	taxes: unknown;
	description: unknown;
	lines: unknown;
	customer?: IDataObject;
	additionalFields?: IDataObject;
}

/**
 * The addUpdate body, with the money checked exactly before anything is sent: amounts in dollars with at most
 * two decimals, each line's total its quantity × unit price, and the total the sum of the lines.
 */
export function buildInvoiceBody(input: InvoiceInput): IDataObject {
	const isV4 = input.version === 'v4';
	const body: IDataObject = {};
	if (isV4) {
		const id = optionalText(input.key, 'Invoice ID');
		if (id !== undefined) body._id = id;
	} else {
		body.external_id = requireText(input.key, 'External ID');
	}
	body.invoice_number = requireText(input.invoiceNumber, 'Invoice Number');
	const lines = buildLines(input.lines, isV4 ? '_id' : 'external_id');
	const description = optionalText(input.description, 'Description');
	if (!lines && description === undefined) {
		throw new InvalidInputError('Description', 'An invoice needs a "Description" or "Lines"', 'Give a description of what is billed, or add at least one line.');
	}
	let total: number;
	if (isEmpty(input.total)) {
		if (!lines) throw new InvalidInputError('Total', '"Total" is required when there are no lines');
		total = lines.sumCents;
	} else {
		total = toMinorUnits(input.total, 'Total');
		if (lines && total !== lines.sumCents) {
			throw new InvalidInputError('Total', `"Total" (${fromMinorUnits(total).toFixed(2)}) is not the sum of the lines (${fromMinorUnits(lines.sumCents).toFixed(2)})`, 'Hyfin checks the total against the lines to the cent. Leave Total empty to use the sum.');
		}
	}
	if (total <= 0) throw new InvalidInputError('Total', '"Total" must be greater than zero');
	body.totals = { total: toExactDecimal(total, 'Total') };
	if (!isEmpty(input.taxes)) {
		const taxes = toMinorUnits(input.taxes, 'Taxes');
		if (taxes > total) throw new InvalidInputError('Taxes', `"Taxes" (${fromMinorUnits(taxes).toFixed(2)}) are more than the total (${fromMinorUnits(total).toFixed(2)})`);
		(body.totals as IDataObject).taxes = toExactDecimal(taxes, 'Taxes');
	}
	if (description !== undefined) body.description = description;
	if (lines) body.lines = lines.lines;
	const customer = toApiObject(input.customer, isV4 ? v4InvoiceCustomerFields : v3InvoiceCustomerFields, 'Customer');
	if (Object.keys(customer).length) {
		if (!isV4 && customer.external_id === undefined) {
			throw new InvalidInputError('Customer › Customer External ID', '"Customer › Customer External ID" is required when a customer is given', 'Hyfin adds or updates the customer by this ID.');
		}
		body.customer = customer;
	}
	Object.assign(body, toApiObject(input.additionalFields, invoiceFields, 'Additional Fields'));
	return body;
}

function readInput(item: ItemInput, version: InvoiceInput['version']): InvoiceInput {
	return {
		version,
		key: item.param(version === 'v4' ? 'invoiceId' : 'externalId', ''),
		invoiceNumber: item.param('invoiceNumber', ''),
		total: item.param('total', ''),
		taxes: item.param('taxes', ''),
		description: item.param('description', ''),
		lines: item.param('lines', {}),
		customer: item.param('customer', {}) as IDataObject,
		additionalFields: item.param('additionalFields', {}) as IDataObject,
	};
}

export const toolAction =
	'Create or update an invoice. With API version 4 and no Invoice ID, each call creates a new invoice: if it fails with an error saying the invoice may or may not have been created, do not call this tool again for it';

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const body = buildInvoiceBody(readInput(item, version));
	const call: PreparedCall = { method: 'POST', url: siteUrl(item.baseUrl, version, siteId, 'invoice', 'addUpdate'), body, answerKeys: ['_id'] };
	// v3 / v3.1 upsert by external ID and a v4 update by _id may be repeated; a v4 create may not.
	if (version !== 'v4' || body._id !== undefined) return call;
	const reference = `invoice number "${String(body.invoice_number)}"`;
	return {
		...call,
		creates: {
			record: 'invoice',
			reference,
			unclearOutcome: `The invoice may or may not have been created in Hyfin. Before running this item again, look for ${reference} in Hyfin. Do not retry automatically`,
			idKey: '_id',
			summary: (answer) => ({ _id: answer._id, invoiceNumber: body.invoice_number }),
		},
	};
}
