import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { requirePathId } from '../../../../shared/validate';
import { identifierProperty } from '../../fields/customer';
import { apiUrl, bambooCall } from '../../../transport';

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, [identifierProperty]);

export function prepare(item: ItemInput): PreparedCall {
	const identifier = requirePathId(item.param('identifier', ''), 'Customer Identifier');
	return bambooCall(item, { method: 'GET', url: apiUrl(item.baseUrl, 'customers', identifier) });
}
