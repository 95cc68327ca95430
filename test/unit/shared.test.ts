import { checkBaseUrl } from '../../nodes/shared/urlSafety';
import { InvalidInputError } from '../../nodes/shared/errors';
import { cut, redactText, redactValue, secretForms } from '../../nodes/shared/redact';
import { asBooleanText, collectionProperty, asEmail, toApiObject } from '../../nodes/shared/fields';
import type { FieldSpec } from '../../nodes/shared/fields';
import { checkMinorUnits, toMinorUnits, toPayableAmount } from '../../nodes/shared/money';
import { readConcurrency, readPolicy, requestOptionProperties } from '../../nodes/shared/options';
import { classifyNetworkFailure, parseRetryAfter, REQUEST_DEFAULTS, retryDelay } from '../../nodes/shared/retry';
import { checkEmail, oneOf, quote, requirePathId, requireText, toInteger, toList } from '../../nodes/shared/validate';
import { vendorMessages } from '../../nodes/shared/vendorMessages';

function thrown(fn: () => unknown): InvalidInputError {
	try {
		fn();
	} catch (error) {
		if (error instanceof InvalidInputError) return error;
		throw error;
	}
	throw new Error('expected an InvalidInputError');
}

describe('validators', () => {
	it('requires text, accepts numbers as text, trims', () => {
		expect(requireText('  a ', 'F')).toBe('a');
		expect(requireText(42, 'F')).toBe('42');
		expect(thrown(() => requireText('  ', 'First Name')).message).toBe('"First Name" is required');
		expect(thrown(() => requireText({ a: 1 }, 'F')).message).toBe('"F" must be text, got {"a":1}');
	});

	it('checks email shape', () => {
		expect(checkEmail('a.b+c@d.co', 'Email')).toBe('a.b+c@d.co');
		for (const bad of ['a', 'a@b', '@b.co', 'a b@c.co', 'a@b .co']) {
			expect(thrown(() => checkEmail(bad, 'Email')).field).toBe('Email');
		}
	});

	it('parses integers with bounds', () => {
		expect(toInteger('12', 'N')).toBe(12);
		expect(toInteger(3, 'N', { min: 0 })).toBe(3);
		expect(thrown(() => toInteger('1.5', 'N')).message).toBe('"N" must be a whole number, got "1.5"');
		expect(thrown(() => toInteger(-1, 'N', { min: 0 })).message).toBe('"N" must be at least 0, got -1');
	});

	it('refuses numbers that are not safe integers as text, and path ids that step elsewhere', () => {
		expect(requireText(2 ** 53 - 1, 'F')).toBe('9007199254740991');
		expect(thrown(() => requireText(2 ** 53 + 2, 'External ID')).hint).toMatch(/Pass it as text/);
		expect(thrown(() => requireText(1.5, 'F')).field).toBe('F');
		expect(thrown(() => requireText(['a'], 'F')).message).toBe('"F" must be text, got ["a"]');
		for (const id of ['.', '..', ' .. ']) expect(thrown(() => requirePathId(id, 'Payment ID')).field).toBe('Payment ID');
		expect(requirePathId('a.b', 'P')).toBe('a.b');
	});

	it('takes only an option\'s values, in its own spelling, and quotes at most about 100 characters', () => {
		expect(oneOf(' QR ', ['CheckoutPro', 'QR'], 'T')).toBe('QR');
		expect(oneOf(2, [1, 2, 3], 'T')).toBe(2);
		expect(thrown(() => oneOf('fr', ['en', 'es', 'pt'], 'Language')).message).toBe('"Language" must be one of "en", "es", "pt", got "fr"');
		expect(thrown(() => oneOf({ $gt: '' }, ['en'], 'L')).message).toBe('"L" must be one of "en", got {"$gt":""}');
		expect(quote('z'.repeat(500)).length).toBeLessThanOrEqual(100);
	});

	it('splits lists and drops blanks', () => {
		expect(toList(' a, b ,,c ', 'L')).toEqual(['a', 'b', 'c']);
		expect(toList(['x', 2], 'L')).toEqual(['x', '2']);
		expect(toList(' , ', 'L')).toEqual([]);
	});
});

