import type { INodeProperties } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../shared/types';
import { requirePathId } from '../../../shared/validate';
import { identifierProperty } from '../../descriptions/customer';
import { apiUrl, bambooCall } from '../../transport';

export const description: INodeProperties[] = [
	identifierProperty({ show: { resource: ['customer'], operation: ['get', 'delete'] } }),
];

export function prepare(item: ItemInput): PreparedCall {
	const identifier = requirePathId(item.param('identifier', ''), 'Customer Identifier');
	return bambooCall(item, { method: 'GET', url: apiUrl(item.baseUrl, 'customers', identifier) });
}
