import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { canonicalJson } from '../../shared/webhook';

/**
 * Bamboo's payment notifications (api/bamboo-payment-link.md section 5): the Purchase payload, the
 * Transaction payload and chargebacks, in PascalCase or camelCase, read into one normalised item.
 */

export const BAMBOO_EVENTS = ['approved', 'pending', 'rejected', 'cancelled', 'refunded', 'chargeback'] as const;
export type BambooEvent = (typeof BAMBOO_EVENTS)[number];
export type Family = 'purchase' | 'transaction' | 'chargeback' | 'unknown';

export interface BambooNotification extends IDataObject {
	event: BambooEvent | null;
	family: Family;
	status: string | null;
	statusId: number | null;
	purchaseId: string | number | null;
	transactionId: string | number | null;
	orderNumber: string | null;
	/** Integer minor units, as Bamboo sent them. */
	amount: number | null;
	currency: string | null;
	verified: boolean;
	/** The item's fields the signature vouches for (when verified); the others, such as the status, it does not. */
	signatureCovers: string[];
	body: IDataObject;
}

/** Reads a field whatever its casing (`PurchaseId`, `purchaseId`, `purchaseID`). */
function field(object: unknown, ...names: string[]): unknown {
	if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
	const byLowerCase = new Map(Object.entries(object).map(([key, value]) => [key.toLowerCase(), value]));
	for (const name of names) {
		const value = byLowerCase.get(name.toLowerCase());
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
const id = (value: unknown): string | number | null => (typeof value === 'string' || typeof value === 'number' ? value : null);

/** A whole number of minor units, or null (a fractional or non-numeric amount is not guessed at). */
function minorUnits(value: unknown): number | null {
	const digits = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^-?\d+$/.test(digits) && Number.isSafeInteger(Number(digits)) ? Number(digits) : null;
}

function familyOf(body: IDataObject): Family {
	if (field(body, 'ChargebackId', 'Chargeback') !== undefined || /chargeback/i.test(String(field(body, 'Type', 'NotificationType') ?? ''))) return 'chargeback';
	if (field(body, 'PurchaseId') !== undefined) return 'purchase';
	if (field(body, 'TransactionId') !== undefined) return 'transaction';
	return 'unknown';
}

/** Bamboo's TransactionStatusId (1 Approved, 2 Pending, 3 Pre-authorized, 4 Rejected, 5 Paid, 6 Cancelled). */
const BY_STATUS_ID: Record<number, BambooEvent> = { 1: 'approved', 2: 'pending', 3: 'pending', 4: 'rejected', 5: 'approved', 6: 'cancelled' };
const BY_STATUS_TEXT: Array<[RegExp, BambooEvent]> = [
	[/^(approved|paid|completed)$/i, 'approved'],
	[/^(pending|pre-?authori[sz]ed|in ?process)$/i, 'pending'],
	[/^(rejected|declined|denied|failed)$/i, 'rejected'],
	[/^(cancell?ed|voided)$/i, 'cancelled'],
	[/^refunded$/i, 'refunded'],
];

function eventOf(family: Family, statusId: number | null, status: string | null, transactionType: unknown): BambooEvent | null {
	if (family === 'chargeback') return 'chargeback';
	const byId = statusId === null ? undefined : BY_STATUS_ID[statusId];
	const byText = status === null ? undefined : BY_STATUS_TEXT.find(([pattern]) => pattern.test(status.trim()))?.[1];
	const event = byId ?? byText ?? null;
	// An approved refund is a refund.
	return event === 'approved' && /^refund$/i.test(String(transactionType ?? '')) ? 'refunded' : event;
}

/** The normalised item of a notification. Fields the payload lacks are null. */
export function normaliseBamboo(body: IDataObject, verified: boolean): BambooNotification {
	const family = familyOf(body);
	const transaction = family === 'purchase' ? field(body, 'Transaction') : undefined;
	const statusSource = transaction ?? body;
	const statusIdRaw = field(statusSource, 'TransactionStatusId', 'StatusId');
	const statusId = typeof statusIdRaw === 'number' ? statusIdRaw : minorUnits(statusIdRaw);
	const status = text(field(statusSource, 'Status'));
	return {
		event: eventOf(family, statusId, status, field(body, 'TransactionType')),
		family,
		status,
		statusId,
		purchaseId: id(field(body, 'PurchaseId')),
		transactionId: id(field(body, 'TransactionId') ?? field(transaction, 'TransactionId')),
		orderNumber: text(field(body, 'Order', 'OrderNumber')),
		amount: minorUnits(field(body, 'Amount')),
		currency: text(field(body, 'Currency')),
		verified,
		// What Bamboo signs: PurchaseId (or, for a Transaction payload, TransactionId), Amount and Currency.
		signatureCovers: verified ? [field(body, 'PurchaseId') !== undefined ? 'purchaseId' : 'transactionId', 'amount', 'currency'] : [],
		body,
	};
}

/**
 * What Bamboo signs: PurchaseId + Amount + Currency + the `dateSent` header, as documented. A payload
 * without a PurchaseId (the Transaction payload) is signed with its TransactionId in that place: Bamboo
 * does not document this case.
 */
export function signedText(body: IDataObject, dateSent: string): string {
	const parts = [field(body, 'PurchaseId') ?? field(body, 'TransactionId'), field(body, 'Amount'), field(body, 'Currency')];
	return `${parts.map((part) => (part === undefined ? '' : String(part))).join('')}${dateSent}`;
}

/** The documented signature: HMAC-SHA256 of the signed text with the merchant's private key, in hex. */
export function signatureOf(body: IDataObject, dateSent: string, privateKey: string): string {
	return createHmac('sha256', privateKey).update(signedText(body, dateSent), 'utf8').digest('hex');
}

/**
 * What makes two deliveries the same notification: its family, ids, status and amount; a payload with
 * no id is identified by its whole content. A redelivery carries the same; a later status does not.
 */
export function deliveryIdentity(notification: BambooNotification): string {
	const { family, purchaseId, transactionId, statusId, status, amount, event } = notification;
	if (purchaseId === null && transactionId === null) return `bamboo:${canonicalJson(notification.body)}`;
	return `bamboo:${family}:${String(purchaseId)}:${String(transactionId)}:${String(statusId)}:${String(status)}:${String(amount)}:${String(event)}`;
}
