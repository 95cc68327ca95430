import { updateDisplayOptions } from 'n8n-workflow';
import { withInputMode } from '../../../../shared/inputMapping';
import type { InputMapping, ItemInput, PreparedCall } from '../../../../shared/types';
import { toInteger } from '../../../../shared/validate';
import { customerMapping, customerProperties, readCustomer } from '../../fields/customer';
import { apiUrl, bambooCall } from '../../../transport';

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['createAccountLink'] } }, withInputMode([
	...customerProperties,
	{
		displayName: 'Valid for (Minutes)',
		name: 'validForMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 15,
		description: 'How long the card-registration link can be used',
	},
]));

/** "Map Automatically": the customer and the link's lifetime read from the input item. */
export function inputMapping(): InputMapping {
	return [...customerMapping, { parameter: 'validForMinutes', label: 'Valid for (Minutes)', keys: ['validForMinutes', 'valid_for_minutes'], type: 'number' }];
}

export const toolAction =
	'Create a card registration link. Each call issues a new link: if it fails with an error saying the link may or may not have been issued, do not call this tool again; tell the person instead';

export function prepare(item: ItemInput): PreparedCall {
	const customer = readCustomer(item);
	const validForMinutes = toInteger(item.param('validForMinutes', 15), 'Valid for (Minutes)', { min: 1 });
	const reference = `customer "${String(customer.identifier)}"`;
	return bambooCall(item, {
		method: 'POST',
		url: apiUrl(item.baseUrl, 'customers', 'account-link'),
		body: { customer, accountLinkType: 'qr', validForMinutes },
		// Each call issues a new link.
		creates: {
			record: 'card-registration link',
			reference,
			unclearOutcome: `A card-registration link for ${reference} may or may not have been issued. Running this item again issues another link; an unused one expires after ${validForMinutes} minutes`,
			idKey: 'customerId',
			summary: (answer) => ({ customerId: answer.customerId, identifier: customer.identifier, redirectUrl: answer.redirectUrl }),
		},
		answerKeys: ['redirectUrl'],
	});
}
