import type { IDataObject } from 'n8n-workflow';
import type { toItemError } from './errors';

type NodeError = ReturnType<typeof toItemError>;

/** A record this run created, or one whose creation is unclear, as named in a failed run's error. */
export interface RecordNote extends IDataObject {
	item: number;
	record: string;
}

/** Says in an item's error that its record was created, and which: it must not be created again. */
export function namesCreated(error: NodeError, vendor: string, record: string, summary: IDataObject): void {
	const facts = describeFacts(summary);
	error.message = `${vendor} created the ${record}${facts ? ` (${facts})` : ''}, but this item could not be finished: ${error.message}`;
	error.description = [`The ${record} exists: do not create it again.`, error.description].filter(Boolean).join('\n\n');
	error.context.createdRecord = summary;
}

function describeFacts(facts: IDataObject): string {
	return Object.entries(facts)
		.filter(([key, value]) => key !== 'item' && key !== 'record' && value !== undefined && value !== null && value !== '')
		.map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
		.join(', ');
}

function describeNote(note: RecordNote): string {
	const facts = describeFacts(note);
	return `- item ${note.item}: ${note.record}${facts ? ` (${facts})` : ''}`;
}

/** Adds to the run's error what the run created and what may exist, so nothing created is lost from sight. */
export function nameRecords(error: NodeError, created: RecordNote[], unclear: RecordNote[]): NodeError {
	const byItem = (a: RecordNote, b: RecordNote) => a.item - b.item;
	const parts: string[] = [];
	if (created.length) {
		parts.push(
			`Before it stopped, this run created ${created.length} record(s). Do not create them again: leave them out when you run the failed items again.`,
			...created.sort(byItem).map(describeNote),
		);
	}
	if (unclear.length) {
		parts.push(
			`The outcome of ${unclear.length} create(s) is unknown: they may exist. Check before running them again.`,
			...unclear.sort(byItem).map(describeNote),
		);
	}
	if (parts.length === 0) return error;
	error.description = [error.description, parts.join('\n')].filter(Boolean).join('\n\n');
	error.context.createdRecords = created;
	error.context.unclearRecords = unclear;
	return error;
}
