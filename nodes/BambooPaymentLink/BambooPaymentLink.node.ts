import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { optionsCollection } from '../shared/requestOptions';
import * as createAccountLink from './actions/customer/createAccountLink.operation';
import * as getCustomer from './actions/customer/get.operation';
import * as createPayment from './actions/payment/create.operation';
import * as injectCustomer from './actions/payment/injectCustomer.operation';
import { router } from './actions/router';
import { customerProperties } from './descriptions/customer';
import { bambooPaymentApiTest } from './methods/credentialTest';

export class BambooPaymentLink implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bamboo Payment Link',
		name: 'bambooPaymentLink',
		icon: { light: 'file:bamboo.svg', dark: 'file:bamboo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create payment links and QR codes with Bamboo Payment and attach customers to them',
		defaults: { name: 'Bamboo Payment Link' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bambooPaymentApi', required: true, testedBy: 'bambooPaymentApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Payment', value: 'payment' },
				],
				default: 'payment',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['payment'] } },
				options: [
					{
						name: 'Create',
						value: 'create',
						description: 'Create a payment link (and QR code)',
						action: 'Create a payment link',
					},
					{ name: 'Get', value: 'get', description: 'Get a payment and its status', action: 'Get a payment' },
					{
						name: 'Inject Customer',
						value: 'injectCustomer',
						description: 'Add or update the customer of a payment, with billing and shipping addresses',
						action: 'Inject the customer of a payment',
					},
				],
				default: 'injectCustomer',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['customer'] } },
				options: [
					{
						name: 'Create Card Registration Link',
						value: 'createAccountLink',
						description: 'Create a link where the customer registers a card',
						action: 'Create a card registration link',
					},
					{ name: 'Delete', value: 'delete', description: "Delete a customer's stored data", action: 'Delete a customer' },
					{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
				],
				default: 'createAccountLink',
			},
			...createPayment.description,
			...injectCustomer.description,
			...customerProperties({
				show: { resource: ['payment', 'customer'], operation: ['injectCustomer', 'createAccountLink'] },
			}),
			...createAccountLink.description,
			...getCustomer.description,
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
			]),
		],
	};

	methods = { credentialTest: { bambooPaymentApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.call(this)];
	}
}
