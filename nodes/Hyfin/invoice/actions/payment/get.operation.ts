import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { requirePathId } from '../../../../shared/validate';
import { hyfinSite, siteUrl } from '../../../transport';

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the payment, as Hyfin reports it in v3 (the payment webhook\'s "ID")',
		displayOptions: { show: { apiVersion: ['v3', 'v3.1'] } },
	},
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		required: true,
		default: '',
		description: "Hyfin's ID of the payment (the Hyfin Trigger's paymentId)",
		displayOptions: { show: { apiVersion: ['v4'] } },
	},
]);

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const id = version === 'v4' ? requirePathId(item.param('paymentId', ''), 'Payment ID') : requirePathId(item.param('externalId', ''), 'External ID');
	return { method: 'GET', url: siteUrl(item.baseUrl, version, siteId, 'payment', id) };
}
