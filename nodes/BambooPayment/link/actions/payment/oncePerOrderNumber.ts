import type { IDataObject } from 'n8n-workflow';
import { InvalidInputError } from '../../../../shared/errors';
import type { ItemInput, OnceRule } from '../../../../shared/types';
import { quote } from '../../../../shared/validate';

/**
 * "Once per Order Number" of Payment → Create: one payment link per order number, across runs, crashes and
 * workers (see OnceGuard), with the words for every create it does not send.
 */

const SWITCH = 'Options › Once per Order Number';
const RELEASES = 'Options › Create Again for Order Numbers';

/**
 * Whether the guard is on: the option as a boolean, or the text true / false from an expression; empty means
 * the version's default (on from version 2). Anything else is refused, so the guard is never off by accident.
 */
export function oncePerOrderNumber(item: ItemInput): boolean {
	const option = item.options.oncePerOrderNumber;
	if (option === undefined || option === null || option === '') return item.nodeVersion >= 2;
	if (typeof option === 'boolean') return option;
	const text = typeof option === 'string' ? option.trim().toLowerCase() : undefined;
	if (text === 'true' || text === 'false') return text === 'true';
	throw new InvalidInputError(SWITCH, `"${SWITCH}" must be true or false, got ${quote(option)}`, 'Leave it on to never create a second link for an order number.');
}

/** The order numbers the user checked in Bamboo and lets the node create again (comma- or line-separated). */
export function releasedOrderNumbers(item: ItemInput): string[] {
	const option = item.options.createAgainFor;
	if (option === undefined || option === null || option === '') return [];
	const entries = Array.isArray(option) ? option : typeof option === 'string' ? option.split(/[,\n]/) : undefined;
	if (!entries || entries.some((entry) => typeof entry !== 'string' && typeof entry !== 'number')) {
		throw new InvalidInputError(RELEASES, `"${RELEASES}" must be order numbers separated by commas, got ${quote(option)}`);
	}
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** Where the guard keeps an order number: per credential and address, so a stage test never blocks production. */
export function onceKey(item: ItemInput, orderNumber: string): string {
	return `${item.credentialId} ${item.baseUrl} ${orderNumber}`;
}

function money(amount: number, currency: string): string {
	return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')} ${currency}`;
}

/** The rule of one create: its order number, its payment, and what its skipped and refused items say. */
export function onceRule(item: ItemInput, body: IDataObject, orderNumber: string): OnceRule {
	const amount = body.amount as number;
	const currency = String(body.currencyCode);
	const type = String(body.paymentType);
	const payment = `${money(amount, currency)}, ${type === 'QR' ? 'QR' : 'Checkout Pro'}`;
	const order = `order number "${orderNumber}"`;
	const lookUp = `look for ${order} under Payment Links in Bamboo's Merchant Console`;
	const howToRelease = `If Bamboo's Merchant Console has no payment link for ${order}, add "${orderNumber}" to "${RELEASES}" and run this item again; if it has one, do not create it again.`;
	const paymentIdOf = (record?: IDataObject) => (record?.paymentId === undefined || record.paymentId === null ? undefined : String(record.paymentId));
	return {
		key: onceKey(item, orderNumber),
		fingerprint: `${amount} ${currency} ${type}`,
		payment,
		howToRelease,
		skipped: ({ record, inRunItem }) => {
			const paymentId = paymentIdOf(record);
			let message: string;
			if (inRunItem !== undefined) {
				message = `Order number "${orderNumber}" is also on item ${inRunItem} of this run, which created its payment link${paymentId ? ` (paymentId ${paymentId})` : ''}: one link per order number, so this item was not sent`;
			} else if (paymentId) {
				message = `A payment link for order number "${orderNumber}" was already created by this node (paymentId ${paymentId}): not created again`;
			} else {
				message = `A payment link for order number "${orderNumber}" was created by an earlier run of this node that did not finish, so its link is not known here: not created again. To find it, ${lookUp}`;
			}
			return {
				skipped: true,
				orderNumber,
				linkCreated: true,
				paymentId: record?.paymentId ?? null,
				redirectUrl: record?.redirectUrl ?? null,
				createdAt: record?.createdAt ?? null,
				message,
			};
		},
		refused: (earlier) => {
			const where = earlier.inRunItem === undefined ? 'an earlier run of this node' : `item ${earlier.inRunItem} of this run`;
			switch (earlier.kind) {
				case 'unknown': {
					const why = earlier.inRunItem === undefined ? ' (it was cut off, Bamboo answered without saying whether the link was made, or the run stopped after claiming it)' : '';
					const used = earlier.releaseUsed
						? ` "${orderNumber}" is in "${RELEASES}", but that release was already used by an earlier run: check the console again, then remove it from the list, run once, and add it again to release it once more.`
						: ` ${howToRelease}`;
					return `The payment link for ${order} may or may not exist: ${where} sent it to Bamboo and got no clear answer${why}. Not sent again. ${lookUp.charAt(0).toUpperCase()}${lookUp.slice(1)}.${used}`;
				}
				case 'failed':
					return `Order number "${orderNumber}" is also on item ${earlier.inRunItem} of this run, which failed without creating a link (${earlier.message}): one link per order number, so this item was not sent either`;
				case 'differs': {
					const recorded = earlier.recorded ?? 'a payment whose details are not known here (recorded by an earlier version of this node, or on another worker)';
					const paymentId = paymentIdOf(earlier.record);
					const link =
						earlier.created === true
							? `Its link exists${paymentId ? ` (paymentId ${paymentId})` : ''}: to charge the new payment, use a new order number.`
							: `Its link may or may not exist: ${lookUp}. To charge the new payment, use a new order number.`;
					return `${order.charAt(0).toUpperCase()}${order.slice(1)} was already sent to Bamboo by ${where} for ${recorded}; this item asks for ${payment}. Not sent: one payment link per order number, and a link is never silently reused for another payment. ${link}`;
				}
			}
		},
	};
}
