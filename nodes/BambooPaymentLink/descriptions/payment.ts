import { InvalidInputError } from '../../shared/errors';
import { booleanTextWire, integerWire, textWire } from '../../shared/fields';
import type { FieldSpec } from '../../shared/fields';
import type { IDataObject } from 'n8n-workflow';
import { oneOf, toInteger, toList } from '../../shared/validate';

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
// Bamboo's docs may have Image Format and Image Pixel Format swapped, so each accepts both sets of values.
const IMAGE_FORMAT_VALUES = [...PIXEL_FORMATS, ...Object.keys(FILE_FORMATS)];

export type QrFileFormat = { mimeType: string; extension: string };

/** The file format asked for in the QR options (in whichever of the two fields holds one); PNG by default. */
export function qrFileFormat(qrImageOptions: IDataObject | undefined): QrFileFormat {
	const asked = [qrImageOptions?.imagePixelFormat, qrImageOptions?.imageFormat].find(
		(value) => typeof value === 'string' && Object.keys(FILE_FORMATS).includes(value),
	);
	return FILE_FORMATS[String(asked ?? 'png')];
}

function imageFormatWire(value: unknown, label: string): string {
	return oneOf(value, IMAGE_FORMAT_VALUES, label);
}

function installmentsWire(value: unknown, label: string): number[] {
	const counts = toList(value, label).map((entry) => toInteger(entry, label, { min: 1, max: 99 }));
	if (counts.length === 0) throw new InvalidInputError(label, `"${label}" contains no number`);
	return counts;
}

function minutesWire(value: unknown, label: string): number {
	return toInteger(value, label, { min: 1 });
}

function urlWire(value: unknown, label: string): string {
	const text = textWire(value, label);
	if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
		throw new InvalidInputError(label, `"${label}" must be an http(s) URL, got "${text}"`);
	}
	return text;
}

function minorUnitsTextWire(value: unknown, label: string): string {
	return String(toInteger(value, label, { min: 0 }));
}

/** Optional fields of Create payment link (`metadataIn.*` are strings on the wire, as Bamboo documents). */
export const paymentFields: readonly FieldSpec[] = [
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		wire: 'orderNumber',
		description: 'Your order reference. Recommended: it is how you find a link again after an unclear failure.',
		toWire: textWire,
	},
	{
		displayName: 'Installments',
		name: 'installments',
		wire: 'installments',
		placeholder: '1, 3, 6, 12',
		description: 'Comma-separated numbers of instalments to offer',
		toWire: installmentsWire,
	},
	{
		displayName: 'Valid for (Minutes)',
		name: 'validForMinutes',
		wire: 'validForMinutes',
		type: 'number',
		default: 15,
		description: 'How long the link can be paid. Bamboo defaults to 15.',
		toWire: minutesWire,
	},
	{
		displayName: 'Notification URL',
		name: 'notificationUrl',
		wire: 'notificationUrl',
		placeholder: 'https://example.com/bamboo/notifications',
		description: 'Where Bamboo sends the payment status',
		toWire: urlWire,
	},
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		wire: 'metadataIn.invoiceNumber',
		toWire: textWire,
	},
	{
		displayName: 'Is Final Consumer',
		name: 'isFinalConsumer',
		wire: 'metadataIn.isFinalConsumer',
		type: 'boolean',
		default: true,
		description: 'Whether the buyer is a final consumer (sent as the text "true" or "false")',
		toWire: booleanTextWire,
	},
	{
		displayName: 'Taxable Amount (Minor Units)',
		name: 'taxableAmount',
		wire: 'metadataIn.taxableAmount',
		placeholder: '12000',
		description: 'The VAT-taxable part of the amount, in minor units like the amount',
		toWire: minorUnitsTextWire,
	},
];

/** `qrImageOptions`, sent only with payment type QR. */
export const qrImageFields: readonly FieldSpec[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		wire: 'contentType',
		type: 'options',
		options: [
			{ name: 'Encoded JSON', value: 'encodedJson', description: 'Base64 JSON payload, so scanners do not open a URL' },
			{ name: 'URL', value: 'url', description: 'The QR holds the payment link' },
		],
		default: 'encodedJson',
	},
	{ displayName: 'Encoded JSON Prefix', name: 'encodedJsonPrefix', wire: 'encodedJsonPrefix', placeholder: 'myapp://payment?data=' },
	{
		displayName: 'Error Correction Level',
		name: 'errorCorrectionLevel',
		wire: 'errorCorrectionLevel',
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
		displayName: 'Image Format',
		name: 'imageFormat',
		wire: 'imageFormat',
		placeholder: 'rgb24',
		description: "Bamboo documents rgb24 (default) or argb32 here; its docs may have this and Image Pixel Format swapped",
		toWire: imageFormatWire,
	},
	{
		displayName: 'Image Pixel Format',
		name: 'imagePixelFormat',
		wire: 'imagePixelFormat',
		placeholder: 'png',
		description: 'Bamboo documents png (default), bmp, gif, jpeg, pbm, tga, tiff or webp here',
		toWire: imageFormatWire,
	},
	{ displayName: 'Scale', name: 'scale', wire: 'scale', type: 'number', default: 10, description: 'Size of one QR module in pixels', toWire: integerWire },
	{ displayName: 'Border', name: 'border', wire: 'border', type: 'number', default: 2, description: 'Quiet zone on each side, in modules', toWire: integerWire },
	{ displayName: 'Foreground Color', name: 'foregroundColor', wire: 'foregroundColor', placeholder: '#000000' },
	{ displayName: 'Background Color', name: 'backgroundColor', wire: 'backgroundColor', placeholder: '#FFFFFF' },
	{ displayName: 'Border Color', name: 'borderColor', wire: 'borderColor', placeholder: '#FFFFFF' },
	{
		displayName: 'Embedded Image Name',
		name: 'embeddedImageName',
		wire: 'embeddedImageName',
		description: 'Name of a logo uploaded in the Merchant Portal, drawn in the centre',
	},
	{
		displayName: 'Embedded Image Relative Width',
		name: 'embeddedImageRelativeWidth',
		wire: 'embeddedImageRelativeWidth',
		type: 'number',
		default: 0.25,
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		description: 'Logo width as a fraction of the QR width',
		toWire: (value, label) => {
			const fraction = Number(value);
			if (!(fraction > 0 && fraction <= 1)) {
				throw new InvalidInputError(label, `"${label}" must be a fraction above 0 and at most 1, got ${String(value)}`);
			}
			return fraction;
		},
	},
];
