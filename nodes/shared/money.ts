import { InvalidInputError } from './errors';
import { quote } from './validate';

const MAJOR_AMOUNT = /^(\d+)(?:\.(\d*))?$/;

/**
 * Converts a major-unit amount (`19.99`) to integer minor units (`1999`) with string arithmetic only, so no
 * binary floating-point rounding can change a price. More than two decimals are refused, not rounded.
 */
export function toMinorUnits(value: unknown, field: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = MAJOR_AMOUNT.exec(text);
	if (!match) {
		throw new InvalidInputError(
			field,
			`"${field}" must be a positive decimal amount such as 19.99, got ${quote(value)}`,
		);
	}
	const [, whole, fraction = ''] = match;
	const significant = fraction.replace(/0+$/, '');
	if (significant.length > 2) {
		throw new InvalidInputError(
			field,
			`"${field}" has more than 2 decimals: ${quote(text)}`,
			'Round the amount to cents before sending it, or give it in minor units.',
		);
	}
	const minor = Number(whole) * 100 + Number(significant.padEnd(2, '0'));
	if (!Number.isSafeInteger(minor)) {
		throw new InvalidInputError(field, `"${field}" is too large: ${quote(text)}`);
	}
	return minor;
}

/** An amount already in minor units: a whole number. */
export function checkMinorUnits(value: unknown, field: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw new InvalidInputError(
			field,
			`"${field}" must be a whole number of minor units (cents), got ${quote(value)}`,
			'1999 means 19.99. To enter 19.99 directly, set "Amount Unit" to major units.',
		);
	}
	return Number(text);
}

/** A payable amount in minor units from either unit; zero is refused. */
export function toPayableAmount(value: unknown, unit: 'minor' | 'major', field: string): number {
	const minor = unit === 'major' ? toMinorUnits(value, field) : checkMinorUnits(value, field);
	if (minor <= 0) throw new InvalidInputError(field, `"${field}" must be greater than zero`);
	return minor;
}

/** Integer minor units as the decimal number JSON carries (1999 → 19.99), built from its decimal text. */
export function fromMinorUnits(minor: number): number {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return Number(`${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

/**
 * The largest amount, in cents, that a JSON number carries exactly as a decimal: 9,999,999,999,999.99 (15
 * significant digits; beyond that a double can turn .91 into .9 on the wire).
 */
export const MAX_EXACT_CENTS = 999_999_999_999_999;

/** Integer cents as the decimal number a vendor receives, refused when that number would not be exact. */
export function toExactDecimal(minor: number, field: string): number {
	if (!Number.isSafeInteger(minor) || Math.abs(minor) > MAX_EXACT_CENTS) {
		throw new InvalidInputError(field, `"${field}" is too large to be sent exactly: at most 9999999999999.99`);
	}
	return fromMinorUnits(minor);
}

/** A positive quantity with at most 3 decimals, as an integer count of thousandths (1.5 → 1500), exactly. */
export function toThousandths(value: unknown, field: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
	const fraction = (match?.[2] ?? '').replace(/0+$/, '');
	if (!match || fraction.length > 3) {
		throw new InvalidInputError(field, `"${field}" must be a positive number with at most 3 decimals, such as 2 or 1.5, got ${quote(value)}`);
	}
	const thousandths = Number(match[1]) * 1000 + Number(fraction.padEnd(3, '0'));
	if (!(thousandths > 0) || !Number.isSafeInteger(thousandths)) throw new InvalidInputError(field, `"${field}" must be greater than zero`);
	return thousandths;
}
