/**
 * Secret redaction. Every text the node emits or n8n stores passes through here before it is cut short,
 * so that no part of a key or token can survive in a truncated snippet.
 */

const REDACTED = '[redacted]';

/** The forms in which a secret may show up in an answer or a message: raw, base64, URL- and JSON-escaped. */
export function secretForms(secrets: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret === '') continue;
		forms.add(secret);
		forms.add(Buffer.from(secret, 'utf8').toString('base64'));
		forms.add(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''));
		forms.add(encodeURIComponent(secret));
		forms.add(JSON.stringify(secret).slice(1, -1));
	}
	// Longest first, so that a form containing another is replaced whole.
	return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of every form by `[redacted]`. `forms` comes from `secretForms`. */
export function redactText(text: string, forms: readonly string[]): string {
	let out = text;
	for (const form of forms) {
		if (out.includes(form)) out = out.split(form).join(REDACTED);
	}
	return out;
}

/** Redacts every string inside a JSON-like value (keys included), without changing its shape. */
export function redactValue<T>(value: T, forms: readonly string[], depth = 0): T {
	if (forms.length === 0) return value;
	if (typeof value === 'string') return redactText(value, forms) as T;
	if (value === null || typeof value !== 'object' || depth > 20 || Buffer.isBuffer(value)) return value;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, forms, depth + 1)) as T;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		out[redactText(key, forms)] = redactValue(entry, forms, depth + 1);
	}
	return out as T;
}

/** Cuts text to about `max` characters for a message; redact before calling this. */
export function cut(text: string, max = 100): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