describe('fields as data', () => {
	const fields: FieldSpec[] = [
		{ displayName: 'Email', name: 'email', apiPath: 'email', convert: asEmail },
		{ displayName: 'City', name: 'city', apiPath: 'address.city' },
		{ displayName: 'Final', name: 'final', apiPath: 'meta.isFinal', type: 'boolean', convert: asBooleanText },
		{ displayName: 'Count', name: 'count', apiPath: 'count', type: 'number' },
	];

	it('maps to nested wire keys, omits empty values, keeps false and 0', () => {
		expect(toApiObject({ email: 'a@b.co', city: ' Montevideo ', final: false, count: 0, unknown: 'x' }, fields)).toEqual({
			email: 'a@b.co',
			address: { city: 'Montevideo' },
			meta: { isFinal: 'false' },
			count: 0,
		});
		expect(toApiObject({ email: '', city: '  ', final: undefined }, fields)).toEqual({});
		expect(toApiObject(undefined, fields)).toEqual({});
	});

	it('names the field with its parent in errors', () => {
		const error = thrown(() => toApiObject({ email: 'nope' }, fields, 'Customer'));
		expect(error.message).toBe('"Customer › Email" is not a valid email address: "nope"');
	});

	it('builds an alphabetical collection property', () => {
		const property = collectionProperty({ name: 'c', displayName: 'C', placeholder: 'Add', fields });
		expect(property.type).toBe('collection');
		expect(property.default).toEqual({});
		expect((property.options as Array<{ name: string }>).map((o) => o.name)).toEqual(['city', 'count', 'email', 'final']);
	});
});

describe('base URL safety', () => {
	it('accepts https anywhere and http only on loopback, without trailing slash', () => {
		expect(checkBaseUrl('https://api.example.com/', 'U')).toBe('https://api.example.com');
		expect(checkBaseUrl('https://api.example.com/prefix/', 'U')).toBe('https://api.example.com/prefix');
		expect(checkBaseUrl('http://127.0.0.1:8080/hyfin', 'U')).toBe('http://127.0.0.1:8080/hyfin');
		expect(checkBaseUrl('http://localhost:1', 'U')).toBe('http://localhost:1');
		expect(checkBaseUrl('http://[::1]:9/x', 'U')).toBe('http://[::1]:9/x');
	});

	it.each(['http://example.com', 'http://127.0.0.1.example.com', 'ftp://127.0.0.1', 'https://u:p@h.com', 'https://h.com?x=1', 'nope', ''])(
		'refuses %s',
		(url) => {
			expect(thrown(() => checkBaseUrl(url, 'Base URL')).field).toBe('Base URL');
		},
	);
});

describe('money', () => {
	it.each([
		['19.99', 1999],
		['0.10', 10],
		['1234.5', 123450],
		['7', 700],
		['19.990', 1999],
		[0.1, 10],
		[19.99, 1999],
		['1.005'.slice(0, 4), 100],
	])('converts %p to %p minor units exactly', (major, minor) => {
		expect(toMinorUnits(major, 'Amount')).toBe(minor);
	});

	it.each(['1.005', '0.001', '-1', '1e3', '1,50', 'abc', '', 0.1 + 0.2])('refuses major amount %p', (value) => {
		expect(thrown(() => toMinorUnits(value, 'Amount')).field).toBe('Amount');
	});

	it('checks minor units and refuses zero for a payment', () => {
		expect(checkMinorUnits('1999', 'Amount')).toBe(1999);
		expect(thrown(() => checkMinorUnits('19.99', 'Amount')).hint).toMatch(/major units/);
		expect(thrown(() => toPayableAmount(0, 'minor', 'Amount')).message).toBe('"Amount" must be greater than zero');
		expect(toPayableAmount('0.01', 'major', 'Amount')).toBe(1);
	});
});

