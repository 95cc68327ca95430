import type {
	IDataObject,
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyTypeOptions,
} from 'n8n-workflow';
import { checkEmail, isEmpty, oneOf, requireText, toBoolean, toInteger } from './validate';

/**
 * One field, declared once as data: how n8n shows it (name, label, type) and where it goes in the API's
 * request body (`apiPath`, a dot path for nested objects, e.g. `notification_options.notify_phone`).
 */
export interface FieldSpec {
	name: string;
	displayName: string;
	apiPath: string;
	type?: 'string' | 'boolean' | 'number' | 'options' | 'color';
	default?: string | number | boolean;
	description?: string;
	placeholder?: string;
	/** Shown under the field, where a user reads it without opening a tooltip. */
	hint?: string;
	options?: INodePropertyOptions[];
	typeOptions?: INodePropertyTypeOptions;
	/** Checks and converts the user's value to what the API expects; throws `InvalidInputError`. */
	convert?: (value: unknown, label: string) => unknown;
}

export const asEmail = (value: unknown, label: string): string => checkEmail(requireText(value, label), label);
export const asBoolean = (value: unknown, label: string): boolean => toBoolean(value, label);
export const asBooleanText = (value: unknown, label: string): string => String(toBoolean(value, label));
export const asWholeNumber = (value: unknown, label: string): number => toInteger(value, label, { min: 0 });
export const asText = (value: unknown, label: string): string => requireText(value, label);

/**
 * How a field without its own conversion is checked: an options field takes only its options' values
 * (also from an expression); anything else is text, so an object or array is refused rather than sent.
 */
function defaultConversion(field: FieldSpec): (value: unknown, label: string) => unknown {
	if (field.type === 'options' && field.options) {
		const values = field.options.map((option) => option.value as string | number);
		return (value, label) => oneOf(value, values, label);
	}
	if (field.type === 'boolean') return asBoolean;
	if (field.type === 'number') return asWholeNumber;
	return asText;
}

function defaultFor(field: FieldSpec): string | number | boolean {
	if (field.default !== undefined) return field.default;
	if (field.type === 'boolean') return false;
	if (field.type === 'number') return 0;
	return field.options?.[0]?.value?.toString() ?? '';
}

/** The n8n parameter for one field. */
export function fieldProperty(field: FieldSpec, extra: Partial<INodeProperties> = {}): INodeProperties {
	const property: INodeProperties = {
		displayName: field.displayName,
		name: field.name,
		type: field.type ?? 'string',
		default: defaultFor(field),
		...extra,
	};
	if (field.description) property.description = field.description;
	if (field.placeholder) property.placeholder = field.placeholder;
	if (field.hint) property.hint = field.hint;
	if (field.options) property.options = field.options;
	if (field.typeOptions) property.typeOptions = field.typeOptions;
	return property;
}

/** A collection parameter ("Add Field") holding the given fields, listed alphabetically as n8n does. */
export function collectionProperty(spec: {
	name: string;
	displayName: string;
	placeholder: string;
	fields: readonly FieldSpec[];
	displayOptions?: IDisplayOptions;
	description?: string;
}): INodeProperties {
	const options = [...spec.fields]
		.sort((a, b) => a.displayName.localeCompare(b.displayName))
		.map((field) => fieldProperty(field));
	const property: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: 'collection',
		placeholder: spec.placeholder,
		default: {},
		options,
	};
	if (spec.displayOptions) property.displayOptions = spec.displayOptions;
	if (spec.description) property.description = spec.description;
	return property;
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let cursor = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof cursor[key] !== 'object' || cursor[key] === null) cursor[key] = {};
		cursor = cursor[key] as IDataObject;
	}
	cursor[keys[keys.length - 1]] = value as IDataObject[string];
}

/**
 * Maps the user's values to the API's object: known fields only, empty values left out (an empty optional
 * field is never sent), each value checked and converted by its field. `label` prefixes field names in
 * error messages, e.g. "Billing Address › City".
 */
export function toApiObject(values: IDataObject | undefined, fields: readonly FieldSpec[], label?: string): IDataObject {
	const out: IDataObject = {};
	if (!values || typeof values !== 'object') return out;
	for (const field of fields) {
		const value = values[field.name];
		if (isEmpty(value)) continue;
		const fieldLabel = label ? `${label} › ${field.displayName}` : field.displayName;
		setPath(out, field.apiPath, (field.convert ?? defaultConversion(field))(value, fieldLabel));
	}
	return out;
}

/**
 * The fields with every flag starting off when added to a collection (except those named), so that adding
 * a flag to look at it changes nothing. Node version 2 forms use it; version 1 keeps its defaults.
 */
export function flagsOff(fields: readonly FieldSpec[], keepOn: readonly string[] = []): FieldSpec[] {
	return fields.map((field) => (field.type === 'boolean' && !keepOn.includes(field.name) ? { ...field, default: false } : field));
}

/** Human label of a field for messages. */
export function labelOf(fields: readonly FieldSpec[], name: string, parent?: string): string {
	const field = fields.find((candidate) => candidate.name === name);
	const own = field?.displayName ?? name;
	return parent ? `${parent} › ${own}` : own;
}
