import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { optionsCollection } from '../shared/requestOptions';
import { runOperations } from '../shared/runner';
import { asTool } from '../shared/toolDescription';
import * as get from './actions/customer/get.operation';
import * as upsert from './actions/customer/upsert.operation';
import { hyfinApiTest } from './methods/credentialTest';
import { hyfinVendor } from './transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Customer', value: 'customer' }],
		default: 'customer',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a customer',
			},
			{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
		],
		default: 'upsert',
	},
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
	optionsCollection([
		{
			displayName: 'Site ID',
			name: 'siteId',
			type: 'string',
			default: '',
			description: "Work in this Hyfin site instead of the credential's site",
		},
	]),
];

export class HyfinCustomer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hyfin Customer',
		name: 'hyfinCustomer',
		icon: { light: 'file:hyfin.svg', dark: 'file:hyfin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "get" ? "Get" : "Create or Update"}} customer ({{$parameter["apiVersion"]}})',
		description: 'Add, update and read customers in Hyfin',
		defaults: { name: 'Hyfin Customer' },
		usableAsTool: asTool(properties, {
			'customer.upsert':
				'Create or update a customer. In API version 4 without a Customer ID each call adds a new customer: if it fails with an error saying the customer may or may not have been added, do not call this tool again; give the display name to the person so they can check it in Hyfin',
		}),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hyfinApi', required: true, testedBy: 'hyfinApiTest' }],
		properties,
	};

	methods = { credentialTest: { hyfinApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runOperations(this, hyfinVendor, { customer: { upsert, get } }, { accessToken: 'Access Token' })];
	}
}
