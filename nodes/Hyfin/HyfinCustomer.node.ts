import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { mappingColumnsMethod } from '../shared/inputMapping';
import { actionNode, operationProperty, resourceProperty } from '../shared/nodeDescription';
import { optionsCollection } from '../shared/options';
import { executeOperations } from '../shared/runner';
import { asTool } from '../shared/toolDescription';
import type { OperationTable } from '../shared/types';
import * as get from './customer/actions/customer/get.operation';
import * as upsert from './customer/actions/customer/upsert.operation';
import { hyfinApiTest } from './methods/credentialTest';
import { hyfinVendor, siteIdOption } from './transport';

const operations: OperationTable = { customer: { upsert, get } };

const properties: INodeProperties[] = [
	resourceProperty([{ name: 'Customer', value: 'customer' }], 'customer'),
	operationProperty(
		'customer',
		[
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a customer',
			},
			{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
		],
		'upsert',
	),
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Version 3 (External ID)',
				value: 'v3',
				description: 'Flat customer identified by your own external ID',
			},
			{ name: 'Version 3.1 (External ID)', value: 'v3.1', description: 'Same customer model as v3' },
			{
				name: 'Version 4 (Contacts and Billing Address)',
				value: 'v4',
				description: "Customer with a display name and contacts, identified by Hyfin's own ID",
			},
		],
		default: 'v3',
	},
	...upsert.description,
	...get.description,
	optionsCollection([siteIdOption]),
];

export class HyfinCustomer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hyfin Customer',
		name: 'hyfinCustomer',
		icon: { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' },
		...actionNode,
		// Version 3 adds Simplify (on) to Get; its other forms are version 2's.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{ ($parameter["operation"] === "get" ? "Get customer" : "Create or update") + " · " + $parameter["apiVersion"] }}',
		description: 'Add, update and read customers in Hyfin',
		defaults: { name: 'Hyfin Customer' },
		usableAsTool: asTool(properties, operations),
		credentials: [{ name: 'hyfinApi', required: true, testedBy: 'hyfinApiTest' }],
		properties,
	};

	methods = { credentialTest: { hyfinApiTest }, resourceMapping: { getMappingColumns: mappingColumnsMethod(operations) } };

	execute = executeOperations(hyfinVendor, operations);
}
