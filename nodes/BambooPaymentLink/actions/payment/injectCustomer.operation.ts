import type { INodeProperties } from 'n8n-workflow';
import type { ItemOutput } from '../../../shared/runItems';
import { requireText } from '../../../shared/validate';
import { readCustomer } from '../../descriptions/customer';
import { apiUrl, bambooRequest } from '../../transport';
import type { BambooItem } from '../router';

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

export async function execute(item: BambooItem): Promise<ItemOutput> {
	const paymentId = requireText(item.param('paymentId', ''), 'Payment ID');
	const customer = readCustomer(item);
	const json = await bambooRequest(item, {
		method: 'PATCH',
		url: apiUrl(item.baseUrl, 'payments', paymentId),
		body: { customer },
		// Sending the same customer again leaves the payment as it is.
		idempotent: true,
	});
	return { json };
}
