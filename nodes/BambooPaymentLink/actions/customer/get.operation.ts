import type { INodeProperties } from 'n8n-workflow';
import type { ItemOutput } from '../../../shared/runItems';
import { requireText } from '../../../shared/validate';
import { identifierProperty } from '../../descriptions/customer';
import { apiUrl, bambooRequest } from '../../transport';
import type { BambooItem } from '../router';

export const description: INodeProperties[] = [
	identifierProperty({ show: { resource: ['customer'], operation: ['get', 'delete'] } }),
];

export async function execute(item: BambooItem): Promise<ItemOutput> {
	const identifier = requireText(item.param('identifier', ''), 'Customer Identifier');
	const json = await bambooRequest(item, { method: 'GET', url: apiUrl(item.baseUrl, 'customers', identifier), idempotent: true });
	return { json };
}
