import { buildPaymentBody } from '../../nodes/BambooPayment/link/actions/payment/create.operation';
import { buildCustomer } from '../../nodes/BambooPayment/link/fields/customer';
import { BAMBOO_HOSTS, bambooBaseUrl, bambooVendor } from '../../nodes/BambooPayment/transport';

describe('Bamboo payment body', () => {
	it('keeps QR options only for QR and accepts the lowercase spelling', () => {
		expect(buildPaymentBody({ amount: '5', amountUnit: 'minor', currencyCode: 'uyu', paymentType: 'qr', qrImageOptions: { border: 1 } })).toEqual({
			amount: 5,
			currencyCode: 'UYU',
			paymentType: 'QR',
			qrImageOptions: { border: 1 },
		});
		expect(buildPaymentBody({ amount: 5, amountUnit: 'minor', currencyCode: 'UYU', paymentType: 'CheckoutPro', qrImageOptions: { border: 1 } })).not.toHaveProperty('qrImageOptions');
	});

	it('refuses an unknown amount unit and an embedded logo width outside (0, 1]', () => {
		expect(() => buildPaymentBody({ amount: 5, amountUnit: 'cents', currencyCode: 'UYU', paymentType: 'QR' })).toThrow('"Amount Unit" must be one of "minor", "major", got "cents"');
		expect(() => buildPaymentBody({ amount: 5, amountUnit: 'minor', currencyCode: 'UYU', paymentType: 'QR', qrImageOptions: { imagePixelFormat: 'svg' } })).toThrow(
			'"QR Image Options › File Format" must be one of',
		);
		expect(() => buildPaymentBody({ amount: 5, amountUnit: 'minor', currencyCode: 'UYU', paymentType: 'QR', qrImageOptions: { embeddedImageRelativeWidth: 2 } })).toThrow(
			'"QR Image Options › Embedded Image Relative Width" must be a fraction above 0 and at most 1, got 2',
		);
	});
});

describe('Bamboo customer object', () => {
	it('leaves out empty addresses and fields', () => {
		expect(buildCustomer({ identifier: 'id-1', customerFields: { email: '', firstName: 'A' }, billingAddress: { city: ' ' }, shippingAddress: {} })).toEqual({
			identifier: 'id-1',
			firstName: 'A',
		});
	});
});

describe('Bamboo transport', () => {
	it('picks the host by environment, the custom base URL only for custom', () => {
		expect(bambooBaseUrl({ environment: 'stage', baseUrl: 'http://127.0.0.1:1' })).toBe(BAMBOO_HOSTS.stage);
		expect(bambooBaseUrl({ environment: 'production' })).toBe('https://h2h.bamboopayment.com');
		expect(bambooBaseUrl({})).toBe('https://h2h.stage.bamboopayment.com');
		expect(bambooBaseUrl({ environment: 'custom', baseUrl: 'https://proxy.example.com' })).toBe('https://proxy.example.com');
	});

	it('recognises failures by status, isSuccess and errors; anything but isSuccess true is unconfirmed', () => {
		expect(bambooVendor.checkAnswer(200, { isSuccess: true, errors: [] })).toEqual({ kind: 'success' });
		expect(bambooVendor.checkAnswer(200, { isSuccess: false })).toEqual({ kind: 'failure', messages: [], refused: false });
		expect(bambooVendor.checkAnswer(200, { errors: [{ code: 'X', message: 'y' }] })).toEqual({ kind: 'failure', messages: ['X y'], refused: false });
		// Refused outright (so a create made nothing) only when isSuccess is false and the reasons are given.
		expect(bambooVendor.checkAnswer(200, { isSuccess: false, errors: ['PR009 refused'] })).toEqual({ kind: 'failure', messages: ['PR009 refused'], refused: true });
		expect(bambooVendor.checkAnswer(500, { message: 'boom' })).toEqual({ kind: 'failure', messages: ['boom'], refused: false });
		expect(bambooVendor.checkAnswer(204, {})).toEqual({ kind: 'unconfirmed', reason: '"isSuccess" is missing' });
		expect(bambooVendor.checkAnswer(200, { isSuccess: 'false' })).toEqual({ kind: 'unconfirmed', reason: '"isSuccess" is "false"' });
	});
});
