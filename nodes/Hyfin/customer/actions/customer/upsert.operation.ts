import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { InvalidInputError } from '../../../../shared/errors';
import { collectionProperty, flagsOff, labelOf, toApiObject } from '../../../../shared/fields';
import { withInputMode } from '../../../../shared/inputMapping';
import type { InputMapping, ItemInput, ParameterGetter, PreparedCall } from '../../../../shared/types';
import { optionalText, requireText } from '../../../../shared/validate';
import {
	billingAddressFields,
	externalIdProperty,
	primaryContactFields,
	v3CustomerFields,
	v4CustomerFields,
} from '../../fields/customer';
import { hyfinCall, hyfinSite, siteUrl } from '../../../transport';
import type { HyfinVersion } from '../../../transport';

const forVersions = (apiVersion: HyfinVersion[], nodeVersions?: number[]) => ({ show: { apiVersion, ...(nodeVersions ? { '@version': nodeVersions } : {}) } });

const properties: INodeProperties[] = [
	externalIdProperty(
		'Your own ID for the customer. Hyfin updates the customer with this ID, or adds one if none exists.',
		forVersions(['v3', 'v3.1']),
	),
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: forVersions(['v3', 'v3.1']),
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: forVersions(['v3', 'v3.1']),
	},
	...[1, 2].map((version) =>
		collectionProperty({
			name: 'additionalFields',
			displayName: 'Additional Fields',
			placeholder: 'Add Field',
			fields: version === 1 ? v3CustomerFields : flagsOff(v3CustomerFields, ['active']),
			displayOptions: forVersions(['v3', 'v3.1'], version === 1 ? [1] : [2, 3]),
		}),
	),
	{
		displayName: 'Version 4 needs a Primary Contact (a name, an email or a phone) or the IDs of existing Hyfin contacts (Additional Fields › Contact IDs)',
		name: 'v4Notice',
		type: 'notice',
		default: '',
		displayOptions: forVersions(['v4']),
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 60f720d248f143332af022e0',
		description: "Hyfin's ID of the customer to update. Leave empty to add a new customer.",
		displayOptions: forVersions(['v4']),
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ABC Plumbing',
		displayOptions: forVersions(['v4']),
	},
	collectionProperty({
		name: 'primaryContact',
		displayName: 'Primary Contact',
		placeholder: 'Add Contact Field',
		description: 'The main contact of the customer. Needed unless Contact IDs are given.',
		fields: primaryContactFields,
		displayOptions: forVersions(['v4']),
	}),
	collectionProperty({
		name: 'billingAddress',
		displayName: 'Billing Address',
		placeholder: 'Add Address Field',
		description: 'Billing address of the primary contact',
		fields: billingAddressFields,
		displayOptions: forVersions(['v4']),
	}),
	...[1, 2].map((version) =>
		collectionProperty({
			name: 'v4Fields',
			displayName: 'Additional Fields',
			placeholder: 'Add Field',
			fields: version === 1 ? v4CustomerFields : flagsOff(v4CustomerFields),
			displayOptions: forVersions(['v4'], version === 1 ? [1] : [2, 3]),
		}),
	),
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['upsert'] } }, withInputMode(properties));

/** "Map Automatically": the customer read from the input item, flat or nested as in Hyfin's own bodies. */
export function inputMapping(param: ParameterGetter): InputMapping {
	if (param('apiVersion', 'v3') !== 'v4') {
		return [
			{ parameter: 'externalId', label: 'External ID', keys: ['externalId', 'external_id'], required: true },
			{ parameter: 'firstName', label: 'First Name', keys: ['firstName', 'first_name'], required: true },
			{ parameter: 'lastName', label: 'Last Name', keys: ['lastName', 'last_name'], required: true },
			{ parameter: 'additionalFields', label: 'Additional Fields', fields: v3CustomerFields, within: ['notification_options', 'notificationOptions'] },
		];
	}
	return [
		{ parameter: 'customerId', label: 'Customer ID', keys: ['customerId', 'customer_id'] },
		{ parameter: 'displayName', label: 'Display Name', keys: ['displayName', 'display_name'], required: true },
		{ parameter: 'primaryContact', label: 'Primary Contact', fields: primaryContactFields, within: ['primaryContact', 'primary_contact'] },
		{ parameter: 'billingAddress', label: 'Billing Address', fields: billingAddressFields, within: ['billingAddress', 'billing_address'] },
		{ parameter: 'v4Fields', label: 'Additional Fields', fields: v4CustomerFields },
	];
}

