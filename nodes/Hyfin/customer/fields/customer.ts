import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { InvalidInputError } from '../../../shared/errors';
import { asBoolean, asEmail, asText } from '../../../shared/fields';
import type { FieldSpec } from '../../../shared/fields';
import { toList } from '../../../shared/validate';

/** Optional fields of the flat v3 / v3.1 customer. */
export const v3CustomerFields: readonly FieldSpec[] = [
	{
		displayName: 'Account Name',
		name: 'accountName',
		apiPath: 'account_name',
		description: 'Extra label for a business customer, such as the company name',
	},
	{ displayName: 'Mobile Phone', name: 'mobilePhone', apiPath: 'mobile_phone', placeholder: 'e.g. 111-222-3333', convert: asText },
	{ displayName: 'Email', name: 'email', apiPath: 'email', placeholder: 'e.g. name@email.com', convert: asEmail },
	{
		displayName: 'Notes',
		name: 'notes',
		apiPath: 'notes',
		typeOptions: { rows: 3 },
		description: 'Internal notes, visible to the merchant only',
	},
	{
		displayName: 'Active',
		name: 'active',
		apiPath: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether the customer is active; turn off to retire a customer',
		convert: asBoolean,
	},
	{
		displayName: 'Notify by SMS',
		name: 'notifyPhone',
		apiPath: 'notification_options.notify_phone',
		type: 'boolean',
		default: true,
		description: 'Whether payment requests are sent by SMS (needs Mobile Phone)',
		convert: asBoolean,
	},
	{
		displayName: 'Notify by Email',
		name: 'notifyEmail',
		apiPath: 'notification_options.notify_email',
		type: 'boolean',
		default: true,
		description: 'Whether payment requests are sent by email (needs Email)',
		convert: asBoolean,
	},
];

/** The v4 primary contact, sent as `primary_contact`. */
export const primaryContactFields: readonly FieldSpec[] = [
	{ displayName: 'First Name', name: 'firstName', apiPath: 'first_name' },
	{ displayName: 'Last Name', name: 'lastName', apiPath: 'last_name' },
	{ displayName: 'Mobile Phone', name: 'mobilePhone', apiPath: 'mobile_phone', placeholder: 'e.g. 333-444-5555', convert: asText },
	{ displayName: 'Email', name: 'email', apiPath: 'email', placeholder: 'e.g. name@email.com', convert: asEmail },
];

/** The v4 billing address of the primary contact, sent as `primary_contact.billing_address`. */
export const billingAddressFields: readonly FieldSpec[] = [
	{ displayName: 'Address Line 1', name: 'addressLine1', apiPath: 'address_line1', placeholder: 'e.g. 123 Main Street' },
	{ displayName: 'Address Line 2', name: 'addressLine2', apiPath: 'address_line2', placeholder: 'e.g. Suite 123' },
	{ displayName: 'City', name: 'city', apiPath: 'city' },
	{ displayName: 'State Code', name: 'stateCode', apiPath: 'state_code', placeholder: 'e.g. FL' },
	{ displayName: 'ZIP Code', name: 'zipCode', apiPath: 'zip_code', placeholder: 'e.g. 34102' },
];

/** Hyfin contact ids, the first one primary: `contacts: [{_id, isPrimary}]` (camelCase, as Hyfin's sample). */
function asContactList(value: unknown, label: string): Array<{ _id: string; isPrimary: boolean }> {
	const ids = toList(value, label);
	if (ids.length === 0) throw new InvalidInputError(label, `"${label}" contains no contact ID`);
	return ids.map((id, index) => ({ _id: id, isPrimary: index === 0 }));
}

/** Optional fields of the v4 customer. */
export const v4CustomerFields: readonly FieldSpec[] = [
	{ displayName: 'Account Name', name: 'accountName', apiPath: 'account_name' },
	{
		displayName: 'Parent Customer ID',
		name: 'parentCustomer',
		apiPath: 'parent_customer',
		description: 'Hyfin ID of the parent customer',
	},
	{
		displayName: 'Bill to Parent',
		name: 'billToParentFlag',
		apiPath: 'bill_to_parent_flag',
		type: 'boolean',
		default: true,
		description: 'Whether invoices go to the parent customer (needs Parent Customer ID)',
		convert: asBoolean,
	},
	{ displayName: 'Notes', name: 'notes', apiPath: 'notes', typeOptions: { rows: 3 } },
	{
		displayName: 'Deleted',
		name: 'deleted',
		apiPath: 'deleted',
		type: 'boolean',
		default: false,
		description: 'Whether the customer is marked as deleted (Hyfin v4 soft delete)',
		convert: asBoolean,
	},
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		apiPath: 'contacts',
		placeholder: 'e.g. 6839e415564d3cc21603221e, 6839e415564d3cc216032230',
		description: 'Comma-separated IDs of existing Hyfin contacts; the first one becomes the primary contact',
		convert: asContactList,
	},
];

/** Your own id of a v3 / v3.1 customer: the upsert key, and the path of Get. */
export function externalIdProperty(description: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. the contact ID in your CRM',
		description,
		displayOptions,
	};
}
