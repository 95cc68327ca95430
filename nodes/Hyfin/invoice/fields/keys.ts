import type { INodeProperties } from 'n8n-workflow';

/** How an existing invoice is named: your External ID (v3 / v3.1) or Hyfin's Invoice ID (v4). */
export function invoiceKeyProperties(operation: 'send' | 'get'): INodeProperties[] {
	const what = operation === 'send' ? 'to send' : 'to read';
	return [
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. INV-2026-0001',
			description: `Your own ID of the invoice ${what}, as given when it was created`,
			displayOptions: { show: { apiVersion: ['v3', 'v3.1'] } },
		},
		{
			displayName: 'Invoice ID',
			name: 'invoiceId',
			type: 'string',
			required: true,
			default: '',
			description: `Hyfin's ID of the invoice ${what} (the _id that Create or Update returned)`,
			displayOptions: { show: { apiVersion: ['v4'] } },
		},
	];
}
