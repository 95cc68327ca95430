import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';
import type { ItemInput } from '../../shared/types';
import { collectionProperty, emailWire, integerWire, textWire, toWireObject } from '../../shared/fields';
import type { FieldSpec } from '../../shared/fields';
import { requireText } from '../../shared/validate';

/** Uruguay's document types (Bamboo's ids are per country; any other integer can come from an expression). */
export const documentTypeOptions = [
	{ name: 'RUT (Business Tax Number)', value: 1 },
	{ name: 'CI (Cédula De Identidad)', value: 2 },
	{ name: 'Foreigner (Extranjero)', value: 3 },
];

/** Bamboo's Customer object, besides the identifier (`customer.*`). */
export const customerFields: readonly FieldSpec[] = [
	{ displayName: 'Email', name: 'email', wire: 'email', placeholder: 'name@email.com', toWire: emailWire },
	{ displayName: 'First Name', name: 'firstName', wire: 'firstName' },
	{ displayName: 'Last Name', name: 'lastName', wire: 'lastName' },
	{
		displayName: 'Document Type',
		name: 'documentTypeId',
		wire: 'documentTypeId',
		type: 'options',
		options: documentTypeOptions,
		default: 2,
		description:
			'Type of the identity document (Uruguay IDs shown). For another country, use an expression with its numeric ID.',
		toWire: integerWire,
	},
	{ displayName: 'Document Number', name: 'documentNumber', wire: 'documentNumber', placeholder: '11211234', toWire: textWire },
	{ displayName: 'Phone Number', name: 'phoneNumber', wire: 'phoneNumber', placeholder: '27101234', toWire: textWire },
];

/** Bamboo's Address object: one definition for the billing and the shipping address. */
export const addressFields: readonly FieldSpec[] = [
	{ displayName: 'Detail', name: 'detail', wire: 'detail', placeholder: 'Rambla 1234', description: 'Street and number' },
	{ displayName: 'Country', name: 'country', wire: 'country', placeholder: 'Uruguay', description: "Country name, as in Bamboo's examples" },
	{ displayName: 'State', name: 'state', wire: 'state', placeholder: 'Montevideo', description: 'State or department' },
	{ displayName: 'City', name: 'city', wire: 'city', placeholder: 'Montevideo' },
	{ displayName: 'Postal Code', name: 'postalCode', wire: 'postalCode', placeholder: '11300' },
];

/** The customer's identifier, used in the body or the path (URL-encoded) depending on the operation. */
export function identifierProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Customer Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. juan.perez@gmail.com',
		description: 'Your unique ID of the customer at Bamboo, such as the email address',
		displayOptions,
	};
}

/** The parameters that describe a customer, for every operation that sends one. */
export function customerProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		identifierProperty(displayOptions),
		collectionProperty({
			name: 'customerFields',
			displayName: 'Customer Fields',
			placeholder: 'Add Customer Field',
			fields: customerFields,
			displayOptions,
		}),
		collectionProperty({
			name: 'billingAddress',
			displayName: 'Billing Address',
			placeholder: 'Add Address Field',
			fields: addressFields,
			displayOptions,
		}),
		collectionProperty({
			name: 'shippingAddress',
			displayName: 'Shipping Address',
			placeholder: 'Add Address Field',
			fields: addressFields,
			displayOptions,
		}),
	];
}

/** The Customer object for the wire: empty fields and empty addresses are not sent. */
export function buildCustomer(input: {
	identifier: unknown;
	customerFields?: IDataObject;
	billingAddress?: IDataObject;
	shippingAddress?: IDataObject;
}): IDataObject {
	const customer: IDataObject = {
		identifier: requireText(input.identifier, 'Customer Identifier'),
		...toWireObject(input.customerFields, customerFields, 'Customer Fields'),
	};
	const billing = toWireObject(input.billingAddress, addressFields, 'Billing Address');
	const shipping = toWireObject(input.shippingAddress, addressFields, 'Shipping Address');
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
