import type { ItemOutput } from '../../../shared/runItems';
import { requireText } from '../../../shared/validate';
import { apiUrl, bambooRequest } from '../../transport';
import type { BambooItem } from '../router';

/** Uses the Customer Identifier parameter declared by Get. Repeating a delete cannot remove more. */
export async function execute(item: BambooItem): Promise<ItemOutput> {
	const identifier = requireText(item.param('identifier', ''), 'Customer Identifier');
	const json = await bambooRequest(item, { method: 'DELETE', url: apiUrl(item.baseUrl, 'customers', identifier), idempotent: true });
	return { json };
}