/** The v3 / v3.1 body; checks required fields and the contact data each notification channel needs. */
export function buildV3Body(input: {
	externalId: unknown;
	firstName: unknown;
	lastName: unknown;
	additionalFields?: IDataObject;
}): IDataObject {
	const body: IDataObject = {
		external_id: requireText(input.externalId, 'External ID'),
		first_name: requireText(input.firstName, 'First Name'),
		last_name: requireText(input.lastName, 'Last Name'),
		...toApiObject(input.additionalFields, v3CustomerFields, 'Additional Fields'),
	};
	const notify = (body.notification_options ?? {}) as IDataObject;
	if (notify.notify_phone === true && body.mobile_phone === undefined) {
		const field = labelOf(v3CustomerFields, 'mobilePhone', 'Additional Fields');
		throw new InvalidInputError(field, `"${field}" is required when "Notify by SMS" is on`);
	}
	if (notify.notify_email === true && body.email === undefined) {
		const field = labelOf(v3CustomerFields, 'email', 'Additional Fields');
		throw new InvalidInputError(field, `"${field}" is required when "Notify by Email" is on`);
	}
	return body;
}

/** The v4 body: `_id` only to update; a primary contact (with its billing address) or contact IDs required. */
export function buildV4Body(input: {
	customerId: unknown;
	displayName: unknown;
	primaryContact?: IDataObject;
	billingAddress?: IDataObject;
	v4Fields?: IDataObject;
}): IDataObject {
	const body: IDataObject = {};
	const id = optionalText(input.customerId, 'Customer ID');
	if (id !== undefined) body._id = id;
	body.display_name = requireText(input.displayName, 'Display Name');
	Object.assign(body, toApiObject(input.v4Fields, v4CustomerFields, 'Additional Fields'));

	const contact = toApiObject(input.primaryContact, primaryContactFields, 'Primary Contact');
	const address = toApiObject(input.billingAddress, billingAddressFields, 'Billing Address');
	const hasContact = Object.keys(contact).length > 0;
	if (!hasContact && Object.keys(address).length > 0) {
		throw new InvalidInputError(
			'Primary Contact',
			'"Primary Contact" needs a name, email or phone when a Billing Address is given',
		);
	}
	if (hasContact) {
		body.primary_contact = Object.keys(address).length ? { ...contact, billing_address: address } : contact;
	}
	if (!hasContact && body.contacts === undefined) {
		throw new InvalidInputError(
			'Primary Contact',
			'Hyfin v4 needs a "Primary Contact" or "Additional Fields › Contact IDs"',
			'Add a first name, last name, email or phone under Primary Contact, or list existing Hyfin contact IDs.',
		);
	}
	if (body.bill_to_parent_flag === true && body.parent_customer === undefined) {
		const field = labelOf(v4CustomerFields, 'parentCustomer', 'Additional Fields');
		throw new InvalidInputError(field, `"${field}" is required when "Bill to Parent" is on`);
	}
	return body;
}

function v4Input(item: ItemInput) {
	return {
		customerId: item.param('customerId', ''),
		displayName: item.param('displayName', ''),
		primaryContact: item.param('primaryContact', {}) as IDataObject,
		billingAddress: item.param('billingAddress', {}) as IDataObject,
		v4Fields: item.param('v4Fields', {}) as IDataObject,
	};
}

function v3Input(item: ItemInput) {
	return {
		externalId: item.param('externalId', ''),
		firstName: item.param('firstName', ''),
		lastName: item.param('lastName', ''),
		additionalFields: item.param('additionalFields', {}) as IDataObject,
	};
}

export const toolAction =
	'Create or update a customer. In API version 4 without a Customer ID each call adds a new customer: if it fails with an error saying the customer may or may not have been added, do not call this tool again; give the display name to the person so they can check it in Hyfin';

export function prepare(item: ItemInput): PreparedCall {
	const { version, siteId } = hyfinSite(item);
	const body = version === 'v4' ? buildV4Body(v4Input(item)) : buildV3Body(v3Input(item));
	const url = siteUrl(item.baseUrl, version, siteId, 'customer', 'addUpdate');
	// v3 / v3.1 upsert by external_id and v4 with _id converge when repeated; a v4 create does not.
	if (version !== 'v4' || body._id !== undefined) return hyfinCall({ method: 'POST', url, body });
	const reference = `display name "${String(body.display_name)}"`;
	return hyfinCall({
		method: 'POST',
		url,
		body,
		creates: {
			record: 'Hyfin customer',
			reference,
			unclearOutcome: `The customer with ${reference} may or may not have been added to Hyfin: look it up in Hyfin before running this item again, and put its ID in "Customer ID" to update it instead`,
			idKey: '_id',
			summary: (answer) => ({ _id: answer._id, display_name: body.display_name }),
		},
	});
}
