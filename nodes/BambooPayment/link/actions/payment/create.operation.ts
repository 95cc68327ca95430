import { updateDisplayOptions } from 'n8n-workflow';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { InvalidInputError } from '../../../../shared/errors';
import { asText, collectionProperty, labelOf, toApiObject } from '../../../../shared/fields';
import { toPayableAmount } from '../../../../shared/money';
import { withInputMode } from '../../../../shared/inputMapping';
import type { InputMapping, ItemInput, PreparedCall } from '../../../../shared/types';
import { isEmpty, oneOf, quote, requireText } from '../../../../shared/validate';
import { currencyPropertyV2, orderNumberProperty, paymentFields, paymentFieldsV2, qrFileFormat, qrImageFields, qrImageFieldsV2 } from '../../fields/payment';
import type { QrFileFormat } from '../../fields/payment';
import { apiUrl, bambooCall } from '../../../transport';
import { onceKey, oncePerOrderNumber, onceRule, releasedOrderNumbers } from './oncePerOrderNumber';

const V1 = { show: { '@version': [1] } };
// Version 3 changed only the Payment operation's default; its Create form is version 2's.
const V2 = { show: { '@version': [2, 3] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1999',
		description: 'The amount to charge, in the unit chosen below',
		hint: 'In minor units by default: 1999 is 19.99. To type 19.99 instead, set Amount Unit to Major Units.',
	},
	{
		displayName: 'Amount Unit',
		name: 'amountUnit',
		type: 'options',
		options: [
			{ name: 'Minor Units (Cents)', value: 'minor', description: 'A whole number, sent as is: 1999 means 19.99' },
			{ name: 'Major Units', value: 'major', description: 'A decimal such as 19.99, converted exactly to 1999' },
		],
		default: 'minor',
	},
	{
		displayName: 'Currency',
		name: 'currencyCode',
		type: 'string',
		required: true,
		default: 'UYU',
		placeholder: 'e.g. UYU',
		description: 'Three-letter ISO 4217 code, such as UYU or USD',
		displayOptions: V1,
	},
	{ ...currencyPropertyV2, displayOptions: V2 },
	{
		displayName: 'Payment Type',
		name: 'paymentType',
		type: 'options',
		options: [
			{ name: 'Checkout Pro (Link)', value: 'CheckoutPro', description: 'A hosted checkout link' },
			{ name: 'QR (Link and QR Image)', value: 'QR', description: 'A link plus a QR image, also output as binary data' },
		],
		default: 'CheckoutPro',
	},
	{ ...orderNumberProperty, displayOptions: V2 },
	// Version 1 keeps its forms unchanged for saved workflows; version 2 has the improved ones.
	...[
		{ fields: paymentFields, qr: qrImageFields, version: V1 },
		{ fields: paymentFieldsV2, qr: qrImageFieldsV2, version: V2 },
	].flatMap(({ fields, qr, version }) => [
		collectionProperty({ name: 'additionalFields', displayName: 'Additional Fields', placeholder: 'Add Field', fields, displayOptions: version }),
		collectionProperty({
			name: 'qrImageOptions',
			displayName: 'QR Image Options',
			placeholder: 'Add QR Option',
			fields: qr,
			displayOptions: { show: { ...version.show, paymentType: ['QR'] } },
		}),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['create'] } }, withInputMode(properties));

/** "Map Automatically": the payment read from the input item. */
export function inputMapping(): InputMapping {
	return [
		{ parameter: 'amount', label: 'Amount', keys: ['amount'], required: true },
		{ parameter: 'amountUnit', label: 'Amount Unit', keys: ['amountUnit', 'amount_unit'] },
		{ parameter: 'currencyCode', label: 'Currency', keys: ['currencyCode', 'currency_code', 'currency'], required: true },
		{ parameter: 'paymentType', label: 'Payment Type', keys: ['paymentType', 'payment_type'] },
		{ parameter: 'additionalFields', label: 'Additional Fields', fields: paymentFields },
		{ parameter: 'qrImageOptions', label: 'QR Image Options', fields: qrImageFields, within: ['qrImageOptions', 'qr_image_options'], topLevel: false },
	];
}

export interface PaymentInput {
	amount: unknown;
	amountUnit: unknown;
	currencyCode: unknown;
	paymentType: unknown;
	/** Version 2's Order Number parameter (version 1 has it in Additional Fields). */
	orderNumber?: unknown;
	additionalFields?: IDataObject;
	qrImageOptions?: IDataObject;
}

