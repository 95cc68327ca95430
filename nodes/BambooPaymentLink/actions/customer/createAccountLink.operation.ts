import type { INodeProperties } from 'n8n-workflow';
import type { ItemOutput } from '../../../shared/runItems';
import { toInteger } from '../../../shared/validate';
import { readCustomer } from '../../descriptions/customer';
import { apiUrl, bambooRequest } from '../../transport';
import type { BambooItem } from '../router';

export const description: INodeProperties[] = [
	{
		displayName: 'Valid for (Minutes)',
		name: 'validForMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 15,
		description: 'How long the card-registration link can be used',
		displayOptions: { show: { resource: ['customer'], operation: ['createAccountLink'] } },
	},
];

export async function execute(item: BambooItem): Promise<ItemOutput> {
	const customer = readCustomer(item);
	const validForMinutes = toInteger(item.param('validForMinutes', 15), 'Valid for (Minutes)', { min: 1 });
	const json = await bambooRequest(item, {
		method: 'POST',
		url: apiUrl(item.baseUrl, 'customers', 'account-link'),
		body: { customer, accountLinkType: 'qr', validForMinutes },
		// Each call issues a new link.
		idempotent: false,
		unclearOutcome: `A card-registration link for customer "${String(customer.identifier)}" may or may not have been issued. Running this item again issues another link; an unused one expires after ${validForMinutes} minutes`,
	});
	return { json };
}
