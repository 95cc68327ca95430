import type { INodeProperties } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../shared/types';
import { requirePathId } from '../../../shared/validate';
import { readCustomer } from '../../descriptions/customer';
import { apiUrl, bambooCall } from '../../transport';

/** The customer parameters are shared with Create Card Registration Link (see the node description). */
export const description: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 15d191b1-ddf7-4664-884f-e3bd99a9da79',
		description: 'The ID of a payment created by Create (its paymentId)',
		displayOptions: { show: { resource: ['payment'], operation: ['injectCustomer', 'get'] } },
	},
];

export function prepare(item: ItemInput): PreparedCall {
	const paymentId = requirePathId(item.param('paymentId', ''), 'Payment ID');
	const customer = readCustomer(item);
	// Sending the same customer again leaves the payment as it is: safe to repeat.
	return bambooCall(item, { method: 'PATCH', url: apiUrl(item.baseUrl, 'payments', paymentId), body: { customer } });
}
