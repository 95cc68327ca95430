import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { ItemContext } from '../../shared/router';
import { openBambooSession } from '../transport';
import * as createAccountLink from './customer/createAccountLink.operation';
import * as deleteCustomer from './customer/delete.operation';
import * as getCustomer from './customer/get.operation';
import * as createPayment from './payment/create.operation';
import * as getPayment from './payment/get.operation';
import * as injectCustomer from './payment/injectCustomer.operation';

export type BambooItem = ItemContext;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const session = await openBambooSession(this);
	return await routeItems<BambooItem>(
		this,
		session,
		{
			payment: { create: createPayment.execute, injectCustomer: injectCustomer.execute, get: getPayment.execute },
			customer: { createAccountLink: createAccountLink.execute, get: getCustomer.execute, delete: deleteCustomer.execute },
		},
		(base) => base,
	);
}
