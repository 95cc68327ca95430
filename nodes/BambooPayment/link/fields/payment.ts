import { InvalidInputError } from '../../../shared/errors';
import { asBooleanText, asWholeNumber, asText, flagsOff } from '../../../shared/fields';
import type { FieldSpec } from '../../../shared/fields';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { oneOf, toInteger, toList } from '../../../shared/validate';

/** The image file formats Bamboo documents for the QR, with the MIME type n8n stores the image under. */
const FILE_FORMATS: Record<string, { mimeType: string; extension: string }> = {
	png: { mimeType: 'image/png', extension: 'png' },
	bmp: { mimeType: 'image/bmp', extension: 'bmp' },
	gif: { mimeType: 'image/gif', extension: 'gif' },
	jpeg: { mimeType: 'image/jpeg', extension: 'jpg' },
	pbm: { mimeType: 'image/x-portable-bitmap', extension: 'pbm' },
	tga: { mimeType: 'image/x-tga', extension: 'tga' },
	tiff: { mimeType: 'image/tiff', extension: 'tiff' },
	webp: { mimeType: 'image/webp', extension: 'webp' },
};
const PIXEL_FORMATS = ['rgb24', 'argb32'];
// Bamboo's docs may have the two format fields' descriptions swapped, so each accepts both sets of values.
const IMAGE_FORMAT_VALUES = [...PIXEL_FORMATS, ...Object.keys(FILE_FORMATS)];

export type QrFileFormat = { mimeType: string; extension: string };

/** The file format asked for in the QR options (in whichever of the two fields holds one); PNG by default. */
export function qrFileFormat(qrImageOptions: IDataObject | undefined): QrFileFormat {
	const asked = [qrImageOptions?.imagePixelFormat, qrImageOptions?.imageFormat].find(
		(value) => typeof value === 'string' && Object.keys(FILE_FORMATS).includes(value),
	);
	return FILE_FORMATS[String(asked ?? 'png')];
}

function asImageFormat(value: unknown, label: string): string {
	return oneOf(value, IMAGE_FORMAT_VALUES, label);
}

function asInstallments(value: unknown, label: string): number[] {
	const counts = toList(value, label).map((entry) => toInteger(entry, label, { min: 1, max: 99 }));
	if (counts.length === 0) throw new InvalidInputError(label, `"${label}" contains no number`);
	return counts;
}

function asMinutes(value: unknown, label: string): number {
	return toInteger(value, label, { min: 1 });
}

function asHttpUrl(value: unknown, label: string): string {
	const text = asText(value, label);
	if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
		throw new InvalidInputError(label, `"${label}" must be an http(s) URL, got "${text}"`);
	}
	return text;
}

function asMinorUnitsText(value: unknown, label: string): string {
	return String(toInteger(value, label, { min: 0 }));
}

/** A payment created by Create: the path of Inject Customer and Get. */
export const paymentIdProperty: INodeProperties = {
	displayName: 'Payment ID',
	name: 'paymentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 15d191b1-ddf7-4664-884f-e3bd99a9da79',
	description: 'The ID of a payment created by Create (its paymentId)',
};

/** Optional fields of Create payment link (`metadataIn.*` are strings on the wire, as Bamboo documents). */
export const paymentFields: readonly FieldSpec[] = [
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		apiPath: 'orderNumber',
		description: 'Your order reference. Recommended: it is how you find a link again after an unclear failure.',
		convert: asText,
	},
	{
		displayName: 'Installments',
		name: 'installments',
		apiPath: 'installments',
		placeholder: 'e.g. 1, 3, 6, 12',
		description: 'Comma-separated numbers of installments to offer',
		convert: asInstallments,
	},
	{
		displayName: 'Valid for (Minutes)',
		name: 'validForMinutes',
		apiPath: 'validForMinutes',
		type: 'number',
		default: 15,
		description: 'How long the link can be paid. Bamboo defaults to 15.',
		convert: asMinutes,
	},
	{
		displayName: 'Notification URL',
		name: 'notificationUrl',
		apiPath: 'notificationUrl',
		placeholder: 'e.g. https://example.com/bamboo/notifications',
		description: 'Where Bamboo sends the payment status',
		convert: asHttpUrl,
	},
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		apiPath: 'metadataIn.invoiceNumber',
		convert: asText,
	},
	{
		displayName: 'Is Final Consumer',
		name: 'isFinalConsumer',
		apiPath: 'metadataIn.isFinalConsumer',
		type: 'boolean',
		default: true,
		description: 'Whether the buyer is a final consumer (sent as the text "true" or "false")',
		convert: asBooleanText,
	},
	{
		displayName: 'Taxable Amount',
		name: 'taxableAmount',
		apiPath: 'metadataIn.taxableAmount',
		placeholder: 'e.g. 12000',
		description: 'The VAT-taxable part of the amount',
		hint: 'In minor units, like the amount: 12000 is 120.00',
		convert: asMinorUnitsText,
	},
];

