import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems } from '../../shared/router';
import type { ItemContext } from '../../shared/router';
import { requireText } from '../../shared/validate';
import { openHyfinSession } from '../transport';
import type { HyfinVersion } from '../transport';
import * as get from './customer/get.operation';
import * as upsert from './customer/upsert.operation';

export interface HyfinItem extends ItemContext {
	version: HyfinVersion;
	siteId: string;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const session = await openHyfinSession(this);
	return await routeItems<HyfinItem>(
		this,
		session,
		{ customer: { upsert: upsert.execute, get: get.execute } },
		(base) => ({
			...base,
			version: base.param('apiVersion', 'v3') as HyfinVersion,
			// The site override of the options wins over the credential's site.
			siteId: requireText(base.options.siteId || session.data.siteId, 'Site ID'),
		}),
	);
}
