/**
 * Node version 2 on the wire: what its reshaped forms send (Order Number as its own parameter, currency
 * and QR formats from lists, QR colours from the colour picker), and that version 1 workflows, saved with
 * the old forms, send exactly what they always did.
 */
import { bambooCredentials, hyfinCredentials, itemsWorkflow, packageNode, useEngineAndSandbox } from '../support/engine';

const { engine, sandbox } = useEngineAndSandbox();

async function run(type: 'bambooPaymentLink' | 'hyfinCustomer', typeVersion: number, parameters: Record<string, unknown>, rows: object[] = [{}]) {
	const node = { ...packageNode(type, parameters), typeVersion };
	const credentials = type === 'bambooPaymentLink' ? bambooCredentials(sandbox()) : hyfinCredentials(sandbox());
	return await engine().run(itemsWorkflow(rows, [node]), { credentials });
}

const create = { resource: 'payment', operation: 'create', amount: '1999', currencyCode: 'USD' };

describe('Bamboo Payment Link, version 2', () => {
	it('sends the Order Number parameter as orderNumber, next to the additional fields', async () => {
		const result = await run('bambooPaymentLink', 2, { ...create, orderNumber: '={{ $json.order }}', additionalFields: { invoiceNumber: '77', isFinalConsumer: false } }, [{ order: 'SO-V2-1' }]);
		expect(result.error).toBeUndefined();
		expect(sandbox().requests('bamboo', 'POST')[0].body).toEqual({
			amount: 1999,
			currencyCode: 'USD',
			paymentType: 'CheckoutPro',
			orderNumber: 'SO-V2-1',
			metadataIn: { invoiceNumber: '77', isFinalConsumer: 'false' },
		});
	});

	it('sends no orderNumber when the parameter is empty, and names the parameter itself in an error', async () => {
		await run('bambooPaymentLink', 2, { ...create, orderNumber: '' });
		expect(sandbox().requests('bamboo', 'POST')[0].body).not.toHaveProperty('orderNumber');
		sandbox().reset();
		const result = await run('bambooPaymentLink', 2, { ...create, orderNumber: '={{ $json.order }}' }, [{ order: { nested: true } }]);
		expect(result.nodeError('Bamboo Payment Link')?.message).toMatch(/^"Order Number" /);
		expect(sandbox().requests('bamboo')).toEqual([]);
	});

	it('sends what the QR colour pickers and format lists give', async () => {
		const qrImageOptions = { foregroundColor: '#1A2B3C', backgroundColor: '#FFFFFF', imageFormat: 'argb32', imagePixelFormat: 'png' };
		const result = await run('bambooPaymentLink', 2, { ...create, paymentType: 'QR', orderNumber: 'SO-V2-QR', qrImageOptions });
		expect(result.error).toBeUndefined();
		expect(sandbox().requests('bamboo', 'POST')[0].body).toMatchObject({ orderNumber: 'SO-V2-QR', qrImageOptions });
		expect(result.items('Bamboo Payment Link')[0].binary?.qrImage.mimeType).toBe('image/png');
	});

	it('still takes a currency the list lacks from an expression', async () => {
		await run('bambooPaymentLink', 2, { ...create, currencyCode: '={{ $json.currency }}' }, [{ currency: 'gtq' }]);
		expect(sandbox().requests('bamboo', 'POST')[0].body).toMatchObject({ currencyCode: 'GTQ' });
	});
});

describe('version 1 workflows keep working unchanged', () => {
	it('read Order Number from Additional Fields, and ignore a stray top-level one', async () => {
		await run('bambooPaymentLink', 1, { ...create, orderNumber: 'IGNORED', additionalFields: { orderNumber: 'SO-V1-1', isFinalConsumer: true } });
		expect(sandbox().requests('bamboo', 'POST')[0].body).toEqual({
			amount: 1999,
			currencyCode: 'USD',
			paymentType: 'CheckoutPro',
			orderNumber: 'SO-V1-1',
			metadataIn: { isFinalConsumer: 'true' },
		});
	});

	it('Hyfin: the same upsert body from version 1 and version 2', async () => {
		const parameters = { resource: 'customer', operation: 'upsert', apiVersion: 'v3', externalId: 'crm-v', firstName: 'Ana', lastName: 'Silva', additionalFields: { notifyPhone: false, mobilePhone: '305-555-0101', active: true } };
		await run('hyfinCustomer', 1, parameters);
		await run('hyfinCustomer', 2, parameters);
		const [v1, v2] = sandbox().requests('hyfin', 'POST').map((entry) => entry.body);
		expect(v2).toEqual(v1);
		expect(v1).toMatchObject({ external_id: 'crm-v', notification_options: { notify_phone: false } });
	});
});