/** `qrImageOptions`, sent only with payment type QR. */
export const qrImageFields: readonly FieldSpec[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		apiPath: 'contentType',
		type: 'options',
		options: [
			{ name: 'Encoded JSON', value: 'encodedJson', description: 'Base64 JSON payload, so scanners do not open a URL' },
			{ name: 'URL', value: 'url', description: 'The QR holds the payment link' },
		],
		default: 'encodedJson',
	},
	{ displayName: 'Encoded JSON Prefix', name: 'encodedJsonPrefix', apiPath: 'encodedJsonPrefix', placeholder: 'e.g. myapp://payment?data=' },
	{
		displayName: 'Error Correction Level',
		name: 'errorCorrectionLevel',
		apiPath: 'errorCorrectionLevel',
		type: 'options',
		options: [
			{ name: 'Low (7%)', value: 'low' },
			{ name: 'Medium (15%)', value: 'medium' },
			{ name: 'Quartile (25%)', value: 'quartile' },
			{ name: 'High (30%)', value: 'high' },
		],
		default: 'quartile',
	},
	{
		displayName: 'Pixel Format',
		name: 'imageFormat',
		apiPath: 'imageFormat',
		placeholder: 'e.g. rgb24',
		description: 'Color depth of the image: rgb24 (default) or argb32 (sent as imageFormat)',
		convert: asImageFormat,
	},
	{
		displayName: 'File Format',
		name: 'imagePixelFormat',
		apiPath: 'imagePixelFormat',
		placeholder: 'e.g. png',
		description: 'File format of the image: png (default), bmp, gif, jpeg, pbm, tga, tiff or webp (sent as imagePixelFormat)',
		convert: asImageFormat,
	},
	{ displayName: 'Scale', name: 'scale', apiPath: 'scale', type: 'number', default: 10, description: 'Size of one QR module in pixels', convert: asWholeNumber },
	{ displayName: 'Border', name: 'border', apiPath: 'border', type: 'number', default: 2, description: 'Quiet zone on each side, in modules', convert: asWholeNumber },
	{ displayName: 'Foreground Color', name: 'foregroundColor', apiPath: 'foregroundColor', placeholder: 'e.g. #000000' },
	{ displayName: 'Background Color', name: 'backgroundColor', apiPath: 'backgroundColor', placeholder: 'e.g. #FFFFFF' },
	{ displayName: 'Border Color', name: 'borderColor', apiPath: 'borderColor', placeholder: 'e.g. #FFFFFF' },
	{
		displayName: 'Embedded Image Name',
		name: 'embeddedImageName',
		apiPath: 'embeddedImageName',
		description: 'Name of a logo uploaded in the Merchant Portal, drawn in the center',
	},
	{
		displayName: 'Embedded Image Relative Width',
		name: 'embeddedImageRelativeWidth',
		apiPath: 'embeddedImageRelativeWidth',
		type: 'number',
		default: 0.25,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Logo width as a fraction of the QR width',
		convert: (value, label) => {
			const fraction = Number(value);
			if (!(fraction > 0 && fraction <= 1)) {
				throw new InvalidInputError(label, `"${label}" must be a fraction above 0 and at most 1, got ${String(value)}`);
			}
			return fraction;
		},
	},
];

/**
 * Version 2 of the Create form: Order Number is a parameter of its own (see orderNumberProperty), flags start
 * off when added, the QR's colours are colour pickers and its formats are lists. Values are converted with
 * the version 1 definitions above, which accept everything these offer.
 */
export const paymentFieldsV2: readonly FieldSpec[] = flagsOff(paymentFields.filter((field) => field.name !== 'orderNumber'));

const COLOR_DEFAULTS: Record<string, string> = { foregroundColor: '#000000', backgroundColor: '#FFFFFF', borderColor: '#FFFFFF' };
const listOf = (values: string[]) => values.map((value) => ({ name: value.toUpperCase(), value }));

export const qrImageFieldsV2: readonly FieldSpec[] = qrImageFields.map((field): FieldSpec => {
	if (field.name in COLOR_DEFAULTS) return { ...field, type: 'color', default: COLOR_DEFAULTS[field.name], placeholder: undefined };
	if (field.name === 'imageFormat') return { ...field, type: 'options', options: listOf(PIXEL_FORMATS), default: 'rgb24', placeholder: undefined, description: 'Color depth of the image (sent as imageFormat)' };
	if (field.name === 'imagePixelFormat') return { ...field, type: 'options', options: listOf(Object.keys(FILE_FORMATS)), default: 'png', placeholder: undefined, description: 'File format of the image; the binary output gets the matching type (sent as imagePixelFormat)' };
	return field;
});

/** Version 2: the order reference, the field that reconciliation depends on, in plain sight. */
export const orderNumberProperty: INodeProperties = {
	displayName: 'Order Number',
	name: 'orderNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. SO-2026-1001',
	hint: 'Your reference for this payment. Recommended: it is how a payment notification and an unclear failure are matched to your order.',
};

/** Version 2: the currency from a list (any other ISO 4217 code can come from an expression). */
export const currencyPropertyV2: INodeProperties = {
	displayName: 'Currency',
	name: 'currencyCode',
	type: 'options',
	default: 'UYU',
	description: 'Currency of the amount. Any other three-letter ISO 4217 code can be given with an expression.',
	options: [
		{ name: 'Argentine Peso (ARS)', value: 'ARS' },
		{ name: 'Brazilian Real (BRL)', value: 'BRL' },
		{ name: 'Chilean Peso (CLP)', value: 'CLP' },
		{ name: 'Colombian Peso (COP)', value: 'COP' },
		{ name: 'Euro (EUR)', value: 'EUR' },
		{ name: 'Mexican Peso (MXN)', value: 'MXN' },
		{ name: 'Paraguayan Guarani (PYG)', value: 'PYG' },
		{ name: 'Peruvian Sol (PEN)', value: 'PEN' },
		{ name: 'Uruguayan Peso (UYU)', value: 'UYU' },
		{ name: 'US Dollar (USD)', value: 'USD' },
	],
};
