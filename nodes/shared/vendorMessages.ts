/**
 * Turns a vendor's error entries into readable texts. Entries may be plain strings, `{code, message}`,
 * PascalCase `{ErrorCode, Message, Detail}`, or anything else (shown as compact JSON).
 */
export function vendorMessages(entries: unknown): string[] {
	const list = Array.isArray(entries) ? entries : entries === undefined || entries === null ? [] : [entries];
	return list.map(entryText).filter((text) => text !== '');
}

function entryText(entry: unknown): string {
	if (typeof entry === 'string') return entry.trim();
	if (typeof entry === 'number' || typeof entry === 'boolean') return String(entry);
	if (!entry || typeof entry !== 'object') return '';
	const record = entry as Record<string, unknown>;
	const code = record.code ?? record.ErrorCode ?? record.errorCode;
	const message = record.message ?? record.Message ?? record.msg ?? record.description;
	const detail = record.detail ?? record.Detail;
	const parts = [message, detail].filter((part) => typeof part === 'string' && part.trim() !== '') as string[];
	if (parts.length === 0) return code === undefined ? JSON.stringify(entry) : String(code);
	const text = parts.join(': ');
	return code === undefined || code === '' ? text : `${String(code)} ${text}`;
}
