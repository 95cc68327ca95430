import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Notifications are small; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A call the trigger answers itself, without starting an execution. */
export interface Answer {
	status: number;
	message: string;
}

/**
 * The request body as a JSON object. n8n has parsed a JSON body already; a body of another content type
 * reaches the node as raw bytes and is parsed here. Anything but a JSON object, or a body over the limit,
 * is refused.
 */
export function readJsonObject(request: { body?: unknown; rawBody?: unknown }): { body: IDataObject } | Answer {
	const raw = request.rawBody;
	const size = Buffer.isBuffer(raw) ? raw.length : typeof raw === 'string' ? Buffer.byteLength(raw) : 0;
	if (size > MAX_BODY_BYTES) return { status: 400, message: `The body is larger than ${MAX_BODY_BYTES} bytes` };
	let body = request.body;
	const parsedByN8n = body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length > 0;
	if (!parsedByN8n && (Buffer.isBuffer(raw) || typeof raw === 'string')) {
		try {
			body = JSON.parse(raw.toString());
		} catch {
			return { status: 400, message: 'The body is not JSON' };
		}
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400, message: 'The body is not a JSON object' };
	if (Object.keys(body).length === 0) return { status: 400, message: 'The body is an empty JSON object' };
	return { body: body as IDataObject };
}

/** Compares a secret a caller presented with the expected one in constant time (whatever their lengths). */
export function sameSecret(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || given === '' || expected === '') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** Answers the call directly (n8n then starts no execution). */
export function answer(ctx: IWebhookFunctions, reply: Answer): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.status(reply.status).json({ message: reply.message });
	return { noWebhookResponse: true };
}

const DELIVERIES = 'acceptedDeliveries';
const LIMITS = { maxEntries: 5000, maxAgeMs: 7 * 24 * 3600 * 1000 };

/**
 * Deliveries this process accepted, by workflow and node. n8n loads a trigger's static data for each call and
 * saves it once the call is answered, so two calls at once would both find a delivery new (and the later
 * save would drop the other's record); this in-memory record, checked and set in one synchronous step,
 * closes that gap for every call this process serves. Bounded like the static data.
 */
const acceptedHere = new Map<string, number>();

function forget(now: number): void {
	for (const [key, at] of acceptedHere) {
		if (now - at < LIMITS.maxAgeMs && acceptedHere.size <= LIMITS.maxEntries * 4) break;
		acceptedHere.delete(key);
	}
}

/**
 * Records a delivery in the node's static data (which n8n saves with the workflow) and tells whether it
 * is new. The record is bounded: entries older than `maxAgeMs` are dropped, and beyond `maxEntries` the
 * oldest go first. Keys are stored as short hashes.
 */
export function recordDelivery(staticData: IDataObject, key: string, now = Date.now(), limits = LIMITS): boolean {
	const seen = (typeof staticData[DELIVERIES] === 'object' && staticData[DELIVERIES] !== null ? staticData[DELIVERIES] : {}) as Record<string, number>;
	const fresh = Object.entries(seen).filter(([, at]) => typeof at === 'number' && now - at < limits.maxAgeMs);
	if (fresh.some(([known]) => known === key)) return false;
	fresh.push([key, now]);
	fresh.sort((a, b) => a[1] - b[1]);
	staticData[DELIVERIES] = Object.fromEntries(fresh.slice(-limits.maxEntries));
	return true;
}

/** A short, stable id of a delivery's identity: the same for every redelivery of one notification. */
export function deliveryIdOf(identity: string): string {
	return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/** Whether a trigger's delivery is new: not accepted by this process, nor recorded in the node's static data. */
export function acceptOnce(ctx: IWebhookFunctions, identity: string, now = Date.now()): boolean {
	const key = deliveryIdOf(identity);
	const here = `${ctx.getWorkflow().id ?? ''} ${ctx.getNode().id} ${key}`;
	const at = acceptedHere.get(here);
	if (at !== undefined && now - at < LIMITS.maxAgeMs) return false;
	acceptedHere.set(here, now);
	forget(now);
	// Recorded here first: a call that arrives while this one is being answered finds it.
	return recordDelivery(ctx.getWorkflowStaticData('node'), key, now);
}

/**
 * A vendor's timestamp as a moment: with a zone (Z, +hh:mm, GMT) as written; without one (a vendor that
 * documents a UTC timestamp and sends no zone) as UTC, whatever the time zone of the n8n process. NaN if unreadable.
 */
export function parseUtc(text: string): number {
	const trimmed = text.trim();
	const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/.exec(trimmed);
	if (iso) {
		const [year, month, day, hour, minute, second = '0', millis = '0'] = iso.slice(1);
		return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(millis.padEnd(3, '0')));
	}
	return Date.parse(/(Z|[+-]\d{2}:?\d{2}|GMT|UTC)$/i.test(trimmed) ? trimmed : `${trimmed} GMT`);
}

/** A stable text of a JSON value (keys sorted), for identities of payloads without their own id. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * Neither vendor has an API to subscribe a webhook: the URL is set by hand (per link, per site or in the
 * vendor's dashboard), so activating registers nothing and deactivating removes nothing.
 */
export const registeredByHand = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
