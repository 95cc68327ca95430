import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { fromMinorUnits, toMinorUnits } from '../../../../shared/money';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { simplified, simplifyProperty, wantsSimple } from '../../../../shared/simplify';
import { requirePathId } from '../../../../shared/validate';
import { hyfinSite, siteUrl } from '../../../transport';
import { invoiceKeyProperties } from '../../fields/keys';

/** The node version that added Simplify (on by default). */
const SIMPLE_SINCE = 2;

export const description = updateDisplayOptions({ show: { resource: ['invoice'], operation: ['get'] } }, [...invoiceKeyProperties('get'), simplifyProperty([SIMPLE_SINCE])]);

/** What Simplify keeps of an invoice: what it is, what it asks, whether it is paid, and its link. */
export const SIMPLE_INVOICE = ['_id', 'external_id', 'invoice_number', 'description', 'totals', 'due_date', 'expire_at', 'active', 'link', 'paid', 'amountPaid'] as const;

const PAID = new Set(['paid', 'captured', 'settled', 'completed', 'succeeded', 'approved']);

/**
 * What was paid on an invoice, from its `payments[]`: the sum of the active payments whose status is a
 * paid one, in exact cents, and whether it covers the total.
 */
export function paymentSummary(invoice: IDataObject): { paid: boolean; amountPaid: number } {
	const payments = Array.isArray(invoice.payments) ? (invoice.payments as IDataObject[]) : [];
	let cents = 0;
	for (const payment of payments) {
		if (!payment || payment.active === false || !PAID.has(String(payment.status ?? '').toLowerCase())) continue;
		try {
			cents += toMinorUnits(payment.total, 'payment total');
		} catch {
			// A payment whose total is not an amount in dollars and cents is not counted.
		}
	}
	const totals = (invoice.totals ?? {}) as IDataObject;
	let total: number | undefined;
	try {
		total = toMinorUnits(totals.total, 'total');
	} catch {
		total = undefined;
	}
	return { paid: total !== undefined && cents >= total && cents > 0, amountPaid: fromMinorUnits(cents) };
}

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const id = version === 'v4' ? requirePathId(item.param('invoiceId', ''), 'Invoice ID') : requirePathId(item.param('externalId', ''), 'External ID');
	const simple = wantsSimple(item, SIMPLE_SINCE);
	return {
		method: 'GET',
		url: siteUrl(item.baseUrl, version, siteId, 'invoice', id),
		answerKeys: ['_id'],
		toOutput: async (answer) => {
			const json = { ...answer, ...paymentSummary(answer) };
			return { json: simple ? simplified(json, SIMPLE_INVOICE) : json };
		},
	};
}
