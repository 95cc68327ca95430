import type { ItemInput, PreparedCall } from '../../../shared/types';
import { requirePathId } from '../../../shared/validate';
import { apiUrl, bambooCall } from '../../transport';

/** Uses the Payment ID parameter declared by Inject Customer. */
export function prepare(item: ItemInput): PreparedCall {
	const paymentId = requirePathId(item.param('paymentId', ''), 'Payment ID');
	return bambooCall(item, { method: 'GET', url: apiUrl(item.baseUrl, 'payments', paymentId) });
}
