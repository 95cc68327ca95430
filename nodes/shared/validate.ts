import { InvalidInputError } from './errors';

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(typeof value === 'number' && Number.isNaN(value))
	);
}

/** A value as shown in messages: quoted when text, so blanks are visible; long values shortened. */
function describeValue(value: unknown): string {
	const text = JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A required text value; numbers (e.g. numeric ids from a CRM) are accepted as their decimal text. */
export function requireText(value: unknown, field: string): string {
	if (isEmpty(value)) throw new InvalidInputError(field, `"${field}" is required`);
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw new InvalidInputError(field, `"${field}" must be text, got ${describeValue(value)}`);
	}
	return value.trim();
}

/** An optional text value: `undefined` when empty. */
export function optionalText(value: unknown, field: string): string | undefined {
	return isEmpty(value) ? undefined : requireText(value, field);
}

// Deliberately permissive (no vendor documents a format): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string, field: string): string {
	if (!EMAIL.test(value)) {
		throw new InvalidInputError(field, `"${field}" is not a valid email address: ${describeValue(value)}`);
	}
	return value;
}

/** An integer within bounds; accepts a number or a string of digits. */
export function toInteger(
	value: unknown,
	field: string,
	bounds: { min?: number; max?: number } = {},
): number {
	const parsed =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)
				? Number(value)
				: Number.NaN;
	if (!Number.isSafeInteger(parsed)) {
		throw new InvalidInputError(field, `"${field}" must be a whole number, got ${describeValue(value)}`);
	}
	if (bounds.min !== undefined && parsed < bounds.min) {
		throw new InvalidInputError(field, `"${field}" must be at least ${bounds.min}, got ${parsed}`);
	}
	if (bounds.max !== undefined && parsed > bounds.max) {
		throw new InvalidInputError(field, `"${field}" must be at most ${bounds.max}, got ${parsed}`);
	}
	return parsed;
}

/** A boolean from a toggle or an expression (`true`/`false`, also as text). */
export function toBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InvalidInputError(field, `"${field}" must be true or false, got ${describeValue(value)}`);
}

/** Comma-separated text (or an array from an expression) as a list of non-empty trimmed entries. */
export function toList(value: unknown, field: string): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return entries.filter((entry) => !isEmpty(entry)).map((entry) => requireText(entry, field));
}
