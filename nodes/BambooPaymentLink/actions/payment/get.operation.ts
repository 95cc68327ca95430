import type { ItemOutput } from '../../../shared/runItems';
import { requireText } from '../../../shared/validate';
import { apiUrl, bambooRequest } from '../../transport';
import type { BambooItem } from '../router';

/** Uses the Payment ID parameter declared by Inject Customer. */
export async function execute(item: BambooItem): Promise<ItemOutput> {
	const paymentId = requireText(item.param('paymentId', ''), 'Payment ID');
	const json = await bambooRequest(item, { method: 'GET', url: apiUrl(item.baseUrl, 'payments', paymentId), idempotent: true });
	return { json };
}
