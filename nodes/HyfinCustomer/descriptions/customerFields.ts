import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { InvalidInputError } from '../../shared/errors';
import { booleanWire, emailWire, textWire } from '../../shared/fields';
import type { FieldSpec } from '../../shared/fields';
import { toList } from '../../shared/validate';

/** Optional fields of the flat v3 / v3.1 customer. */
export const v3CustomerFields: readonly FieldSpec[] = [
	{
		displayName: 'Account Name',
		name: 'accountName',
		wire: 'account_name',
		description: 'Extra label for a business customer, such as the company name',
	},
	{ displayName: 'Mobile Phone', name: 'mobilePhone', wire: 'mobile_phone', placeholder: '111-222-3333', toWire: textWire },
	{ displayName: 'Email', name: 'email', wire: 'email', placeholder: 'name@email.com', toWire: emailWire },
	{
		displayName: 'Notes',
		name: 'notes',
		wire: 'notes',
		typeOptions: { rows: 3 },
		description: 'Internal notes, visible to the merchant only',
	},
	{
		displayName: 'Active',
		name: 'active',
		wire: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether the customer is active; turn off to retire a customer',
		toWire: booleanWire,
	},
	{
		displayName: 'Notify by SMS',
		name: 'notifyPhone',
		wire: 'notification_options.notify_phone',
		type: 'boolean',
		default: true,
		description: 'Whether payment requests are sent by SMS (needs Mobile Phone)',
		toWire: booleanWire,
	},
	{
		displayName: 'Notify by Email',
		name: 'notifyEmail',
		wire: 'notification_options.notify_email',
		type: 'boolean',
		default: true,
		description: 'Whether payment requests are sent by email (needs Email)',
		toWire: booleanWire,
	},
];

/** The v4 primary contact, sent as `primary_contact`. */
export const primaryContactFields: readonly FieldSpec[] = [
	{ displayName: 'First Name', name: 'firstName', wire: 'first_name' },
	{ displayName: 'Last Name', name: 'lastName', wire: 'last_name' },
	{ displayName: 'Mobile Phone', name: 'mobilePhone', wire: 'mobile_phone', placeholder: '333-444-5555', toWire: textWire },
	{ displayName: 'Email', name: 'email', wire: 'email', placeholder: 'name@email.com', toWire: emailWire },
];

/** The v4 billing address of the primary contact, sent as `primary_contact.billing_address`. */
export const billingAddressFields: readonly FieldSpec[] = [
	{ displayName: 'Address Line 1', name: 'addressLine1', wire: 'address_line1', placeholder: '123 Main Street' },
	{ displayName: 'Address Line 2', name: 'addressLine2', wire: 'address_line2', placeholder: 'Suite 123' },
	{ displayName: 'City', name: 'city', wire: 'city' },
	{ displayName: 'State Code', name: 'stateCode', wire: 'state_code', placeholder: 'FL' },
	{ displayName: 'ZIP Code', name: 'zipCode', wire: 'zip_code', placeholder: '34102' },
];

/** Hyfin contact ids, the first one primary: `contacts: [{_id, isPrimary}]` (camelCase, as Hyfin's sample). */
function contactsWire(value: unknown, label: string): Array<{ _id: string; isPrimary: boolean }> {
	const ids = toList(value, label);
	if (ids.length === 0) throw new InvalidInputError(label, `"${label}" contains no contact ID`);
	return ids.map((id, index) => ({ _id: id, isPrimary: index === 0 }));
}

/** Optional fields of the v4 customer. */
export const v4CustomerFields: readonly FieldSpec[] = [
	{ displayName: 'Account Name', name: 'accountName', wire: 'account_name' },
	{
		displayName: 'Parent Customer ID',
		name: 'parentCustomer',
		wire: 'parent_customer',
		description: 'Hyfin ID of the parent customer',
	},
	{
		displayName: 'Bill to Parent',
		name: 'billToParentFlag',
		wire: 'bill_to_parent_flag',
		type: 'boolean',
		default: true,
		description: 'Whether invoices go to the parent customer (needs Parent Customer ID)',
		toWire: booleanWire,
	},
	{ displayName: 'Notes', name: 'notes', wire: 'notes', typeOptions: { rows: 3 } },
	{
		displayName: 'Deleted',
		name: 'deleted',
		wire: 'deleted',
		type: 'boolean',
		default: false,
		description: 'Whether the customer is marked as deleted (Hyfin v4 soft delete)',
		toWire: booleanWire,
	},
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		wire: 'contacts',
		placeholder: '6839e415564d3cc21603221e, 6839e415564d3cc216032230',
		description: 'Comma-separated IDs of existing Hyfin contacts; the first one becomes the primary contact',
		toWire: contactsWire,
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
