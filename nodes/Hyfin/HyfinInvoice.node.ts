import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { mappingColumnsMethod } from '../shared/inputMapping';
import { actionNode, operationProperty, resourceProperty } from '../shared/nodeDescription';
import { optionsCollection } from '../shared/options';
import { executeOperations } from '../shared/runner';
import { asTool } from '../shared/toolDescription';
import type { OperationTable } from '../shared/types';
import { hyfinApiTest } from './methods/credentialTest';
import { hyfinVendor, siteIdOption } from './transport';
import * as getInvoice from './invoice/actions/invoice/get.operation';
import * as send from './invoice/actions/invoice/send.operation';
import * as upsert from './invoice/actions/invoice/upsert.operation';
import * as getPayment from './invoice/actions/payment/get.operation';

const operations: OperationTable = { invoice: { upsert, send, get: getInvoice }, payment: { get: getPayment } };

const properties: INodeProperties[] = [
	resourceProperty(
		[
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Payment', value: 'payment' },
		],
		'invoice',
	),
	operationProperty(
		'invoice',
		[
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update an invoice',
			},
			{ name: 'Get', value: 'get', description: 'Get an invoice, with whether it is paid', action: 'Get an invoice' },
			{ name: 'Send', value: 'send', description: 'Send an invoice to its customer by SMS and/or email', action: 'Send an invoice' },
		],
		'upsert',
	),
	operationProperty('payment', [{ name: 'Get', value: 'get', description: 'Get a payment', action: 'Get a payment' }], 'get'),
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Version 3 (External ID)', value: 'v3', description: 'Invoices identified by your own external ID' },
			{ name: 'Version 3.1 (External ID)', value: 'v3.1', description: 'Same invoice model as v3' },
			{ name: 'Version 4 (Hyfin IDs)', value: 'v4', description: "Invoices identified by Hyfin's own ID; the customer by its Hyfin ID" },
		],
		default: 'v3',
	},
	...upsert.description,
	...send.description,
	...getInvoice.description,
	...getPayment.description,
	optionsCollection([siteIdOption]),
];

export class HyfinInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hyfin Invoice',
		name: 'hyfinInvoice',
		icon: { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' },
		...actionNode,
		// Version 2 adds Simplify (on) to invoice Get; its other forms are version 1's.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ ({ "invoice:upsert": "Create or update invoice", "invoice:send": "Send invoice", "invoice:get": "Get invoice", "payment:get": "Get payment" })[$parameter["resource"] + ":" + $parameter["operation"]] + " · " + $parameter["apiVersion"] }}',
		description: 'Ask customers to pay with Hyfin invoices: create, send by SMS or email, and read them',
		defaults: { name: 'Hyfin Invoice' },
		usableAsTool: asTool(properties, operations),
		credentials: [{ name: 'hyfinApi', required: true, testedBy: 'hyfinApiTest' }],
		properties,
	};

	methods = { credentialTest: { hyfinApiTest }, resourceMapping: { getMappingColumns: mappingColumnsMethod(operations) } };

	execute = executeOperations(hyfinVendor, operations);
}
