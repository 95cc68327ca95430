import { InvalidInputError } from './errors';
import { cut } from './redact';

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(typeof value === 'number' && Number.isNaN(value))
	);
}

/** A user's value as quoted in messages: JSON (so blanks and types are visible), cut to about 100 characters. */
export function quote(value: unknown): string {
	let text: string | undefined;
	try {
		text = JSON.stringify(value);
	} catch {
		text = undefined;
	}
	return cut(text ?? String(value), 100);
}

/**
 * A required text value. Numbers that are safe integers (numeric ids from a CRM) are accepted as their
 * decimal text; any other number is refused, because its text may not be what the user sees (2^53 + 1
 * becomes another id). Objects and arrays are refused rather than sent as "[object Object]" or JSON.
 */
export function requireText(value: unknown, field: string): string {
	if (isEmpty(value)) throw new InvalidInputError(field, `"${field}" is required`);
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value)) return String(value);
		throw new InvalidInputError(
			field,
			`"${field}" is the number ${quote(value)}, which cannot be used exactly as text`,
			'Pass it as text, e.g. with .toString() in the expression or by quoting it at the source.',
		);
	}
	if (typeof value !== 'string') {
		throw new InvalidInputError(field, `"${field}" must be text, got ${quote(value)}`);
	}
	return value.trim();
}

/** An optional text value: `undefined` when empty. */
export function optionalText(value: unknown, field: string): string | undefined {
	return isEmpty(value) ? undefined : requireText(value, field);
}

/** An id that becomes one path segment: required text that cannot step to another endpoint (`.`, `..`). */
export function requirePathId(value: unknown, field: string): string {
	const id = requireText(value, field);
	if (id === '.' || id === '..') {
		throw new InvalidInputError(field, `"${field}" cannot be "${id}"`);
	}
	return id;
}

// Deliberately permissive (no vendor documents a format): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string, field: string): string {
	if (!EMAIL.test(value)) {
		throw new InvalidInputError(field, `"${field}" is not a valid email address: ${quote(value)}`);
	}
	return value;
}

/** An integer within bounds; accepts a number or a string of digits. */
export function toInteger(value: unknown, field: string, bounds: { min?: number; max?: number } = {}): number {
	const parsed =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)
				? Number(value)
				: Number.NaN;
	if (!Number.isSafeInteger(parsed)) {
		throw new InvalidInputError(field, `"${field}" must be a whole number, got ${quote(value)}`);
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
	throw new InvalidInputError(field, `"${field}" must be true or false, got ${quote(value)}`);
}

/**
 * One of an option's values, also when it comes from an expression. Text is compared without regard to
 * case and surrounding blanks, and the option's own spelling is returned.
 */
export function oneOf<T extends string | number>(value: unknown, allowed: readonly T[], field: string): T {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	const match = allowed.find((candidate) =>
		typeof candidate === 'string' ? candidate.toLowerCase() === text : candidate === value,
	);
	if (match === undefined) {
		const list = allowed.map((candidate) => `"${candidate}"`).join(', ');
		throw new InvalidInputError(field, `"${field}" must be one of ${list}, got ${quote(value)}`);
	}
	return match;
}

/** Comma-separated text (or an array from an expression) as a list of non-empty trimmed entries. */
export function toList(value: unknown, field: string): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return entries.filter((entry) => !isEmpty(entry)).map((entry) => requireText(entry, field));
}
