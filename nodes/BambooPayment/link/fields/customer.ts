import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { InputMapping, ItemInput } from '../../../shared/types';
import { collectionProperty, asEmail, asWholeNumber, asText, toApiObject } from '../../../shared/fields';
import type { FieldSpec } from '../../../shared/fields';
import { requireText } from '../../../shared/validate';

/** Uruguay's document types (Bamboo's ids are per country; any other integer can come from an expression). */
export const documentTypeOptions = [
	{ name: 'RUT (Business Tax Number)', value: 1 },
	{ name: 'CI (Cédula De Identidad)', value: 2 },
	{ name: 'Foreigner (Extranjero)', value: 3 },
];

/** Bamboo's Customer object, besides the identifier (`customer.*`). */
export const customerFields: readonly FieldSpec[] = [
	{ displayName: 'Email', name: 'email', apiPath: 'email', placeholder: 'e.g. name@email.com', convert: asEmail },
	{ displayName: 'First Name', name: 'firstName', apiPath: 'firstName' },
	{ displayName: 'Last Name', name: 'lastName', apiPath: 'lastName' },
	{
		displayName: 'Document Type',
		name: 'documentTypeId',
		apiPath: 'documentTypeId',
		type: 'options',
		options: documentTypeOptions,
		default: 2,
		description:
			'Type of the identity document (Uruguay IDs shown). For another country, use an expression with its numeric ID.',
		convert: asWholeNumber,
	},
	{ displayName: 'Document Number', name: 'documentNumber', apiPath: 'documentNumber', placeholder: 'e.g. 11211234', convert: asText },
	{ displayName: 'Phone Number', name: 'phoneNumber', apiPath: 'phoneNumber', placeholder: 'e.g. 27101234', convert: asText },
];

/** Bamboo's Address object: one definition for the billing and the shipping address. */
export const addressFields: readonly FieldSpec[] = [
	{ displayName: 'Detail', name: 'detail', apiPath: 'detail', placeholder: 'e.g. Rambla 1234', description: 'Street and number' },
	{ displayName: 'Country', name: 'country', apiPath: 'country', placeholder: 'e.g. Uruguay', description: "Country name, as in Bamboo's examples" },
	{ displayName: 'State', name: 'state', apiPath: 'state', placeholder: 'e.g. Montevideo', description: 'State or department' },
	{ displayName: 'City', name: 'city', apiPath: 'city', placeholder: 'e.g. Montevideo' },
	{ displayName: 'Postal Code', name: 'postalCode', apiPath: 'postalCode', placeholder: 'e.g. 11300' },
];

/** The customer's identifier, used in the body or the path (URL-encoded) depending on the operation. */
export const identifierProperty: INodeProperties = {
	displayName: 'Customer Identifier',
	name: 'identifier',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. juan.perez@gmail.com',
	description: 'Your unique ID of the customer at Bamboo, such as the email address',
	hint: 'Your own unique ID for this customer at Bamboo; the email address works well. Bamboo stores cards and data under it.',
};

/** The parameters that describe a customer, for every operation that sends one. */
export const customerProperties: INodeProperties[] = [
	identifierProperty,
	collectionProperty({ name: 'customerFields', displayName: 'Customer Fields', placeholder: 'Add Customer Field', fields: customerFields }),
	collectionProperty({ name: 'billingAddress', displayName: 'Billing Address', placeholder: 'Add Address Field', fields: addressFields }),
	collectionProperty({ name: 'shippingAddress', displayName: 'Shipping Address', placeholder: 'Add Address Field', fields: addressFields }),
];

/** "Map Automatically": the customer read from the input item (the addresses as nested objects, as Bamboo's). */
export const customerMapping: InputMapping = [
	{ parameter: 'identifier', label: 'Customer Identifier', keys: ['identifier', 'customerIdentifier', 'customer_identifier'], required: true },
	{ parameter: 'customerFields', label: 'Customer Fields', fields: customerFields, within: ['customer'] },
	{ parameter: 'billingAddress', label: 'Billing Address', fields: addressFields, within: ['billingAddress', 'billing_address'], topLevel: false },
	{ parameter: 'shippingAddress', label: 'Shipping Address', fields: addressFields, within: ['shippingAddress', 'shipping_address'], topLevel: false },
];

/** The Customer object as Bamboo wants it: empty fields and empty addresses are not sent. */
export function buildCustomer(input: {
	identifier: unknown;
	customerFields?: IDataObject;
	billingAddress?: IDataObject;
	shippingAddress?: IDataObject;
}): IDataObject {
	const customer: IDataObject = {
		identifier: requireText(input.identifier, 'Customer Identifier'),
		...toApiObject(input.customerFields, customerFields, 'Customer Fields'),
	};
	const billing = toApiObject(input.billingAddress, addressFields, 'Billing Address');
	const shipping = toApiObject(input.shippingAddress, addressFields, 'Shipping Address');
	if (Object.keys(billing).length) customer.billingAddress = billing;
	if (Object.keys(shipping).length) customer.shippingAddress = shipping;
	return customer;
}

export function readCustomer(item: ItemInput): IDataObject {
	return buildCustomer({
		identifier: item.param('identifier', ''),
		customerFields: item.param('customerFields', {}) as IDataObject,
		billingAddress: item.param('billingAddress', {}) as IDataObject,
		shippingAddress: item.param('shippingAddress', {}) as IDataObject,
	});
}