/** The create body: amount in minor units, options only for QR, metadata as Bamboo's strings. */
export function buildPaymentBody(input: PaymentInput): IDataObject {
	const unit = isEmpty(input.amountUnit) ? 'minor' : oneOf(input.amountUnit, ['minor', 'major'] as const, 'Amount Unit');
	const amount = toPayableAmount(input.amount, unit, 'Amount');
	const currency = requireText(input.currencyCode, 'Currency');
	if (!/^[A-Za-z]{3}$/.test(currency)) {
		throw new InvalidInputError('Currency', `"Currency" must be a three-letter ISO 4217 code such as UYU, got ${quote(currency)}`);
	}
	const paymentType = isEmpty(input.paymentType) ? 'CheckoutPro' : oneOf(input.paymentType, ['CheckoutPro', 'QR'] as const, 'Payment Type');
	const body: IDataObject = {
		amount,
		currencyCode: currency.toUpperCase(),
		paymentType,
		...toApiObject(input.additionalFields, paymentFields, 'Additional Fields'),
		...(isEmpty(input.orderNumber) ? {} : { orderNumber: asText(input.orderNumber, 'Order Number') }),
	};
	const taxable = (body.metadataIn as IDataObject | undefined)?.taxableAmount;
	if (taxable !== undefined && Number(taxable) > amount) {
		const field = labelOf(paymentFields, 'taxableAmount', 'Additional Fields');
		throw new InvalidInputError(field, `"${field}" (${String(taxable)}) is larger than the amount (${amount})`);
	}
	if (paymentType === 'QR') {
		const qr = toApiObject(input.qrImageOptions, qrImageFields, 'QR Image Options');
		if (Object.keys(qr).length) body.qrImageOptions = qr;
	}
	return body;
}

function majorText(minor: number, currency: string): string {
	return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')} ${currency}`;
}

/** How the link of this body is found without an answer. */
function reference(body: IDataObject): string {
	return body.orderNumber
		? `order number "${String(body.orderNumber)}"`
		: `a link of ${majorText(body.amount as number, String(body.currencyCode))} created just now (set an Order Number to make this check easy)`;
}

function unclearOutcome(body: IDataObject): string {
	return `The payment link may or may not have been created at Bamboo. Before running this item again, look for ${reference(body)} under Payment Links in Bamboo's Merchant Console. Do not retry automatically`;
}

const DATA_URI = /^data:[\w.+/-]*;base64,([A-Za-z0-9+/=\s]+)$/;

/**
 * The QR image of the answer as n8n binary data (the JSON keeps the data URI as Bamboo sent it). Its MIME
 * type comes from the format that was asked for, never from the answer, so an answer cannot make n8n
 * store and serve something else (such as HTML) as this file.
 */
async function qrBinary(ctx: IExecuteFunctions, json: IDataObject, format: QrFileFormat): Promise<IBinaryKeyData | undefined> {
	const match = typeof json.qrImage === 'string' ? DATA_URI.exec(json.qrImage) : null;
	if (!match) return undefined;
	const fileName = `payment-${String(json.paymentId ?? 'qr')}.${format.extension}`;
	return { qrImage: await ctx.helpers.prepareBinaryData(Buffer.from(match[1], 'base64'), fileName, format.mimeType) };
}

function readInput(item: ItemInput): PaymentInput {
	const paymentType = item.param('paymentType', 'CheckoutPro');
	const additionalFields = item.param('additionalFields', {}) as IDataObject;
	return {
		amount: item.param('amount', ''),
		amountUnit: item.param('amountUnit', 'minor'),
		currencyCode: item.param('currencyCode', ''),
		paymentType,
		// Version 2 has Order Number as a parameter of its own.
		orderNumber: item.nodeVersion >= 2 ? item.param('orderNumber', '') : undefined,
		additionalFields,
		qrImageOptions: typeof paymentType === 'string' && paymentType.trim().toLowerCase() === 'qr' ? (item.param('qrImageOptions', {}) as IDataObject) : undefined,
	};
}

export const toolAction =
	'Create a payment link. Each call creates a new link: if it fails with an error saying the link may or may not have been created, do not call this tool again for that order; give the order number to the person so they can check it in the Bamboo Merchant Console';

export function prepare(item: ItemInput): PreparedCall {
	const body = buildPaymentBody(readInput(item));
	const orderNumber = typeof body.orderNumber === 'string' ? body.orderNumber : undefined;
	const once = oncePerOrderNumber(item);
	const releases = once ? releasedOrderNumbers(item).map((order) => onceKey(item, order)) : [];
	const format = qrFileFormat(body.qrImageOptions as IDataObject | undefined);
	return bambooCall(item, {
		method: 'POST',
		url: apiUrl(item.baseUrl, 'payments'),
		body,
		// A repeated POST may create a second link: never repeated once it may have reached Bamboo.
		creates: {
			record: 'payment link',
			reference: reference(body),
			unclearOutcome: unclearOutcome(body),
			idKey: 'paymentId',
			summary: (answer) => ({ paymentId: answer.paymentId, orderNumber: body.orderNumber, redirectUrl: answer.redirectUrl }),
			...(once && orderNumber !== undefined ? { once: onceRule(item, body, orderNumber) } : {}),
			...(releases.length ? { releases } : {}),
		},
		toOutput: async (json, ctx) => {
			const binary = await qrBinary(ctx, json, format);
			return binary ? { json, binary } : { json };
		},
	});
}
