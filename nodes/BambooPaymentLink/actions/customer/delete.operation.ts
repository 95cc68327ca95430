import type { ItemInput, PreparedCall } from '../../../shared/types';
import { requirePathId } from '../../../shared/validate';
import { apiUrl, bambooCall } from '../../transport';

/** Uses the Customer Identifier parameter declared by Get. Repeating a delete cannot remove more. */
export function prepare(item: ItemInput): PreparedCall {
	const identifier = requirePathId(item.param('identifier', ''), 'Customer Identifier');
	return bambooCall(item, { method: 'DELETE', url: apiUrl(item.baseUrl, 'customers', identifier) });
}
