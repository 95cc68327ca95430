import { InvalidInputError } from '../../nodes/shared/errors';
import { buildV3Body, buildV4Body } from '../../nodes/Hyfin/customer/actions/customer/upsert.operation';

describe('Hyfin v3 body', () => {
	it('maps required and optional fields to snake_case and nests notification options', () => {
		expect(
			buildV3Body({
				externalId: 7,
				firstName: ' Ana ',
				lastName: 'Silva',
				additionalFields: { email: 'a@b.co', notifyEmail: true, notifyPhone: false, active: true, notes: '' },
			}),
		).toEqual({
			external_id: '7',
			first_name: 'Ana',
			last_name: 'Silva',
			email: 'a@b.co',
			active: true,
			notification_options: { notify_email: true, notify_phone: false },
		});
	});

	it('requires the phone for SMS notifications', () => {
		expect(() => buildV3Body({ externalId: 'a', firstName: 'b', lastName: 'c', additionalFields: { notifyPhone: true } })).toThrow(
			InvalidInputError,
		);
	});
});

describe('Hyfin v4 body', () => {
	it('sends _id only to update and nests the billing address in the primary contact', () => {
		expect(buildV4Body({ customerId: '', displayName: 'X', primaryContact: { lastName: 'Doe' }, billingAddress: { zipCode: '34102' } })).toEqual({
			display_name: 'X',
			primary_contact: { last_name: 'Doe', billing_address: { zip_code: '34102' } },
		});
		expect(buildV4Body({ customerId: 'abc', displayName: 'X', v4Fields: { contactIds: 'c1' } })).toEqual({
			_id: 'abc',
			display_name: 'X',
			contacts: [{ _id: 'c1', isPrimary: true }],
		});
	});

	it('requires a parent customer when billing to the parent', () => {
		expect(() => buildV4Body({ customerId: '', displayName: 'X', primaryContact: { firstName: 'a' }, v4Fields: { billToParentFlag: true } })).toThrow(
			'"Additional Fields › Parent Customer ID" is required when "Bill to Parent" is on',
		);
	});
});
