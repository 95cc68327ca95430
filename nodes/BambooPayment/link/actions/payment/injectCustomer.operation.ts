import { updateDisplayOptions } from 'n8n-workflow';
import { withInputMode } from '../../../../shared/inputMapping';
import type { InputMapping, ItemInput, PreparedCall } from '../../../../shared/types';
import { requirePathId } from '../../../../shared/validate';
import { customerMapping, customerProperties, readCustomer } from '../../fields/customer';
import { paymentIdProperty } from '../../fields/payment';
import { apiUrl, bambooCall } from '../../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['injectCustomer'] } },
	withInputMode([paymentIdProperty, ...customerProperties]),
);

/** "Map Automatically": the payment id and the customer read from the input item. */
export function inputMapping(): InputMapping {
	return [{ parameter: 'paymentId', label: 'Payment ID', keys: ['paymentId', 'payment_id'], required: true }, ...customerMapping];
}

export function prepare(item: ItemInput): PreparedCall {
	const paymentId = requirePathId(item.param('paymentId', ''), 'Payment ID');
	const customer = readCustomer(item);
	// Sending the same customer again leaves the payment as it is: safe to repeat.
	return bambooCall(item, { method: 'PATCH', url: apiUrl(item.baseUrl, 'payments', paymentId), body: { customer } });
}
