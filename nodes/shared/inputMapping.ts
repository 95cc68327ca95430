import type { IDataObject, ILoadOptionsFunctions, INodeProperties, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { InvalidInputError } from './errors';
import type { FieldSpec } from './fields';
import type { InputMapping, OperationTable, ParameterGetter } from './types';

/**
 * "Map Automatically": an operation's parameters read from the input item instead of the node's fields.
 * Each mapped parameter is found under the names users see in the vendors' docs and in n8n (`first_name` or
 * `firstName`); a collection parameter's fields at the top of the item and/or inside a nested object (such
 * as `billingAddress`). Keys the mapping does not name are ignored: they are never sent.
 */

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The names a field is found under: its parameter name and its API name, each in camelCase and snake_case. */
export function fieldKeys(field: FieldSpec): string[] {
	const apiName = field.apiPath.split('.').pop() ?? field.apiPath;
	return [...new Set([field.name, snake(field.name), apiName, snake(apiName)])];
}

/** The first of `keys` that `source` holds a value for. */
function pick(source: IDataObject, keys: string[]): unknown {
	for (const key of keys) {
		const value = source[key];
		if (value !== undefined && value !== null) return value;
	}
	return undefined;
}

/** The mapped parameters' values from a source (an item's JSON, or the values of the field mapper). */
export function readMapped(source: IDataObject, mapping: InputMapping): IDataObject {
	const out: IDataObject = {};
	for (const entry of mapping) {
		if ('keys' in entry) {
			const value = pick(source, entry.keys);
			if (value !== undefined) out[entry.parameter] = value as IDataObject[string];
			const other = value === undefined ? entry.notFrom?.find((key) => source[key] !== undefined && source[key] !== null) : undefined;
			if (other !== undefined) {
				throw new InvalidInputError(
					entry.label,
					`Map Automatically reads "${entry.label}" only from ${entry.keys.join(' or ')}; this item has "${other}" instead, which is not used for it (it may be another record's ID)`,
					`Rename it to ${entry.keys[0]} if it is the ${entry.label}, or leave it out.`,
				);
			}
			continue;
		}
		const nested = (entry.within ?? []).map((key) => source[key]).find((value) => value !== null && typeof value === 'object' && !Array.isArray(value)) as IDataObject | undefined;
		const collection: IDataObject = {};
		for (const field of entry.fields) {
			const keys = fieldKeys(field);
			// The field mapper's flat columns name nested fields "<object>.<field>".
			const flat = (entry.within ?? []).flatMap((within) => keys.map((key) => `${within}.${key}`));
			const value = (nested ? pick(nested, keys) : undefined) ?? (entry.topLevel !== false ? pick(source, keys) : undefined) ?? pick(source, flat);
			if (value !== undefined) collection[field.name] = value as IDataObject[string];
		}
		out[entry.parameter] = collection;
	}
	return out;
}

/** The columns n8n's field mapper shows for a mapping (no API call: they come from the field definitions). */
export function mappingColumns(mapping: InputMapping): ResourceMapperField[] {
	return mapping.flatMap((entry): ResourceMapperField[] => {
		if ('keys' in entry) {
			return [{ id: entry.keys[0], displayName: entry.label, required: entry.required ?? false, defaultMatch: false, display: true, type: entry.type ?? 'string', canBeUsedToMatch: false }];
		}
		const prefix = entry.topLevel === false && entry.within?.length ? `${entry.within[0]}.` : '';
		return entry.fields.map((field) => ({
			id: `${prefix}${fieldKeys(field)[0]}`,
			displayName: `${entry.label} › ${field.displayName}`,
			required: false,
			defaultMatch: false,
			display: true,
			type: field.type === 'color' ? 'string' : (field.type ?? 'string'),
			...(field.options ? { options: field.options } : {}),
			canBeUsedToMatch: false,
		}));
	});
}

/** The Input parameter of the operations that take a record from the incoming item. */
export const inputModeProperty: INodeProperties = {
	displayName: 'Input',
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Define Below', value: 'defineBelow', description: 'Fill in each field below; expressions read the input item' },
		{
			name: 'Map Automatically',
			value: 'autoMap',
			description: 'Read each field from the input item by its name (e.g. first_name or firstName). Fastest for large batches.',
		},
	],
	default: 'defineBelow',
};

/** The field mapper shown with "Map Automatically": its columns are the operation's fields. */
export const fieldMappingProperty: INodeProperties = {
	displayName: 'Fields',
	name: 'fieldMapping',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'autoMapInputData', value: null },
	required: true,
	typeOptions: {
		loadOptionsDependsOn: ['resource', 'operation', 'apiVersion'],
		resourceMapper: {
			resourceMapperMethod: 'getMappingColumns',
			mode: 'add',
			fieldWords: { singular: 'field', plural: 'fields' },
			addAllFields: true,
			multiKeyMatch: false,
			supportAutoMap: true,
		},
	},
	displayOptions: { show: { inputMode: ['autoMap'] } },
};

/** The parameters an operation with an input mapping adds, and the `hide` its own fields get in that mode. */
export function withInputMode(fields: INodeProperties[]): INodeProperties[] {
	const hidden = fields.map((field) => ({ ...field, displayOptions: { ...field.displayOptions, hide: { ...field.displayOptions?.hide, inputMode: ['autoMap'] } } }));
	return [inputModeProperty, fieldMappingProperty, ...hidden];
}

/** The field mapper's column loader for a node's operations. */
export function mappingColumnsMethod(operations: OperationTable) {
	return async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
		const param = <T>(name: string, fallback?: unknown) => this.getNodeParameter(name, fallback) as T;
		const operation = operations[param<string>('resource', '')]?.[param<string>('operation', '')];
		return { fields: operation?.inputMapping ? mappingColumns(operation.inputMapping(param)) : [] };
	};
}

/**
 * The parameter getter of an item prepared with "Map Automatically": mapped parameters come from the item's
 * JSON (or, when the field mapper is switched to its manual mode, from the mapper's values); everything
 * else (options, API version) from the node. A value the source lacks reads as the parameter's fallback,
 * so a required field is reported missing and an optional one takes the operation's default.
 */
export function mappedParameters(base: ParameterGetter, mapping: InputMapping, itemJson: IDataObject): ParameterGetter {
	const mapper = base<IDataObject>('fieldMapping', {});
	const source = mapper.mappingMode === 'defineBelow' ? ((mapper.value as IDataObject | null) ?? {}) : itemJson;
	const values = readMapped(source, mapping);
	const names = new Set(mapping.map((entry) => entry.parameter));
	return <T = unknown>(name: string, fallback?: unknown) => (names.has(name) ? (values[name] ?? fallback) : base(name, fallback)) as T;
}
