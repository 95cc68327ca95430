import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../shared/types';
import { requirePathId } from '../../../shared/validate';
import { customerProperties, readCustomer } from '../../fields/customer';
import { paymentIdProperty } from '../../fields/payment';
import { apiUrl, bambooCall } from '../../transport';

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['injectCustomer'] } }, [
	paymentIdProperty,
	...customerProperties,
]);

export function prepare(item: ItemInput): PreparedCall {
	const paymentId = requirePathId(item.param('paymentId', ''), 'Payment ID');
	const customer = readCustomer(item);
	// Sending the same customer again leaves the payment as it is: safe to repeat.
	return bambooCall(item, { method: 'PATCH', url: apiUrl(item.baseUrl, 'payments', paymentId), body: { customer } });
}
