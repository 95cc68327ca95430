import type { INodeProperties } from 'n8n-workflow';
import type { ItemOutput } from '../../../shared/runItems';
import { requireText } from '../../../shared/validate';
import { externalIdProperty } from '../../descriptions/customerFields';
import { hyfinRequest, siteUrl } from '../../transport';
import type { HyfinItem } from '../router';

export const description: INodeProperties[] = [
	externalIdProperty('Your own ID of the customer, as given when it was added', {
		show: { resource: ['customer'], operation: ['get'], apiVersion: ['v3', 'v3.1'] },
	}),
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 60f720d248f143332af022e0',
		description: "Hyfin's ID of the customer",
		displayOptions: { show: { resource: ['customer'], operation: ['get'], apiVersion: ['v4'] } },
	},
];

export async function execute(item: HyfinItem): Promise<ItemOutput> {
	const { version } = item;
	const id =
		version === 'v4'
			? requireText(item.param('customerId', ''), 'Customer ID')
			: requireText(item.param('externalId', ''), 'External ID');
	const json = await hyfinRequest(item, {
		method: 'GET',
		url: siteUrl(item.baseUrl, version, item.siteId, 'customer', id),
		idempotent: true,
	});
	return { json };
}
