import { updateDisplayOptions } from 'n8n-workflow';
import type { ItemInput, PreparedCall } from '../../../../shared/types';
import { requirePathId } from '../../../../shared/validate';
import { paymentIdProperty } from '../../fields/payment';
import { apiUrl, bambooCall } from '../../../transport';

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, [paymentIdProperty]);

export function prepare(item: ItemInput): PreparedCall {
	const paymentId = requirePathId(item.param('paymentId', ''), 'Payment ID');
	return bambooCall(item, { method: 'GET', url: apiUrl(item.baseUrl, 'payments', paymentId) });
}
