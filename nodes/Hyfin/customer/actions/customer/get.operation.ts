import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { simplified, simplifyProperty, wantsSimple } from '../../../../shared/simplify';
import { requirePathId } from '../../../../shared/validate';
import { externalIdProperty } from '../../fields/customer';
import { hyfinCall, hyfinSite, siteUrl } from '../../../transport';

/** The node version that added Simplify (on by default). */
const SIMPLE_SINCE = 3;

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
	simplifyProperty([SIMPLE_SINCE]),
]);

/** What Simplify keeps of a customer (v3/v3.1 and v4 names): who it is and how to reach them. */
export const SIMPLE_CUSTOMER = ['_id', 'external_id', 'display_name', 'first_name', 'last_name', 'account_name', 'email', 'mobile_phone', 'active', 'deleted', 'updated_at'] as const;

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const id =
		version === 'v4'
			? requirePathId(item.param('customerId', ''), 'Customer ID')
			: requirePathId(item.param('externalId', ''), 'External ID');
	const call = hyfinCall({ method: 'GET', url: siteUrl(item.baseUrl, version, siteId, 'customer', id) });
	if (!wantsSimple(item, SIMPLE_SINCE)) return call;
	return { ...call, toOutput: async (answer) => ({ json: simplified(answer, SIMPLE_CUSTOMER) }) };
}