describe('retry policy', () => {
	it('only a refused connection or failed lookup proves the request was not sent', () => {
		const none = { cancelled: false, deadlinePassed: false };
		expect(classifyNetworkFailure({ code: 'ECONNREFUSED' }, none)).toBe('notSent');
		expect(classifyNetworkFailure({ cause: { code: 'ENOTFOUND' } }, none)).toBe('notSent');
		expect(classifyNetworkFailure({ cause: { code: 'ECONNRESET' } }, none)).toBe('maybeSent');
		expect(classifyNetworkFailure({ code: 'ECONNABORTED' }, none)).toBe('timedOut');
		expect(classifyNetworkFailure(new Error('unknown'), none)).toBe('maybeSent');
		expect(classifyNetworkFailure({ code: 'ECONNREFUSED' }, { cancelled: true, deadlinePassed: false })).toBe('cancelled');
		expect(classifyNetworkFailure({ code: 'ERR_CANCELED' }, { cancelled: false, deadlinePassed: true })).toBe('timedOut');
		// An abort that neither the execution nor the deadline caused is not proof of anything.
		expect(classifyNetworkFailure({ code: 'ERR_CANCELED' }, none)).toBe('maybeSent');
		expect(classifyNetworkFailure({ errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] }, none)).toBe('notSent');
		expect(classifyNetworkFailure({ errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNRESET' }] }, none)).toBe('maybeSent');
	});

	it('reads the request options from the one table of defaults and limits the UI shows', () => {
		expect(readPolicy({})).toEqual({ maxRetries: 3, timeout: 30000, baseDelay: 1000, maxWait: 30000 });
		expect(readConcurrency({})).toBe(5);
		expect(thrown(() => readPolicy({ maxRetries: 11 })).message).toBe('"Max Retries" must be at most 10, got 11');
		expect(thrown(() => readConcurrency({ concurrency: 65 })).field).toBe('Concurrency');
		for (const property of requestOptionProperties) {
			const limits = REQUEST_DEFAULTS[property.name as keyof typeof REQUEST_DEFAULTS];
			expect([property.name, property.default, property.typeOptions]).toEqual([property.name, limits.default, { minValue: limits.min, maxValue: limits.max }]);
		}
	});

	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['0.5'])).toBe(500);
		const now = Date.parse('2026-11-24T10:00:00Z');
		expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with jitter, honours Retry-After, and caps both', () => {
		const policy = { baseDelay: 100, maxWait: 1000 };
		expect(retryDelay(0, policy, undefined, () => 0)).toBe(50);
		expect(retryDelay(0, policy, undefined, () => 0.999999)).toBe(100);
		expect(retryDelay(2, policy, undefined, () => 0.999999)).toBe(400);
		expect(retryDelay(10, policy, undefined, () => 0.999999)).toBe(1000);
		expect(retryDelay(0, policy, 700)).toBe(700);
		expect(retryDelay(0, policy, 60000)).toBe(1000);
	});
});

describe('vendor messages', () => {
	it('reads every error entry shape', () => {
		expect(
			vendorMessages([
				'plain text',
				{ code: 'BP001', message: 'Invalid amount' },
				{ ErrorCode: 'TK017', Message: 'Invalid document', Detail: 'Check digit' },
				{ message: 'Only a message' },
				{ code: 'ONLYCODE' },
				{ weird: true },
			]),
		).toEqual(['plain text', 'BP001 Invalid amount', 'TK017 Invalid document: Check digit', 'Only a message', 'ONLYCODE', '{"weird":true}']);
		expect(vendorMessages('single')).toEqual(['single']);
		expect(vendorMessages(undefined)).toEqual([]);
	});

	it('redacts secrets in every form, keys and values, before cutting', () => {
		const forms = secretForms(['abcd1234', '']);
		expect(redactText('token abcd1234 and abcd1234', forms)).toBe('token [redacted] and [redacted]');
		expect(redactText(`Basic ${Buffer.from('abcd1234').toString('base64')}`, forms)).toBe('Basic [redacted]');
		expect(redactValue({ abcd1234: ['x abcd1234'], n: 1 }, forms)).toEqual({ '[redacted]': ['x [redacted]'], n: 1 });
		// The key straddles the cut: redacting first leaves no part of it.
		const text = `${'x'.repeat(95)}abcd1234${'y'.repeat(20)}`;
		expect(cut(redactText(text, forms), 100)).not.toMatch(/abcd|1234/);
	});
});
