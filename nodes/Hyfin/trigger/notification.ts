import type { IDataObject } from 'n8n-workflow';
import type { Answer } from '../../shared/webhook';
import { canonicalJson } from '../../shared/webhook';

/**
 * Hyfin's webhooks (api/hyfin.md section 5): `payment` and `notification` actions, in the 3.x shape
 * (snake_case, amounts in decimal dollars) and the 4.x shape (camelCase, integer cents), read into one
 * normalised item with the amount in exact integer cents.
 */

export const HYFIN_EVENTS = ['payment', 'notification'] as const;
export type HyfinEvent = (typeof HYFIN_EVENTS)[number];

export interface HyfinNotification extends IDataObject {
	event: HyfinEvent;
	shape: 'v3' | 'v4';
	status: string | null;
	/** Integer cents; null for notifications, or when the amount cannot be read exactly. */
	amountMinor: number | null;
	paymentId: string | null;
	invoiceId: string | null;
	customerId: string | null;
	message: string | null;
	error: boolean | null;
	body: IDataObject;
}

const object = (value: unknown): IDataObject | undefined =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

/** A reference given as an id, or as an object with `external_id` / `_id` / `id`. */
function reference(value: unknown): string | null {
	const record = object(value);
	return record ? text(record.external_id ?? record._id ?? record.id) : text(value);
}

/** Decimal dollars to exact integer cents with string arithmetic; null beyond two decimals. */
export function dollarsToCents(value: unknown): number | null {
	const digits = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(digits);
	if (!match) return null;
	const [, sign, whole, fraction = ''] = match;
	const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
	return Number.isSafeInteger(cents) ? (sign ? -cents : cents) : null;
}

const V3_KEYS = ['paid_on', 'payment_type', 'payment_sub_type', 'display_name', 'gateway_transaction_id', 'transaction_type'];
const V4_KEYS = ['paidOn', 'type', 'subType', 'displayName', 'allocations', 'paymentTransactionEvents', 'totals'];

/** 3.x carries snake_case fields and a site object; 4.x camelCase fields and ids as plain strings. */
function shapeOf(data: IDataObject): 'v3' | 'v4' {
	const v3 = V3_KEYS.filter((key) => key in data).length + (object(data.site) ? 1 : 0);
	const v4 = V4_KEYS.filter((key) => key in data).length + (typeof data.site === 'string' ? 1 : 0);
	return v4 > v3 ? 'v4' : 'v3';
}

/** The normalised item, or why the call is refused (400: not a Hyfin webhook). */
export function normaliseHyfin(body: IDataObject): HyfinNotification | Answer {
	const action = body.action;
	const data = object(body.data);
	if (action !== 'payment' && action !== 'notification') return { status: 400, message: 'Not a Hyfin webhook: "action" is neither payment nor notification' };
	if (!data) return { status: 400, message: 'Not a Hyfin webhook: "data" is not an object' };
	const shape = shapeOf(data);
	const payment = action === 'payment';
	const allocation = Array.isArray(data.allocations) ? (data.allocations as IDataObject[]).find((entry) => object(entry)?.refType === 'Invoice') : undefined;
	let amountMinor: number | null = null;
	if (payment) amountMinor = shape === 'v4' ? (Number.isSafeInteger(data.amount) ? (data.amount as number) : null) : dollarsToCents(data.amount);
	return {
		event: action,
		shape,
		status: text(data.status),
		amountMinor,
		paymentId: payment ? text(data.id ?? data._id) : null,
		invoiceId: reference(data.invoice) ?? text(allocation?.ref),
		customerId: reference(data.customer),
		message: text(data.message),
		error: typeof data.error === 'boolean' ? data.error : null,
		body,
	};
}

/** What makes two deliveries the same: a payment's id and status; otherwise the whole content. */
export function deliveryIdentity(notification: HyfinNotification): string {
	const { event, paymentId, status, amountMinor } = notification;
	if (event === 'payment' && paymentId !== null) return `hyfin:payment:${paymentId}:${String(status)}:${String(amountMinor)}`;
	return `hyfin:${canonicalJson(notification.body)}`;
}
