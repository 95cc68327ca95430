import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { mappingColumnsMethod } from '../shared/inputMapping';
import { actionNode, operationProperty, resourceProperty } from '../shared/nodeDescription';
import { optionsCollection } from '../shared/options';
import { executeOperations } from '../shared/runner';
import { asTool } from '../shared/toolDescription';
import type { OperationTable } from '../shared/types';
import * as createAccountLink from './link/actions/customer/createAccountLink.operation';
import * as deleteCustomer from './link/actions/customer/delete.operation';
import * as getCustomer from './link/actions/customer/get.operation';
import * as createPayment from './link/actions/payment/create.operation';
import * as getPayment from './link/actions/payment/get.operation';
import * as injectCustomer from './link/actions/payment/injectCustomer.operation';
import { bambooPaymentApiTest } from './methods/credentialTest';
import { bambooVendor } from './transport';

const operations: OperationTable = {
	payment: { create: createPayment, injectCustomer, get: getPayment },
	customer: { createAccountLink, get: getCustomer, delete: deleteCustomer },
};

const paymentOperations = [
	{
		name: 'Attach Customer',
		value: 'injectCustomer',
		description: 'Add or update the customer of a payment, with billing and shipping addresses',
		action: 'Attach a customer to a payment',
	},
	{ name: 'Create', value: 'create', description: 'Create a payment link (and QR code)', action: 'Create a payment link' },
	{ name: 'Get', value: 'get', description: 'Get a payment and its status', action: 'Get a payment' },
];

const properties: INodeProperties[] = [
	resourceProperty(
		[
			{ name: 'Customer', value: 'customer' },
			{ name: 'Payment', value: 'payment' },
		],
		'payment',
	),
	// Version 3 opens on Create; versions 1 and 2 keep Attach Customer as their default.
	operationProperty('payment', paymentOperations, 'injectCustomer', [1, 2]),
	operationProperty('payment', paymentOperations, 'create', [3]),
	operationProperty(
		'customer',
		[
			{
				name: 'Create Card Registration Link',
				value: 'createAccountLink',
				description: 'Create a link where the customer registers a card',
				action: 'Create a card registration link',
			},
			{ name: 'Delete', value: 'delete', description: "Delete a customer's stored data", action: 'Delete a customer' },
			{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
		],
		'createAccountLink',
	),
	...createPayment.description,
	...injectCustomer.description,
	...getPayment.description,
	...createAccountLink.description,
	...getCustomer.description,
	...deleteCustomer.description,
	optionsCollection([
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: [
				{ name: 'English', value: 'en' },
				{ name: 'Portuguese', value: 'pt' },
				{ name: 'Spanish', value: 'es' },
			],
			default: 'en',
			description: "Language of Bamboo's error messages (the lang header)",
		},
		{
			displayName: 'Create Again for Order Numbers',
			name: 'createAgainFor',
			type: 'string',
			default: '',
			placeholder: 'e.g. SO-1042, SO-1043',
			description:
				"Order numbers whose earlier create had no clear answer and that you looked up in Bamboo's Merchant Console without finding a link: the node forgets them and creates them again. Each is used once; an order number whose link is known to exist is never created again.",
			displayOptions: { show: { '/resource': ['payment'], '/operation': ['create'] } },
		},
		{
			displayName: 'Once per Order Number',
			name: 'oncePerOrderNumber',
			type: 'boolean',
			default: true,
			description:
				"Whether to create at most one link per order number, across re-runs, crashes and workers. A repeat returns the existing link (skipped: true); an order whose earlier create had no clear answer, or that asks another amount, currency or type, becomes an error item. Remembered in n8n's database by this node (not a copy of it) for at least the latest 10,000 order numbers. On unless turned off (from node version 2).",
			displayOptions: { show: { '/resource': ['payment'], '/operation': ['create'] } },
		},
	]),
];

export class BambooPaymentLink implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bamboo Payment Link',
		name: 'bambooPaymentLink',
		icon: { light: 'file:bamboo.svg', dark: 'file:bamboo.dark.svg' },
		...actionNode,
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle:
			'={{ ({ "payment:create": "Create payment link", "payment:injectCustomer": "Attach customer to payment", "payment:get": "Get payment", "customer:createAccountLink": "Create card registration link", "customer:get": "Get customer", "customer:delete": "Delete customer" })[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Create payment links and QR codes with Bamboo Payment and attach customers to them',
		defaults: { name: 'Bamboo Payment Link' },
		usableAsTool: asTool(properties, operations),
		credentials: [{ name: 'bambooPaymentApi', required: true, testedBy: 'bambooPaymentApiTest' }],
		properties,
	};

	methods = { credentialTest: { bambooPaymentApiTest }, resourceMapping: { getMappingColumns: mappingColumnsMethod(operations) } };

	execute = executeOperations(bambooVendor, operations);
}
