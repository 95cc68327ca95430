import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { requirePathId } from '../../../../shared/validate';
import { externalIdProperty } from '../../fields/customer';
import { hyfinCall, hyfinSite, siteUrl } from '../../../transport';

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, [
	externalIdProperty('Your own ID of the customer, as given when it was added', { show: { apiVersion: ['v3', 'v3.1'] } }),
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 60f720d248f143332af022e0',
		description: "Hyfin's ID of the customer",
		displayOptions: { show: { apiVersion: ['v4'] } },
	},
]);

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const id =
		version === 'v4'
			? requirePathId(item.param('customerId', ''), 'Customer ID')
			: requirePathId(item.param('externalId', ''), 'External ID');
	return hyfinCall({ method: 'GET', url: siteUrl(item.baseUrl, version, siteId, 'customer', id) });
}
